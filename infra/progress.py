"""Where a run reports its progress after every batch: the flow calls `report`, the app shell listens.

The flow sits below the command line and must not import it, so the terminal bar
(`claims_etl/progress.py`) registers itself here for the duration of a command; with no listener,
`report` does nothing (a pipe, a log file, a deployment run).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[int, int, float], None]  # (files done, files in the run, seconds elapsed)
_listener: Listener | None = None


def report(done: int, total: int, elapsed: float) -> None:
    """Called by the flow after every batch."""
    if _listener is not None:
        _listener(done, total, elapsed)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Send every `report` to `listener` for the duration."""
    global _listener
    previous, _listener = _listener, listener
    try:
        yield
    finally:
        _listener = previous
