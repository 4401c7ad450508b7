"""Corpus-level furniture: short lines that recur across many files of one site are junk.

Decision: a *site* is the folder a file was found in (crawls are stored one folder per outlet; a
folder of unrelated pages still teaches generic widget lines). Counts come from two places: lines
already counted in the database for the site (`site_lines`, only files loaded before) and lines
repeated inside the batch being cleaned, so the very first batch of a new site benefits too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import PurePath

from schemas import RawFile

# A short line is furniture when it is in at least this many files of one site...
SITE_JUNK_MIN_FILES = 5
# ...and in at least this share of them (a quote repeated in a few of an outlet's articles is not).
SITE_JUNK_MIN_SHARE = 0.3


def site_of(source: str) -> str:
    return str(PurePath(source).parent)


def is_frequent(line_files: int, site_files: int) -> bool:
    return line_files >= SITE_JUNK_MIN_FILES and line_files >= SITE_JUNK_MIN_SHARE * site_files


def learned_junk(
    raws: Sequence[RawFile], candidates: Sequence[Sequence[str]], known: Mapping[str, frozenset[str]]
) -> dict[str, frozenset[str]]:
    """Junk lines per site: known from the database, plus lines in enough files of this batch."""
    per_site: dict[str, Counter[str]] = {}
    files: Counter[str] = Counter()
    for raw, lines in zip(raws, candidates, strict=True):
        site = site_of(raw.source)
        files[site] += 1
        per_site.setdefault(site, Counter()).update(set(lines))
    junk = {site: set(lines) for site, lines in known.items()}
    for site, counts in per_site.items():
        junk.setdefault(site, set()).update(line for line, n in counts.items() if is_frequent(n, files[site]))
    return {site: frozenset(lines) for site, lines in junk.items()}
