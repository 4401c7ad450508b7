"""Which Postgres to talk to, and connections to it.

`DATABASE_URL` set: that server and that database, which must exist (a misspelt name fails with an
error naming it, nothing is created). Unset: an embedded PostgreSQL (pgserver) with its data under
`$CLAIMS_ETL_HOME/pgdata`, started on first use and stopped when the last process using it exits;
only that embedded default creates its own database.

The password never leaves this module in a message: errors name user, host, port and database only,
and `scrub` removes the configured password from any text bound for a log, a run record or the screen.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from infra.config import Settings, get_settings
from infra.errors import DatabaseUnavailable

log = logging.getLogger(__name__)

EMBEDDED_DATABASE = "claims_etl"
_embedded_servers: dict[Path, Any] = {}  # keeps pgserver handles alive for the process
_ensured: set[str] = set()
# Shorter passwords are not searched for in free text (replacing every 'a' would garble messages);
# messages never quote the password in the first place.
MIN_SCRUBBED = 3  # embedded URLs whose database is known to exist


def database_url(settings: Settings | None = None) -> str:
    """The URL to connect to, starting the embedded server (and its database) when no DATABASE_URL is set."""
    settings = settings or get_settings()
    if settings.database_url:
        return settings.database_url
    url = _embedded_url(settings.claims_etl_home.resolve() / "pgdata")
    if url not in _ensured:
        ensure_database(url)
        _ensured.add(url)
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
    """Create the database named in `url` if the server does not have it yet (embedded server only)."""
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
    """A connection, or `DatabaseUnavailable` in one line naming user, host, port and database."""
    url = url or database_url()
    timeout = get_settings().claims_etl_connect_timeout
    try:
        return psycopg.connect(url, autocommit=autocommit, connect_timeout=timeout, application_name="claims-etl")
    except psycopg.ProgrammingError:  # the URL itself: psycopg's message may quote the password
        raise DatabaseUnavailable(
            "the database URL cannot be parsed (a '%' or '@' in the password must be written %25 or %40)"
        ) from None
    except psycopg.OperationalError as exc:
        raise DatabaseUnavailable(f"cannot connect to {describe(url)}: {scrub(_reason(exc), url)}") from None


def _reason(exc: BaseException) -> str:
    """libpq's first line without its 'connection to server at ... failed:' preamble or 'FATAL:'."""
    text = str(exc).strip()
    if not text:
        return type(exc).__name__
    first = text.splitlines()[0]
    first = first.rsplit(" failed: ", 1)[-1]
    return " ".join(first.replace("FATAL:", "").split()) or type(exc).__name__


def describe(url: str) -> str:
    """'database "d" on host h port p as user u': what an operator needs to find the setting at fault."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "<unparseable database URL>"
    host = params.get("host") or os.environ.get("PGHOST") or "local socket"
    port = params.get("port") or os.environ.get("PGPORT") or 5432
    user = params.get("user") or os.environ.get("PGUSER") or "(default user)"
    return f'database "{params.get("dbname", "")}" on host {host} port {port} as user {user}'


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "<unparseable DATABASE_URL>"
    host = params.get("host", "local socket")
    return f"{params.get('user', '')}@{host}:{params.get('port', 5432)}/{params.get('dbname', '')}"


def has_password(url: str) -> bool:
    """True when `url` carries a password (such a URL must never become a flow parameter)."""
    return bool(_passwords(url))


def checked_db_url(db_url: str | None) -> str | None:
    """A flow's `db_url` parameter if it holds no password: Prefect stores and shows flow parameters."""
    if db_url and has_password(db_url):
        raise ValueError(
            "db_url must not hold a password (flow parameters are stored by Prefect): "
            "leave it unset and set DATABASE_URL in the environment of the process that runs the flow"
        )
    return db_url


def _passwords(url: str) -> list[str]:
    found: list[str] = []
    try:
        password = conninfo_to_dict(url).get("password")
    except psycopg.ProgrammingError:  # unparseable: take what sits between ':' and '@' after the scheme
        rest = url.split("://", 1)[-1]
        userinfo = rest.rsplit("@", 1)[0] if "@" in rest else ""
        password = userinfo.split(":", 1)[1] if ":" in userinfo else None
    if password and len(str(password)) >= MIN_SCRUBBED:
        found += [str(password), quote(str(password), safe=""), unquote(str(password))]
    return sorted({p for p in found if p}, key=len, reverse=True)


def scrub(text: str, url: str | None = None) -> str:
    """`text` with the password of `url` (default: the configured DATABASE_URL) replaced by ***."""
    urls = [u for u in (url, get_settings().database_url, os.environ.get("DATABASE_URL")) if u]
    for u in urls:
        for password in _passwords(u):
            text = text.replace(password, "***")
    return text
