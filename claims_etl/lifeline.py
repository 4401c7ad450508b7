"""`python -m claims_etl.lifeline PARENT_PID MODULE ARGS...`: run MODULE as __main__, ending with PARENT.

The CLI starts its temporary Prefect server this way, so a `kill -9` of the CLI alone does not orphan
it; the watching itself is `infra/lifeline.py` (worker processes of a pool use it too).
"""

from __future__ import annotations

import runpy
import sys

from infra.lifeline import exit_with_parent


def main(argv: list[str]) -> None:
    """Run MODULE as __main__ with ARGS; end when PARENT is gone (SIGTERM first, then exit)."""
    parent, module, *rest = argv
    exit_with_parent(int(parent), graceful=True)
    sys.argv = [module, *rest]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
