"""Operator commands on speaker identity: find a speaker, merge and unmerge by hand.

Used by `claims-etl speakers merge|unmerge|explain` (claims_etl/cli_analysis.py). Every change goes
through the SQL functions `merge_speakers` / `unmerge_speakers`, so it is recorded and reversible.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import psycopg

from infra.errors import ClaimsEtlError
from tasks.common.name_keys import name_key

Conn = psycopg.Connection[Any]


def find_speaker(conn: Conn, ref: str) -> int:
    """A speaker id from an id or an exact name form (ambiguous or unknown names are an error)."""
    if ref.isdigit():
        row = conn.execute("SELECT speaker_id FROM speakers WHERE speaker_id = %s", (int(ref),)).fetchone()
        if row:
            return int(row[0])
        raise ClaimsEtlError(f"no speaker with id {ref}")
    rows = conn.execute(
        """
        SELECT DISTINCT speaker_root(s.speaker_id) FROM speakers s
          LEFT JOIN speaker_aliases a ON a.speaker_id = s.speaker_id
         WHERE s.name_key = %(k)s OR a.alias_key = %(k)s
        """,
        {"k": name_key(ref)},
    ).fetchall()
    if len(rows) == 1:
        return int(rows[0][0])
    if not rows:
        raise ClaimsEtlError(f"no speaker named {ref!r} (see `claims-etl speakers list`)")
    raise ClaimsEtlError(f"{ref!r} names {len(rows)} speakers ({', '.join(str(r[0]) for r in rows)}): use an id")


def speaker_rows(conn: Conn, ref: str) -> list[int]:
    """The speakers rows (not resolved) that an id or exact name form designates."""
    if ref.isdigit():
        return [find_speaker(conn, ref)]
    rows = conn.execute(
        """
        SELECT DISTINCT s.speaker_id FROM speakers s
          LEFT JOIN speaker_aliases a ON a.speaker_id = s.speaker_id
         WHERE s.name_key = %(k)s OR a.alias_key = %(k)s
         ORDER BY 1
        """,
        {"k": name_key(ref)},
    ).fetchall()
    if not rows:
        raise ClaimsEtlError(f"no speaker named {ref!r} (see `claims-etl speakers list`)")
    return [int(r[0]) for r in rows]


def operator_merge(conn: Conn, src: int, into: int, reason: str, article_id: int | None = None) -> int:
    """Merge speaker `src` (or its claims in one article) into `into`, recorded with the operator's reason."""
    if not reason.strip():
        raise ClaimsEtlError("a merge needs a reason (--reason)")
    try:
        with conn.transaction():
            row = conn.execute(
                "SELECT merge_speakers(%s::bigint, %s::bigint, %s::text, %s::bigint, 'operator', 'operator', NULL, "
                "%s::jsonb)",
                (src, into, reason, article_id, json.dumps({"by": "operator"})),
            ).fetchone()
    except (psycopg.errors.CheckViolation, psycopg.errors.NoDataFound, psycopg.errors.UniqueViolation) as exc:
        raise ClaimsEtlError(str(exc.diag.message_primary or exc)) from exc
    assert row is not None
    return int(row[0])


def operator_unmerge(conn: Conn, merge_ids: Iterable[int], reason: str) -> int:
    """Undo merges; returns how many claims changed speaker."""
    moved = 0
    try:
        with conn.transaction():
            for mid in merge_ids:
                row = conn.execute("SELECT unmerge_speakers(%s::bigint, %s::text)", (mid, reason)).fetchone()
                moved += int(row[0]) if row else 0
    except (psycopg.errors.CheckViolation, psycopg.errors.NoDataFound) as exc:
        raise ClaimsEtlError(str(exc.diag.message_primary or exc)) from exc
    return moved


def active_merges_of(conn: Conn, speaker_id: int) -> list[int]:
    """Active merges that folded `speaker_id` (or its articles) into another speaker, or another into it."""
    rows = conn.execute(
        "SELECT merge_id FROM speaker_merges WHERE (from_speaker_id = %(s)s OR into_speaker_id = %(s)s)"
        " AND undone_at IS NULL ORDER BY merge_id",
        {"s": speaker_id},
    ).fetchall()
    return [int(r[0]) for r in rows]
