"""`claims-etl serve` against a real Prefect server (the test harness): settings from the environment, its
own deployment name, and a clean stop on SIGTERM and Ctrl-C that the next serve undoes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.nightly import DEPLOYMENT_NAME

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_harness")]


def _deployment() -> tuple[bool, str, list[str]]:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        d = client.read_deployment_by_name(f"ingest/{DEPLOYMENT_NAME}")
    cron = d.schedules[0].schedule.cron  # type: ignore[union-attr]
    return bool(d.paused), str(cron), list(d.parameters["paths"])


def _serve(db_url: str, inbox: Path) -> subprocess.Popen[str]:
    from prefect.settings import PREFECT_API_URL

    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "CLAIMS_ETL_NIGHTLY_CRON": "17 3 * * 2",
        "CLAIMS_ETL_INBOX": str(inbox),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "claims_etl.cli", "serve"],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()  # printed once the deployment exists and the runner starts
    assert line.startswith(f"serving ingest/{DEPLOYMENT_NAME}"), line + (proc.stderr.read() if proc.stderr else "")
    time.sleep(3)  # let the runner start its loops
    return proc


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_serve_reads_the_environment_and_stops_cleanly(db_url: str, tmp_path: Path, stop: signal.Signals) -> None:
    proc = _serve(db_url, tmp_path)
    assert _deployment() == (False, "17 3 * * 2", [str(tmp_path.resolve())])
    proc.send_signal(stop)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "never awaited" not in err and "Traceback" not in err
    assert "stopped; the schedule" in out
    assert _deployment()[0] is True  # paused: nothing serves it now
    again = _serve(db_url, tmp_path)  # serving again resumes it
    try:
        assert _deployment()[0] is False
    finally:
        again.terminate()
        again.communicate(timeout=60)
