"""prefect.yaml takes its schedule and inbox from the environment, and names a deployment of its own."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from prefect.utilities.templating import apply_values

from flows.nightly import DEPLOYMENT_NAME

PREFECT_YAML = Path(__file__).resolve().parents[2] / "prefect.yaml"


def _deployments(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> list[dict[str, Any]]:
    """The deployments as `prefect deploy` sees them: `{{ $VAR }}` filled from the environment."""
    for name in ("CLAIMS_ETL_NIGHTLY_CRON", "CLAIMS_ETL_INBOX"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = yaml.safe_load(PREFECT_YAML.read_text(encoding="utf-8"))
    return [cast(dict[str, Any], apply_values(d, dict(os.environ), remove_notset=False)) for d in config["deployments"]]


@pytest.mark.parametrize(("cron", "inbox"), [("0 2 * * *", "inbox"), ("30 4 * * 1-5", "/data/in box")])
def test_prefect_yaml_reads_cron_and_inbox_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, cron: str, inbox: str
) -> None:
    (nightly,) = _deployments(monkeypatch, {"CLAIMS_ETL_NIGHTLY_CRON": cron, "CLAIMS_ETL_INBOX": inbox})
    assert nightly["schedules"][0]["cron"] == cron and nightly["parameters"]["paths"] == [inbox]


def test_prefect_yaml_hard_codes_no_schedule_or_inbox(monkeypatch: pytest.MonkeyPatch) -> None:
    (nightly,) = _deployments(monkeypatch, {})
    assert "CLAIMS_ETL_NIGHTLY_CRON" in nightly["schedules"][0]["cron"]
    assert "CLAIMS_ETL_INBOX" in nightly["parameters"]["paths"][0]


def test_the_pool_deployment_and_the_served_one_have_distinct_names(monkeypatch: pytest.MonkeyPatch) -> None:
    names = [d["name"] for d in _deployments(monkeypatch, {})]
    assert DEPLOYMENT_NAME not in names and len(set(names)) == len(names)
