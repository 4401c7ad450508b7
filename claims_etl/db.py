"""Which Postgres to talk to, and connections to it.

`DATABASE_URL` set: that server. Unset: an embedded PostgreSQL (pgserver) with its data under
`$CLAIMS_ETL_HOME/pgdata`, started on first use and stopped when the last process using it exits.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from claims_etl.config import Settings, get_settings
from claims_etl.errors import DatabaseUnavailable

log = logging.getLogger(__name__)

EMBEDDED_DATABASE = "claims_etl"
_embedded_servers: dict[Path, Any] = {}  # keeps pgserver handles alive for the process


def database_url(settings: Settings | None = None) -> str:
    """The URL to connect to, starting the embedded server when no DATABASE_URL is set."""
    settings = settings or get_settings()
    url = settings.database_url or _embedded_url(settings.claims_etl_home.resolve() / "pgdata")
    ensure_database(url)
    return url


def _embedded_url(pgdata: Path) -> str:
    server = _embedded_servers.get(pgdata)
    if server is None:
        try:
            import pgserver
        except ImportError as exc:  # pragma: no cover - it is a declared dependency
            raise DatabaseUnavailable("DATABASE_URL is unset and pgserver is not installed") from exc
        pgdata.mkdir(parents=True, exist_ok=True)
        log.info("starting embedded PostgreSQL in %s", pgdata)
        try:
            server = pgserver.get_server(pgdata, cleanup_mode="stop")  # type: ignore[attr-defined]
        except Exception as exc:
            raise DatabaseUnavailable(f"could not start the embedded PostgreSQL in {pgdata}: {exc}") from exc
        _embedded_servers[pgdata] = server
    uri: str = server.get_uri(EMBEDDED_DATABASE)
    return uri


def ensure_database(url: str) -> None:
    """Create the database named in `url` if the server does not have it yet."""
    params = conninfo_to_dict(url)
    name = str(params.get("dbname") or "postgres")
    maintenance = make_conninfo(url, dbname="postgres")
    try:
        with connect(url):
            return
    except DatabaseUnavailable:
        pass  # maybe missing: ask the server, which also reports an unreachable server clearly
    with connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def connect(url: str | None = None, *, autocommit: bool = False) -> psycopg.Connection[Any]:
    """A connection, or `DatabaseUnavailable` with the reason in one line."""
    url = url or database_url()
    timeout = get_settings().claims_etl_connect_timeout
    try:
        return psycopg.connect(url, autocommit=autocommit, connect_timeout=timeout, application_name="claims-etl")
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise DatabaseUnavailable(f"cannot reach the database at {redact(url)}: {reason}") from exc


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "<unparseable DATABASE_URL>"
    if params.get("password"):
        params["password"] = "***"
    host = params.get("host", "local socket")
    return f"{params.get('user', '')}@{host}:{params.get('port', 5432)}/{params.get('dbname', '')}"
