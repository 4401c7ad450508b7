"""The nightly deployment: the `ingest` flow on a cron schedule over the inbox folder.

Served by `claims-etl serve` (`flow.serve`, needs a running Prefect server: schedules do not fire on
the ephemeral one) or declared in `prefect.yaml` for a work pool. The database URL is not a
deployment parameter: the process that runs the flow reads DATABASE_URL (secrets stay out of Prefect).
"""

from __future__ import annotations

from claims_etl.config import get_settings
from flows.ingest import ingest
from flows.runners import make_task_runner

DEPLOYMENT_NAME = "nightly"


def serve_nightly(cron: str, inbox: str) -> None:
    settings = get_settings()
    runner = make_task_runner(
        settings.claims_etl_task_runner, settings.claims_etl_workers, settings.claims_etl_dask_address
    )
    ingest.with_options(task_runner=runner).serve(
        name=DEPLOYMENT_NAME,
        cron=cron,
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
