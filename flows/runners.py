"""Where transform batches run: threads (default for tiny jobs), local processes (both cores), or Dask.

Only the pure, CPU-bound transform stage is sent to the runner. Reading, planning and loading stay in
the flow process: one writer per run keeps database connections bounded and commits in input order.
"""

from __future__ import annotations

from typing import Any, Self

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from infra.config import RunnerKind

__all__ = ["RunnerKind", "WarmProcessPool", "make_task_runner"]


def make_task_runner(kind: RunnerKind, workers: int, dask_address: str | None = None) -> TaskRunner[Any]:
    if kind == "dask":
        from prefect_dask.task_runners import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
    if dask_address:
        raise ValueError("--dask-address needs --task-runner dask")
    if kind == "process":
        return ProcessPoolTaskRunner(max_workers=workers)
    return ThreadPoolTaskRunner(max_workers=workers)


class WarmProcessPool(ProcessPoolTaskRunner):
    """A process pool for one flow run, started before the flow: its workers start, import the
    transform stage and load the models while Prefect's API boots and the flow imports, instead of
    after the first batch is submitted (measured: ~5 s per worker, then on the critical path).

    `start()` spawns every worker at once; the flow run then uses this very pool (`duplicate` is
    itself) and shuts it down when it ends. Not for a served deployment: that runs many flows.
    """

    def __init__(self, max_workers: int) -> None:
        super().__init__(max_workers=max_workers, initializer=_warm_worker)

    def start(self) -> Self:
        if not self._started:
            super().__enter__()
            assert self._executor is not None
            for _ in range(self._max_workers):  # a process is spawned per submit while none is idle
                self._executor.submit(_ready)
        return self

    def duplicate(self) -> Self:
        return self

    def __enter__(self) -> Self:
        return self.start()

    def __reduce__(self) -> tuple[Any, ...]:
        """Sent to the workers inside the flow's context as what it is there: a description. (The
        started pool holds a multiprocessing queue, which cannot be pickled.)"""
        return (ProcessPoolTaskRunner, (self._max_workers,))


def _warm_worker() -> None:
    from infra.lifeline import exit_with_parent
    from tasks.transform import warm_up

    exit_with_parent()  # a kill of the CLI during start-up must not leave the worker behind
    # The first task imports the flow's module (its run context, sent with every task, holds the
    # flow): measured ~2 s of the database, load and analysis stack, imported now instead.
    import flows.ingest  # noqa: F401

    warm_up()


def _ready() -> None:
    """Nothing: submitted once per worker so that each is spawned (and warms up) now."""
