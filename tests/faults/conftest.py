"""The fault suite: real PostgreSQL, real `claims-etl` processes, faults injected from outside.

Bounded for CI by default (5 kill points, 2,000 tiny files); `python3 dev.py faults` (or
CLAIMS_ETL_FAULTS_FULL=1) runs the full version: 20 kill points, 20,000 tiny files. Each measured
figure (kills survived, connections dropped, duplicates, peak RSS, seconds) is printed in the pytest
summary under "fault suite figures" and written to `$CLAIMS_ETL_FAULTS_REPORT` when set.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import pytest

from infra.db import connect
from tests.integration.conftest import fresh_database

FULL = os.environ.get("CLAIMS_ETL_FAULTS_FULL", "") not in ("", "0")
ROOT = Path(__file__).resolve().parents[2]
FIGURES: dict[str, Any] = {}



def record(name: str, value: Any) -> None:
    """A measured figure for the suite's summary."""
    FIGURES[name] = value


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FIGURES:
        return
    terminalreporter.section("fault suite figures" + (" (full)" if FULL else " (CI sample)"))
    for name, value in FIGURES.items():
        terminalreporter.write_line(f"{name}: {value}")
    report = os.environ.get("CLAIMS_ETL_FAULTS_REPORT")
    if report:
        Path(report).write_text(json.dumps(FIGURES, indent=2, default=str) + "\n")


@pytest.fixture(scope="session")
def server_url() -> str:
    from infra.config import get_settings
    from infra.db import database_url

    return database_url(get_settings())


@pytest.fixture()
def db(server_url: str) -> Iterator[str]:
    """A fresh, migrated database for one test."""
    yield from fresh_database(server_url)


@pytest.fixture()
def other_db(server_url: str) -> Iterator[str]:
    """A second fresh database: the 'one clean run' to compare with."""
    yield from fresh_database(server_url)


@dataclass
class Run:
    """A `claims-etl` process started in its own process group, with its peak RSS (whole tree) sampled."""

    proc: subprocess.Popen[str]
    tag: str
    peak_rss: int = 0
    output: str = ""
    samples: list[tuple[float, int]] = field(default_factory=list)  # (seconds since start, tree RSS)
    _sampler: threading.Thread | None = field(default=None, repr=False)

    def wait(self, timeout: float = 900) -> int:
        self.output = self.proc.communicate(timeout=timeout)[0] or ""
        if self._sampler is not None:
            self._sampler.join(timeout=5)
        return self.proc.returncode

    @property
    def returncode(self) -> int | None:
        return self.proc.returncode

    @property
    def peak_rss_mb(self) -> float:
        return round(self.peak_rss / 2**20, 1)


class Cli:
    """Starts real CLI processes against one database, each tagged so that leftovers can be found."""

    def __init__(self, url: str, home: Path, **env: str) -> None:
        self.url = url
        self.home = home
        self.env = env

    def start(self, *args: str, url: str | None = None, **env: str) -> Run:
        tag = uuid.uuid4().hex
        full_env = {
            **os.environ,
            "DATABASE_URL": url or self.url,
            "CLAIMS_ETL_TASK_RUNNER": "process",
            "CLAIMS_ETL_HOME": str(self.home / "claims-etl-home"),
            "PREFECT_HOME": str(self.home / "prefect-home"),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "CLAIMS_ETL_FAULT_TAG": tag,
            "COLUMNS": "250",  # summary lines unwrapped
            **self.env,
            **env,
        }
        full_env.pop("PREFECT_API_URL", None)
        proc = subprocess.Popen(
            [sys.executable, "-m", "claims_etl.cli", *args],
            cwd=self.home,
            env=full_env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killpg takes the whole run
        )
        run = Run(proc, tag)
        run._sampler = threading.Thread(target=_sample_rss, args=(run,), daemon=True)
        run._sampler.start()
        return run

    def run(self, *args: str, timeout: float = 900, **env: str) -> Run:
        run = self.start(*args, **env)
        run.wait(timeout)
        return run


def _sample_rss(run: Run) -> None:
    started = time.monotonic()
    try:
        root = psutil.Process(run.proc.pid)
    except psutil.Error:
        return
    while run.proc.poll() is None:
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
        except psutil.Error:
            return
        run.peak_rss = max(run.peak_rss, total)
        run.samples.append((time.monotonic() - started, total))
        time.sleep(0.1)


def tagged_processes(tag: str) -> list[psutil.Process]:
    """Live processes started by a tagged run (children inherit the tag through the environment)."""
    found = []
    for p in psutil.process_iter():
        try:
            if p.environ().get("CLAIMS_ETL_FAULT_TAG") == tag and p.status() != psutil.STATUS_ZOMBIE:
                found.append(p)
        except psutil.Error:
            continue
    return found


def wait_gone(tag: str, timeout: float = 30) -> list[psutil.Process]:
    """Processes of a tagged run still alive after `timeout` seconds (should be none)."""
    deadline = time.monotonic() + timeout
    left = tagged_processes(tag)
    while left and time.monotonic() < deadline:
        time.sleep(0.5)
        left = tagged_processes(tag)
    return left


@pytest.fixture()
def cli(db: str, tmp_path: Path) -> Cli:
    return Cli(db, tmp_path)


def scalar(url: str, query: str, params: tuple[Any, ...] = ()) -> Any:
    with connect(url) as conn:
        row = conn.execute(query.encode(), params).fetchone()
    return row[0] if row else None


def checksum(url: str) -> tuple[int, int, str]:
    """(articles, claims, md5 of every article's source hash with its claim texts in order)."""
    with connect(url) as conn:
        row = conn.execute(
            """
            SELECT count(DISTINCT a.article_id), count(c.claim_id),
                   md5(string_agg(a.source_sha256 || ':' || coalesce(c.ordinal::text, '') || ':'
                                  || coalesce(c.text, ''), '|' ORDER BY s.path, c.ordinal))
              FROM articles a JOIN sources s USING (source_id) LEFT JOIN claims c USING (article_id)
            """
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), str(row[2])


def duplicates(url: str) -> int:
    """Rows that would be duplicates by natural key (the schema forbids most; this proves it)."""
    with connect(url) as conn:
        row = conn.execute(
            """
            SELECT (SELECT count(*) - count(DISTINCT path) FROM sources)
                 + (SELECT count(*) - count(DISTINCT source_id) FROM articles)
                 + (SELECT count(*) - count(DISTINCT (article_id, ordinal)) FROM claims)
                 + (SELECT count(*) - count(DISTINCT (article_id, text, start_offset)) FROM claims)
                 + (SELECT count(*) - count(DISTINCT (name_key, kind)) FROM speakers)
            """
        ).fetchone()
    return int(row[0]) if row else -1
