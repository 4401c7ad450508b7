"""The whole sourced statement of each claim: what a sourcing audit credits to the source.

In: the article's sentence units and its claims' anchors (content, cue, speaker mention).
Out: one (start, end) span per claim, offsets into the article text.

A claim's content answers "what was claimed"; its statement answers "how much of the story rests on
this source": the sentences holding the attribution and the content, plus the sentences after them in
the same paragraph that go on with no source or cue of their own ("Ramos said the clinic saw 400
patients. Most were uninsured." is one statement). Pure: no parsing, so it costs nothing measurable.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tasks.extract.paragraphs import Paragraph
from tasks.extract.prefilter import may_hold_claim


@dataclass(frozen=True)
class Anchor:
    """Where one claim sits: its content span, cue and mention (article offsets), and its outer claim."""

    start: int
    end: int
    cue: tuple[int, int] | None = None
    mention: tuple[int, int] | None = None
    nested_in: int | None = None


def _unit_at(starts: list[int], pos: int) -> int:
    return max(bisect_right(starts, pos) - 1, 0)


def _marks(anchor: Anchor) -> list[int]:
    """Positions that open a claim: its content and its cue (a sentence holding one has a source)."""
    out = [anchor.start]
    if anchor.cue is not None:
        out.append(anchor.cue[0])
    return out


def _sentences(units: Sequence[Paragraph], quotes: Sequence[tuple[int, int]]) -> list[Paragraph]:
    """Body sentence units, joined where the cheap splitter cut inside a quotation ('"A. B," she said.'
    is one sentence of the story: the attribution at its end covers both)."""
    out: list[Paragraph] = []
    k = 0
    for u in units:
        if u.headline:
            continue
        while k < len(quotes) and quotes[k][1] <= u.start:
            k += 1
        inside = k < len(quotes) and quotes[k][0] < u.start
        if out and inside and out[-1].para_end == u.para_end:
            prev = out[-1]
            out[-1] = replace(prev, end=u.end, text=prev.text + " " * (u.start - prev.end) + u.text)
        else:
            out.append(u)
    return out


def statement_spans(
    units: Sequence[Paragraph], anchors: Sequence[Anchor], quotes: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """One statement span per anchor, in the anchors' order; `quotes` are the article's outermost
    quotations (start, end), sorted."""
    body = _sentences(units, quotes)
    if not body:
        return [(a.start, a.end) for a in anchors]
    starts = [u.start for u in body]
    # For each unit, the claims that open in it (their content or cue starts there).
    opening: list[set[int]] = [set() for _ in body]
    for k, a in enumerate(anchors):
        for pos in _marks(a):
            opening[_unit_at(starts, pos)].add(k)
    return [_span(k, a, body, starts, opening, anchors) for k, a in enumerate(anchors)]


def _span(
    k: int,
    a: Anchor,
    body: Sequence[Paragraph],
    starts: list[int],
    opening: list[set[int]],
    anchors: Sequence[Anchor],
) -> tuple[int, int]:
    outer = _container(k, a, anchors)
    if outer is not None:
        # A report inside another claim's content ('X said Y doubts Z'): the sentence rests on the
        # outer source; this source's own part is its attribution and content.
        parts = [(a.start, a.end)] + [p for p in (a.cue, a.mention) if p is not None]
        inside = [p for p in parts if outer.start <= p[0] and p[1] <= outer.end]
        if parts[0] not in inside:
            inside = parts  # named inside the outer content, reporting after it: from the name on
        return min(p[0] for p in inside), max(p[1] for p in inside)
    first = _unit_at(starts, a.start)
    last = _unit_at(starts, max(a.end - 1, a.start))
    para = (body[first].para_start, body[last].para_end)
    # The attribution is part of the statement when it sits in the content's paragraph(s).
    for lo, hi in (p for p in (a.cue, a.mention) if p is not None):
        if para[0] <= lo and hi <= para[1]:
            first = min(first, _unit_at(starts, lo))
            last = max(last, _unit_at(starts, max(hi - 1, lo)))
    own = {k} | {j for j, b in enumerate(anchors) if b.nested_in == k}
    end_para = body[last].para_end
    nxt = last + 1
    while (
        nxt < len(body)
        and body[nxt].para_end == end_para
        and _free(opening[nxt], own, a, anchors)
        and not _has_cue(body[nxt].text, body[nxt].start, a)
    ):
        last = nxt
        nxt += 1
    return min(body[first].start, a.start), max(body[last].end, a.end)


def _container(k: int, a: Anchor, anchors: Sequence[Anchor]) -> Anchor | None:
    """The claim whose content holds this one's content and cue, if any."""
    if a.nested_in is not None:
        return anchors[a.nested_in]
    lo = min(a.start, a.cue[0]) if a.cue is not None else a.start
    for j, b in enumerate(anchors):
        if j != k and b.start <= lo and a.end <= b.end and (b.end - b.start) > (a.end - a.start):
            return b
    for j, b in enumerate(anchors):
        if j != k and _named_inside(a, b):
            return b
    return None


def _named_inside(a: Anchor, b: Anchor) -> bool:
    """'X released a statement saying that Y had praised the city, calling it special': Y's report,
    after X's content, has its speaker named inside X's content: it is part of what X reported."""
    if a.mention is None or not (b.start <= a.mention[0] and a.mention[1] <= b.end) or a.start < b.end:
        return False
    own = b.mention
    return own is None or own[1] <= b.start or own[0] >= b.end


def _has_cue(sentence: str, at: int, a: Anchor) -> bool:
    """A sentence past the claim's content with a reporting word of its own ('Sorry, Lund said.') opens
    a new statement even when no claim was extracted from it."""
    return at >= a.end and may_hold_claim(sentence)


def _free(openers: set[int], own: set[int], a: Anchor, anchors: Sequence[Anchor]) -> bool:
    """A sentence with no claim of another source or cue opening in it (inside this claim's own
    content, a nested report is part of the statement)."""
    for j in openers - own:
        b = anchors[j]
        if not (a.start <= b.start and b.end <= a.end):
            return False
    return True
