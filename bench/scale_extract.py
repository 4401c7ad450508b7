#!/usr/bin/env python3
"""Extraction time and memory against file size: `python bench/scale_extract.py [--sizes 100k,1m,15m]`.

Builds one prose file per size by concatenating the PolNeAR train texts in ../shared (under bench/out/,
never committed), then extracts each in a fresh process (`extract_batch` on one article, as the
pipeline does for one file) and prints wall seconds, CPU seconds, seconds per MB and peak RSS, with
each size's time as a multiple of the smallest. Linear extraction keeps the multiple near the size
ratio. Run by hand; not a test.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
TRAIN = ROOT.parent / "shared" / "corpus" / "polnear" / "train"
UNITS = {"k": 1_000, "m": 1_000_000}


def parse_size(text: str) -> int:
    text = text.strip().lower()
    return int(float(text[:-1]) * UNITS[text[-1]]) if text[-1] in UNITS else int(text)


def build(size: int) -> Path:
    """A file of `size` characters: the train texts in name order, repeated as often as needed."""
    path = OUT / f"scale_{size}.txt"
    if path.exists() and path.stat().st_size >= size:
        return path
    sources = sorted(TRAIN.glob("*.txt"))
    if not sources:
        sys.exit(f"no PolNeAR train texts under {TRAIN}")
    parts: list[str] = []
    total = 0
    k = 0
    while total < size:
        text = sources[k % len(sources)].read_text(encoding="utf-8").strip() + "\n\n"
        parts.append(text)
        total += len(text)
        k += 1
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(parts)[:size], encoding="utf-8")
    return path


def measure_one(path: Path) -> dict[str, float]:
    """In this process: load the model, then time the extraction of the file as one article."""
    sys.path.insert(0, str(ROOT))
    from schemas import CleanArticle
    from tasks.extract import extract_batch
    from tasks.extract.nlp import get_nlp

    get_nlp()
    text = path.read_text(encoding="utf-8")
    wall, cpu = time.perf_counter(), time.process_time()
    claims = extract_batch([CleanArticle(text=text, language="en")])[0]
    return {
        "chars": len(text),
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "claims": len(claims),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100k,1m,15m", help="comma-separated sizes in characters (k, m)")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure this file and print JSON
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure_one(Path(args.one))))
        return 0
    rows = []
    for size in (parse_size(s) for s in args.sizes.split(",")):
        path = build(size)
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(path)], capture_output=True, text=True, check=True
        )
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    base = rows[0]
    print("| chars | claims | wall s | CPU s | CPU s per MB | x smallest (CPU) | size x | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['chars']:,} | {r['claims']:,} | {r['wall']:.1f} | {r['cpu']:.1f} | "
            f"{r['cpu'] / (r['chars'] / 1e6):.1f} | {r['cpu'] / base['cpu']:.1f} | "
            f"{r['chars'] / base['chars']:.0f} | {r['peak_rss_mb']:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
