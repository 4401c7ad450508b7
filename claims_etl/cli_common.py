"""What every command needs: the database URL (migrated for commands that load, checked for readers)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from claims_etl.sqlscript import table_lines
from infra import migrations
from infra.db import connect, database_url


def migrated_url() -> str:
    """The database URL, with pending migrations applied: for commands that load or change data."""
    url = database_url()
    with connect(url) as conn:
        if migrations.behind(conn):  # up to date: nothing written (a reader may run `sql --write`)
            migrations.migrate(conn)
    return url


def current_url() -> str:
    """The database URL for commands that only read: never writes, fails in one line if the schema is behind."""
    url = database_url()
    with connect(url) as conn:
        migrations.require_current(conn)
    return url


def print_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> None:
    """An aligned, psql-like table (the format of `claims-etl sql`)."""
    if title:
        print(title)
    text = [[None if v is None else str(v) for v in row] for row in rows]
    print("\n".join(table_lines(columns, text)))


def say(message: str) -> None:
    """One message, one line: never wrapped or styled (rich wraps at 80 columns in a pipe, eats [brackets])."""
    print(message.replace("\n", " "), flush=True)
