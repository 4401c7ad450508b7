"""Deployments validate parameters from the flows' runtime type hints: they must resolve."""

from __future__ import annotations

import pytest

from flows.backfill import backfill
from flows.ingest import ingest


def test_ingest_parameters_validate_as_a_deployment_would() -> None:
    params = ingest.validate_parameters({"paths": ["inbox"], "mode": "nightly", "batch_size": "50"})
    assert params["mode"] == "nightly" and params["batch_size"] == 50


def test_ingest_rejects_an_unknown_mode() -> None:
    with pytest.raises(Exception, match="mode"):
        ingest.validate_parameters({"paths": ["inbox"], "mode": "sometimes"})


def test_backfill_parameters_parse_dates() -> None:
    params = backfill.validate_parameters({"since": "2024-01-31", "before_version": "1.2.0"})
    assert str(params["since"]) == "2024-01-31"


def test_nightly_deployment_has_a_cron_schedule() -> None:
    deployment = ingest.to_deployment(name="nightly", cron="0 2 * * *", parameters={"paths": ["inbox"]})
    assert deployment.schedules and deployment.schedules[0].schedule.cron == "0 2 * * *"  # type: ignore[union-attr]
