"""Where transform batches run: threads (default for tiny jobs), local processes (both cores), or Dask.

Only the pure, CPU-bound transform stage is sent to the runner. Reading, planning and loading stay in
the flow process: one writer per run keeps database connections bounded and commits in input order.
"""

from __future__ import annotations

from typing import Any

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from infra.config import RunnerKind

__all__ = ["RunnerKind", "make_task_runner"]


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
