"""Operations: a killed run, concurrent runs, backfills, and the Dask path, against real Postgres."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.backfill import backfill
from flows.ingest import ingest
from flows.runners import make_task_runner
from infra.db import connect
from tests.fixtures.corpus import write_corpus
from tests.integration.conftest import fresh_database
from tests.integration.dbcompare import snapshot

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_harness")]


@pytest.fixture()
def second_db(server_url: str) -> Iterator[str]:
    """Another fresh, migrated database on the same server (for 'same result as a clean run' checks)."""
    yield from fresh_database(server_url)


def _cli(url: str, *args: str, runner: str = "thread") -> subprocess.Popen[str]:
    env = {**os.environ, "DATABASE_URL": url, "CLAIMS_ETL_TASK_RUNNER": runner}
    env.pop("PREFECT_API_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "claims_etl.cli", *args],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: a kill takes its Prefect server along
    )


def _count(url: str, query: str) -> int:
    with connect(url) as conn:
        row = conn.execute(query.encode()).fetchone()
    return int(row[0]) if row else 0


def test_killed_run_then_normal_run_equals_a_clean_run(clean_db: str, second_db: str, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write_corpus(folder, 60)
    victim = _cli(clean_db, "ingest", str(folder), "--batch-size", "1")
    deadline = time.monotonic() + 120
    while _count(clean_db, "SELECT count(*) FROM articles") < 5:
        assert victim.poll() is None, victim.stdout.read() if victim.stdout else ""
        assert time.monotonic() < deadline, "the run never loaded anything"
        time.sleep(0.05)
    # The whole run dies at once (as when its machine or container goes): the CLI, its workers and its
    # temporary Prefect server; killing the CLI alone would leave that server running.
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    killed_at = _count(clean_db, "SELECT count(*) FROM articles")
    assert 5 <= killed_at < 60, "the kill must land mid-run for this test to mean anything"
    # No half-loaded article: every loaded article has all of its claims (each test article has 2+).
    assert (
        _count(
            clean_db,
            "SELECT count(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM claims c WHERE c.article_id = a.article_id)",
        )
        == 0
    )

    resumed = ingest(paths=[str(folder)], db_url=clean_db, batch_size=7)
    ingest(paths=[str(folder)], db_url=second_db, batch_size=7)

    assert resumed.files_new == 60 - killed_at and resumed.files_unchanged == killed_at
    assert snapshot(clean_db, folder) == snapshot(second_db, folder)
    statuses = {str(r[0]): r[1] for r in _rows(clean_db, "SELECT status, count(*) FROM ingest_runs GROUP BY status")}
    assert statuses == {"failed": 1, "succeeded": 1}, "the dead run is marked failed (abandoned)"


def test_two_concurrent_runs_load_each_article_once(clean_db: str, second_db: str, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write_corpus(folder, 40)
    # the real CLI with its default runner: local worker processes
    runs = [_cli(clean_db, "ingest", str(folder), "--batch-size", "3", runner="process") for _ in range(2)]
    outputs = [r.communicate(timeout=300)[0] for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    ingest(paths=[str(folder)], db_url=second_db, batch_size=3)
    assert snapshot(clean_db, folder) == snapshot(second_db, folder)
    assert _count(clean_db, "SELECT count(*) FROM articles") == 40


def test_backfill_after_version_bump_replaces_claims_and_second_backfill_changes_nothing(
    clean_db: str, tmp_path: Path
) -> None:
    folder = tmp_path / "corpus"
    write_corpus(folder, 8)
    ingest(paths=[str(folder)], db_url=clean_db)
    before = snapshot(clean_db, folder)["claims"]
    assert before
    with connect(clean_db) as conn:  # pretend the claims came from an older extractor that saw one claim fewer
        conn.execute("UPDATE articles SET extractor_version = '0.0.1'")
        conn.execute("UPDATE claims SET extractor_version = '0.0.1'")
        conn.execute(
            "DELETE FROM claims WHERE ordinal = 0 AND article_id IN "
            "(SELECT article_id FROM articles ORDER BY article_id LIMIT 3)"
        )

    first = backfill(db_url=clean_db, before_version="0.0.2")
    second = backfill(db_url=clean_db)

    assert (first.articles_loaded, first.claims_added, first.claims_removed) == (8, 3, 0)
    assert len(first.changes) == 3
    assert snapshot(clean_db, folder)["claims"] == before
    assert _count(clean_db, "SELECT count(*) FROM claims WHERE extractor_version = '0.0.1'") == 0
    assert (second.articles_loaded, second.claims_added, second.claims_removed) == (0, 0, 0)


def test_backfill_filters_by_source_glob(clean_db: str, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write_corpus(folder, 12)
    ingest(paths=[str(folder)], db_url=clean_db)
    with connect(clean_db) as conn:
        conn.execute("UPDATE articles SET extractor_version = '0.0.1'")
    run = backfill(db_url=clean_db, source_glob="*/article_000?.txt")
    assert run.articles_loaded == 10
    assert _count(clean_db, "SELECT count(*) FROM articles WHERE extractor_version = '0.0.1'") == 2


def test_dask_path_loads_the_same_rows_as_the_local_path(
    clean_db: str, second_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.settings import get_current_settings

    # Dask worker processes must report to the test harness's API, not start servers of their own.
    monkeypatch.setenv("PREFECT_API_URL", str(get_current_settings().api.url))
    folder = tmp_path / "corpus"
    write_corpus(folder, 30)
    dask_runner = make_task_runner("dask", workers=2)

    on_dask = ingest.with_options(task_runner=dask_runner)(paths=[str(folder)], db_url=clean_db, batch_size=4)
    local = ingest(paths=[str(folder)], db_url=second_db, batch_size=4)

    assert on_dask.files_new == local.files_new == 30
    assert snapshot(clean_db, folder) == snapshot(second_db, folder)


def _rows(url: str, query: str) -> list[tuple[object, ...]]:
    with connect(url) as conn:
        return conn.execute(query.encode()).fetchall()
