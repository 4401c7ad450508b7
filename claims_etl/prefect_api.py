"""One Prefect API for the whole run, shared with worker processes.

Without PREFECT_API_URL, Prefect starts a temporary server per *process*: every process-pool or local
Dask worker would start its own (about 10 s each). We start it once and export its URL instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def shared_prefect_api() -> Iterator[None]:
    # Imported here: importing Prefect costs ~1.5 s, which the nightly no-op run never needs.
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    if get_current_settings().api.url:
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    # The same singleton Prefect would start itself; Prefect stops it at exit, after its log and
    # event workers have drained (stopping it earlier loses the last log lines).
    server = SubprocessASGIServer()
    server.start(timeout=60)
    os.environ["PREFECT_API_URL"] = server.api_url  # inherited by worker processes
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield
