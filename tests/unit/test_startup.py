"""Start-up sized to the run: which runs stay in the flow process, and the warm-up a batch waits for."""

from __future__ import annotations

import pickle
import threading
import time

import pytest
from prefect.task_runners import ProcessPoolTaskRunner

import tasks.transform as transform_module
from claims_etl.startup import IN_PROCESS_FILES, in_process
from flows.runners import WarmProcessPool


@pytest.mark.parametrize(
    ("kind", "files", "batch_size", "expected"),
    [
        ("process", 5, 200, True),  # a manual run of a handful of files: no pool
        ("process", IN_PROCESS_FILES, 200, True),
        ("process", IN_PROCESS_FILES + 1, 200, False),  # two guided batches: two workers help
        ("process", 5, 2, False),  # the caller asked for batches of 2: several batches, a pool
        ("thread", 500, 200, False),  # threads and Dask are used as configured
        ("dask", 5, 200, False),
    ],
)
def test_which_runs_transform_in_the_flow_process(kind: str, files: int, batch_size: int, expected: bool) -> None:
    assert in_process(kind, files, batch_size) is expected  # type: ignore[arg-type]


def test_the_warm_pool_travels_to_workers_as_a_plain_description() -> None:
    """The flow's context (holding its task runner) is pickled for every task; a started pool holds a
    multiprocessing queue, which cannot be pickled."""
    pool = WarmProcessPool(max_workers=3)
    copy = pickle.loads(pickle.dumps(pool))
    assert type(copy) is ProcessPoolTaskRunner and copy._max_workers == 3
    assert pool.duplicate() is pool  # the flow run uses the pool started before it


def test_a_batch_waits_for_the_background_warm_up(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = threading.Event()

    def slow_load() -> None:
        time.sleep(0.3)
        loaded.set()

    monkeypatch.setattr(transform_module, "_load_models", slow_load)
    transform_module.warm_up(background=True)
    assert not loaded.is_set()
    assert transform_module.transform([], max_bytes=1000) == ([], [])
    assert loaded.is_set()
