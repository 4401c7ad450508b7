"""Load a batch: articles (replacing older versions of a path), copies, failures, learned site lines.

One transaction per batch, one savepoint per article: a bad article is rolled back alone and recorded
as a failure, a crash rolls back the whole batch (never half an article). Rows are touched in one
global order per batch (speakers, then sources and articles by path, then site lines and failures,
each sorted) so that concurrent runs block instead of deadlocking.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from schemas import ExtractedArticle
from tasks.common.copies import has_article, is_copy, record_copies
from tasks.common.sites import site_of
from tasks.load.claims import replace_claims
from tasks.load.speakers import upsert_speakers
from tasks.read import FileBytes, ReadFailure

Conn = psycopg.Connection[Any]

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
        upsert_speakers(conn, [claim for item in originals for claim in item.claims])
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
