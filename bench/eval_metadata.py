#!/usr/bin/env python3
"""Article metadata: coverage on a folder, and agreement with gold metadata (title, author, published).

Usage:
  .venv/bin/python bench/eval_metadata.py PATH... [--gold GOLD.jsonl] [--show]

PATH: files or folders (as bench/eval_clean.py reads them). Prints the share of articles with a title, a
published date, an author and an outlet, and which layout each field came from. With --gold (one JSON
object per line: "article" = file name, "title", "author", "published"), every gold article must match
on the three fields, null included; the exit status is 1 when one does not.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_clean import _files, read_raw  # noqa: E402

from tasks.clean import clean_document  # noqa: E402

FIELDS = ("title", "published", "author", "outlet", "subtitle")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--gold")
    ap.add_argument("--show", action="store_true", help="print each article's fields")
    a = ap.parse_args()
    files = _files(a.paths)
    got: dict[str, dict[str, str | None]] = {}
    sources: Counter[str] = Counter()
    for path in files:
        art = clean_document(read_raw(path))
        published = art.published.isoformat() if art.published else None
        rec = {"title": art.title, "author": art.author, "published": published, "outlet": art.outlet,
               "subtitle": art.subtitle}
        got[path.name] = rec
        sources.update(f"{k}:{v}" for k, v in art.metadata_source.items())
        if a.show:
            print(json.dumps({"file": path.name, **rec, "from": art.metadata_source}, ensure_ascii=False))
    n = len(got)
    if n:
        share = {f: sum(r[f] is not None for r in got.values()) for f in FIELDS}
        both = sum(r["title"] is not None and r["published"] is not None for r in got.values())
        print(f"articles {n} | " + " | ".join(f"{f} {share[f]} ({100 * share[f] / n:.1f} %)" for f in FIELDS))
        print(f"title and published {both} ({100 * both / n:.1f} %)")
        print("from: " + ", ".join(f"{k} {v}" for k, v in sorted(sources.items())))
    if not a.gold:
        return 0
    bad = 0
    for line in Path(a.gold).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        found = got.get(g["article"])
        want = {k: g.get(k) for k in ("title", "author", "published")}
        have = {k: found.get(k) for k in want} if found is not None else None
        if have != want:
            bad += 1
            print(f"MISMATCH {g['article']}: want {want}, got {have}")
    total = sum(1 for line in Path(a.gold).read_text(encoding="utf-8").splitlines() if line.strip())
    print(f"gold {total} | match {total - bad} | mismatch {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
