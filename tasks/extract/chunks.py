"""Very long texts -> article-sized chunks, extracted one by one, claims mapped back to the whole.

A news article is a few thousand to some tens of thousands of characters. A file far longer than that
(a dump of many articles, a book) is not one article: reading it whole would hold every paragraph's
parse in memory until its end and let one registry of names grow without bound. So it is cut at
paragraph breaks into chunks of at most `MAX_CHUNK_CHARS`, each extracted like an article of its own
(names and pronouns resolve within a chunk), and the claims' offsets are shifted back. Time and memory
then grow with the text's length, not faster.
"""

from __future__ import annotations

import re

from schemas import Claim

MAX_CHUNK_CHARS = 100_000
# Where a chunk may end, best first: a blank line, a line break, a sentence end, any white space.
BREAKS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"[.!?][\"'”’)]*\s"),
    re.compile(r"\s"),
)


def split_long(text: str, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, chunk) pairs covering `text` in order; one pair when the text is short enough."""
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        end = _break_before(text, start, start + limit)
        out.append((start, text[start:end]))
        start = end
    out.append((start, text[start:]))
    return out


def _break_before(text: str, lo: int, hi: int) -> int:
    """The last break of the best kind in text[lo + limit/2 : hi], else `hi` (a cut inside a word)."""
    floor = lo + (hi - lo) // 2
    for pattern in BREAKS:
        last = None
        for m in pattern.finditer(text, floor, hi):
            last = m
        if last is not None:
            return last.end()
    return hi


def shift(claim: Claim, delta: int, index_base: int) -> Claim:
    """The claim of a chunk at offset `delta`, as a claim of the whole text whose earlier chunks gave
    `index_base` claims (nested_in indexes the whole list)."""
    if delta == 0 and index_base == 0:
        return claim
    update: dict[str, object] = {"start": claim.start + delta, "end": claim.end + delta}
    if claim.speaker_mention is not None:
        m = claim.speaker_mention
        update["speaker_mention"] = m.model_copy(update={"start": m.start + delta, "end": m.end + delta})
    if claim.cue is not None:
        update["cue"] = claim.cue.model_copy(update={"start": claim.cue.start + delta, "end": claim.cue.end + delta})
    if claim.statement is not None:
        st = claim.statement
        update["statement"] = st.model_copy(update={"start": st.start + delta, "end": st.end + delta})
    if claim.nested_in is not None:
        update["nested_in"] = claim.nested_in + index_base
    return claim.model_copy(update=update)
