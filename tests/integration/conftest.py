"""Integration fixtures: a real PostgreSQL database per test session and a real Prefect harness.

The server is `DATABASE_URL` when set (this machine and CI), else the embedded pgserver. A fresh database
`claims_etl_test_<random>` is created, migrated, and dropped at the end. Nothing is ever skipped: if no
server can be had, the tests error.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from infra import migrations
from infra.config import get_settings
from infra.db import connect, database_url

DATA_TABLES = (
    "claims",
    "speaker_aliases",
    "speakers",
    "articles",
    "sources",
    "source_copies",
    "ingest_failures",
    "ingest_runs",
)


@pytest.fixture(scope="session")
def server_url() -> str:
    return database_url(get_settings())


def fresh_database(server_url: str) -> Iterator[str]:
    """A new, migrated database on the server, dropped afterwards (the body of database fixtures)."""
    name = f"claims_etl_test_{uuid.uuid4().hex[:10]}"
    admin = make_conninfo(server_url, dbname="postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = make_conninfo(server_url, dbname=name)
    with connect(url) as conn:
        migrations.migrate(conn)
    yield url
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def db_url(server_url: str) -> Iterator[str]:
    yield from fresh_database(server_url)


@pytest.fixture()
def clean_db(db_url: str) -> str:
    """The test database with every data table emptied."""
    with connect(db_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(
                sql.SQL(", ").join(sql.Identifier(t) for t in DATA_TABLES)
            )
        )
    return db_url


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


def row_counts(url: str) -> dict[str, Any]:
    with connect(url) as conn:
        return {
            t: conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(t))).fetchone()[0]  # type: ignore[index]
            for t in DATA_TABLES
        }
