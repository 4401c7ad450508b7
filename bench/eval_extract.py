"""Evaluation driver: files -> CleanArticle (minimal cleaning) -> extract_batch -> JSON Lines.

Usage: python bench/eval_extract.py [--out PRED.jsonl] PATH...   (timing goes to stderr)
Holds no article text: everything is read from the given files.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from schemas import CleanArticle
from tasks.extract import extract_batch
from tasks.extract.nlp import get_nlp

# A last line of two or three capitalised words is read as the author's signature.
SIGNATURE_RE = re.compile(r"^[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}$")


def minimal_clean(raw: str) -> CleanArticle:
    """Paragraphs = non-empty lines; a bare capitalised name on the last line is the author."""
    lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
    author = None
    if lines and SIGNATURE_RE.match(lines[-1]) and not lines[-1].endswith("."):
        author = lines.pop()
    return CleanArticle(text="\n\n".join(lines), author=author, language="en")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--out", default="-")
    args = ap.parse_args()
    files: list[Path] = []
    for p in args.paths:
        path = Path(p)
        files.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    articles = [minimal_clean(f.read_text(encoding="utf-8")) for f in files]
    get_nlp()
    t0 = time.perf_counter()
    results = extract_batch(articles)
    elapsed = time.perf_counter() - t0
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")  # noqa: SIM115
    for f, claims in zip(files, results, strict=True):
        out.write(
            json.dumps({"source": str(f), "claims": [c.contract_dict() for c in claims]}, ensure_ascii=False) + "\n"
        )
    if out is not sys.stdout:
        out.close()
    n = sum(len(c) for c in results)
    print(f"extracted {n} claims from {len(files)} articles in {elapsed:.2f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
