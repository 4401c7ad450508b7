"""The transform workers of one CLI ingest: plain processes, started before the flow, Prefect-free.

Prefect's process runner made every worker import Prefect and the flow's module and run Prefect's
task engine around each batch (measured on a 300-file run: ~4.6 s of imports and ~2.5 s of engine per
worker, on two cores shared with the flow). Here the `transform-batch` task still runs, and is
recorded, in the flow process (on a thread runner); it hands the pure work to a warm worker that has
imported the transform stage only. The workers import this module, so it imports no Prefect.
A worker that dies (killed, out of memory) breaks the pool: `WorkerDied` (one line for the operator)
fails the batch's task and the run, which is recorded as failed; the next run takes its files up again.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TYPE_CHECKING

from infra.errors import WorkerDied
from tasks.read import batch_key

if TYPE_CHECKING:
    from schemas import ExtractedArticle
    from tasks.read import FileBytes, ReadFailure

# The pool of the run in progress (at most one per process): `transform-batch` sends its work there.
_active: list[TransformPool] = []
Transformed = tuple[list["ExtractedArticle"], list["ReadFailure"]]
WORKER_DIED = (
    "a transform worker process died (killed, or out of memory?); the run stops here: batches already "
    "loaded stay loaded, and the next run takes up the rest"
)


class TransformPool:
    """`workers` spawned processes, each warming up (imports, models) as soon as the pool starts."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        # spawn, not fork: the flow process runs threads (Prefect's), which a fork would copy mid-step
        context = multiprocessing.get_context("spawn")
        self._executor = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_worker)
        self._prefetched: dict[tuple[object, ...], Future[Transformed]] = {}

    def start(self) -> TransformPool:
        for _ in range(self.workers):  # a process is spawned per submit while none is idle
            self._executor.submit(_ready)
        return self

    def prefetch(
        self,
        files: Sequence[FileBytes],
        *,
        max_bytes: int,
        known_junk: Mapping[str, frozenset[str]],
        file_seconds: float,
    ) -> None:
        """Start a batch the flow is expected to submit first, while Prefect's API boots: `transform`
        called with the same files (paths and hashes) and settings takes this result; any other call
        does its own work (the flow plans again and decides; a prefetch is only ever a head start)."""
        key = batch_key(files, max_bytes, known_junk, file_seconds)
        self._prefetched[key] = self._submit(files, max_bytes, known_junk, file_seconds)

    def transform(
        self,
        files: Sequence[FileBytes],
        *,
        max_bytes: int,
        known_junk: Mapping[str, frozenset[str]],
        file_seconds: float,
    ) -> Transformed:
        """`tasks.transform.transform` in a worker; blocks the calling thread until it is done."""
        future = self._prefetched.pop(batch_key(files, max_bytes, known_junk, file_seconds), None)
        future = future or self._submit(files, max_bytes, known_junk, file_seconds)
        try:
            return future.result()
        except BrokenProcessPool as exc:
            raise WorkerDied(WORKER_DIED) from exc

    def _submit(
        self, files: Sequence[FileBytes], max_bytes: int, known_junk: Mapping[str, frozenset[str]], file_seconds: float
    ) -> Future[Transformed]:
        try:
            return self._executor.submit(_transform, list(files), max_bytes, dict(known_junk), file_seconds)
        except BrokenProcessPool as exc:
            raise WorkerDied(WORKER_DIED) from exc

    def close(self, *, abandon: bool = False) -> None:
        """Stop the workers once their work is done; `abandon` (the run failed): at once, without
        finishing a batch nobody will load."""
        if abandon:
            for process in list(getattr(self._executor, "_processes", {}).values()):  # CPython's pool
                process.terminate()
        self._executor.shutdown(wait=True, cancel_futures=True)


@contextmanager
def transform_pool(workers: int) -> Iterator[TransformPool]:
    """A started pool, active (`active()`) until the block ends; then its workers are stopped."""
    pool = TransformPool(workers).start()
    _active.append(pool)
    try:
        yield pool
    except BaseException:
        _active.remove(pool)
        pool.close(abandon=True)
        raise
    _active.remove(pool)
    pool.close()


def active() -> TransformPool | None:
    """The pool of the run in progress in this process, if it has one."""
    return _active[-1] if _active else None


def _warm_worker() -> None:
    from infra.lifeline import exit_with_parent
    from tasks.transform import warm_up

    exit_with_parent()  # a kill of the CLI must not leave the worker behind
    warm_up()


def _ready() -> None:
    """Nothing: submitted once per worker so that each is spawned (and warms up) now."""


def _transform(
    files: list[FileBytes], max_bytes: int, known_junk: dict[str, frozenset[str]], file_seconds: float
) -> Transformed:
    from tasks.transform import transform

    return transform(files, max_bytes=max_bytes, known_junk=known_junk, file_seconds=file_seconds)
