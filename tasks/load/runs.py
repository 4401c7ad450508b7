"""Run records (`ingest_runs`): start, finish, top speakers, and the advisory lock that says a run is alive."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import psycopg
from psycopg import sql

Conn = psycopg.Connection[Any]

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
