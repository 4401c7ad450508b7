"""Numbered SQL migrations in `sql/NNN_name.sql`, applied once each and tracked in `schema_migrations`."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from infra.errors import MigrationError

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
_MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
# Any constant: serialises concurrent `migrate` calls on one database.
_MIGRATION_LOCK_KEY = 0x636C61696D73

_TRACKING_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer     PRIMARY KEY,
    name       text        NOT NULL,
    checksum   text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)
"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class MigrationState:
    migration: Migration
    applied_at: str | None


def available(sql_dir: Path = SQL_DIR) -> list[Migration]:
    found = []
    for path in sorted(sql_dir.glob("*.sql")):
        m = _MIGRATION_NAME.match(path.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), path))
    versions = [m.version for m in found]
    if len(versions) != len(set(versions)):
        raise MigrationError(f"two migrations share a number in {sql_dir}")
    return found


def status(conn: psycopg.Connection[Any], sql_dir: Path = SQL_DIR) -> list[MigrationState]:
    applied = _applied(conn)
    return [MigrationState(m, str(applied[m.version][1]) if m.version in applied else None) for m in available(sql_dir)]


def migrate(conn: psycopg.Connection[Any], sql_dir: Path = SQL_DIR) -> list[Migration]:
    """Apply pending migrations, each in its own transaction; return those applied."""
    done: list[Migration] = []
    try:
        with conn.transaction():
            _apply(conn, sql_dir, done)
    except psycopg.errors.InsufficientPrivilege as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise MigrationError(
            f"user {conn.info.user} may not migrate database {conn.info.dbname} ({reason}): "
            "an operator runs `claims-etl db migrate`"
        ) from exc
    return done


def _apply(conn: psycopg.Connection[Any], sql_dir: Path, done: list[Migration]) -> None:
    """Take the migration lock, create the tracking table, apply what is pending (one savepoint each)."""
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK_KEY,))
    conn.execute(_TRACKING_TABLE)
    applied = _applied(conn)
    for migration in available(sql_dir):
        if migration.version in applied:
            if applied[migration.version][0] != migration.checksum:
                raise MigrationError(
                    f"migration {migration.path.name} changed after it was applied; "
                    "add a new migration instead of editing an old one"
                )
            continue
        with conn.transaction():
            conn.execute(migration.path.read_text(encoding="utf-8").encode("utf-8"))
            conn.execute(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES (%s, %s, %s)",
                (migration.version, migration.name, migration.checksum),
            )
        done.append(migration)


def require_current(conn: psycopg.Connection[Any], sql_dir: Path = SQL_DIR) -> None:
    """Stop in one line unless every migration in `sql_dir` is applied unchanged; never writes."""
    missing = behind(conn, sql_dir)
    if missing:
        names = ", ".join(m.path.name for m in missing)
        raise MigrationError(
            f"the schema of database {conn.info.dbname} is behind this claims-etl ({len(missing)} migration(s) "
            f"pending: {names}): an operator runs `claims-etl db migrate`"
        )


def behind(conn: psycopg.Connection[Any], sql_dir: Path = SQL_DIR) -> list[Migration]:
    """Migrations not applied yet, read without writing (a changed applied migration is an error).

    Readers (`claims_reader`) may not read `schema_migrations`: they read `schema_versions()`, and a
    schema too old to have that function is behind by definition.
    """
    row = conn.execute(
        "SELECT to_regclass('schema_migrations') IS NOT NULL, to_regprocedure('schema_versions()') IS NOT NULL, "
        "CASE WHEN to_regclass('schema_migrations') IS NOT NULL "
        "THEN has_table_privilege('schema_migrations', 'SELECT') END"
    ).fetchone()
    tracked, has_function, can_read = row if row else (False, False, None)
    applied: dict[int, str] = {}
    if tracked and can_read:
        applied = {v: c for v, (c, _) in _applied(conn).items()}
    elif has_function:
        applied = {int(r[0]): str(r[1]) for r in conn.execute("SELECT version, checksum FROM schema_versions()")}
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        conn.rollback()  # leave the connection as it was given
    known = available(sql_dir)
    for m in known:
        if m.version in applied and applied[m.version] != m.checksum:
            raise MigrationError(f"migration {m.path.name} on database {conn.info.dbname} differs from this claims-etl")
    return [m for m in known if m.version not in applied]


def pending(conn: psycopg.Connection[Any], sql_dir: Path = SQL_DIR) -> list[Migration]:
    return [s.migration for s in status(conn, sql_dir) if s.applied_at is None]


def _applied(conn: psycopg.Connection[Any]) -> dict[int, tuple[str, object]]:
    exists = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return {}
    rows = conn.execute("SELECT version, checksum, applied_at FROM schema_migrations").fetchall()
    return {int(r[0]): (str(r[1]), r[2]) for r in rows}
