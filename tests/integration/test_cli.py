"""The operator's commands against a real database: ingest, sql, failures, db status."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims_etl.cli import app
from infra.config import get_settings
from infra.db import connect
from tests.fixtures.articles import NEWS_WITH_QUOTES

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_harness")]


@pytest.fixture()
def cli_env(clean_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DATABASE_URL", clean_db)
    # In-process CliRunner swaps sys.stdout for an object worker processes cannot inherit; the process
    # runner is exercised through real subprocesses in test_operations.
    monkeypatch.setenv("CLAIMS_ETL_TASK_RUNNER", "thread")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.usefixtures("cli_env")
def test_ingest_then_query_and_list_failures(tmp_path: Path) -> None:
    (tmp_path / "ferry.txt").write_text(NEWS_WITH_QUOTES, encoding="utf-8")
    (tmp_path / "blank.md").write_text("   \n")
    runner = CliRunner()

    ingest = runner.invoke(app, ["ingest", str(tmp_path)])
    assert ingest.exit_code == 0, ingest.output
    assert "2 files seen, 1 new" in ingest.stdout and "1 failed" in ingest.stdout

    query = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM articles"])
    assert query.exit_code == 0 and query.stdout.splitlines()[:3] == ["n", "-", "1"]

    failures = runner.invoke(app, ["failures"])
    assert failures.exit_code == 0 and "blank.md" in failures.stdout and "empty" in failures.stdout

    status = runner.invoke(app, ["db", "status"])
    assert status.exit_code == 0 and "001_core.sql" in status.stdout and "pending" not in status.stdout


@pytest.mark.parametrize(
    ("database_url", "args", "message"),
    [
        (None, ["sql", "SELECT * FROM no_such_table"], 'relation "no_such_table" does not exist'),
        ("postgresql://postgres@127.0.0.1:1/none", ["ingest", "."], 'cannot connect to database "none" on host'),
    ],
)
def test_errors_are_one_clear_line_without_traceback(
    clean_db: str, database_url: str | None, args: list[str], message: str
) -> None:
    env = {**os.environ, "DATABASE_URL": database_url or clean_db}
    result = subprocess.run(
        [sys.executable, "-m", "claims_etl.cli", *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.usefixtures("cli_env")
def test_a_second_ingest_with_nothing_changed_records_a_run_without_orchestration(
    tmp_path: Path, clean_db: str
) -> None:
    (tmp_path / "ferry.txt").write_text(NEWS_WITH_QUOTES, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(tmp_path)]).exit_code == 0
    second = runner.invoke(app, ["ingest", str(tmp_path)])
    assert second.exit_code == 0 and "1 files seen, 0 new, 0 changed, 1 unchanged" in second.stdout
    with connect(clean_db) as conn:
        rows = conn.execute(
            "SELECT flow_run_id IS NOT NULL, params->>'no_op', status FROM ingest_runs ORDER BY run_id"
        ).fetchall()
    assert rows == [(True, None, "succeeded"), (False, "true", "succeeded")]
