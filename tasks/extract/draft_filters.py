"""Which drafts become claims: one per claim, reports inside quotes nested or dropped, empty ones out.

In: every draft of an article. Out: the drafts kept: duplicates found by several rules merged (quote
rules first, then the longer span), a report inside another claim's quote nested in it or dropped, the
same speaker's report inside their own report's content dropped, and questions, empty content and
talking verbs that report nothing ('did not respond to requests for comment') left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import replace

from schemas import ClaimKind, SpeakerKind
from tasks.extract.cues import SPEECH_VERBS
from tasks.extract.drafts import QUOTE_CHARS, Draft
from tasks.extract.speaker import Speaker

# Reports inside a quote are kept only with a named speaker (pronouns in quotes are unreliable).
MIN_NESTED_CONFIDENCE = 0.85
# Two drafts with the same cue overlapping this much (of the shorter) are the same claim.
SAME_CLAIM_OVERLAP = 0.5


def _overlap(a: Draft, b: Draft) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    if inter <= 0:
        return 0.0
    return inter / max(1, min(a.end - a.start, b.end - b.start))


# Width (characters) of the position buckets `dedupe` compares within.
DEDUPE_BUCKET = 64


def dedupe(drafts: list[Draft]) -> list[Draft]:
    """Keep one draft per (cue, content): quote rules first, then the longer span."""
    rank = {
        "quote-after": 0,
        "quote-before": 0,
        "quote-colon": 1,
        "quote-dash": 1,
        "transcript": 1,
        "verb": 2,
        "prep": 2,
        "quote-continued": 3,
    }
    ordered = sorted(drafts, key=lambda d: (rank.get(d.rule, 5), -(d.end - d.start)))
    kept: list[Draft] = []
    # Kept drafts by start and by cue start: a duplicate shares one (or, continued, overlaps a kept one).
    near: dict[int, list[Draft]] = {}
    for d in ordered:
        dup = False
        if d.rule == "quote-continued":
            candidates = kept
        else:
            keys = {d.start // DEDUPE_BUCKET + j for j in (-1, 0, 1)}
            if d.cue is not None:
                keys |= {d.cue.start // DEDUPE_BUCKET + j for j in (-1, 0, 1)}
            candidates = [k for key in sorted(keys) for k in near.get(key, [])]
        for k in candidates:
            same_cue = d.cue is not None and k.cue is not None and d.cue.start == k.cue.start
            same_span = abs(d.start - k.start) <= 2 and abs(d.end - k.end) <= 2
            if same_span or (same_cue and _overlap(d, k) >= SAME_CLAIM_OVERLAP):
                dup = True
                break
            if d.rule == "quote-continued" and _overlap(d, k) >= SAME_CLAIM_OVERLAP:
                dup = True
                break
        if not dup:
            kept.append(d)
            for key in {d.start // DEDUPE_BUCKET} | ({d.cue.start // DEDUPE_BUCKET} if d.cue is not None else set()):
                near.setdefault(key, []).append(d)
    return kept


# How many quotes before a cue `nest` tries as its holder (outermost quotes do not overlap; a few
# drafts may share one quote).
NEST_LOOK_BACK = 4


def _nearest_before(items: list[Draft], starts: list[int], pos: int) -> Iterator[Draft]:
    """Drafts of `items` (sorted by start, `starts` theirs) starting at or before `pos`, nearest first:
    the few that could hold `pos`."""
    last = bisect_right(starts, pos) - 1
    return (items[k] for k in range(last, max(-1, last - NEST_LOOK_BACK), -1))


def nest(drafts: list[Draft]) -> list[Draft]:
    """Reports whose cue lies inside another claim's quote are nested in it."""
    quoted = sorted((d for d in drafts if d.quote is not None and d.kind == ClaimKind.DIRECT), key=lambda d: d.start)
    starts = [q.start for q in quoted]
    out: list[Draft] = []
    for d in drafts:
        holder = None
        if d.cue is not None:
            for q in _nearest_before(quoted, starts, d.cue.start):
                if q is not d and _in_quotation(q, d) and q.start <= d.start and d.end <= q.end:
                    holder = q
                    break
        if holder is None:
            out.append(d)
        elif (
            d.rule == "verb"
            and d.cue is not None
            and d.cue.lemma in SPEECH_VERBS
            and d.clausal
            and d.speaker is not None
            and d.speaker.confidence >= MIN_NESTED_CONFIDENCE
        ):
            out.append(replace(d, nested_in=holder))
        # other reports inside a quote (stances, noun objects) are the quote's own wording: dropped
    return out


def _in_quotation(quote: Draft, d: Draft) -> bool:
    """Whether report `d` lies in the quotation: its cue inside it. In an interrupted quotation ('"A," she
    said, referring to X. "B."') the words between the pieces are the journalist's: a verb's report made
    only there (cue and content outside the pieces) is a report of its own. A phrase there ('"A," she
    said, according to the Ledger. "B."') only relays the quotation and stays in it."""
    assert d.cue is not None
    if not quote.parts or d.rule != "verb":
        return quote.start <= d.cue.start < quote.end
    return any(start <= d.cue.start < end or (d.start < end and start < d.end) for start, end in quote.parts)


# Subject pronouns that, inside a report's content, stand for the report's own speaker.
SELF_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})


def own_nested(text: str, drafts: list[Draft]) -> list[Draft]:
    """'The mayor said she expects the bridge to reopen': a report whose cue lies inside another
    report's content and whose speaker is that report's own is part of it, not a second claim. A
    different speaker's report inside ('said the council had voted ...') stays."""
    reports = sorted((d for d in drafts if d.kind != ClaimKind.DIRECT and d.cue is not None), key=lambda d: d.start)
    starts = [d.start for d in reports]
    out: list[Draft] = []
    for d in drafts:
        if d.cue is None or d.kind == ClaimKind.DIRECT or d.speaker is None:
            out.append(d)
            continue
        outer = next(
            (
                o
                for o in _nearest_before(reports, starts, d.cue.start)
                if o is not d and o.start <= d.cue.start < o.end and o.speaker is not None
            ),
            None,
        )
        if outer is None or not _same_speaker(text, outer.speaker, d.speaker):
            out.append(d)
    return out


def _same_speaker(text: str, outer: Speaker | None, inner: Speaker) -> bool:
    if outer is None:
        return False
    if inner.name is not None and inner.name == outer.name:
        return True
    mention = text[inner.mention[0] : inner.mention[1]].lower() if inner.mention else ""
    if mention not in SELF_PRONOUNS or inner.name is not None:
        return False
    # 'they' resolved to an unnamed group ('members ... they expect') is that group, not the outer
    # speaker, unless the outer speaker is such a group too ('investors said they expect').
    return inner.kind != SpeakerKind.GROUP or (outer.name is None and outer.kind == SpeakerKind.GROUP)


# Verbs of talking that report nothing when negated ('did not respond to requests for comment', 'would
# not comment on the talks') or when their object is the terms they spoke on ('spoke on condition of
# anonymity'). With another object ('responded to the criticism') they stay reports.
TALK_VERBS: frozenset[str] = frozenset({"respond", "reply", "speak", "talk", "answer", "comment"})
NEGATION_BEFORE_RE = re.compile(r"(?:\bnot|n't|n’t|\bnever)\s+(?:\w+\s+)?$")
TERMS_OBJECT_RE = re.compile(r"(?:the\s+)?condition\b", re.IGNORECASE)


def keep(text: str, d: Draft) -> bool:
    """Drop questions the journalist asks, empty content, and talking verbs that report nothing."""
    content = text[d.start : d.end].strip()
    if not content:
        return False
    if d.kind == ClaimKind.INDIRECT and not d.clausal and d.cue is not None and d.cue.lemma in TALK_VERBS:
        negated = NEGATION_BEFORE_RE.search(text, max(0, d.cue.start - 24), d.cue.start) is not None
        if negated or TERMS_OBJECT_RE.match(content):
            return False
    return not (d.kind == ClaimKind.INDIRECT and content.rstrip(QUOTE_CHARS).endswith("?"))
