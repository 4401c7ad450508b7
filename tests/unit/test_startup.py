"""Start-up sized to the run: which runs stay in the flow process, and the warm-up a batch waits for."""

from __future__ import annotations

import hashlib
import os
import signal
import threading
import time
from pathlib import Path

import pytest

import flows.pool as pool_module
import tasks.transform as transform_module
from claims_etl.prefect_api import _default_database
from claims_etl.startup import IN_PROCESS_FILES, in_process
from infra.errors import WorkerDied
from tasks.read import FileBytes, batch_key


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


def test_the_pool_transforms_a_batch_in_a_worker_process_of_its_own() -> None:
    """The CLI's workers (flows/pool.py) do the transform; `transform-batch` in the flow process
    only hands the batch over while the pool is active."""
    said = "Harbour plan approved\n\nMayor Lena Ortiz said on Monday that the harbour would reopen in May.\n"
    files = [_file("a", said), _file("bad", "")]
    assert pool_module.active() is None
    with pool_module.transform_pool(1) as pool:
        assert pool_module.active() is pool
        pool.prefetch(files, max_bytes=10_000, known_junk={}, file_seconds=300.0)
        pool.transform(files, max_bytes=5_000, known_junk={}, file_seconds=300.0)  # not the prefetched work
        assert len(pool._prefetched) == 1
        done, failed = pool.transform(files, max_bytes=10_000, known_junk={}, file_seconds=300.0)
        assert pool._prefetched == {}  # the same call takes the prefetched result
        worker = pool._executor.submit(os.getpid).result()
    assert pool_module.active() is None
    assert worker != os.getpid()
    assert [a.raw.source for a in done] == ["/in/a.txt"]
    assert [(c.speaker, c.cue and c.cue.text) for c in done[0].claims] == [("Lena Ortiz", "said")]
    assert [(f.source, f.error_class) for f in failed] == [("/in/bad.txt", "empty")]


def test_a_worker_that_dies_fails_the_run_with_one_clear_error() -> None:
    files = [_file("a", ARTICLE)]
    with pytest.raises(WorkerDied, match="worker process died"), pool_module.transform_pool(1) as pool:
        worker = pool._executor.submit(os.getpid).result()
        os.kill(worker, signal.SIGKILL)
        time.sleep(0.5)  # the pool notices the death
        pool.transform(files, max_bytes=10_000, known_junk={}, file_seconds=300.0)
    assert pool_module.active() is None


@pytest.mark.parametrize(
    ("change", "same"),
    [
        ({}, True),
        ({"files": [("/in/a.txt", "other hash")]}, False),  # the file changed since it was prefetched
        ({"files": []}, False),  # a file was claimed by another run
        ({"max_bytes": 1}, False),
        ({"known_junk": {"in": frozenset({"menu"})}}, False),
        ({"file_seconds": 1.0}, False),
    ],
)
def test_a_prefetched_batch_is_the_same_work_only_for_the_same_files_and_settings(
    change: dict[str, object], same: bool
) -> None:
    first = {"files": [("/in/a.txt", "h1")], "max_bytes": 10, "known_junk": {}, "file_seconds": 300.0}
    call = {**first, **change}

    def key(args: dict[str, object]) -> tuple[object, ...]:
        files = [FileBytes(src, b"", sha) for src, sha in args["files"]]  # type: ignore[attr-defined]
        return batch_key(files, args["max_bytes"], args["known_junk"], args["file_seconds"])  # type: ignore[arg-type]

    assert (key(first) == key(call)) is same


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


def _file(name: str, text: str) -> FileBytes:
    data = text.encode()
    return FileBytes(f"/in/{name}.txt", data, hashlib.sha256(data).hexdigest())


ARTICLE = "Harbour plan approved\n\nThe council approved the harbour plan on Monday, officials said.\n"


def test_a_small_runs_batch_transformed_ahead_is_used_once_and_only_for_the_same_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cleaned: list[str] = []
    real_clean = transform_module.clean_document  # type: ignore[attr-defined]

    def counting_clean(raw, **kwargs):  # type: ignore[no-untyped-def]
        cleaned.append(raw.source)
        return real_clean(raw, **kwargs)

    monkeypatch.setattr(transform_module, "_load_models", lambda: None)
    monkeypatch.setattr(transform_module, "clean_document", counting_clean)
    monkeypatch.setattr(transform_module, "extract_batch", lambda articles: [[] for _ in articles])
    files = [_file("a", ARTICLE), _file("b", ARTICLE.replace("Monday", "Friday"))]
    transform_module.warm_up(background=True, ahead=transform_module.Ahead(files, 10_000, {}, 300.0))
    done = transform_module.transform(files, max_bytes=10_000, known_junk={}, file_seconds=300.0)
    assert cleaned == ["/in/a.txt", "/in/b.txt"]  # cleaned once, ahead: the call found the result
    assert [a.raw.source for a in done[0]] == ["/in/a.txt", "/in/b.txt"] and done[1] == []
    assert transform_module.transform(files, max_bytes=10_000, known_junk={}, file_seconds=300.0) == done
    assert len(cleaned) == 4  # used once: the same call again does the work


@pytest.mark.parametrize(
    "differs",
    [
        {"files": "changed bytes"},
        {"max_bytes": 5_000},
        {"known_junk": {"in": frozenset({"menu"})}},
        {"file_seconds": 10.0},
    ],
)
def test_a_batch_that_differs_from_the_one_transformed_ahead_is_transformed_itself(
    monkeypatch: pytest.MonkeyPatch, differs: dict[str, object]
) -> None:
    cleaned: list[str] = []
    monkeypatch.setattr(transform_module, "_load_models", lambda: None)
    monkeypatch.setattr(transform_module, "extract_batch", lambda articles: [[] for _ in articles])
    real_clean = transform_module.clean_document  # type: ignore[attr-defined]

    def counting_clean(raw, **kwargs):  # type: ignore[no-untyped-def]
        cleaned.append(raw.source)
        return real_clean(raw, **kwargs)

    monkeypatch.setattr(transform_module, "clean_document", counting_clean)
    files = [_file("a", ARTICLE)]
    transform_module.warm_up(background=True, ahead=transform_module.Ahead(files, 10_000, {}, 300.0))
    kwargs: dict[str, object] = {"max_bytes": 10_000, "known_junk": {}, "file_seconds": 300.0}
    call_files = [_file("a", ARTICLE + "More.\n")] if "files" in differs else files
    kwargs.update({k: v for k, v in differs.items() if k != "files"})
    transform_module.transform(call_files, **kwargs)  # type: ignore[arg-type]
    assert len(cleaned) == 2  # ahead, then again for the call that did not match
    assert transform_module._ahead == {}  # the unused result is not kept


@pytest.mark.parametrize(
    ("env", "first_boot"),
    [
        ({"PREFECT_HOME": "{home}"}, False),  # the database is there: a later boot, the pool starts at once
        ({"PREFECT_HOME": "{home}/fresh"}, True),  # a fresh home: the server creates its database first
        ({"PREFECT_HOME": "{home}", "PREFECT_API_DATABASE_CONNECTION_URL": "postgresql+asyncpg://x/y"}, True),
    ],
)
def test_a_first_boot_of_the_temporary_api_is_told_apart(tmp_path: Path, env: dict[str, str], first_boot: bool) -> None:
    (tmp_path / "prefect.db").write_bytes(b"")
    resolved = {k: v.format(home=tmp_path) for k, v in env.items()}
    assert (not _default_database(resolved).exists()) is first_boot
