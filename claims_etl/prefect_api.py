"""One Prefect API for the whole run, shared with worker processes.

Without PREFECT_API_URL, Prefect starts a temporary server per *process*: every process-pool or local
Dask worker would start its own (about 10 s each). We start it once and export its URL instead.

The server is launched as soon as the CLI knows there is work (`launch_temporary_api`) and waited
for only when the flow starts (`shared_prefect_api`), so its ~4 s boot overlaps the flow's imports.
It is Prefect's own API app started the way Prefect's `SubprocessASGIServer` starts it (uvicorn with
the `create_app` factory, UI off); importing that class would cost ~2 s on the critical path.
"""

from __future__ import annotations

import atexit
import importlib.util
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

# Seconds to wait for the temporary server to answer its health check.
STARTUP_TIMEOUT = 60.0
# Seconds a stopping server gets before it is killed.
STOP_TIMEOUT = 5.0
# uvicorn's exit code when it cannot bind its port (taken meanwhile): launch again on another.
EXIT_PORT_TAKEN = 3
# The temporary server: Prefect's ephemeral mode, UI off, and none of the start-up work a server
# that lives for one command does not need (measured: ~1.5 of its ~8.5 CPU-seconds of boot): block
# types are not registered (the memo check alone imports every Prefect collection, Dask included) and
# old events are not vacuumed.
TEMPORARY_SERVER_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
    "PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false",
    "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
    "PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED": "false",
    # no telemetry heartbeat service (it also contends for the SQLite database while the run writes)
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
}


@dataclass
class TemporaryApi:
    """A temporary Prefect API server this process launched (stopped at interpreter exit)."""

    process: subprocess.Popen[bytes]
    port: int
    env: dict[str, str] = field(repr=False)
    # Whether this boot may create Prefect's database (its first in this PREFECT_HOME: many seconds of
    # migrations, which workers loading their models on every core would starve past the timeout).
    first_boot: bool = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() == EXIT_PORT_TAKEN:
                self.port = _free_port()
                self.process = _run_uvicorn(self.port, self.env)
                continue
            if self.process.poll() is not None:
                raise RuntimeError(f"the temporary Prefect server exited with code {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"the temporary Prefect server did not answer within {timeout:.0f}s")

    def stop(self) -> None:
        """Registered with atexit before the flow runs, so it runs after Prefect's log and event
        workers have drained (atexit runs last-registered first; stopping earlier loses log lines)."""
        if self.process.poll() is None:
            log.info("stopping the temporary Prefect server on port %d", self.port)
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def launch_temporary_api() -> TemporaryApi | None:
    """Start Prefect's API server in the background unless an API URL is configured (then None).

    Launched before this process imports Prefect (~2 s) when it can tell cheaply that no API is
    configured (PREFECT_API_URL unset); a URL configured elsewhere (a Prefect profile) is seen once
    Prefect's settings are read, and the server just launched is stopped again."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    prefect_loaded = "prefect.settings" in sys.modules  # settings may have been changed in-process
    if prefect_loaded and _configured_url():
        return None
    env = {**os.environ, **TEMPORARY_SERVER_ENV}
    port = _free_port()
    first_boot = not _default_database(env).exists()  # looked at before the server can create it
    api = TemporaryApi(_run_uvicorn(port, env), port, env, first_boot)
    if not prefect_loaded and _configured_url():
        api.stop()
        return None
    atexit.register(api.stop)
    return api


def _default_database(env: dict[str, str]) -> Path:
    """Prefect's default SQLite database for this environment, found without importing Prefect. A
    database configured elsewhere (a profile, another URL) is not seen: then every boot counts as a
    first one, which only costs waiting for the server before the workers start."""
    home = Path(env.get("PREFECT_HOME") or "~/.prefect").expanduser()
    if env.get("PREFECT_API_DATABASE_CONNECTION_URL") or env.get("PREFECT_SERVER_DATABASE_CONNECTION_URL"):
        return home / "(database configured by URL)"
    return home / "prefect.db"


def _configured_url() -> str | None:
    from prefect.settings import get_current_settings

    return get_current_settings().api.url


@contextmanager
def shared_prefect_api(api: TemporaryApi | None) -> Iterator[None]:
    """Point this process and its workers at `api` (once it answers); a configured API is left alone."""
    if api is None:
        yield
        return
    from prefect.context import refresh_global_settings_context
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    api.wait_ready()
    os.environ["PREFECT_API_URL"] = api.url  # inherited by worker processes
    os.environ["PREFECT_UI_URL"] = ""  # no "View at" link to a server that is gone when the command ends
    # Prefect's own threads (the process pool's message forwarder) read the process-global settings,
    # read from the environment before the URL was set: without this they start a server of their own.
    refresh_global_settings_context()
    # No flow-run heartbeats: they let a lasting server mark crashed runs, and nothing watches a server
    # that stops with the command (our own run lock does that job); their thread's join cost up to 1 s.
    with temporary_settings(updates={PREFECT_API_URL: api.url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def _run_uvicorn(port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    spec = importlib.util.find_spec("prefect")  # where Prefect is, without importing it
    assert spec is not None and spec.origin is not None, "Prefect is not installed"
    return subprocess.Popen(
        [
            # through the lifeline: the server exits when this process dies, even by kill -9
            sys.executable, "-m", "claims_etl.lifeline", str(os.getpid()), "uvicorn",
            "--app-dir", str(Path(spec.origin).parent.parent),
            "--factory", "prefect.server.api.server:create_app",
            "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "error", "--lifespan", "on",
        ],
        env=env,
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
