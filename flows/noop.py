"""The nightly no-op: a run in which every file is unchanged or quarantined, recorded without Prefect.

Starting Prefect (imports ~1.5 s, a temporary API server ~10 s) to do nothing would dominate the
nightly case, so the CLI asks `tasks.plan.nothing_to_do` first and records such a run here. The run
row says so: `params.no_op` is true and it has no flow_run_id.
"""

from __future__ import annotations

import logging
import time

from infra.db import connect
from schemas.run import RunMode, RunSummary
from tasks import load
from tasks.analyse import refresh_analysis, statements
from tasks.plan import BatchPlan, batches

log = logging.getLogger(__name__)
# Files whose last-seen time is updated per transaction.
TOUCH_CHUNK = 10_000


def record_unchanged_run(
    db_url: str, paths: list[str], mode: RunMode, batch_size: int, planned: BatchPlan, *, analyse: bool = True
) -> RunSummary:
    """Record the run and mark every unchanged file as seen. Like any run, it reaps runs abandoned by
    dead processes and (with `analyse`) analyses claims left unanalysed, e.g. by a run killed during
    its analysis refresh: with nothing new to load, nothing else would ever analyse them."""
    with connect(db_url, autocommit=True) as conn:
        for dead in load.reap_abandoned_runs(conn):
            log.warning("run %d was abandoned by a dead process; marked failed", dead)
        run_id = load.start_run(conn, mode, {"paths": paths, "batch_size": batch_size, "no_op": True}, None)
        summary = RunSummary(run_id=run_id, mode=mode, status="succeeded")
        summary.files_unchanged, summary.files_quarantined = len(planned.unchanged), len(planned.quarantined)
        summary.files_copies = len(planned.recorded_copies)
        summary.files_seen = summary.files_unchanged + summary.files_quarantined + summary.files_copies
        for chunk in batches(planned.unchanged + planned.recorded_copies, TOUCH_CHUNK):
            with conn.transaction():
                load.touch_sources(conn, chunk)
        if analyse and statements.pending_claims(conn, 0, 1):
            t0 = time.monotonic()
            log.info("analysis: %s", refresh_analysis(conn).summary())
            summary.seconds_analyse = time.monotonic() - t0
        load.finish_run(conn, run_id, summary.counters(), "succeeded")
    return summary
