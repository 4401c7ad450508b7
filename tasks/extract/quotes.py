"""Quotation-mark pairing on raw text: which characters open and close quotes, and where.

Pure character logic (no NLP model) so it is fast and testable on its own. Handles curly,
straight, guillemet and low-9 marks, mixed pairs (an opening ‘ closed by ”), nesting of the
same mark, apostrophes inside words, and quotes that run over a paragraph break when the next
paragraph re-opens with a quote mark (or the break falls mid-sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

DOUBLE = "double"
SINGLE = "single"

# Marks that can only open / only close, by family.
OPENERS: dict[str, str] = {"“": DOUBLE, "„": DOUBLE, "«": DOUBLE, "‘": SINGLE, "‹": SINGLE}
CLOSERS: dict[str, str] = {"”": DOUBLE, "»": DOUBLE, "’": SINGLE, "›": SINGLE}
# Marks whose role depends on the characters around them.
AMBIGUOUS: dict[str, str] = {'"': DOUBLE, "''": DOUBLE, "'": SINGLE}
# Where the scanner must look: any quote mark or a newline.
EVENT_RE = re.compile("''|[\n" + re.escape("“„«‘‹”»’›\"'") + "]")
# Characters after which a mark reads as opening (besides start of text and whitespace).
OPEN_CONTEXT = "([{—–-/:;"
# Characters before which a mark reads as closing (besides end of text and whitespace).
CLOSE_CONTEXT = ".,;:!?)]}—–-…"
SENTENCE_END = '.!?…:;"”’»'
# A quote longer than this (characters) that never closes is treated as a stray mark.
MAX_UNCLOSED_CHARS = 3000


class Role(Enum):
    OPEN = "open"
    CLOSE = "close"
    EITHER = "either"


@dataclass(frozen=True)
class QuoteSpan:
    """One quotation: `start`/`end` delimit the content, `open_start`/`close_end` the marks too."""

    open_start: int
    start: int
    end: int
    close_end: int
    depth: int
    closed: bool

    def contains(self, pos: int) -> bool:
        """True when character `pos` lies inside the quote content."""
        return self.start <= pos < self.end


@dataclass
class _Open:
    pos: int
    width: int
    family: str
    low9: bool


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _mark_at(text: str, i: int) -> tuple[str, int] | None:
    """The quote mark starting at `i` and its width, or None."""
    if text.startswith("''", i):
        return "''", 2
    ch = text[i]
    if ch in OPENERS or ch in CLOSERS or ch in AMBIGUOUS:
        return ch, 1
    return None


def _role(text: str, i: int, width: int) -> Role:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    can_open = before.isspace() or before in OPEN_CONTEXT or before in OPENERS
    can_close = after.isspace() or after in CLOSE_CONTEXT or after in CLOSERS or after in AMBIGUOUS
    if can_open and not after.isspace():
        return Role.OPEN if not can_close or before.isspace() else Role.EITHER
    if can_close and not before.isspace():
        return Role.CLOSE
    return Role.EITHER


def _is_apostrophe(text: str, i: int, mark: str) -> bool:
    """A single mark inside a word (Russia’s, don't) or a plural possessive (voters’ views)."""
    if mark not in ("’", "'"):
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return _is_word(before) and _is_word(after)


def _next_paragraph_start(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def find_quotes(text: str) -> list[QuoteSpan]:
    """All quotations in `text`, outermost first within each position, sorted by start."""
    spans: list[QuoteSpan] = []
    stack: list[_Open] = []
    n = len(text)
    i = 0
    while True:
        m = EVENT_RE.search(text, i)
        if m is None:
            break
        i = m.start()
        if text[i] == "\n":
            i = _paragraph_break(text, i, stack, spans)
            continue
        found = _mark_at(text, i)
        if found is None:  # pragma: no cover - EVENT_RE only stops on marks
            i += 1
            continue
        mark, width = found
        _handle_mark(text, i, mark, width, stack, spans)
        i += width
    _flush(text, n, stack, spans)
    spans.sort(key=lambda s: (s.open_start, -s.close_end))
    return spans


def _handle_mark(text: str, i: int, mark: str, width: int, stack: list[_Open], spans: list[QuoteSpan]) -> None:
    if _is_apostrophe(text, i, mark):
        return
    if mark in OPENERS:
        family = OPENERS[mark]
        # „ ... “ (German style): “ closes an open low-9 quote.
        if mark == "“" and stack and stack[-1].low9:
            _close(text, i, width, len(stack) - 1, stack, spans)
            return
        idx = _find_open(stack, family)
        if _role(text, i, width) == Role.CLOSE and idx is not None:
            _close(text, i, width, idx, stack, spans)  # a curly opener typed where a closer belongs
            return
        stack.append(_Open(i, width, family, mark == "„"))
        return
    if mark in CLOSERS:
        family = CLOSERS[mark]
        idx = _find_open(stack, family)
        if idx is None and family == DOUBLE:
            idx = _find_open(stack, SINGLE)  # an opening ‘ closed by ”
        if idx is not None:
            _close(text, i, width, idx, stack, spans)
        elif family == DOUBLE and (i == 0 or text[i - 1] == "\n") and _role(text, i, width) == Role.OPEN:
            stack.append(_Open(i, width, family, False))  # a paragraph opened with ” typed for “
        return
    family = AMBIGUOUS[mark]
    role = _role(text, i, width)
    idx = _find_open(stack, family)
    if role == Role.OPEN or (role == Role.EITHER and idx is None):
        if family == SINGLE and role != Role.OPEN:
            return
        stack.append(_Open(i, width, family, False))
    elif idx is not None:
        _close(text, i, width, idx, stack, spans)


def _find_open(stack: list[_Open], family: str) -> int | None:
    for k in range(len(stack) - 1, -1, -1):
        if stack[k].family == family:
            return k
    return None


def _close(text: str, i: int, width: int, idx: int, stack: list[_Open], spans: list[QuoteSpan]) -> None:
    opened = stack[idx]
    del stack[idx:]  # marks opened inside and never closed were stray
    start = opened.pos + opened.width
    if i > start:
        spans.append(QuoteSpan(opened.pos, start, i, i + width, idx, True))


def _paragraph_break(text: str, i: int, stack: list[_Open], spans: list[QuoteSpan]) -> int:
    """Decide at a newline whether open quotes continue into the next paragraph."""
    nxt = _next_paragraph_start(text, i)
    if not stack:
        return nxt
    before = text[:i].rstrip()
    found = _mark_at(text, nxt) if nxt < len(text) else None
    outer = stack[0]
    if (
        found is not None
        and found[0] not in CLOSERS
        and (OPENERS.get(found[0]) == outer.family or AMBIGUOUS.get(found[0]) == outer.family or found[0] in OPENERS)
    ):
        # The next paragraph re-opens the running quote: this paragraph's part ends here and the
        # next part is a quotation of its own (a continuation of the same speaker).
        _flush(text, len(before), stack, spans, keep_single=True)
        return nxt
    if before and before[-1] not in SENTENCE_END and nxt - outer.pos < MAX_UNCLOSED_CHARS:
        return nxt  # the break falls mid-sentence (wrapped line): the quote goes on
    _flush(text, len(before), stack, spans)
    return nxt


def _flush(text: str, end: int, stack: list[_Open], spans: list[QuoteSpan], *, keep_single: bool = False) -> None:
    """Close quotes still open at a paragraph end; only the outermost is kept, as unclosed."""
    if not stack:
        return
    outer = stack[0]
    start = outer.pos + outer.width
    if end > start and end - start < MAX_UNCLOSED_CHARS and (outer.family == DOUBLE or keep_single):
        spans.append(QuoteSpan(outer.pos, start, end, end, 0, False))
    stack.clear()


def outermost(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Quotes not contained in another quote."""
    out: list[QuoteSpan] = []
    for s in sorted(spans, key=lambda s: (s.open_start, -s.close_end)):
        if out and s.open_start < out[-1].close_end:
            continue
        out.append(s)
    return out
