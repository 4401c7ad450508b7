"""A per-file time budget for the pure transform stage: one pathological file must not stall its batch.

Extraction cost grows with a file's size and shape; a file that takes longer than the budget is
abandoned and recorded as failed (`too_slow`) while the rest of the batch goes on. The budget is
enforced by raising `OverBudget` in the working thread (CPython's PyThreadState_SetAsyncExc), so it
works in any thread of any worker (threads, process pool, Dask), not only a main thread with signals.
It is checked between Python bytecodes: a single long call into C (one regex, one parser call)
finishes before the file is abandoned.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class OverBudget(Exception):
    """Raised inside the working thread when its time budget is spent."""


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the block with at most `seconds` of wall time (None or <= 0: no limit); else `OverBudget`."""
    if not seconds or seconds <= 0:
        yield
        return
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _raise_in(thread_id, OverBudget)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:  # injected but not raised yet: it must not surface after the block
                _raise_in(thread_id, None)
        if state["fired"]:
            raise OverBudget(f"over the budget of {seconds:g} s")
