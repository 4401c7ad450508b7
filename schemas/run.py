"""What an ingest run reports: stored in `ingest_runs`, returned by the flow, printed by the CLI."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

# How a run was started: by hand, by the nightly schedule, or to retry quarantined failures.
RunMode = Literal["manual", "nightly", "retry"]


class RunSummary(BaseModel):
    run_id: int
    mode: str
    status: str = "running"
    files_seen: int = 0
    files_new: int = 0
    files_changed: int = 0
    files_unchanged: int = 0
    files_failed: int = 0
    files_quarantined: int = 0  # skipped: same bytes failed before (see `claims-etl failures`)
    files_copies: int = 0  # same bytes as an article loaded under another path: recorded, not loaded again
    files_busy: int = 0  # skipped: another live run was loading them at the time
    articles_loaded: int = 0
    claims_loaded: int = 0
    claims_added: int = 0
    claims_removed: int = 0
    seconds_read: float = 0.0
    seconds_extract: float = 0.0
    seconds_load: float = 0.0
    seconds_analyse: float = 0.0
    failures: list[tuple[str, str, str]] = []  # (path, error_class, message)
    changes: list[tuple[str, int, int]] = []  # backfill: (path, claims added, claims removed), changed only

    def counters(self) -> dict[str, float]:
        """The columns of `ingest_runs` this summary fills."""
        return self.model_dump(exclude={"run_id", "mode", "status", "failures", "changes"})
