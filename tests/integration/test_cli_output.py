"""What the CLI prints, through real processes: one line per message, expected errors in one line with exit
status 2, Prefect's task chatter only with --verbose, the UI link only with a configured server,
--version, and backfill --dry-run."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from infra.db import connect
from tasks.extract import EXTRACTOR_VERSION
from tasks.load import load_batch, start_run
from tests.fixtures.analysis_articles import build_all
from tests.fixtures.articles import NEWS_SECOND, NEWS_WITH_QUOTES

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_harness")]


def cli(url: str, *args: str, api: bool = False, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real CLI; `api`: on the test harness's Prefect server, else (like a plain run) a temporary one."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "DATABASE_URL": url, "COLUMNS": "40"}  # a narrow terminal would have wrapped lines
    for inherited in ("PREFECT_API_URL", "PREFECT_UI_URL", "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL"):
        env.pop(inherited, None)  # set in this process by in-process CLI tests: a user's shell has neither
    if api:
        env["PREFECT_API_URL"] = str(PREFECT_API_URL.value())
    return subprocess.run(
        [sys.executable, "-m", "claims_etl.cli", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=600
    )


def test_a_plain_ingest_prints_flow_lines_and_a_summary_without_task_chatter(clean_db: str, tmp_path: Path) -> None:
    (tmp_path / "ferry.txt").write_text(NEWS_WITH_QUOTES, encoding="utf-8")
    run = cli(clean_db, "ingest", str(tmp_path))
    assert run.returncode == 0, run.stderr[-2000:]
    printed = run.stdout + run.stderr
    assert "Task run" not in printed and "View at" not in printed and "\x1b[" not in printed  # no bar in a pipe
    assert "1/1 files (100%)" in printed  # the progress line
    summary = run.stdout.strip().splitlines()[-1]
    assert summary.startswith("run ") and "1 new" in summary and "worker-seconds: read" in summary
    assert "claims loaded in " in summary and summary.endswith(")")  # one line, however narrow the terminal


def test_a_terminal_gets_a_progress_bar(clean_db: str, tmp_path: Path) -> None:
    for i, text in enumerate((NEWS_WITH_QUOTES, NEWS_SECOND)):
        (tmp_path / f"story-{i}.txt").write_text(text, encoding="utf-8")
    leader, follower = pty.openpty()
    env = {**os.environ, "DATABASE_URL": clean_db}
    for inherited in ("PREFECT_API_URL", "PREFECT_UI_URL", "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL"):
        env.pop(inherited, None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "claims_etl.cli", "ingest", str(tmp_path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=follower,
        text=True,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process has exited
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    out, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, seen.decode(errors="replace")[-2000:]
    terminal = seen.decode("utf-8", errors="replace")
    assert re.search(r"\[#{24}\] 2/2 files [0-9.]+ files/s ETA 0s", terminal), terminal[-2000:]
    assert "\x1b[" not in out  # the summary on stdout (a pipe here) stays plain


def test_verbose_shows_task_runs_and_a_configured_server_gets_its_link(clean_db: str, tmp_path: Path) -> None:
    (tmp_path / "harvest.txt").write_text(NEWS_SECOND, encoding="utf-8")
    run = cli(clean_db, "--verbose", "ingest", str(tmp_path), api=True)
    assert run.returncode == 0, run.stderr[-2000:]
    printed = run.stdout + run.stderr
    assert "Task run" in printed and "View at http" in printed


def test_version_is_one_line() -> None:
    run = subprocess.run([sys.executable, "-m", "claims_etl.cli", "--version"], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.splitlines() == [f"claims-etl 0.1.0 (extractor {EXTRACTOR_VERSION})"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sql", "--format", "xml", "select 1"], "Invalid value for --format"),
        (["ingest"], "Missing argument"),
        (["no-such-command"], "No such command"),
        (["ingest", "--no-such-option", "."], "No such option"),
        (["report", "--out", "/nonexistent/folder/report.html"], "cannot write the report to /nonexistent/folder"),
        (["backfill", "--since", "yesterday"], "'yesterday' is not YYYY-MM-DD"),
        (["backfill", "--before-version", "new"], "version must look like 1.2.3"),
    ],
)
def test_expected_errors_are_one_line_with_status_2(clean_db: str, args: list[str], message: str) -> None:
    run = cli(clean_db, *args)
    assert run.returncode == 2, (run.stdout, run.stderr)
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("claims-etl: error: ") and message in lines[0], run.stderr


def test_backfill_dry_run_counts_without_a_run(clean_db: str) -> None:
    with connect(clean_db) as conn:
        run_id = start_run(conn, "manual", {}, None)
        assert not load_batch(conn, run_id, build_all()).failed
        conn.execute("UPDATE articles SET extractor_version = %s", (EXTRACTOR_VERSION,))
        conn.execute(
            "UPDATE articles SET extractor_version = '0.0.1' WHERE article_id IN (SELECT min(article_id) FROM articles)"
        )
        conn.commit()
        runs = conn.execute("SELECT count(*) FROM ingest_runs").fetchone()
    dry = cli(clean_db, "backfill", "--dry-run")
    assert (
        dry.returncode == 0
        and dry.stdout == f"backfill: 1 article(s) would be re-extracted with extractor {EXTRACTOR_VERSION}\n"
    )
    older = cli(clean_db, "backfill", "--dry-run", "--before-version", "0.0.1")
    assert older.returncode == 0 and "0 article(s) would be" in older.stdout
    nothing = cli(clean_db, "backfill", "--before-version", "0.0.1")
    assert nothing.returncode == 0 and "0 article(s) need to be re-extracted" in nothing.stdout
    with connect(clean_db) as conn:
        assert conn.execute("SELECT count(*) FROM ingest_runs").fetchone() == runs
        assert conn.execute("SELECT count(*) FROM articles WHERE extractor_version = '0.0.1'").fetchone() == (1,)
