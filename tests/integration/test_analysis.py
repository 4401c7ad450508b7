"""The analysis layer on an invented corpus: merges, the non-merges, statement clusters, mentions, search,
operator merge/unmerge, the reader role's limits, the report."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo
from typer.testing import CliRunner

from claims_etl.cli_analysis import analysis_app
from claims_etl.report import build_report
from infra.config import get_settings
from infra.db import connect
from schemas.claim import NamedEntity
from tasks.analyse import refresh_analysis
from tasks.analyse.operator import find_speaker, operator_merge, operator_unmerge
from tasks.load import load_batch, start_run
from tests.fixtures.analysis_articles import LATER_ARTICLE, SYNDICATED, build, build_all

pytestmark = pytest.mark.integration


def _one(conn: psycopg.Connection[Any], query: str, *params: object) -> Any:
    row = conn.execute(query, params).fetchone()
    assert row is not None
    return row[0]


def _speaker_of(conn: psycopg.Connection[Any], claim_text: str) -> str | None:
    """The canonical name of the (resolved) speaker of the claim with this exact text, in every article."""
    names = {r[0] for r in conn.execute("SELECT speaker FROM claim_facts WHERE claim = %s", (claim_text,)).fetchall()}
    assert len(names) == 1, names
    return names.pop()  # type: ignore[no-any-return]


@pytest.fixture()
def corpus(clean_db: str) -> Iterator[str]:
    """The invented corpus loaded in one run and analysed once."""
    with connect(clean_db) as conn:
        run_id = start_run(conn, "manual", {}, None)
        result = load_batch(conn, run_id, build_all())
        assert not result.failed
        refresh_analysis(conn)
    yield clean_db


def test_same_person_under_different_name_forms_is_one_speaker(corpus: str) -> None:
    with connect(corpus) as conn:
        # "Teodor Vashkelin" (full name), "Mr. Vashkelin" (syndicated copy), the partial quote: one speaker
        rows = conn.execute(
            "SELECT speaker_id, claims, articles, name_forms FROM speaker_directory WHERE canonical_name = %s",
            ("Teodor Vashkelin",),
        ).fetchall()
        assert len(rows) == 1
        speaker_id, claims, articles, forms = rows[0]
        assert (claims, articles) == (3, 3)
        assert {"Teodor Vashkelin", "Mr. Vashkelin"} <= set(forms)
        assert _speaker_of(conn, SYNDICATED) == "Teodor Vashkelin"
        merge = conn.execute(
            "SELECT rule, method, article_id IS NOT NULL, evidence::text FROM speaker_merge_log "
            "WHERE from_name = 'Vashkelin' AND active"
        ).fetchone()
        assert merge is not None and merge[:3] == ("surname", "auto", True)
        assert "same quoted statement" in merge[3] and "roles share" in merge[3]
        # the organisation and its initials
        assert _speaker_of(conn, "Norrland Dredging would start work in April") == "Rivermouth Port Authority"
        assert speaker_id == find_speaker(conn, "Teodor Vashkelin")


def test_transliteration_variants_merge_only_with_evidence(corpus: str) -> None:
    with connect(corpus) as conn:
        assert _speaker_of(conn, "Exports will recover once the new quay opens") == "Ramiz Quliyev"
        explained = conn.execute(
            "SELECT rule, reason, evidence::text FROM speaker_merge_log WHERE from_name = 'Ramiz Guliev'"
        ).fetchone()
        assert explained is not None and explained[0] == "transliteration"
        assert "economist" in explained[2]
        # same romanisation key, nothing else in common (a violin teacher): stays apart
        assert _speaker_of(conn, "the children had rehearsed since January") == "Teodor Washkelin"
        assert _one(conn, "SELECT count(*) FROM speaker_merge_log WHERE from_name = 'Teodor Washkelin'") == 0


def test_two_people_sharing_a_surname_stay_apart(corpus: str) -> None:
    with connect(corpus) as conn:
        assert _speaker_of(conn, "members would walk out on Friday") == "Pavel Morrow"
        assert _speaker_of(conn, "No family should be cut off in winter") == "Lena Morrow"
        # "Ms. Morrow, the Eastwick mayor" elsewhere: the role points at Lena Morrow, for that article only
        assert _speaker_of(conn, "the winter timetable was agreed") == "Lena Morrow"
        # a bare "Morrow" with no evidence either way is attributed to neither
        assert _speaker_of(conn, "the talks would continue next week") == "Morrow"
        people = {r[0] for r in conn.execute("SELECT canonical_name FROM speaker_directory WHERE claims > 0")}
        assert {"Lena Morrow", "Pavel Morrow", "Morrow"} <= people


def test_syndicated_and_partial_quotes_form_one_statement(corpus: str) -> None:
    with connect(corpus) as conn:
        rows = conn.execute("SELECT statement, speakers, claims, articles, outlets FROM repeated_statements").fetchall()
        assert rows == [(SYNDICATED, ["Teodor Vashkelin"], 3, 3, 3)]
        claims, statements = conn.execute("SELECT count(*), count(DISTINCT statement_id) FROM claim_facts").fetchone()  # type: ignore[misc]
        assert statements == claims - 2


def test_refresh_in_chunks_of_one_claim_gives_the_same_analysis(corpus: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Claims are analysed a chunk at a time (bounded memory); the chunk size must not change the result."""
    import tasks.analyse.refresh as refresh_module

    query = (
        "SELECT claim, speaker, statement_id IS NOT NULL,"
        " count(*) OVER (PARTITION BY statement_id) FROM claim_facts ORDER BY claim_id"
    )
    with connect(corpus) as conn:
        whole = conn.execute(query).fetchall()
        monkeypatch.setattr(refresh_module, "ANALYSIS_CHUNK", 1)
        result = refresh_analysis(conn, full=True)
        assert result.claims_analysed == len(whole)
        assert conn.execute(query).fetchall() == whole


def test_refresh_is_incremental_and_idempotent(corpus: str) -> None:
    with connect(corpus) as conn:
        again = refresh_analysis(conn)
    assert (again.claims_analysed, again.merges, again.statements_new) == (0, [], 0)


def test_reloaded_article_keeps_its_speaker_and_statement(corpus: str) -> None:
    syndicated = build_all()[1]
    changed = syndicated.model_copy(
        update={"raw": syndicated.raw.model_copy(update={"sha256": "f" * 64}), "extractor_version": "v2"}
    )
    with connect(corpus) as conn:
        load_batch(conn, start_run(conn, "manual", {}, None), [changed])
        # the trigger resolves the fresh claims through the article-scoped merge at once
        assert _speaker_of(conn, SYNDICATED) == "Teodor Vashkelin"
        result = refresh_analysis(conn)
        assert result.claims_analysed >= 2 and result.statements_dissolved >= 1
        rows = conn.execute("SELECT claims, articles FROM repeated_statements").fetchall()
        assert rows == [(3, 3)]


def test_operator_merge_is_explained_reversible_and_holds_for_new_articles(corpus: str) -> None:
    with connect(corpus) as conn:
        palace, state = find_speaker(conn, "Kestrel Palace"), find_speaker(conn, "Valdoria")
        # government metonyms are not merged automatically
        assert palace != state
        merge_id = operator_merge(conn, palace, state, "the palace speaks for the Valdorian government")
        assert _speaker_of(conn, "the tariffs protect local farmers") == "Valdoria"
        reason = _one(conn, "SELECT reason FROM speaker_merge_log WHERE merge_id = %s", merge_id)
        assert reason == "the palace speaks for the Valdorian government"
        # a new article naming the palace goes straight to the merged speaker
        load_batch(conn, start_run(conn, "manual", {}, None), [build(LATER_ARTICLE)])
        assert _speaker_of(conn, "talks with Eastwick would resume") == "Valdoria"
        moved = operator_unmerge(conn, [merge_id], "metonym kept apart after all")
        assert moved == 2
        assert _speaker_of(conn, "talks with Eastwick would resume") == "Kestrel Palace"
        assert _one(conn, "SELECT active FROM speaker_merge_log WHERE merge_id = %s", merge_id) is False


def test_undone_auto_merge_is_not_redone(corpus: str) -> None:
    with connect(corpus) as conn:
        merge_id = _one(conn, "SELECT merge_id FROM speaker_merge_log WHERE from_name = 'Ramiz Guliev' AND active")
        operator_unmerge(conn, [merge_id], "different people after all")
        assert _speaker_of(conn, "Exports will recover once the new quay opens") == "Ramiz Guliev"
        again = refresh_analysis(conn, always_resolve=True)
        assert again.merges == []
        assert _speaker_of(conn, "Exports will recover once the new quay opens") == "Ramiz Guliev"


def test_an_auto_merge_the_database_refuses_is_skipped_not_fatal(corpus: str) -> None:
    """The rules read a snapshot taken at the start of a pass; a merge made stale by an earlier one is
    refused by merge_speakers and skipped, and the refresh's transaction goes on."""
    from tasks.analyse.identity import Evidence, _merge

    with connect(corpus) as conn, conn.transaction():
        lena, pavel = find_speaker(conn, "Lena Morrow"), find_speaker(conn, "Pavel Morrow")
        first = _merge(conn, pavel, lena, "surname", Evidence(1.0, ["test"]), "test")
        assert first is not None
        assert _merge(conn, pavel, lena, "surname", Evidence(1.0, ["test"]), "stale") is None
        assert _one(conn, "SELECT count(*) FROM speaker_merges WHERE merge_id = %s", first) == 1


def test_merge_refuses_cycles_and_nonsense(corpus: str) -> None:
    from infra.errors import ClaimsEtlError

    with connect(corpus) as conn:
        lena, pavel = find_speaker(conn, "Lena Morrow"), find_speaker(conn, "Pavel Morrow")
        operator_merge(conn, pavel, lena, "test")
        with pytest.raises(ClaimsEtlError, match="already merged"):
            operator_merge(conn, pavel, lena, "again")
        with pytest.raises(ClaimsEtlError, match="already the same speaker"):
            operator_merge(conn, lena, pavel, "cycle")
        with pytest.raises(ClaimsEtlError, match="no speaker named"):
            find_speaker(conn, "Nobody Here")


def test_search_and_mentions(corpus: str) -> None:
    with connect(corpus) as conn:
        hits = _one(
            conn, "SELECT count(*) FROM claims WHERE text_tsv @@ websearch_to_tsquery('english', %s)", "tonnage handled"
        )
        assert hits == 3
        plan = "\n".join(
            r[0]
            for r in conn.execute(
                "EXPLAIN SELECT 1 FROM claims WHERE text_tsv @@ websearch_to_tsquery('english', 'tonnage')"
            ).fetchall()
        )
        assert "claims_text_tsv_idx" in plan or "Seq Scan" in plan  # tiny table: either is fine, index exists
        assert _one(conn, "SELECT count(*) FROM pg_indexes WHERE indexname = 'claims_text_tsv_idx'") == 1
        found = [r[1] for r in conn.execute("SELECT * FROM find_speakers('Vashkelin')").fetchall()]
        assert "Teodor Vashkelin" in found
        if _one(conn, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"):
            fuzzy = [r[1] for r in conn.execute("SELECT * FROM find_speakers('Vashkelyn')").fetchall()]
            assert "Teodor Vashkelin" in fuzzy
        about = conn.execute(
            "SELECT speaker, subject FROM speaker_claims_about WHERE subject = 'Norrland Dredging' ORDER BY claim_id"
        ).fetchall()
        assert about and {r[0] for r in about} == {"Rivermouth Port Authority"}


@pytest.fixture()
def reader(corpus: str) -> Iterator[psycopg.Connection[Any]]:
    """A connection that has switched to claims_reader (privileges are checked against it)."""
    with connect(corpus, autocommit=True) as conn:
        conn.execute("SET ROLE claims_reader")
        yield conn


@pytest.mark.parametrize(
    "relation",
    [
        "claims",
        "speakers",
        "articles",
        "claims_readable",
        "speaker_directory",
        "repeated_statements",
        "claims_per_speaker_month",
        "speaker_claims_about",
        "new_speakers_this_week",
        "speaker_merge_log",
    ],
)
def test_reader_can_read_data_and_views(reader: psycopg.Connection[Any], relation: str) -> None:
    reader.execute(sql.SQL("SELECT * FROM {} LIMIT 1").format(sql.Identifier(relation))).fetchall()


@pytest.mark.parametrize("relation", ["ingest_runs", "ingest_failures", "schema_migrations", "claim_shingles"])
def test_reader_cannot_see_operational_tables(reader: psycopg.Connection[Any], relation: str) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        reader.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(relation)))


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO speakers (name_key, canonical_name, kind) VALUES ('x', 'X', 'person')",
        "UPDATE claims SET text = 'changed'",
        "DELETE FROM articles",
        "TRUNCATE claims",
        "CREATE TABLE public.scratch (x int)",
        "SELECT merge_speakers(1, 2, 'no')",
    ],
)
def test_reader_cannot_write(reader: psycopg.Connection[Any], statement: str) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        reader.execute(statement.encode())


def test_reader_login_role(corpus: str) -> None:
    """A real login granted claims_reader reads views and is refused the run log."""
    name = f"analyst_{uuid.uuid4().hex[:8]}"
    with connect(corpus, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN IN ROLE claims_reader").format(sql.Identifier(name)))
    try:
        with psycopg.connect(make_conninfo(corpus, user=name, password=None), autocommit=True) as analyst:
            assert analyst.execute("SELECT count(*) FROM speaker_directory").fetchone() is not None
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                analyst.execute("SELECT * FROM ingest_runs")
    finally:
        with connect(corpus, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def test_report_is_self_contained(corpus: str) -> None:
    with connect(corpus) as conn:
        page = build_report(conn)
        run_id = _one(conn, "SELECT max(run_id) FROM ingest_runs")
        run_page = build_report(conn, run_id)
    assert "<svg" in page and "Teodor Vashkelin" in page and SYNDICATED in page
    for external in ("<script", "<link", "src=", "@import", "url("):
        assert external not in page
    assert f"run {run_id}" in run_page


@pytest.fixture()
def cli_env(corpus: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("DATABASE_URL", corpus)
    get_settings.cache_clear()
    yield corpus
    get_settings.cache_clear()


def test_cli_commands(cli_env: str, tmp_path: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(analysis_app, ["speakers", "list"])
    assert listed.exit_code == 0, listed.output
    assert "Teodor Vashkelin" in listed.stdout and "Mr. Vashkelin" in listed.stdout
    searched = runner.invoke(analysis_app, ["speakers", "list", "--search", "Vashkelin"])
    assert searched.exit_code == 0 and "Teodor Vashkelin" in searched.stdout and "Lena Morrow" not in searched.stdout
    merged = runner.invoke(analysis_app, ["speakers", "merge", "Kestrel Palace", "Valdoria", "--reason", "metonym"])
    assert merged.exit_code == 0, merged.output
    explained = runner.invoke(analysis_app, ["speakers", "explain", "Valdoria"])
    assert explained.exit_code == 0 and "metonym" in explained.stdout
    undone = runner.invoke(analysis_app, ["speakers", "unmerge", "Kestrel Palace", "--reason", "kept apart"])
    assert undone.exit_code == 0 and "1 claim(s) changed speaker" in undone.stdout, undone.output
    analysed = runner.invoke(analysis_app, ["analyse"])
    assert analysed.exit_code == 0 and "undecided" in analysed.stdout
    out = tmp_path / "report.html"
    reported = runner.invoke(analysis_app, ["report", "--out", str(out)])
    assert reported.exit_code == 0, reported.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_unmerge_by_the_target_name_undoes_merges_into_it(cli_env: str) -> None:
    runner = CliRunner()
    merged = runner.invoke(analysis_app, ["speakers", "merge", "Lena Morrow", "Valdoria", "--reason", "test"])
    assert merged.exit_code == 0, merged.output
    with psycopg.connect(cli_env) as conn:
        into = find_speaker(conn, "Valdoria")
        active = conn.execute(
            "SELECT count(*) FROM speaker_merges WHERE into_speaker_id = %s AND undone_at IS NULL", (into,)
        ).fetchone()
    assert active is not None and active[0] >= 1
    undone = runner.invoke(analysis_app, ["speakers", "unmerge", "Valdoria", "--reason", "into side"])
    assert undone.exit_code == 0, undone.output
    with psycopg.connect(cli_env) as conn:
        left = conn.execute(
            "SELECT count(*) FROM speaker_merges WHERE into_speaker_id = %s AND undone_at IS NULL", (into,)
        ).fetchone()
        morrow = find_speaker(conn, "Lena Morrow")
    assert left == (0,) and morrow != into


def test_same_name_across_kinds_and_articles_merges_without_other_evidence(clean_db: str) -> None:
    from schemas import ClaimKind, SpeakerKind
    from tests.fixtures.analysis_articles import A, C

    union = A(
        "corpus/harbor-herald/union-a.txt",
        None,
        "Union statement",
        "Union statement\n\nThe Dockworkers Union said the strike would go ahead.\n",
        (
            C(
                "the Dockworkers Union",
                "The Dockworkers Union",
                "the strike would go ahead",
                kind=SpeakerKind.UNKNOWN,
                claim_kind=ClaimKind.INDIRECT,
            ),
        ),
    )
    union_b = A(
        "corpus/coast-wire/union-b.txt",
        None,
        "Union talks",
        "Union talks\n\nDockworkers Union said talks had failed.\n",
        (
            C(
                "Dockworkers Union",
                "Dockworkers Union",
                "talks had failed",
                kind=SpeakerKind.ORGANIZATION,
                claim_kind=ClaimKind.INDIRECT,
            ),
        ),
    )
    with connect(clean_db) as conn:
        load_batch(conn, start_run(conn, "manual", {}, None), [build(union), build(union_b)])
        refresh_analysis(conn)
        assert _speaker_of(conn, "the strike would go ahead") == "Dockworkers Union"
        kind, rule = conn.execute(
            "SELECT into_kind, rule FROM speaker_merge_log WHERE from_kind = 'unknown'"
        ).fetchone()  # type: ignore[misc]
        assert (kind, rule) == ("organization", "same_name")
        # undated articles are placed at their ingest day, and say so
        assert _one(conn, "SELECT bool_or(day_is_published) FROM claim_facts") is False


def test_mentions_come_from_the_extractors_entities_when_stored(clean_db: str) -> None:
    """Claims that carry the extractor's NER spans are not parsed again: their spans become the mentions."""
    article = build_all()[0]
    first = article.claims[0]
    word = first.text.split()[-1].strip(".,;:!?\"'”’")
    at = first.text.rindex(word)
    entity = NamedEntity(text=word, label="ORG", start=at, end=at + len(word))
    stored = article.model_copy(
        update={"claims": (first.model_copy(update={"entities": (entity,)}), *article.claims[1:])}
    )
    with connect(clean_db) as conn:
        run_id = start_run(conn, "manual", {}, None)
        assert not load_batch(conn, run_id, [stored]).failed
        saved = _one(conn, "SELECT entities FROM claims WHERE text = %s", first.text)
        assert saved == [entity.model_dump()]
        assert _one(conn, "SELECT count(*) FROM claims WHERE entities IS NULL") == len(article.claims) - 1
        refresh_analysis(conn)
        rows = conn.execute(
            "SELECT m.text, e.kind FROM claim_mentions m JOIN entities e USING (entity_id)"
            " JOIN claims c USING (claim_id) WHERE c.text = %s",
            (first.text,),
        ).fetchall()
    assert (word, "organization") in rows
