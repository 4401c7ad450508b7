"""The `ingest` flow: article files -> Postgres, in batches of files (one task run per batch, never per file).

The flow only orchestrates; stages live in `tasks/`. Per batch: read bytes and hash (file I/O) ->
skip files already loaded with the same hash (database read) -> decode, clean, extract (pure, sent to
the task runner: threads, local processes or a Dask cluster) -> load in one transaction (database
write, in the flow process, in input order).
"""

# No `from __future__ import annotations` here: Prefect validates deployment parameters from the
# runtime type hints (RunMode etc.), which must be real types, not strings.
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from flows.runlock import RunLock
from infra import progress
from infra.db import checked_db_url, connect, scrub
from schemas import ExtractedArticle
from schemas.run import RunMode, RunSummary
from tasks import load
from tasks.analyse import refresh_analysis, statements
from tasks.plan import BatchPlan, guided_batches, plan_files
from tasks.read import FileBytes, ReadFailure, discover, read_bytes

# Connection-level errors are transient: Prefect retries the database tasks with these delays (seconds).
DB_RETRY_DELAYS: list[float] = [2, 10, 30]
# Speakers listed in the run's summary artifact.
TOP_SPEAKERS = 10
# Seconds between progress lines in the log.
PROGRESS_EVERY = 10.0
# Transform batches submitted beyond one per worker: a worker that finishes takes the queued batch at
# once instead of idling while the flow loads the previous one and plans the next (measured: ~18 s
# idle per worker over a 2000-file run with none queued).
QUEUED_BATCHES = 1


T = TypeVar("T")


def _as_is(value: T) -> T:
    """`value` for a task argument that Prefect must not walk: without `quote` it visits every nested
    object looking for futures (measured: 12 s of the flow process's CPU in a 2000-file run). The task
    receives the value unwrapped, so it is typed as the value. Only for tasks run in the flow process:
    Dask takes the wrapper (a named tuple) apart in transit."""
    return cast(T, quote(value))


@task(name="read-batch")
def read_batch(paths: list[str], max_file_bytes: int) -> list[FileBytes | ReadFailure]:
    return [read_bytes(p, max_bytes=max_file_bytes) for p in paths]


# The database tasks take `db_url=None` from the CLI: they connect to DATABASE_URL from the process's
# environment, so no URL (and no password) is ever a Prefect parameter, stored in Prefect's database.


@task(name="plan-batch", retries=len(DB_RETRY_DELAYS), retry_delay_seconds=DB_RETRY_DELAYS)
def plan_batch(db_url: str | None, read: list[FileBytes | ReadFailure], retry_quarantined: bool = False) -> BatchPlan:
    """Decide per file: process it, skip it as unchanged, or skip it as quarantined (same bytes failed)."""
    with connect(db_url) as conn:
        return plan_files(conn, read, retry_quarantined=retry_quarantined)


@task(name="transform-batch")
def transform_batch(
    files: list[FileBytes], max_file_bytes: int, known_junk: dict[str, frozenset[str]], file_seconds: float = 0
) -> tuple[list[ExtractedArticle], list[ReadFailure]]:
    from flows import pool

    if (workers := pool.active()) is not None:  # the CLI's own worker processes (claims_etl/startup.py)
        return workers.transform(files, max_bytes=max_file_bytes, known_junk=known_junk, file_seconds=file_seconds)
    # Imported here: the NLP stack (~85 MB) then loads in the workers only, not in the flow process
    # (unless the run is small enough to transform in the flow process: claims_etl/startup.py).
    from infra.lifeline import exit_with_pool_parent
    from tasks.transform import transform

    exit_with_pool_parent()  # a worker process would outlive a killed CLI otherwise
    return transform(files, max_bytes=max_file_bytes, known_junk=known_junk, file_seconds=file_seconds)


@task(name="load-batch", retries=len(DB_RETRY_DELAYS), retry_delay_seconds=DB_RETRY_DELAYS)
def load_batch(
    db_url: str | None,
    run_id: int,
    articles: list[ExtractedArticle],
    failures: list[ReadFailure],
    unchanged: list[str],
    copies: list[FileBytes] | None = None,
) -> load.LoadResult:
    with connect(db_url) as conn:
        result = load.load_batch(conn, run_id, articles, failures, copies or [])
        with conn.transaction():
            load.touch_sources(conn, unchanged)
    return result


@task(name="refresh-analysis", retries=len(DB_RETRY_DELAYS), retry_delay_seconds=DB_RETRY_DELAYS)
def refresh_analysis_task(db_url: str | None) -> str:
    """Bring speaker identity, statement clusters and mentions up to date with what was loaded."""
    with connect(db_url) as conn:
        return refresh_analysis(conn).summary()


@flow(name="ingest", log_prints=True)
def ingest(
    paths: list[str],
    mode: RunMode = "manual",
    batch_size: int = 200,
    max_file_bytes: int = 20_000_000,
    db_url: str | None = None,
    workers: int = 2,
    analyse: bool = True,
    file_seconds: float = 300.0,
) -> RunSummary:
    """Load every article file under `paths`; unchanged files are skipped, bad ones recorded as failures.

    `db_url` (no password allowed) overrides DATABASE_URL, for tests. `workers` is how many transform
    batches the task runner runs at once; at most that many plus QUEUED_BATCHES are submitted at a
    time, so memory stays flat however many files there are. `analyse` refreshes the analysis layer
    (speaker identity, statement clusters) after loading, and whenever claims are left unanalysed (a
    run killed during its refresh). `file_seconds` is each file's budget for cleaning and extraction.
    """
    logger = get_run_logger()
    url = checked_db_url(db_url)
    with RunLock(url) as lock:  # held open: our advisory lock says "this run is alive"
        for dead in lock.call(load.reap_abandoned_runs):
            logger.warning("run %d was abandoned by a dead process; marked failed", dead)
        params = {"paths": paths, "batch_size": batch_size, "file_seconds": file_seconds}
        run_id = lock.call(lambda c: load.start_run(c, mode, params, _flow_run_id()))
        lock.hold(run_id)
        summary = RunSummary(run_id=run_id, mode=mode)
        try:
            settings = _Batches(max_file_bytes, max(1, workers), mode == "retry", file_seconds)
            _run_batches(url, lock, run_id, paths, batch_size, settings, summary)
            if analyse and (summary.articles_loaded or lock.call(analysis_pending)):
                t0 = time.monotonic()
                logger.info("analysis: %s", refresh_analysis_task(url))
                summary.seconds_analyse = time.monotonic() - t0
        except BaseException as exc:
            summary.status = "failed"
            error = scrub(f"{type(exc).__name__}: {exc}")
            lock.call(lambda c: load.finish_run(c, run_id, summary.counters(), "failed", error))
            raise
        summary.status = "succeeded"
        lock.call(lambda c: load.finish_run(c, run_id, summary.counters(), "succeeded"))
        top = lock.call(lambda c: load.top_speakers(c, run_id, TOP_SPEAKERS))
        if lock.reconnects:
            logger.warning("run %d: its connection was re-established %d time(s)", run_id, lock.reconnects)
    _publish_summary(summary, top)
    return summary


@dataclass(frozen=True)
class _Batches:
    """How batches are read and transformed."""

    max_file_bytes: int
    workers: int
    retry_quarantined: bool
    file_seconds: float


def _run_batches(
    url: str | None,
    lock: RunLock,
    run_id: int,
    paths: list[str],
    batch_size: int,
    how: _Batches,
    summary: RunSummary,
) -> None:
    logger = get_run_logger()
    files = list(discover(paths, resolve=True))  # stored resolved: two spellings are one path
    total, started, last_report = len(files), time.monotonic(), 0.0
    logger.info("run %d: %d files to look at, batches of at most %d", run_id, total, batch_size)
    window: deque[tuple[int, BatchPlan, PrefectFuture[Any], float]] = deque()

    def finish_oldest() -> None:
        nonlocal last_report
        size, planned, future, submitted = window.popleft()
        articles, bad = future.result()
        t0 = time.monotonic()
        seen = planned.unchanged + planned.recorded_copies
        result = load_batch(
            url, run_id, _as_is(articles), _as_is(planned.failures + bad), _as_is(seen), _as_is(planned.copies)
        )
        lock.release(f.source for f in planned.todo)
        lock.keepalive()
        summary.seconds_extract += t0 - submitted
        summary.seconds_load += time.monotonic() - t0
        _count(summary, size, planned, result)
        now = time.monotonic()
        progress.report(summary.files_seen + summary.files_busy, total, now - started)  # a bar, on a terminal only
        if now - last_report >= PROGRESS_EVERY or summary.files_seen + summary.files_busy == total:
            last_report = now
            logger.info(_progress(summary, total, now - started))

    for batch in guided_batches(files, batch_size, how.workers):
        t0 = time.monotonic()
        read = read_batch(_as_is(batch), how.max_file_bytes)
        # Claimed before planning: a file another live run is loading is skipped, not extracted twice.
        busy = lock.claim(r.source for r in read if isinstance(r, FileBytes))
        if busy:
            logger.info("%d file(s) skipped: another live run is loading them", len(busy))
            read = [r for r in read if r.source not in busy]
        planned = plan_batch(url, _as_is(read), retry_quarantined=how.retry_quarantined)
        todo = {f.source for f in planned.todo}
        lock.release(r.source for r in read if isinstance(r, FileBytes) and r.source not in todo)
        summary.files_busy += len(busy)
        summary.seconds_read += time.monotonic() - t0
        future = transform_batch.submit(planned.todo, how.max_file_bytes, planned.known_junk, how.file_seconds)
        window.append((len(batch) - len(busy), planned, future, time.monotonic()))
        while len(window) > how.workers + QUEUED_BATCHES:
            finish_oldest()
    while window:
        finish_oldest()


def analysis_pending(conn: Any) -> bool:
    """Claims not analysed yet (e.g. a run was killed during its refresh)."""
    return bool(statements.pending_claims(conn, 0, 1))


def _count(summary: RunSummary, size: int, planned: BatchPlan, result: load.LoadResult) -> None:
    summary.files_seen += size
    summary.files_new += result.articles_new
    summary.files_changed += result.articles_changed
    summary.files_unchanged += len(planned.unchanged)
    summary.files_copies += result.copies + len(planned.recorded_copies)
    summary.files_quarantined += len(planned.quarantined)
    summary.files_failed += len(result.failed)
    summary.articles_loaded += result.articles_new + result.articles_changed
    summary.claims_loaded += result.claims
    summary.failures.extend((f.source, f.error_class, f.message) for f in result.failed)


def _progress(summary: RunSummary, total: int, elapsed: float) -> str:
    rate = summary.files_seen / max(elapsed, 1e-9)
    eta = (total - summary.files_seen) / rate if rate else 0.0
    return (
        f"{summary.files_seen}/{total} files ({100 * summary.files_seen / max(total, 1):.0f}%), {rate:.1f} files/s, "
        f"ETA {eta:.0f}s: {summary.files_new} new, {summary.files_changed} changed, "
        f"{summary.files_unchanged} unchanged, {summary.files_copies} copies, {summary.files_failed} failed, "
        f"{summary.claims_loaded} claims"
    )


def _flow_run_id() -> str | None:
    run_id = flow_run.get_id()
    return str(run_id) if run_id else None


def _publish_summary(summary: RunSummary, top: list[tuple[str, int]]) -> None:
    lines = [
        f"# Ingest run {summary.run_id} ({summary.mode}): {summary.status}",
        "",
        "| files seen | new | changed | unchanged | copies | failed | quarantined | claims loaded |",
        "|---|---|---|---|---|---|---|---|",
        f"| {summary.files_seen} | {summary.files_new} | {summary.files_changed} | {summary.files_unchanged} "
        f"| {summary.files_copies} | {summary.files_failed} | {summary.files_quarantined} | {summary.claims_loaded} |",
    ]
    if top:
        lines += ["", "| top speakers of this run | claims |", "|---|---|"]
        lines += [f"| {name} | {n} |" for name, n in top]
    if summary.failures:
        lines += ["", "| failed file | error | reason |", "|---|---|---|"]
        lines += [f"| {p} | {c} | {m} |" for p, c, m in summary.failures[:50]]
    create_markdown_artifact("\n".join(lines), key="ingest-summary", description="claims-etl ingest run")
