"""The `backfill` flow: re-extract stored articles (no original files needed) with the current extractor.

Each batch's claims are replaced atomically (one transaction, a savepoint per article). Resumable and
idempotent: done articles carry the current extractor version and are not selected again.
"""

# No `from __future__ import annotations` here: Prefect validates deployment parameters from the
# runtime type hints (RunMode etc.), which must be real types, not strings.
import datetime as dt

import psycopg
from prefect import flow, get_run_logger, task

from flows.runlock import RunLock
from infra.db import checked_db_url, connect, scrub
from schemas import Claim
from schemas.run import RunSummary
from tasks import load
from tasks.analyse import refresh_analysis
from tasks.extract import EXTRACTOR_VERSION, extract_batch
from tasks.load import backfill as bf
from tasks.read import ReadFailure

DB_RETRY_DELAYS: list[float] = [2, 10, 30]


@task(name="select-stored-batch", retries=len(DB_RETRY_DELAYS), retry_delay_seconds=DB_RETRY_DELAYS)
def select_stored_batch(db_url: str | None, flt: bf.BackfillFilter, after: int, limit: int) -> list[bf.StoredArticle]:
    with connect(db_url) as conn:
        return bf.select_batch(conn, flt, EXTRACTOR_VERSION, after, limit)


@task(name="extract-stored-batch")
def extract_stored_batch(stored: list[bf.StoredArticle]) -> list[list[Claim]]:
    return extract_batch([s.article for s in stored])


@task(name="replace-claims-batch", retries=len(DB_RETRY_DELAYS), retry_delay_seconds=DB_RETRY_DELAYS)
def replace_claims_batch(
    db_url: str | None, run_id: int, stored: list[bf.StoredArticle], claims: list[list[Claim]]
) -> tuple[list[tuple[str, load.ClaimChange]], list[ReadFailure]]:
    changes: list[tuple[str, load.ClaimChange]] = []
    failures: list[ReadFailure] = []
    with connect(db_url) as conn, conn.transaction():
        for item, new in zip(stored, claims, strict=True):
            try:
                with conn.transaction():
                    change = load.replace_claims(conn, item.article_id, new, EXTRACTOR_VERSION)
                    bf.mark_extracted(conn, [item.article_id], EXTRACTOR_VERSION)
            except (psycopg.DataError, psycopg.IntegrityError) as exc:
                failures.append(ReadFailure(item.path, "backfill_error", f"{type(exc).__name__}: {exc}"))
                continue
            changes.append((item.path, change))
        for failure in failures:
            load.record_failure(conn, run_id, failure)
    return changes, failures


@flow(name="backfill", log_prints=True)
def backfill(
    since: dt.date | None = None,
    until: dt.date | None = None,
    source_glob: str | None = None,
    before_version: str | None = None,
    batch_size: int = 200,
    db_url: str | None = None,
) -> RunSummary:
    """Re-extract matching stored articles whose extractor version is not the current one."""
    logger = get_run_logger()
    flt = bf.BackfillFilter(since=since, until=until, source_glob=source_glob, before_version=before_version)
    url = checked_db_url(db_url)  # None: DATABASE_URL from the environment (no password in Prefect)
    params = {
        "since": since,
        "until": until,
        "source_glob": source_glob,
        "before_version": before_version,
        "extractor_version": EXTRACTOR_VERSION,
    }
    with RunLock(url) as lock:
        lock.call(load.reap_abandoned_runs)
        run_id = lock.call(lambda c: load.start_run(c, "backfill", params, None))
        lock.hold(run_id)
        summary = RunSummary(run_id=run_id, mode="backfill")
        try:
            after = 0
            while stored := select_stored_batch(url, flt, after, batch_size):
                changes, failures = replace_claims_batch(url, run_id, stored, extract_stored_batch(stored))
                after = stored[-1].article_id
                summary.files_seen += len(stored)
                summary.files_failed += len(failures)
                summary.articles_loaded += len(changes)
                summary.failures.extend((f.source, f.error_class, f.message) for f in failures)
                for path, change in changes:
                    summary.claims_loaded += change.total
                    summary.claims_added += change.added
                    summary.claims_removed += change.removed
                    if change.added or change.removed:
                        summary.changes.append((path, change.added, change.removed))
                logger.info(
                    "backfill: %d articles re-extracted, %d claims added, %d removed",
                    summary.articles_loaded,
                    summary.claims_added,
                    summary.claims_removed,
                )
            if summary.articles_loaded:
                with connect(url) as conn:
                    logger.info("analysis: %s", refresh_analysis(conn).summary())
        except BaseException as exc:
            summary.status = "failed"
            error = scrub(f"{type(exc).__name__}: {exc}")
            lock.call(lambda c: load.finish_run(c, run_id, summary.counters(), "failed", error))
            raise
        summary.status = "succeeded"
        lock.call(lambda c: load.finish_run(c, run_id, summary.counters(), "succeeded"))
    return summary
