"""The run's own connection: its advisory lock says "this run is alive", its file claims say "mine".

A failover or an idle-connection reaper (`pg_terminate_backend`) can drop this connection while the
run is busy elsewhere. It is then re-established (with a few retries) and the locks re-taken, so a
run that loaded everything never fails for losing an idle connection.

File claims: before a batch is planned, the run takes a session advisory lock per file path; a path
another live run holds is skipped ("busy"), not extracted a second time. The locks go when the batch
is loaded, or with the connection if the process dies.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import psycopg

from infra.db import connect
from infra.errors import DatabaseUnavailable
from tasks import load

log = logging.getLogger(__name__)
T = TypeVar("T")

# Seconds between attempts to re-establish a dropped connection (then the error stands).
RECONNECT_DELAYS: tuple[float, ...] = (0.5, 2, 10, 30)

_CLAIM = "SELECT p FROM unnest(%s::text[]) AS p WHERE NOT pg_try_advisory_lock(hashtextextended(p, 0))"
_RELEASE = "SELECT pg_advisory_unlock(hashtextextended(p, 0)) FROM unnest(%s::text[]) AS p"


class RunLock:
    """An autocommit connection that survives being dropped; use as a context manager."""

    def __init__(self, url: str | None, delays: Sequence[float] = RECONNECT_DELAYS) -> None:
        self.url = url
        self.delays = tuple(delays)
        self.run_id: int | None = None
        self.reconnects = 0
        self._conn: psycopg.Connection[Any] | None = None
        self._claimed: Counter[str] = Counter()

    def __enter__(self) -> RunLock:
        self._conn = connect(self.url, autocommit=True)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._conn is not None:
            self._conn.close()

    def call(self, fn: Callable[[psycopg.Connection[Any]], T]) -> T:
        """`fn(conn)`, reconnecting (and re-locking) when the connection was dropped under it."""
        for delay in (*self.delays, None):
            try:
                if self._conn is None or self._conn.closed or self._conn.broken:
                    self._reopen()
                assert self._conn is not None
                return fn(self._conn)
            except (psycopg.OperationalError, DatabaseUnavailable) as exc:
                if delay is None:
                    raise
                log.warning("run connection lost (%s); reconnecting in %g s", type(exc).__name__, delay)
                if self._conn is not None:
                    self._conn.close()
                time.sleep(delay)
        raise AssertionError("unreachable")

    def _reopen(self) -> None:
        self._conn = connect(self.url, autocommit=True)
        self.reconnects += 1
        if self.run_id is not None:
            load.hold_run_lock(self._conn, self.run_id)
        if self._claimed:  # a path another run took meanwhile stays its: the upserts are idempotent
            self._conn.execute(_CLAIM, (sorted(self._claimed.elements()),))

    def hold(self, run_id: int) -> None:
        self.run_id = run_id
        self.call(lambda c: load.hold_run_lock(c, run_id))

    def keepalive(self) -> None:
        """Notice a dropped connection now (and take the locks again), not at the end of the run."""
        self.call(lambda c: c.execute("SELECT 1"))

    def claim(self, paths: Iterable[str]) -> set[str]:
        """Take a claim on each path; return those another live run holds (they are not claimed)."""
        wanted = list(paths)
        if not wanted:
            return set()
        busy = {str(r[0]) for r in self.call(lambda c: c.execute(_CLAIM, (wanted,)).fetchall())}
        self._claimed.update(p for p in wanted if p not in busy)
        return busy

    def release(self, paths: Iterable[str]) -> None:
        mine = [p for p in paths if self._claimed[p] > 0]
        if not mine:
            return
        self._claimed.subtract(mine)
        self._claimed += Counter()  # drop zero counts
        self.call(lambda c: c.execute(_RELEASE, (mine,)).fetchall())
