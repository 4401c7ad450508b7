"""Body of a plain-text page dump: repair wrapped lines, glue inline-link fragments into blocks, then
the block classifier (`blocks.py`) picks the body.
"""

from __future__ import annotations

from tasks.clean.blocks import TextResult, clean_blocks
from tasks.clean.furniture import tidy
from tasks.clean.wrap import join_fragments, repair_cuts, unwrap_soft


def split_blocks(content: str) -> list[str]:
    """Lines of a dump with wraps repaired and inline-link fragments glued back together."""
    lines = [ln.rstrip("\r") for ln in content.split("\n")]
    lines = unwrap_soft(repair_cuts(lines))
    return [tidy(b) for b in join_fragments(lines)]


def clean_text_dump(content: str, known_junk: frozenset[str] = frozenset()) -> TextResult:
    """Article body of a plain-text page dump, as paragraphs, with what was removed around it."""
    return clean_blocks([t for t in split_blocks(content) if t], known_junk)
