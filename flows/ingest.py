"""The `ingest` flow: article files -> Postgres, in batches of files (one task run per batch, never per file).

The flow only orchestrates; stages live in `tasks/`. Per batch: read bytes and hash (file I/O) ->
skip files already loaded with the same hash (database read) -> decode, clean, extract (pure) ->
load in one transaction (database write).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Literal

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

from claims_etl.db import connect, database_url
from schemas import ExtractedArticle
from schemas.run import RunSummary
from tasks import load
from tasks.read import FileBytes, ReadFailure, discover, read_bytes
from tasks.transform import transform

RunMode = Literal["manual", "nightly"]
# Connection-level errors are transient: Prefect retries the task with these delays (seconds).
LOAD_RETRY_DELAYS: list[float] = [2, 10, 30]


@dataclass
class BatchPlan:
    todo: list[FileBytes] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)  # open terminal failure, same bytes: not retried
    failures: list[ReadFailure] = field(default_factory=list)


@task(name="read-batch")
def read_batch(paths: list[str], max_file_bytes: int) -> list[FileBytes | ReadFailure]:
    return [read_bytes(p, max_bytes=max_file_bytes) for p in paths]


@task(name="plan-batch", retries=len(LOAD_RETRY_DELAYS), retry_delay_seconds=LOAD_RETRY_DELAYS)
def plan_batch(db_url: str, read: list[FileBytes | ReadFailure]) -> BatchPlan:
    """Decide what to do with each file: process it, skip it as unchanged, or skip it as quarantined."""
    paths = [r.source for r in read]
    with connect(db_url) as conn:
        loaded = load.loaded_hashes(conn, paths)
        held = load.quarantined(conn, paths)
    plan = BatchPlan()
    for r in read:
        if (r.source, r.sha256) in held:
            plan.quarantined.append(r.source)
        elif isinstance(r, ReadFailure):
            plan.failures.append(r)
        elif loaded.get(r.source) == r.sha256:
            plan.unchanged.append(r.source)
        else:
            plan.todo.append(r)
    return plan


@task(name="transform-batch")
def transform_batch(
    files: list[FileBytes],
    max_file_bytes: int,
) -> tuple[list[ExtractedArticle], list[ReadFailure]]:
    return transform(files, max_bytes=max_file_bytes)


@task(name="load-batch", retries=len(LOAD_RETRY_DELAYS), retry_delay_seconds=LOAD_RETRY_DELAYS)
def load_batch(
    db_url: str, run_id: int, articles: list[ExtractedArticle], failures: list[ReadFailure], unchanged: list[str]
) -> load.LoadResult:
    with connect(db_url) as conn:
        result = load.load_batch(conn, run_id, articles, failures)
        with conn.transaction():
            load.touch_sources(conn, unchanged)
    return result


@flow(name="ingest", log_prints=True)
def ingest(
    paths: list[str],
    mode: RunMode = "manual",
    batch_size: int = 200,
    max_file_bytes: int = 20_000_000,
    db_url: str | None = None,
) -> RunSummary:
    """Load every article file under `paths`; unchanged files are skipped, bad ones recorded as failures."""
    logger = get_run_logger()
    url = db_url or database_url()
    with connect(url) as conn:
        run_id = load.start_run(
            conn,
            mode,
            {"paths": paths, "batch_size": batch_size},
            str(flow_run.get_id()) if flow_run.get_id() else None,
        )
    summary = RunSummary(run_id=run_id, mode=mode)
    started = time.monotonic()
    try:
        for batch in _batches(discover(paths), batch_size):
            _run_batch(url, run_id, batch, max_file_bytes, summary)
            elapsed = time.monotonic() - started
            logger.info(
                "%d files done (%d new, %d changed, %d unchanged, %d failed, %d quarantined), %.1f files/s",
                summary.files_seen,
                summary.files_new,
                summary.files_changed,
                summary.files_unchanged,
                summary.files_failed,
                summary.files_quarantined,
                summary.files_seen / max(elapsed, 1e-9),
            )
        summary.status = "succeeded"
    except BaseException as exc:
        summary.status = "failed"
        with connect(url) as conn:
            load.finish_run(conn, run_id, summary.counters(), "failed", f"{type(exc).__name__}: {exc}")
        raise
    with connect(url) as conn:
        load.finish_run(conn, run_id, summary.counters(), "succeeded")
    _publish_summary(summary)
    return summary


def _run_batch(url: str, run_id: int, paths: Sequence[str], max_file_bytes: int, summary: RunSummary) -> None:
    t0 = time.monotonic()
    plan = plan_batch(url, read_batch(list(paths), max_file_bytes))
    t1 = time.monotonic()
    articles, bad = transform_batch(plan.todo, max_file_bytes)
    t2 = time.monotonic()
    result = load_batch(url, run_id, articles, plan.failures + bad, plan.unchanged)
    t3 = time.monotonic()
    summary.files_seen += len(paths)
    summary.files_new += result.articles_new
    summary.files_changed += result.articles_changed
    summary.files_unchanged += len(plan.unchanged)
    summary.files_quarantined += len(plan.quarantined)
    summary.files_failed += len(result.failed)
    summary.articles_loaded += result.articles_new + result.articles_changed
    summary.claims_loaded += result.claims
    summary.seconds_read += t1 - t0
    summary.seconds_extract += t2 - t1
    summary.seconds_load += t3 - t2
    summary.failures.extend((f.source, f.error_class, f.message) for f in result.failed)


def _batches(items: Iterator[str], size: int) -> Iterator[list[str]]:
    while batch := list(islice(items, size)):
        yield batch


def _publish_summary(summary: RunSummary) -> None:
    lines = [
        f"# Ingest run {summary.run_id} ({summary.mode}): {summary.status}",
        "",
        "| files seen | new | changed | unchanged | failed | claims loaded |",
        "|---|---|---|---|---|---|",
        f"| {summary.files_seen} | {summary.files_new} | {summary.files_changed} | {summary.files_unchanged} "
        f"| {summary.files_failed} | {summary.claims_loaded} |",
    ]
    if summary.failures:
        lines += ["", "| failed file | error | reason |", "|---|---|---|"]
        lines += [f"| {p} | {c} | {m} |" for p, c, m in summary.failures[:50]]
    create_markdown_artifact("\n".join(lines), key="ingest-summary", description="claims-etl ingest run")
