"""Copies: a file whose bytes are already an article under another path is recorded, never loaded twice.

`source_copies` (migration 015) holds such paths; the bytes' hash links a copy to its article.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import psycopg

Conn = psycopg.Connection[Any]

_RECORD_COPIES = """
INSERT INTO source_copies AS c (path, sha256, size_bytes)
SELECT * FROM unnest(%s::text[], %s::text[], %s::bigint[])
ON CONFLICT (path) DO UPDATE SET sha256 = EXCLUDED.sha256, size_bytes = EXCLUDED.size_bytes, last_seen_at = now()
"""

_IS_COPY = """
SELECT EXISTS (SELECT 1 FROM articles a JOIN sources s USING (source_id)
               WHERE a.source_sha256 = %(sha256)s AND s.path <> %(path)s)
   AND NOT EXISTS (SELECT 1 FROM articles a JOIN sources s USING (source_id) WHERE s.path = %(path)s)
"""


def copies_among(conn: Conn, files: Sequence[tuple[str, str]]) -> set[str]:
    """The paths of (path, sha256) whose bytes are an article under another path while the path itself
    has no article (`is_copy` for a whole batch, in one query)."""
    if not files:
        return set()
    rows = conn.execute(
        "SELECT f.path FROM unnest(%s::text[], %s::text[]) AS f(path, sha256) "
        "WHERE EXISTS (SELECT 1 FROM articles a JOIN sources s USING (source_id) "
        "              WHERE a.source_sha256 = f.sha256 AND s.path <> f.path) "
        "  AND NOT EXISTS (SELECT 1 FROM articles a JOIN sources s USING (source_id) WHERE s.path = f.path)",
        ([f[0] for f in files], [f[1] for f in files]),
    ).fetchall()
    return {r[0] for r in rows}


def recorded_copies(conn: Conn, paths: Sequence[str]) -> dict[str, str]:
    """sha256 of each path already recorded as a copy."""
    rows = conn.execute("SELECT path, sha256 FROM source_copies WHERE path = ANY(%s)", (list(paths),)).fetchall()
    return {r[0]: r[1] for r in rows}


def record_copies(conn: Conn, files: Sequence[tuple[str, str, int]]) -> None:
    """Record (path, sha256, size) of files whose bytes are an article under another path; their failures resolve."""
    if files:
        rows = sorted(files)
        conn.execute(_RECORD_COPIES, ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]))
        conn.execute(
            "UPDATE ingest_failures SET resolved_at = now() WHERE path = ANY(%s) AND resolved_at IS NULL",
            ([r[0] for r in rows],),
        )


def is_copy(conn: Conn, path: str, sha256: str) -> bool:
    """True when these bytes are an article under another path and `path` has no article of its own."""
    row = conn.execute(_IS_COPY, {"path": path, "sha256": sha256}).fetchone()
    return bool(row and row[0])


def has_article(conn: Conn, path: str) -> bool:
    """True when `path` has an article of its own."""
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM articles a JOIN sources s USING (source_id) WHERE s.path = %s)", (path,)
    ).fetchone()
    return bool(row and row[0])
