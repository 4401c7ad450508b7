"""`refresh_analysis`: the analysis step run after loads (clusters, mentions, identity), incremental."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import psycopg

from tasks.analyse import identity, mentions, statements

log = logging.getLogger(__name__)
Conn = psycopg.Connection[Any]

# Any constant: one analysis refresh at a time per database (loads may run alongside).
_ANALYSIS_LOCK_KEY = 0x616E616C79736973
# Pending claims clustered and searched for mentions at a time.
ANALYSIS_CHUNK = 10_000
# Memory per sort or hash step of the refresh's queries (server side; the default 4MB spills to disk).
ANALYSIS_WORK_MEM = "64MB"


@dataclass
class AnalysisResult:
    """What one refresh did."""

    claims_analysed: int = 0
    statements_new: int = 0
    statements_dissolved: int = 0
    mentions: int = 0
    entities_linked: int = 0
    merges: list[int] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"analysed {self.claims_analysed} claim(s): {self.statements_new} new statement(s), "
            f"{self.mentions} mention(s), {len(self.merges)} speaker merge(s), "
            f"{len(self.undecided)} undecided candidate(s) ({self.seconds:.1f}s)"
        )


def refresh_analysis(conn: Conn, *, full: bool = False, always_resolve: bool = False) -> AnalysisResult:
    """Bring the analysis tables up to date with the loaded claims, in one transaction.

    Incremental: only claims loaded since the last refresh are clustered and searched for mentions;
    identity rules look at every speaker (cheap: a few set-based queries). `full=True` drops the derived
    statements and mentions first and rebuilds them (merges are kept: they are decisions, not caches).
    The identity rules run only when claims changed (or `full`, or `always_resolve` to list what they
    could not settle).
    """
    started = time.monotonic()
    result = AnalysisResult()
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_ANALYSIS_LOCK_KEY,))
        # For this transaction only: rows loaded moments ago have no statistics yet, so estimates
        # balloon and trigger JIT compilation (~0.3 s per clustering query), which these index-driven
        # queries never repay; and the candidate-pair aggregates spill to disk at the default work_mem.
        conn.execute("SELECT set_config('jit', 'off', true), set_config('work_mem', %s, true)", (ANALYSIS_WORK_MEM,))
        if full:
            conn.execute("DELETE FROM claim_mentions")
            conn.execute("DELETE FROM statements")  # cascades to claim_analysis
            conn.execute("DELETE FROM claim_shingles")
        result.statements_dissolved = statements.dissolve_changed_statements(conn)
        index = mentions.load_speaker_index(conn)
        after = 0
        # In chunks: memory stays bounded however many claims a backfill loaded. Claims of an earlier
        # chunk are analysed rows by the time a later chunk is matched against them.
        while pending := statements.pending_claims(conn, after, ANALYSIS_CHUNK):
            clustered = statements.cluster(conn, pending)
            result.claims_analysed += clustered.claims
            result.statements_new += clustered.statements_new
            result.mentions += mentions.record_mentions(conn, pending, index)
            after = pending[-1][0]
        if result.claims_analysed or full or always_resolve:
            # identity evidence only changes when claims do: a refresh with nothing new skips it
            resolved = identity.resolve(conn)
            result.merges, result.undecided = resolved.merges, resolved.undecided
        if result.merges or result.claims_analysed:
            result.entities_linked = mentions.relink_entities(conn, mentions.load_speaker_index(conn))
    result.seconds = time.monotonic() - started
    log.info("analysis refresh: %s", result.summary())
    return result
