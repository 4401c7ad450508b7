"""The `claims-etl` console script: the command line (`cli.main`), then an exit that skips the
interpreter's teardown once everything that must happen at exit has happened.

With Prefect and spaCy loaded, tearing the interpreter down (freeing every module and object) took
0.4-0.9 s on this machine after the work was done and committed: a third of what a small run may
cost. Python runs, in order: non-daemon threads joined (Prefect drains its log and event workers
there), then atexit handlers, last registered first. The handler registered here, before the command
runs, therefore runs after every handler the command registers (the temporary Prefect API stopping,
the embedded PostgreSQL stopping) and before only `logging.shutdown`, which it calls itself; then it
flushes the standard streams and ends the process with the command's exit status.

Only the console script does this: `cli.main` called in-process (tests, embedding) exits normally.
An exception other than SystemExit (a traceback) also exits normally.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import sys

_status: list[int] = []


def run() -> None:
    atexit.register(_exit_now)
    from claims_etl.cli import main

    try:
        main()
    except SystemExit as exc:
        # Python's own rule: None is 0, an int is itself, anything else is printed and is 1
        _status.append(0 if exc.code is None else exc.code if isinstance(exc.code, int) else 1)
        raise


def _exit_now() -> None:
    if not _status:
        return
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`): nothing more to write
            stream.flush()
    os._exit(_status[0])
