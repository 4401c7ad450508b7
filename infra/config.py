"""Settings from the environment (and `.env`): one typed object, documented in `.env.example`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

RunnerKind = Literal["thread", "process", "dask"]


class Settings(BaseSettings):
    """Every setting the product reads. Names are the environment variables, upper-cased."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Postgres server to use. Unset: an embedded server (pgserver) with its data under `claims_etl_home`.
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    claims_etl_home: Path = Path(".claims-etl")
    # Files per Prefect task run: big enough that orchestration overhead (10-40 ms a task) is noise.
    claims_etl_batch_size: int = Field(default=200, ge=1, le=100_000)
    # Files larger than this are recorded as failures instead of being read into memory.
    claims_etl_max_file_bytes: int = Field(default=20_000_000, ge=1)
    # Seconds one file may spend being cleaned and extracted; a file over it fails as `too_slow` and its
    # batch goes on (0: no limit). Typical articles take well under a second.
    claims_etl_file_seconds: float = Field(default=300.0, ge=0)
    # Folder watched by the nightly deployment.
    claims_etl_inbox: Path = Path("inbox")
    # Where transform batches run: "process" (local processes, both cores), "thread", or "dask".
    claims_etl_task_runner: RunnerKind = "process"
    # Parallel transform workers (processes or threads); batches in flight are one more.
    claims_etl_workers: int = Field(default=2, ge=1, le=256)
    # Existing Dask scheduler, e.g. tcp://10.0.0.5:8786 (with task runner "dask"; unset: a local cluster).
    claims_etl_dask_address: str | None = None
    # Cron schedule of the nightly deployment (server time zone UTC unless the server says otherwise).
    claims_etl_nightly_cron: str = "0 2 * * *"
    # Seconds to wait for a database connection before failing the run.
    claims_etl_connect_timeout: int = Field(default=10, ge=1)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
