#!/usr/bin/env python3
"""Evaluation driver for the clean stage: read files, run clean_document, write JSONL, score.

Usage:
  .venv/bin/python bench/eval_clean.py PATH... [--out bench/out/clean.jsonl] [--truth GROUND_TRUTH.json]
      [--ids IDS.txt | --half odd|even] [--timing] [--retention]

--half: score one half of the fixed split (files sorted by name; odd = 1st, 3rd, ...: development, even =
held out). --retention: share of the input's lines of 6+ words found again in the output (body, title,
subtitle or dateline), for inputs that are already clean.

PATH may be a file or a directory (all .txt/.md/.html/.htm, optionally .gz, inside it). Stands in for
`claims-etl extract --format jsonl --no-claims` until the CLI exists, and reports per-page timing.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schemas import CleanArticle, RawFile  # noqa: E402
from schemas.article import MediaType  # noqa: E402
from tasks.clean import clean_document  # noqa: E402

SCORER = Path("/work/shared/gold/score_body.py")
_HTML_SUFFIXES = {".html", ".htm"}
_TEXT_SUFFIXES = {".txt", ".md"}


def _files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(q for q in p.iterdir() if q.is_file()) if p.is_dir() else [p])
    return out


def read_raw(path: Path) -> RawFile:
    """Read, un-gzip and decode one file the way the loader does (UTF-8, falling back on detection)."""
    data = path.read_bytes()
    body = gzip.decompress(data) if path.suffix == ".gz" else data
    inner = path.with_suffix("") if path.suffix == ".gz" else path
    media = "html" if inner.suffix.lower() in _HTML_SUFFIXES else "text"
    try:
        text, enc = body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(body).best()
        enc = best.encoding if best else "latin-1"
        text = str(best) if best else body.decode("latin-1")
    return RawFile(
        source=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        media_type=media,  # type: ignore[arg-type]
        content=text,
        encoding=enc,
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--out", default=str(ROOT / "bench/out/clean.jsonl"))
    ap.add_argument("--truth")
    ap.add_argument("--ids")
    ap.add_argument("--half", choices=("odd", "even"))
    ap.add_argument("--timing", action="store_true")
    ap.add_argument("--retention", action="store_true")
    a = ap.parse_args()
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    times: list[float] = []
    cpu: list[float] = []  # CPU time: steadier than wall time on a shared machine
    # Load models (language ID, trafilatura) once before timing: a nightly run pays that once per worker.
    warm = "The harbour council met on Tuesday to discuss the repairs to the old wall. " * 3
    pages: list[tuple[MediaType, str]] = [("text", warm), ("html", f"<html><body><p>{warm}</p></body></html>")]
    for media, content in pages:
        clean_document(RawFile(source="warm", sha256="", size=0, media_type=media, content=content, encoding="utf-8"))
    files = _files(a.paths)
    if a.half:
        files = sorted(files, key=lambda p: p.name)[(0 if a.half == "odd" else 1) :: 2]
    lines = kept = 0
    with out.open("w", encoding="utf-8") as fh:
        for path in files:
            raw = read_raw(path)
            t0, c0 = time.perf_counter(), time.process_time()
            art = clean_document(raw)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            if a.retention:
                n, k = _retained(raw.content, art)
                lines, kept = lines + n, kept + k
            rec = {"source": raw.source, **art.model_dump(mode="json", exclude={"removed"})}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if a.timing and times:
        times.sort()
        print(
            f"pages {len(times)} | mean {1000 * sum(times) / len(times):.1f} ms | "
            f"median {1000 * times[len(times) // 2]:.1f} ms | max {1000 * times[-1]:.1f} ms | "
            f"CPU mean {1000 * sum(cpu) / len(cpu):.1f} ms"
        )
    if a.retention and lines:
        print(f"lines of 6+ words {lines} | kept {kept} ({100 * kept / lines:.1f} %)")
    if a.truth:
        cmd = [sys.executable, str(SCORER), a.truth, str(out)]
        ids = a.ids
        if a.half:
            ids = str(out.with_suffix(f".{a.half}.ids"))
            Path(ids).write_text("".join(p.name.split(".")[0] + "\n" for p in files), encoding="utf-8")
        if ids:
            cmd += ["--ids", ids]
        return subprocess.run(cmd, check=False).returncode
    return 0


_TOKEN = re.compile(r"\w+")
RETENTION_MIN_WORDS = 6


def _retained(content: str, art: CleanArticle) -> tuple[int, int]:
    """Lines of 6+ words in the input, and how many of them the output still holds (token-normalised)."""

    def norm(s: str) -> str:
        return " ".join(_TOKEN.findall(s.lower()))

    kept_text = norm(" ".join(x or "" for x in (art.dateline, art.text, art.title, art.subtitle)))
    lines = [ln for ln in content.split("\n") if len(ln.split()) >= RETENTION_MIN_WORDS]
    return len(lines), sum(norm(ln) in kept_text for ln in lines)


if __name__ == "__main__":
    sys.exit(main())
