"""Load stage: write articles, speakers and claims to Postgres. The only stage that writes the database.

One transaction per batch, one savepoint per article: a bad article is rolled back alone and recorded
as a failure, a crash rolls back the whole batch (never half an article). Natural keys are unique in
the schema, and rows are touched in one global order per batch (speakers, then sources and articles by
path, then site lines and failures, each sorted) so that concurrent runs block instead of deadlocking.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from schemas import Claim, ExtractedArticle, SpeakerKind
from tasks.copies import has_article, is_copy, record_copies
from tasks.extract.person_names import parse_person_name
from tasks.names import is_pronoun, name_key
from tasks.read import FileBytes, ReadFailure
from tasks.sites import SITE_JUNK_MIN_FILES, SITE_JUNK_MIN_SHARE, site_of

Conn = psycopg.Connection[Any]

CLAIM_COLUMNS = (
    "article_id",
    "ordinal",
    "speaker_id",
    "speaker_kind",
    "speaker_role",
    "mention_text",
    "mention_start",
    "mention_end",
    "kind",
    "cue_text",
    "cue_lemma",
    "cue_start",
    "cue_end",
    "text",
    "start_offset",
    "end_offset",
    "confidence",
    "nested_in",
    "extractor_version",
    "entities",
    "speaker_affiliation",
    "statement_start",
    "statement_end",
)
_KIND, _SPEAKER, _TEXT = (CLAIM_COLUMNS.index(c) for c in ("kind", "speaker_id", "text"))
_COPY_CLAIMS = "COPY claims ({}) FROM STDIN".format(", ".join(CLAIM_COLUMNS))

_UPSERT_SOURCE = """
INSERT INTO sources AS s (path, sha256, size_bytes)
VALUES (%(path)s, %(sha256)s, %(size)s)
ON CONFLICT (path) DO UPDATE
   SET sha256 = EXCLUDED.sha256,
       size_bytes = EXCLUDED.size_bytes,
       last_seen_at = now(),
       last_changed_at = CASE WHEN s.sha256 = EXCLUDED.sha256 THEN s.last_changed_at ELSE now() END
RETURNING source_id, (xmax = 0) AS inserted
"""

_UPSERT_ARTICLE = """
INSERT INTO articles AS a (source_id, source_sha256, title, subtitle, author, published, outlet, dateline,
                           metadata_source, language, body, body_sha256, extractor_version, run_id, invalid_bytes)
VALUES (%(source_id)s, %(sha256)s, %(title)s, %(subtitle)s, %(author)s, %(published)s, %(outlet)s,
        %(dateline)s, %(metadata_source)s, %(language)s, %(body)s, %(body_sha256)s, %(extractor_version)s,
        %(run_id)s, %(invalid_bytes)s)
ON CONFLICT (source_id) DO UPDATE
   SET source_sha256 = EXCLUDED.source_sha256, title = EXCLUDED.title, subtitle = EXCLUDED.subtitle,
       author = EXCLUDED.author, published = EXCLUDED.published, outlet = EXCLUDED.outlet,
       dateline = EXCLUDED.dateline, metadata_source = EXCLUDED.metadata_source,
       language = EXCLUDED.language, body = EXCLUDED.body,
       body_sha256 = EXCLUDED.body_sha256, extractor_version = EXCLUDED.extractor_version,
       run_id = EXCLUDED.run_id, ingested_at = now(), extracted_at = now(), invalid_bytes = EXCLUDED.invalid_bytes
RETURNING article_id
"""

_UPSERT_SPEAKERS = """
INSERT INTO speakers AS sp (name_key, canonical_name, kind, role)
SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[])
ON CONFLICT (name_key, kind) DO UPDATE
   SET role = COALESCE(EXCLUDED.role, sp.role),
       canonical_name = CASE WHEN length(EXCLUDED.canonical_name) > length(sp.canonical_name)
                             THEN EXCLUDED.canonical_name ELSE sp.canonical_name END,
       updated_at = now()
RETURNING speaker_id, name_key, kind
"""

_INSERT_ALIASES = """
INSERT INTO speaker_aliases (speaker_id, alias, alias_key)
SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[])
ON CONFLICT DO NOTHING
"""

_RECORD_FAILURE = """
INSERT INTO ingest_failures AS f (path, sha256, error_class, message, transient, first_run_id, last_run_id)
VALUES (%(path)s, %(sha256)s, %(error_class)s, %(message)s, %(transient)s, %(run_id)s, %(run_id)s)
ON CONFLICT (path, sha256) WHERE resolved_at IS NULL DO UPDATE
   SET error_class = EXCLUDED.error_class, message = EXCLUDED.message, transient = EXCLUDED.transient,
       attempts = f.attempts + 1, last_run_id = EXCLUDED.last_run_id, last_failed_at = now()
"""

_COUNT_SITE_LINES = """
INSERT INTO site_lines AS sl (site, line_key, files)
SELECT * FROM unnest(%s::text[], %s::text[], %s::int[])
ON CONFLICT (site, line_key) DO UPDATE SET files = sl.files + EXCLUDED.files, last_seen_at = now()
"""

_COUNT_SITE_FILES = """
INSERT INTO site_files AS sf (site, files)
SELECT * FROM unnest(%s::text[], %s::int[])
ON CONFLICT (site) DO UPDATE SET files = sf.files + EXCLUDED.files
"""

_KNOWN_JUNK = """
SELECT sl.site, sl.line_key FROM site_lines sl JOIN site_files sf USING (site)
WHERE sl.site = ANY(%(sites)s) AND sl.files >= %(min_files)s AND sl.files >= %(min_share)s * sf.files
"""

_RESOLVE_FAILURES = "UPDATE ingest_failures SET resolved_at = now() WHERE path = %s AND resolved_at IS NULL"


@dataclass
class LoadResult:
    """What one batch did to the database."""

    articles_new: int = 0
    articles_changed: int = 0
    copies: int = 0  # files recorded as copies of an article loaded under another path
    claims: int = 0
    failed: list[ReadFailure] = field(default_factory=list)

    def merge(self, other: LoadResult) -> None:
        self.articles_new += other.articles_new
        self.articles_changed += other.articles_changed
        self.copies += other.copies
        self.claims += other.claims
        self.failed.extend(other.failed)


def loaded_hashes(conn: Conn, paths: Sequence[str]) -> dict[str, str]:
    """sha256 of each path that already has an article (the skip check for unchanged files).

    An article loaded before its metadata was read (migration 014: `metadata_source` NULL) does not
    count: its file is read once more to fill title, date and outlet."""
    rows = conn.execute(
        "SELECT s.path, a.source_sha256 FROM sources s JOIN articles a USING (source_id) "
        "WHERE s.path = ANY(%s) AND a.metadata_source IS NOT NULL",
        (list(paths),),
    ).fetchall()
    return {r[0]: r[1] for r in rows}


def quarantined(conn: Conn, paths: Sequence[str]) -> set[tuple[str, str | None]]:
    """(path, sha256) of files with an open terminal failure: skipped until they change or are retried."""
    rows = conn.execute(
        "SELECT path, sha256 FROM ingest_failures WHERE resolved_at IS NULL AND NOT transient AND path = ANY(%s)",
        (list(paths),),
    ).fetchall()
    return {(r[0], r[1]) for r in rows}


def touch_sources(conn: Conn, paths: Sequence[str]) -> None:
    """Record that unchanged files (and known copies) were seen, in one statement per table and batch."""
    if paths:
        conn.execute("UPDATE sources SET last_seen_at = now() WHERE path = ANY(%s)", (sorted(paths),))
        conn.execute("UPDATE source_copies SET last_seen_at = now() WHERE path = ANY(%s)", (sorted(paths),))


def load_batch(
    conn: Conn,
    run_id: int,
    articles: Sequence[ExtractedArticle],
    failures: Iterable[ReadFailure] = (),
    copies: Sequence[FileBytes] = (),
) -> LoadResult:
    """Load a batch in one transaction: articles (replacing older versions of the same path), copies, failures.

    An article whose bytes were loaded under another path meanwhile (earlier in this batch, or by a
    batch planned before that one was loaded) is recorded as a copy instead: the same bytes are one article.
    """
    result = LoadResult()
    new_lines: Counter[tuple[str, str]] = Counter()
    new_files: Counter[str] = Counter()
    ordered = sorted(articles, key=lambda a: a.raw.source)
    with conn.transaction():
        record_copies(conn, [(f.source, f.sha256, f.size) for f in copies])
        result.copies += len(copies)
        # Copies first (the batch's speakers are locked before any article loads, so an article loaded
        # earlier in this batch is told by its bytes here, not by the database).
        originals = []
        first_of: set[str] = set()  # sha256 of the articles this batch loads
        for item in ordered:
            raw = item.raw
            in_batch = raw.sha256 in first_of and not has_article(conn, raw.source)
            if in_batch or is_copy(conn, raw.source, raw.sha256):
                record_copies(conn, [(raw.source, raw.sha256, raw.size)])
                result.copies += 1
            else:
                originals.append(item)
                first_of.add(raw.sha256)
        # Every speaker of the batch first, in one statement in key order: concurrent runs then lock
        # speaker rows in one global order (per-article order alone is not: deadlocks on `speakers`).
        _upsert_speakers(conn, [claim for item in originals for claim in item.claims])
        for item in originals:
            try:
                with conn.transaction():  # savepoint: one bad article never takes the batch down
                    changed = _load_article(conn, run_id, item)
            except (psycopg.DataError, psycopg.IntegrityError, psycopg.ProgrammingError) as exc:
                failure = ReadFailure(
                    item.raw.source,
                    "load_error",
                    f"{type(exc).__name__}: {exc}".strip(),
                    sha256=item.raw.sha256,
                    size=item.raw.size,
                )
                result.failed.append(failure)
                continue
            if changed:
                result.articles_changed += 1
            else:
                result.articles_new += 1
                new_files[site_of(item.raw.source)] += 1
                new_lines.update((site_of(item.raw.source), line) for line in set(item.furniture_candidates))
            result.claims += len(item.claims)
        _count_site_lines(conn, new_files, new_lines)
        all_failures = sorted([*failures, *result.failed], key=lambda f: (f.source, f.sha256 or ""))
        for failure in all_failures:
            record_failure(conn, run_id, failure)
        result.failed = all_failures
    return result


def known_junk(conn: Conn, sites: Sequence[str]) -> dict[str, frozenset[str]]:
    """Furniture lines learned for each site (see tasks/sites.py for the rule)."""
    found: dict[str, set[str]] = {}
    params = {"sites": sorted(set(sites)), "min_files": SITE_JUNK_MIN_FILES, "min_share": SITE_JUNK_MIN_SHARE}
    for site, line in conn.execute(_KNOWN_JUNK, params).fetchall():
        found.setdefault(site, set()).add(line)
    return {site: frozenset(lines) for site, lines in found.items()}


def _count_site_lines(conn: Conn, files: Counter[str], counts: Counter[tuple[str, str]]) -> None:
    """One statement per table, rows in sorted key order: concurrent runs lock them in the same order."""
    if files:
        sites = sorted(files)
        conn.execute(_COUNT_SITE_FILES, (sites, [files[s] for s in sites]))
    if counts:
        keys = sorted(counts)
        conn.execute(_COUNT_SITE_LINES, ([k[0] for k in keys], [k[1] for k in keys], [counts[k] for k in keys]))


def record_failure(conn: Conn, run_id: int | None, failure: ReadFailure, *, transient: bool = False) -> None:
    conn.execute(
        _RECORD_FAILURE,
        {
            "path": failure.source,
            "sha256": failure.sha256,
            "error_class": failure.error_class,
            "message": failure.message[:2000],
            "transient": transient,
            "run_id": run_id,
        },
    )


def _load_article(conn: Conn, run_id: int, item: ExtractedArticle) -> bool:
    """Upsert one article and replace its claims; True when it replaced an older version."""
    raw, art = item.raw, item.article
    row = conn.execute(_UPSERT_SOURCE, {"path": raw.source, "sha256": raw.sha256, "size": raw.size}).fetchone()
    assert row is not None
    source_id, inserted = row
    article_id = conn.execute(
        _UPSERT_ARTICLE,
        {
            "source_id": source_id,
            "sha256": raw.sha256,
            "title": art.title,
            "subtitle": art.subtitle,
            "author": art.author,
            "published": art.published,
            "outlet": art.outlet,
            "dateline": art.dateline,
            "metadata_source": Jsonb(art.metadata_source),
            "language": art.language,
            "body": art.text,
            "body_sha256": hashlib.sha256(art.text.encode("utf-8")).hexdigest(),
            "extractor_version": item.extractor_version,
            "run_id": run_id,
            "invalid_bytes": raw.invalid_bytes,
        },
    ).fetchone()[0]  # type: ignore[index]
    replace_claims(conn, article_id, item.claims, item.extractor_version)
    conn.execute(_RESOLVE_FAILURES, (raw.source,))
    conn.execute("DELETE FROM source_copies WHERE path = %s", (raw.source,))  # an article of its own now
    return not inserted


@dataclass(frozen=True)
class ClaimChange:
    """How re-extraction changed an article's claims (compared by kind, speaker and text)."""

    added: int
    removed: int
    total: int


def replace_claims(conn: Conn, article_id: int, claims: Sequence[Claim], version: str) -> ClaimChange:
    """Swap an article's claims for `claims` (caller holds the transaction) and say what changed."""
    old = conn.execute(
        "DELETE FROM claims WHERE article_id = %s "
        # the speaker the loader assigned, not the one an analysis merge re-pointed it to
        "RETURNING kind, coalesce(source_speaker_id, speaker_id)::text, text",
        (article_id,),
    ).fetchall()
    speaker_ids = _upsert_speakers(conn, claims)
    new_rows = [_claim_row(article_id, i, c, speaker_ids, version) for i, c in enumerate(claims)]
    with conn.cursor().copy(_COPY_CLAIMS) as copy:
        for row in new_rows:
            copy.write_row(row)
    before = Counter((str(r[0]), str(r[1] or ""), str(r[2])) for r in old)
    after = Counter((str(r[_KIND]), "" if r[_SPEAKER] is None else str(r[_SPEAKER]), str(r[_TEXT])) for r in new_rows)
    return ClaimChange(
        added=sum((after - before).values()), removed=sum((before - after).values()), total=len(new_rows)
    )


def _speaker_key(claim: Claim) -> tuple[str, str] | None:
    if not claim.speaker or not name_key(claim.speaker) or is_pronoun(claim.speaker):
        return None
    return name_key(claim.speaker), claim.speaker_kind.value


def _mention_alias(claim: Claim) -> str | None:
    """The name form a claim's mention writes, never its role words: 'Lindholm campaign spokesman Tomas
    Berg' gives 'Tomas Berg', 'Mr. Berg' stays 'Mr. Berg'. A role phrase that holds another
    person's name would otherwise read as that person's full name in the identity rules."""
    mention = claim.speaker_mention
    if mention is None or is_pronoun(mention.text):
        return None
    if claim.speaker_kind != SpeakerKind.PERSON or not claim.speaker:
        return mention.text
    written = parse_person_name(mention.text.split())
    canonical = parse_person_name(claim.speaker.split())
    if written is None or canonical is None or written.key != canonical.key:
        return None
    return f"{written.honorific} {written.text}" if written.honorific else written.text


def _upsert_speakers(conn: Conn, claims: Sequence[Claim]) -> dict[tuple[str, str], int]:
    """Insert or update each distinct speaker of the article; return their ids by (name_key, kind)."""
    best: dict[tuple[str, str], Claim] = {}
    aliases: dict[tuple[str, str], set[str]] = {}
    for claim in claims:
        key = _speaker_key(claim)
        if key is None:
            continue
        if key not in best or (claim.speaker_role and not best[key].speaker_role):
            best[key] = claim
        forms = aliases.setdefault(key, {claim.speaker or ""})
        alias = _mention_alias(claim)
        if alias:
            forms.add(alias)
    if not best:
        return {}
    keys = sorted(best)  # fixed order: concurrent batches lock speaker rows in the same order
    rows = conn.execute(
        _UPSERT_SPEAKERS,
        (
            [k[0] for k in keys],
            [best[k].speaker for k in keys],
            [k[1] for k in keys],
            [best[k].speaker_role for k in keys],
        ),
    ).fetchall()
    ids = {(r[1], r[2]): int(r[0]) for r in rows}
    alias_rows = sorted(
        {(ids[k], form, name_key(form)) for k in keys for form in aliases[k] if name_key(form)},
        key=lambda r: (r[0], r[2]),
    )
    if alias_rows:
        conn.execute(
            _INSERT_ALIASES, ([r[0] for r in alias_rows], [r[1] for r in alias_rows], [r[2] for r in alias_rows])
        )
    return ids


def _claim_row(
    article_id: int, ordinal: int, claim: Claim, speaker_ids: dict[tuple[str, str], int], version: str
) -> tuple[object, ...]:
    key = _speaker_key(claim)
    mention, cue = claim.speaker_mention, claim.cue
    return (
        article_id,
        ordinal,
        speaker_ids.get(key) if key else None,
        claim.speaker_kind.value,
        claim.speaker_role,
        mention.text if mention else None,
        mention.start if mention else None,
        mention.end if mention else None,
        claim.kind.value,
        cue.text if cue else None,
        cue.lemma if cue else None,
        cue.start if cue else None,
        cue.end if cue else None,
        claim.text,
        claim.start,
        claim.end,
        claim.confidence,
        claim.nested_in,
        version,
        None if claim.entities is None else Jsonb([e.model_dump() for e in claim.entities]),
        claim.speaker_affiliation,
        claim.statement.start if claim.statement else None,
        claim.statement.end if claim.statement else None,
    )


# --- run records -------------------------------------------------------------------------------------

# Namespace of the session advisory locks a live run holds on its own run_id (first key of the pair).
RUN_LOCK_NAMESPACE = 0x434C4D


def hold_run_lock(conn: Conn, run_id: int) -> None:
    """Mark the run alive for as long as `conn` (autocommit, kept open by the flow) lives."""
    conn.execute("SELECT pg_advisory_lock(%s::int, %s::int)", (RUN_LOCK_NAMESPACE, run_id))


def reap_abandoned_runs(conn: Conn) -> list[int]:
    """Mark 'running' runs whose process died (kill -9, lost machine) as failed; return their ids.

    A live run holds its advisory lock; if we can take the lock, nobody holds it any more.
    """
    reaped = []
    for (run_id,) in conn.execute("SELECT run_id FROM ingest_runs WHERE status = 'running' ORDER BY run_id").fetchall():
        got = conn.execute("SELECT pg_try_advisory_lock(%s::int, %s::int)", (RUN_LOCK_NAMESPACE, run_id)).fetchone()
        if got and got[0]:
            with conn.transaction():
                conn.execute(
                    "UPDATE ingest_runs SET status = 'failed', finished_at = greatest(now(), started_at), "
                    "error = 'abandoned: the process running it died before it finished' "
                    "WHERE run_id = %s AND status = 'running'",
                    (run_id,),
                )
            conn.execute("SELECT pg_advisory_unlock(%s::int, %s::int)", (RUN_LOCK_NAMESPACE, run_id))
            reaped.append(int(run_id))
    return reaped


def start_run(conn: Conn, mode: str, params: Mapping[str, object], flow_run_id: str | None) -> int:
    with conn.transaction():
        row = conn.execute(
            "INSERT INTO ingest_runs (mode, params, flow_run_id) VALUES (%s, %s::jsonb, %s) RETURNING run_id",
            (mode, json.dumps(params, default=str), flow_run_id),
        ).fetchone()
    assert row is not None
    return int(row[0])


def top_speakers(conn: Conn, run_id: int, limit: int) -> list[tuple[str, int]]:
    """Speakers with the most claims in the articles this run loaded."""
    rows = conn.execute(
        "SELECT sp.canonical_name, count(*) FROM claims c JOIN articles a USING (article_id) "
        "JOIN speakers sp USING (speaker_id) WHERE a.run_id = %s GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT %s",
        (run_id, limit),
    ).fetchall()
    return [(str(r[0]), int(r[1])) for r in rows]


def finish_run(conn: Conn, run_id: int, counts: dict[str, float], status: str, error: str | None = None) -> None:
    allowed = {
        "files_seen",
        "files_new",
        "files_changed",
        "files_unchanged",
        "files_failed",
        "files_quarantined",
        "files_copies",
        "files_busy",
        "articles_loaded",
        "claims_added",
        "claims_removed",
        "claims_loaded",
        "seconds_read",
        "seconds_extract",
        "seconds_load",
        "seconds_analyse",
    }
    unknown = set(counts) - allowed
    if unknown:
        raise ValueError(f"unknown run counters: {sorted(unknown)}")
    assignments = [sql.SQL("{} = {}").format(sql.Identifier(name), sql.Placeholder(name)) for name in sorted(counts)]
    statement = sql.SQL(
        "UPDATE ingest_runs SET {} status = %(status)s, error = %(error)s, finished_at = now() "
        "WHERE run_id = %(run_id)s"
    ).format(sql.SQL("").join(sql.Composed([a, sql.SQL(", ")]) for a in assignments))
    with conn.transaction():
        conn.execute(
            statement,
            {**counts, "status": status, "error": error, "run_id": run_id},
        )
