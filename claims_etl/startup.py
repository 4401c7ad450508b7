"""What an ingest starts before its flow runs, sized to the work the run has ahead of it.

Start-up used to be the same for five files as for five thousand: a worker pool whose processes
each imported Prefect and loaded the model after the first batch was submitted (~5 s), behind
Prefect's API server boot (~8 CPU-seconds). Now:

- a run with at most one batch's worth of files to transform (`IN_PROCESS_FILES`) transforms in the
  flow process: a pool would give it no parallelism, only start-up. Its models load in a background
  thread while Prefect's API boots;
- a larger run on the `process` runner starts its pool at once (`WarmProcessPool`), so the workers
  load the models while the API boots and the flow imports;
- `thread` and `dask` runners are used as configured.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from infra.config import RunnerKind
from tasks.plan import MIN_GUIDED_BATCH, BatchPlan

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
    from flows.runners import WarmProcessPool

    pool = WarmProcessPool(max_workers=workers).start()
    try:
        yield pool
    finally:
        if pool._started:  # the flow run shuts it down; this is for a failure before it started
            pool.__exit__(None, None, None)
