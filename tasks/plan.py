"""Plan stage: a batch of read files -> which need work (`BatchPlan`: to do, unchanged, copies,
quarantined, failed) and the furniture lines learned for their sites. Reads the database, writes nothing.

A file is skipped when an article was loaded from the same bytes (unchanged), or when the same bytes
already failed with a terminal error (quarantined until the file changes or failures are retried).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import psycopg

from tasks.common import copies
from tasks.common.sites import SITE_JUNK_MIN_FILES, SITE_JUNK_MIN_SHARE, site_of
from tasks.read import FileBytes, ReadFailure, read_bytes

Conn = psycopg.Connection[Any]

# Smallest batch the guided split makes (below this, per-batch orchestration costs more than idling).
MIN_GUIDED_BATCH = 10


_KNOWN_JUNK = """
SELECT sl.site, sl.line_key FROM site_lines sl JOIN site_files sf USING (site)
WHERE sl.site = ANY(%(sites)s) AND sl.files >= %(min_files)s AND sl.files >= %(min_share)s * sf.files
"""


def loaded_hashes(conn: Conn, paths: Sequence[str]) -> dict[str, str]:
    """sha256 of each path that already has an article (the skip check for unchanged files).

    An article loaded before its metadata was read (migration 014: `metadata_source` NULL) does not
    count: its file is read once more to fill title, date and outlet."""
    rows = conn.execute(
        "SELECT s.path, a.source_sha256 FROM sources s JOIN articles a USING (source_id) "
        "WHERE s.path = ANY(%s) AND a.metadata_source IS NOT NULL",
        (list(paths),),
    ).fetchall()
    return {r[0]: r[1] for r in rows}


def quarantined(conn: Conn, paths: Sequence[str]) -> set[tuple[str, str | None]]:
    """(path, sha256) of files with an open terminal failure: skipped until they change or are retried."""
    rows = conn.execute(
        "SELECT path, sha256 FROM ingest_failures WHERE resolved_at IS NULL AND NOT transient AND path = ANY(%s)",
        (list(paths),),
    ).fetchall()
    return {(r[0], r[1]) for r in rows}


def known_junk(conn: Conn, sites: Sequence[str]) -> dict[str, frozenset[str]]:
    """Furniture lines learned for each site (see tasks/common/sites.py for the rule)."""
    found: dict[str, set[str]] = {}
    params = {"sites": sorted(set(sites)), "min_files": SITE_JUNK_MIN_FILES, "min_share": SITE_JUNK_MIN_SHARE}
    for site, line in conn.execute(_KNOWN_JUNK, params).fetchall():
        found.setdefault(site, set()).add(line)
    return {site: frozenset(lines) for site, lines in found.items()}


@dataclass
class BatchPlan:
    todo: list[FileBytes] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    copies: list[FileBytes] = field(default_factory=list)  # same bytes as an article loaded under another path
    quarantined: list[str] = field(default_factory=list)
    failures: list[ReadFailure] = field(default_factory=list)
    known_junk: dict[str, frozenset[str]] = field(default_factory=dict)  # site -> learned furniture lines

    recorded_copies: list[str] = field(default_factory=list)  # copies already recorded with these bytes

    @property
    def has_work(self) -> bool:
        return bool(self.todo or self.failures or self.copies)


def plan_files(
    conn: psycopg.Connection[Any], read: list[FileBytes | ReadFailure], *, retry_quarantined: bool = False
) -> BatchPlan:
    paths = [r.source for r in read]
    loaded = loaded_hashes(conn, paths)
    held = set() if retry_quarantined else quarantined(conn, paths)
    copy_paths = copies.copies_among(conn, [(r.source, r.sha256) for r in read if isinstance(r, FileBytes)])
    recorded = copies.recorded_copies(conn, paths)
    plan = BatchPlan()
    for r in read:
        if (r.source, r.sha256) in held:
            plan.quarantined.append(r.source)
        elif isinstance(r, ReadFailure):
            plan.failures.append(r)
        elif loaded.get(r.source) == r.sha256:
            plan.unchanged.append(r.source)
        elif r.source in copy_paths and recorded.get(r.source) == r.sha256:
            plan.recorded_copies.append(r.source)
        elif r.source in copy_paths:  # (a path with an article of its own keeps it: never a copy)
            plan.copies.append(r)
        else:
            plan.todo.append(r)
    if plan.todo:
        plan.known_junk = known_junk(conn, [site_of(f.source) for f in plan.todo])
    return plan


def batches(items: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def guided_batches(
    items: Sequence[str], size: int, workers: int, min_size: int = MIN_GUIDED_BATCH
) -> Iterator[list[str]]:
    """Batches of at most `size` that shrink towards the end ("guided" scheduling).

    Each batch takes 1/(2*workers) of what is left, so the last ones are small and no worker sits
    idle for long while another finishes a full-size batch at the end of the run.
    """
    start = 0
    while start < len(items):
        left = len(items) - start
        take = min(size, left, max(min_size, -(-left // (2 * workers))))
        yield list(items[start : start + take])
        start += take


@dataclass
class Survey:
    """What a run has ahead of it, known before any orchestration starts."""

    noop: BatchPlan | None  # the combined plan when every file is unchanged or quarantined
    todo: int  # files to transform, counted up to the survey's limit plus one
    whole: BatchPlan | None = None  # the plan of all files, when they fit in one survey batch


def survey(
    conn: psycopg.Connection[Any], paths: Iterable[str], *, max_bytes: int, limit: int = 0, batch_size: int = 1000
) -> Survey:
    """Plan the files in batches until more than `limit` need transforming (then stop: the run will
    plan them again). `noop` is set only when nothing at all needs work. Costs one read and hash per
    file looked at, which the real run would pay anyway."""
    total, todo, work, plans = BatchPlan(), 0, False, []
    for batch in batches(paths, batch_size):
        plan = plan_files(conn, [read_bytes(p, max_bytes=max_bytes) for p in batch])
        plans.append(plan)
        work = work or plan.has_work
        todo += len(plan.todo)
        if work and (todo > limit or not limit):
            return Survey(None, todo)
        total.unchanged += plan.unchanged
        total.recorded_copies += plan.recorded_copies
        total.quarantined += plan.quarantined
    return Survey(None if work else total, todo, plans[0] if len(plans) == 1 else None)


def nothing_to_do(
    conn: psycopg.Connection[Any], paths: Iterable[str], *, max_bytes: int, batch_size: int = 1000
) -> BatchPlan | None:
    """The combined plan when every file is unchanged or quarantined; None as soon as one needs work.

    Lets a no-op run skip all orchestration.
    """
    return survey(conn, paths, max_bytes=max_bytes, batch_size=batch_size).noop
