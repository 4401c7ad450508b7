"""Child processes exit when their parent dies: a `kill -9` of the CLI alone must not orphan its
temporary Prefect server or its worker processes (~900 MB together).

Each child watches its parent's pid from a daemon thread; when it changes (the parent died and the
child was re-parented), the child stops itself. Polling, not PR_SET_PDEATHSIG: that signal fires
when the parent *thread* that started the child exits, which for a pool's worker can be any thread.
Pool workers call `exit_with_pool_parent` themselves; `claims_etl/lifeline.py` runs a server under
it (`python -m claims_etl.lifeline PARENT MODULE ...`).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time

# Seconds between looks at the parent pid.
POLL_SECONDS = 1.0
# Seconds a child asked to stop (SIGTERM) gets before it is ended outright.
GRACE_SECONDS = 5.0
_watching: set[int] = set()


def exit_with_parent(parent: int | None = None, *, graceful: bool = False) -> None:
    """Start (once per process) the thread that ends this process when `parent` (default: the current
    parent) is gone. `graceful`: SIGTERM first (a server closes its database), then exit."""
    expected = parent or os.getppid()
    if os.getpid() in _watching:
        return
    _watching.add(os.getpid())

    def watch() -> None:
        while os.getppid() == expected:
            time.sleep(POLL_SECONDS)
        if graceful:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(GRACE_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="claims-etl-lifeline", daemon=True).start()


def exit_with_pool_parent() -> None:
    """`exit_with_parent` in a worker process of a pool; nothing in the process that owns the pool."""
    if multiprocessing.parent_process() is not None:
        exit_with_parent()
