"""The nightly deployment: the `ingest` flow on a cron schedule over the inbox folder.

Served by `claims-etl serve` as `ingest/nightly-serve` (a Prefect Runner in this process; needs a running
Prefect server: schedules do not fire on the ephemeral one), or declared in `prefect.yaml` for a work
pool as `ingest/nightly-pool`: two names, so `prefect deploy --all` never replaces the served one.
The database URL is not a deployment parameter: the process that runs the flow reads DATABASE_URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from typing import Any

from prefect.runner import Runner

from flows.ingest import ingest
from flows.runners import make_task_runner
from infra.config import get_settings

DEPLOYMENT_NAME = "nightly-serve"


class _Runner(Runner):
    def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
        """Prefect's own handler calls the async `stop` without awaiting it ("coroutine ... was never
        awaited"); exiting is all it takes: leaving the runner pauses the schedule."""
        self._logger.info("SIGTERM received: stopping")
        sys.exit(0)


def serve_nightly(cron: str, inbox: str) -> None:
    """Serve until Ctrl-C or SIGTERM. The schedule is active while served and paused when stopped
    (nothing would run it); the next `serve` resumes it."""
    settings = get_settings()
    task_runner = make_task_runner(
        settings.claims_etl_task_runner, settings.claims_etl_workers, settings.claims_etl_dask_address
    )
    runner = _Runner(name=DEPLOYMENT_NAME, pause_on_shutdown=True)
    runner.add_flow(
        ingest.with_options(task_runner=task_runner),
        name=DEPLOYMENT_NAME,
        cron=cron,
        paused=False,
        parameters={
            "paths": [inbox],
            "mode": "nightly",
            "batch_size": settings.claims_etl_batch_size,
            "max_file_bytes": settings.claims_etl_max_file_bytes,
            "file_seconds": settings.claims_etl_file_seconds,
            "workers": settings.claims_etl_workers,
        },
        description="Ingest new and changed article files from the inbox folder.",
        tags=["claims-etl", "nightly"],
    )
    print(f"serving ingest/{DEPLOYMENT_NAME}: cron {cron!r}, inbox {inbox}; Ctrl-C or SIGTERM stops it", flush=True)
    with contextlib.suppress(KeyboardInterrupt, SystemExit):  # Ctrl-C, or SIGTERM via handle_sigterm
        asyncio.run(runner.start())
    print(f"stopped; the schedule of ingest/{DEPLOYMENT_NAME} is paused until the next `claims-etl serve`", flush=True)
