"""A run-independent snapshot of the loaded data, to compare two databases row for row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from infra.db import connect

QUERIES = {
    "articles": "SELECT s.path, s.sha256, a.body_sha256, a.title, a.author, a.language, a.extractor_version "
    "FROM articles a JOIN sources s USING (source_id)",
    "claims": "SELECT s.path, c.ordinal, c.kind, c.text, c.start_offset, c.end_offset, sp.canonical_name, "
    "c.mention_text, c.cue_lemma FROM claims c JOIN articles a USING (article_id) JOIN sources s USING (source_id) "
    "LEFT JOIN speakers sp USING (speaker_id)",
    "speakers": "SELECT name_key, kind, canonical_name, role FROM speakers",
    "aliases": "SELECT sp.name_key, al.alias_key FROM speaker_aliases al JOIN speakers sp USING (speaker_id)",
    "open_failures": "SELECT path, error_class FROM ingest_failures WHERE resolved_at IS NULL",
}


def snapshot(url: str, root: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Rows of each table without ids and timestamps; paths relative to `root`, sorted."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with connect(url) as conn:
        for name, query in QUERIES.items():
            rows = conn.execute(query.encode()).fetchall()
            out[name] = sorted(
                (tuple(_rel(v, root) for v in row) for row in rows), key=lambda r: tuple(str(v) for v in r)
            )
    return out


def _rel(value: Any, root: Path) -> Any:
    if isinstance(value, str) and value.startswith(str(root)):
        return value[len(str(root)) :]
    return value
