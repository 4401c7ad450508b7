"""What an ingest starts before its flow runs, sized to the work the run has ahead of it.

Start-up used to be the same for five files as for five thousand: a worker pool whose processes
each imported Prefect and loaded the model after the first batch was submitted (~5 s), behind
Prefect's API server boot (~8 CPU-seconds). Now:

- a run with at most one batch's worth of files to transform (`IN_PROCESS_FILES`) transforms in the
  flow process: a pool would give it no parallelism, only start-up. Its models load in a background
  thread while Prefect's API boots;
- a larger run on the `process` runner starts plain worker processes at once (`flows/pool.py`),
  which load the models while the API boots and the flow imports; its transform tasks run on
  threads of the flow process and hand their batches to those workers;
- `thread` and `dask` runners are used as configured.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING, Any

from infra.config import RunnerKind, Settings
from infra.db import connect
from tasks.plan import MIN_GUIDED_BATCH, BatchPlan, guided_batches, plan_files
from tasks.read import read_bytes

if TYPE_CHECKING:
    from prefect.task_runners import TaskRunner

# Files to transform up to which a `process` run stays in the flow process: the guided split makes one
# batch of them (tasks.plan.guided_batches), so one worker would do all the work anyway.
IN_PROCESS_FILES = MIN_GUIDED_BATCH


def in_process(kind: RunnerKind, files_to_transform: int, batch_size: int) -> bool:
    return kind == "process" and files_to_transform <= min(IN_PROCESS_FILES, batch_size)


def warm_flow_process(whole: BatchPlan | None, max_bytes: int, file_seconds: float) -> None:
    """Load the models of a small run in a background thread of the flow process, and transform its
    files there while Prefect starts, when the survey saw all of them in one plan (`whole`): the flow's
    one batch then finds them done (same files, hashes and settings; else it does the work itself).
    Called after the flow's modules are imported: two threads importing modules at once can deadlock."""
    from tasks.transform import Ahead, warm_up

    ahead = Ahead(whole.todo, max_bytes, whole.known_junk, file_seconds) if whole and whole.todo else None
    warm_up(background=True, ahead=ahead)


def prefetch_first_batches(url: str | None, files: Sequence[str], batch_size: int, workers: int, s: Settings) -> None:
    """Hand the run's first batches (one per worker, planned as the flow will plan them) to the
    worker pool, if the run has one, so that the workers start on them while Prefect's API boots
    and the flow starts (measured: the workers sat idle ~2.5 s of a 300-file run waiting for it).
    `files` as the flow will discover them. The flow plans and claims each batch itself and takes a
    prefetched result only for the very same files and settings (`flows.pool.TransformPool`)."""
    from flows import pool

    workers_pool = pool.active()
    if workers_pool is None:
        return
    with connect(url) as conn:
        for batch in islice(guided_batches(files, batch_size, workers), workers):
            plan = plan_files(conn, [read_bytes(p, max_bytes=s.claims_etl_max_file_bytes) for p in batch])
            if plan.todo:
                workers_pool.prefetch(
                    plan.todo,
                    max_bytes=s.claims_etl_max_file_bytes,
                    known_junk=plan.known_junk,
                    file_seconds=s.claims_etl_file_seconds,
                )


@contextmanager
def started_runner(
    kind: RunnerKind, workers: int, dask_address: str | None, *, small: bool
) -> Iterator[TaskRunner[Any]]:
    """The task runner for one ingest, started (and warming up) now; stopped if the flow never ran.
    Prefect is imported here, not with this module: the no-op run never needs it."""
    from prefect.task_runners import ThreadPoolTaskRunner

    if small:
        yield ThreadPoolTaskRunner(max_workers=1)
        return
    if kind != "process":
        from flows.runners import make_task_runner

        yield make_task_runner(kind, workers, dask_address)
        return
    from flows.pool import transform_pool

    with transform_pool(workers):  # `transform-batch` hands its batch to these workers
        # a thread per batch in flight: the flow keeps at most workers + QUEUED_BATCHES submitted
        yield ThreadPoolTaskRunner(max_workers=2 * workers)
