"""Shared test settings: no Prefect telemetry, one place for the sample paths."""

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
