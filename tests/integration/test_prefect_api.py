"""The CLI's shared temporary Prefect API: seen by every thread, stopped at exit, skipped when configured.

Run in a child interpreter: the session's Prefect test harness owns this process's settings.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.integration

PROBE = """
import threading
from prefect.settings import get_current_settings
from claims_etl.prefect_api import launch_temporary_api, shared_prefect_api

api = launch_temporary_api()
if api is None:
    print("none")
else:
    with shared_prefect_api(api):
        seen = []
        thread = threading.Thread(target=lambda: seen.append(get_current_settings().api.url))
        thread.start()
        thread.join()
        print(api.process.pid, seen[0] == api.url, get_current_settings().api.url == api.url)
"""


def _probe(**env: str) -> str:
    base = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env={**base, **env}, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_threads_started_later_see_the_shared_api_and_the_server_stops_at_exit() -> None:
    """Prefect's own threads read process-global settings; a stale global made them start a second server."""
    pid, thread_sees, main_sees = _probe().split()
    assert (thread_sees, main_sees) == ("True", "True")
    deadline = time.monotonic() + 10
    while _alive(int(pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(int(pid))


def test_no_server_is_launched_when_an_api_is_configured() -> None:
    assert _probe(PREFECT_API_URL="http://127.0.0.1:9/api") == "none"
