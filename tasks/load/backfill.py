"""Backfill's side of the database: which stored articles to re-extract (their stored text, not the
files), and marking them extracted by the current extractor version.

Selection is keyset-paginated by article_id and each batch commits on its own, so a crashed backfill
resumes where it stopped (done articles carry the new version and are no longer selected) and a
second backfill finds nothing to do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg

from schemas import CleanArticle

Conn = psycopg.Connection[Any]
VERSION_PATTERN = re.compile(r"^\d+(\.\d+)*$")

_MATCHING = """
FROM articles a JOIN sources s USING (source_id)
WHERE a.article_id > %(after)s
  AND a.extractor_version <> %(current)s
  AND (%(before)s::text IS NULL
       OR string_to_array(a.extractor_version, '.')::int[] < string_to_array(%(before)s::text, '.')::int[])
  AND (%(since)s::date IS NULL OR coalesce(a.published, a.ingested_at::date) >= %(since)s::date)
  AND (%(until)s::date IS NULL OR coalesce(a.published, a.ingested_at::date) <= %(until)s::date)
  AND (%(glob)s::text IS NULL OR s.path LIKE %(glob)s::text ESCAPE '\\')
"""
_SELECT = (
    "SELECT a.article_id, s.path, a.title, a.author, a.published, a.language, a.body, a.extractor_version"
    + _MATCHING
    + "ORDER BY a.article_id LIMIT %(limit)s"
)
_COUNT = "SELECT count(*)" + _MATCHING


@dataclass(frozen=True)
class BackfillFilter:
    """Which stored articles to re-extract. Dates apply to `published`, else the day it was ingested."""

    since: dt.date | None = None
    until: dt.date | None = None
    source_glob: str | None = None  # shell-style: * and ?
    before_version: str | None = None  # only articles extracted by an older version than this

    def __post_init__(self) -> None:
        if self.before_version is not None and not VERSION_PATTERN.match(self.before_version):
            raise ValueError(f"version must look like 1.2.3, got {self.before_version!r}")


@dataclass(frozen=True)
class StoredArticle:
    article_id: int
    path: str
    article: CleanArticle
    old_version: str


def glob_to_like(pattern: str) -> str:
    """Shell glob (`*`, `?`) to a LIKE pattern, escaping LIKE's own wildcards."""
    escaped = pattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("*", "%").replace("?", "_")


def _params(flt: BackfillFilter, current_version: str, after: int = 0, limit: int = 0) -> dict[str, Any]:
    return {
        "after": after,
        "current": current_version,
        "before": flt.before_version,
        "since": flt.since,
        "until": flt.until,
        "glob": glob_to_like(flt.source_glob) if flt.source_glob else None,
        "limit": limit,
    }


def count_matching(conn: Conn, flt: BackfillFilter, current_version: str) -> int:
    """How many stored articles a backfill would re-extract (read only: `backfill --dry-run`)."""
    row = conn.execute(_COUNT, _params(flt, current_version)).fetchone()
    return int(row[0]) if row else 0


def select_batch(conn: Conn, flt: BackfillFilter, current_version: str, after: int, limit: int) -> list[StoredArticle]:
    rows = conn.execute(_SELECT, _params(flt, current_version, after, limit)).fetchall()
    return [
        StoredArticle(
            article_id=r[0],
            path=r[1],
            article=CleanArticle(title=r[2], author=r[3], published=r[4], language=r[5], text=r[6]),
            old_version=r[7],
        )
        for r in rows
    ]


def mark_extracted(conn: Conn, article_ids: Sequence[int], version: str) -> None:
    conn.execute(
        "UPDATE articles SET extractor_version = %s, extracted_at = now() WHERE article_id = ANY(%s)",
        (version, list(article_ids)),
    )
