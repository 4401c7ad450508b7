"""The ingest flow against a real database and a real Prefect server (test harness)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from flows.ingest import ingest
from infra.db import connect
from tests.fixtures.articles import CYRILLIC_1251, NEWS_SECOND, NEWS_WITH_QUOTES
from tests.integration.conftest import row_counts

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_harness")]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "ferry.txt").write_text(NEWS_WITH_QUOTES, encoding="utf-8")
    (folder / "sub" / "harvest.txt.gz").write_bytes(gzip.compress(NEWS_SECOND.encode("utf-8")))
    return folder


def _scalar(url: str, query: str, *params: object) -> object:
    with connect(url) as conn:
        row = conn.execute(query.encode(), params).fetchone()
    return row[0] if row else None


def test_second_run_changes_nothing(clean_db: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    first = ingest(paths=[str(folder)], db_url=clean_db, batch_size=1)
    assert (first.files_seen, first.files_new, first.files_failed) == (2, 2, 0)
    counts = row_counts(clean_db)
    assert counts["articles"] == 2

    second = ingest(paths=[str(folder)], db_url=clean_db)
    assert (second.files_seen, second.files_new, second.files_unchanged) == (2, 0, 2)
    after = row_counts(clean_db)
    assert {k: v for k, v in after.items() if k != "ingest_runs"} == {
        k: v for k, v in counts.items() if k != "ingest_runs"
    }
    assert after["ingest_runs"] == counts["ingest_runs"] + 1
    assert _scalar(clean_db, "SELECT count(*) FROM ingest_runs WHERE status = 'succeeded'") == 2


def test_changed_file_replaces_its_article_and_claims(clean_db: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    ingest(paths=[str(folder)], db_url=clean_db)
    article_id = _scalar(
        clean_db, "SELECT article_id FROM articles JOIN sources USING (source_id) WHERE path LIKE %s", "%ferry.txt"
    )
    (folder / "ferry.txt").write_text(NEWS_WITH_QUOTES.replace("half", "a third"), encoding="utf-8")

    run = ingest(paths=[str(folder)], db_url=clean_db)

    assert (run.files_changed, run.files_unchanged, run.files_new) == (1, 1, 0)
    assert row_counts(clean_db)["articles"] == 2
    body = _scalar(clean_db, "SELECT body FROM articles WHERE article_id = %s", article_id)
    assert isinstance(body, str) and "a third" in body and "by half" not in body
    stale = _scalar(
        clean_db, "SELECT count(*) FROM claims WHERE article_id = %s AND text LIKE %s", article_id, "%by half%"
    )
    assert stale == 0


def test_bad_files_are_recorded_and_good_ones_load(clean_db: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "cyrillic.txt").write_bytes(CYRILLIC_1251.encode("cp1251"))

    run = ingest(paths=[str(folder)], db_url=clean_db)

    assert run.status == "succeeded"
    with connect(clean_db) as conn:
        failed = dict(conn.execute("SELECT path, error_class FROM ingest_failures").fetchall())
        bodies = dict(conn.execute("SELECT s.path, a.body FROM articles a JOIN sources s USING (source_id)"))
    assert {Path(p).name: c for p, c in failed.items()} == {"empty.txt": "empty", "binary.txt": "binary"}
    cyrillic = next(b for p, b in bodies.items() if p.endswith("cyrillic.txt"))
    assert "Городской совет" in cyrillic
    assert len(bodies) == 3

    again = ingest(paths=[str(folder)], db_url=clean_db)
    assert again.files_new == 0 and again.files_failed == 0
    assert _scalar(clean_db, "SELECT count(*) FROM ingest_failures") == 2


def test_a_failed_file_that_is_fixed_loads_and_resolves_its_failure(clean_db: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "late.txt").write_bytes(b"")
    ingest(paths=[str(folder)], db_url=clean_db)
    (folder / "late.txt").write_text(NEWS_SECOND, encoding="utf-8")

    run = ingest(paths=[str(folder)], db_url=clean_db)

    assert run.files_new == 1
    assert _scalar(clean_db, "SELECT count(*) FROM ingest_failures WHERE resolved_at IS NULL") == 0


def test_run_record_and_claims_view(clean_db: str, tmp_path: Path) -> None:
    run = ingest(paths=[str(_folder(tmp_path))], db_url=clean_db)
    with connect(clean_db) as conn:
        status, seen, claims = conn.execute(
            "SELECT status, files_seen, claims_loaded FROM ingest_runs WHERE run_id = %s", (run.run_id,)
        ).fetchone()  # type: ignore[misc]
        view_rows = conn.execute("SELECT count(*) FROM claims_readable").fetchone()[0]  # type: ignore[index]
    assert (status, seen) == ("succeeded", 2)
    assert claims == view_rows == run.claims_loaded


def test_claims_carry_their_whole_statement(clean_db: str, tmp_path: Path) -> None:
    ingest(paths=[str(_folder(tmp_path))], db_url=clean_db)
    with connect(clean_db) as conn:
        rows = conn.execute(
            "SELECT c.statement_start, c.statement_end, c.start_offset, c.end_offset, r.statement, r.claim "
            "FROM claims c JOIN claims_readable r USING (claim_id)"
        ).fetchall()
    assert rows
    for st_start, st_end, start, end, statement, claim in rows:
        assert st_start <= start and end <= st_end  # the statement holds the content
        assert len(statement) == st_end - st_start
        assert claim.split()[0] in statement


def test_run_publishes_a_summary_artifact_with_top_speakers(clean_db: str, tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    run = ingest(paths=[str(_folder(tmp_path))], db_url=clean_db)
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["ingest-summary"]))
        )
    latest = max(artifacts, key=lambda a: a.created)  # type: ignore[arg-type, return-value]
    assert f"Ingest run {run.run_id}" in str(latest.data)
    assert "top speakers" in str(latest.data) and "Marta Kellison" in str(latest.data)
