#!/usr/bin/env python3
"""One entry point that sets itself up: `python3 dev.py demo | test | faults | lint | bench | run ARGS...`.

`faults` runs the full fault suite (tests/faults: 20 kill points, 20,000 tiny files); `test` runs it
as a CI sample (5 kill points, 2,000 tiny files) with everything else.

Needs only Python 3.11+. Creates `.venv/` on first use and re-installs when `pyproject.toml` changes,
so the README's two commands work on a fresh machine.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed-pyproject.sha256"


def _ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs before the venv exists, on any python3
        sys.exit(f"claims-etl needs Python 3.11+, this is {sys.version.split()[0]}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not (BIN / "python").exists():
        print("dev.py: creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("dev.py: installing claims-etl and its dependencies (first run takes about a minute) ...", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(wanted)


def _run(argv: list[str]) -> int:
    env = dict(os.environ)
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(argv, cwd=ROOT, env=env).returncode


def main(args: list[str]) -> int:
    if not args or args[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    _ensure_venv()
    command, rest = args[0], args[1:]
    py = str(BIN / "python")
    if command == "demo":
        return _run([py, "-m", "claims_etl.cli", "demo", *rest])
    if command == "test":
        return _run([py, "-m", "pytest", "-q", *rest])
    if command == "faults":
        os.environ["CLAIMS_ETL_FAULTS_FULL"] = "1"
        return _run([py, "-m", "pytest", "-q", "tests/faults", *rest])
    if command == "lint":
        return _run([py, "-m", "ruff", "check", "."]) or _run([py, "-m", "mypy", "."])
    if command == "bench":
        return _run([py, "bench/run.py", *rest])
    if command == "run":
        return _run([py, "-m", "claims_etl.cli", *rest])
    print(f"dev.py: unknown command {command!r}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
