"""Refuse HTML nested deeper than any real page before parsing it.

A page of 200,000 nested tags costs the HTML parser and cleaner time and memory out of proportion
and, parsed, loses its text (the cleaner then reports `no_body`, which misleads). Real pages nest a
few dozen levels; even broken ones with unclosed tags stay far below the limit.
"""

from __future__ import annotations

import re

from schemas import RawFile
from tasks.read import ReadFailure

# Deepest element nesting accepted (open tags minus closed ones along the document).
MAX_NESTING = 5_000
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
# Never closed, or commonly left unclosed: they do not count towards the depth.
_VOID = frozenset(
    b"area base br col embed hr img input link meta param source track wbr p li dt dd tr td th option".split()
)


def nesting_depth(html: str) -> int:
    """The deepest nesting of elements in `html`, by a linear scan of its tags (no tree is built)."""
    depth = deepest = 0
    for match in _TAG.finditer(html.encode("utf-8", "replace")):
        closing, name, self_closing = match.groups()
        if name.lower() in _VOID or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def nesting_failure(raw: RawFile) -> ReadFailure | None:
    """A `too_deeply_nested` failure for an HTML file nested past MAX_NESTING, else None."""
    if raw.media_type != "html":
        return None
    depth = nesting_depth(raw.content)
    if depth <= MAX_NESTING:
        return None
    return ReadFailure(
        raw.source,
        "too_deeply_nested",
        f"the page nests elements {depth} deep, over the limit of {MAX_NESTING}: not parsed",
        sha256=raw.sha256,
        size=raw.size,
    )
