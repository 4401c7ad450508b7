"""A progress bar for a terminal: one line redrawn in place after every batch (files, rate, ETA).

The flow reports through `infra/progress.py`; this bar listens there while a command runs.

Only when stderr is a terminal; in a pipe or a log file the flow's plain progress lines (every 10 s)
are the progress. The bar ends with a carriage return, so a log line printed meanwhile starts at the
left margin and overwrites it; the next batch draws it again.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from infra import progress

WIDTH = 24  # characters of the bar itself


class TerminalBar:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.drawn = False

    def update(self, done: int, total: int, elapsed: float) -> None:
        share = done / total if total else 1.0
        filled = round(WIDTH * share)
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (total - done) / rate if rate else 0.0
        line = f"[{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total} files {rate:.1f} files/s ETA {eta:.0f}s"
        self.stream.write("\r\x1b[K" + line + "\r")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\x1b[K")  # the summary line takes its place
            self.stream.flush()


@contextmanager
def terminal_bar(stream: IO[str] | None = None) -> Iterator[None]:
    """Turn the bar on for the duration, if `stream` (default stderr) is a terminal."""
    stream = stream or sys.stderr
    if not stream.isatty():
        yield
        return
    bar = TerminalBar(stream)
    try:
        with progress.listening(bar.update):
            yield
    finally:
        bar.close()
