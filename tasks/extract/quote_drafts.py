"""Direct quotations and who said them: a cue right after or before the quote, a colon, a dash signature.

In: an article, its outermost quotations and the speaker resolver. Out: one `Draft` per attributed
quotation (kind direct, or mixed when the sentence's own words lead into it), the pieces of a quotation
interrupted by its attribution joined, and a paragraph that is only a quote continuing the last speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Token

from schemas import ClaimKind, Cue, SpeakerKind
from tasks.extract import subjects
from tasks.extract.drafts import COLON_VERB_SPEAKERS, QUOTE_CHARS, Article, Draft, cue_of, doc_at
from tasks.extract.layout_drafts import is_callout
from tasks.extract.paragraphs import Paragraph
from tasks.extract.quote_context import (
    MAX_BEFORE_TOKENS,
    after_context,
    before_context,
    cue_after_apposition,
    is_cue_word,
    speech_cue,
    subject_in,
)
from tasks.extract.quotes import QuoteSpan
from tasks.extract.speaker import Speaker
from tasks.extract.speakers import SpeakerResolver

# The cue itself must come within this many tokens after the quote (only the speaker in between).
MAX_AFTER_CUE_DISTANCE = 7
# Colon introductions may be long ("X notes that ... : '...'").
MAX_COLON_TOKENS = 80
# "X: '...'" with no verb: the X before the colon is at most this long.
MAX_COLON_NP_TOKENS = 8
# Quotes shorter than this (words) are never direct claims without an adjacent cue.
MIN_DIRECT_WORDS = 2
MIN_CONTINUATION_WORDS = 6
# A continuation quote takes the speaker of a claim at most this far back (characters).
CONTINUATION_WINDOW = 1200
# A quote preceded by this many words of its own sentence is part of a mixed claim.
MIN_LEAD_WORDS = 2
# Longest attribution between two pieces of one interrupted quotation (characters).
MAX_INTERRUPTION_CHARS = 250
# An attribution between two pieces of one quotation ends with one of these before the next piece.
INTERRUPTION_ENDS = frozenset(".,:;—–")
CONF_CONTINUATION = 0.5
CONF_COLON_NP = 0.7
CONF_DASH = 0.7
# '"..." ― Jane Roe.' / '"..." -- Jane Roe, a nurse': a dash, a capitalised name of 1-4 words, line end.
DASH_SIGNATURE_RE = re.compile(
    r"\s*(?:―|—|–|--)\s*((?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*){0,3})\s*(?:[,(][^\n]{0,80})?\.?\s*$"
)


def direct_drafts(article: Article, top: list[QuoteSpan], resolver: SpeakerResolver) -> list[Draft]:
    """Quotes with a cue right before or after them, plus whole-paragraph continuation quotes."""
    text = article.text
    out: list[Draft] = []
    for k, q in enumerate(top):
        words = len(text[q.start : q.end].split())
        if words < MIN_DIRECT_WORDS:
            continue
        nxt = top[k + 1].open_start if k + 1 < len(top) else len(text)
        prev = top[k - 1].close_end if k > 0 else 0
        draft = (
            _attributed_after(article, q, nxt, resolver)
            or _attributed_before(article, q, prev, resolver)
            or _attributed_dash(article, q, resolver)
        )
        if out and (draft is None or _same_cue(text, draft, out[-1], q)) and _continues_interrupted(text, out[-1], q):
            out[-1] = _extend(out[-1], q)  # '"A," she said, "B."': B attributed by A's own cue is A's sequel
            continue
        if draft is None and words >= MIN_CONTINUATION_WORDS:
            draft = _continuation(article, q, out)
        if draft is not None:
            out.append(draft)
    return out


def _continues_interrupted(text: str, last: Draft, q: QuoteSpan) -> bool:
    """'"A," she said. "B."' - B goes on with A when only the attribution stands between them."""
    if last.quote is None or last.rule not in {"quote-after", "quote-before"}:
        return False
    prev_end = last.parts[-1][1] if last.parts else last.quote.end
    between = text[prev_end : q.open_start]
    if "\n" in between or len(between) > MAX_INTERRUPTION_CHARS:
        return False
    if last.parts:
        return not between.strip(" \"”’'.,")
    if between.rstrip().rstrip(QUOTE_CHARS)[-1:] not in INTERRUPTION_ENDS:
        return False  # 'X said on "Meet the Press"': a title inside the attribution, not more quotation
    return last.cue is not None and last.cue.start >= prev_end and last.cue.end <= q.open_start


def _same_cue(text: str, draft: Draft, last: Draft, q: QuoteSpan) -> bool:
    """'"A," she said, "B."': B (quote `q`) found the cue that A found, and commas set the attribution
    off from both pieces (not '"Forum" ... and said: "B"', where A is a title inside another sentence)."""
    if last.quote is None or draft.cue is None or last.cue is None or draft.cue.start != last.cue.start:
        return False
    closing = text[last.quote.end - 1 : last.quote.close_end + 1]
    return "," in closing and text[: q.open_start].rstrip()[-1:] == ","


def _extend(last: Draft, q: QuoteSpan) -> Draft:
    parts = last.parts or ((last.start, last.end),)
    return replace(last, end=q.end, parts=(*parts, (q.start, q.end)))


def _ends_sentence(text: str, q: QuoteSpan) -> bool:
    """'"... it's over." Next sentence': a quote closing with a full stop ends its sentence."""
    content = text[q.start : q.end].rstrip()
    after = text[q.close_end : q.close_end + 2].lstrip(" ")
    if content.endswith(".") and not after.startswith(","):
        return True
    return after.startswith(".")


def _attributed_after(article: Article, q: QuoteSpan, limit: int, resolver: SpeakerResolver) -> Draft | None:
    para = doc_at(article, q.close_end)
    if para is None or para.doc is None or _ends_sentence(article.text, q):
        return None
    ctx = after_context(para.doc, para.start, q, limit)
    cue_toks = [t for t in ctx[:MAX_AFTER_CUE_DISTANCE] if t in speech_cue(ctx)] or cue_after_apposition(ctx)
    if not cue_toks:
        return None
    cue = cue_toks[0]
    if article.text[para.start + cue.idx + len(cue.text) :].lstrip(" ")[:1] == ":":
        return None  # 'After Lund said "A," Keller said: "B."': a cue before a colon introduces what follows
    subj = subject_in(cue, ctx)
    if subj is None:
        return None
    speaker = resolver.resolve(subj, para.start)
    if speaker is None:
        return None
    start, kind = q.start, ClaimKind.DIRECT
    lead_start = _sentence_start(article.text, para.start, q.open_start)
    lead = article.text[lead_start : q.open_start].strip()
    if len(lead.split()) >= MIN_LEAD_WORDS and lead[-1] not in ":,":
        start, kind = lead_start, ClaimKind.MIXED  # 'The plan is "dead on arrival," he said.'
    return Draft(start, q.end, kind, speaker, cue_of(cue, para.start), "quote-after", q)


def _sentence_start(text: str, floor: int, pos: int) -> int:
    """Start of the sentence holding `pos` (never before `floor`, the paragraph start)."""
    k = pos - 1
    while k > floor:
        if text[k - 1] in ".!?" and text[k].isspace():
            return k + 1
        k -= 1
    return floor


def _lead_in(article: Article, q: QuoteSpan) -> Paragraph | None:
    """'The ministry released this statement:' closing the paragraph before a quotation that opens its
    own paragraph: the lead-in that attributes it (parsed units only)."""
    k = bisect_right(article.starts, q.open_start) - 1
    if k < 1:
        return None
    unit, before = article.paragraphs[k], article.paragraphs[k - 1]
    if article.text[unit.para_start : q.open_start].strip() or before.para_end > unit.para_start:
        return None
    if before.doc is None or before.headline or not before.text.rstrip().endswith(":"):
        return None
    return before


def _attributed_before(article: Article, q: QuoteSpan, limit: int, resolver: SpeakerResolver) -> Draft | None:
    para = _lead_in(article, q) or doc_at(article, q.open_start)
    if para is None or para.doc is None:
        return None
    lead = article.text[para.start : min(q.open_start, para.end)].rstrip()
    colon = lead.endswith(":")
    ctx = before_context(para.doc, para.start, q, limit, MAX_COLON_TOKENS if colon else MAX_BEFORE_TOKENS)
    if not ctx:
        return None
    if not colon and not lead.endswith(",") and not is_cue_word(ctx[-1]):
        return None
    cue_toks = speech_cue(ctx)
    if cue_toks:
        cue = _colon_cue(cue_toks, ctx[-1]) if colon else cue_toks[-1]
        subj = subject_in(cue, ctx, reach_back=True)
        if subj is not None:
            speaker = resolver.resolve(subj, para.start)
            if speaker is not None:
                return Draft(q.start, q.end, ClaimKind.DIRECT, speaker, cue_of(cue, para.start), "quote-before", q)
    if colon and len(ctx) <= MAX_COLON_NP_TOKENS + 1:
        found = _colon_np(ctx, para, q, resolver)
        if found is not None:
            return found
    return _colon_verb(ctx, para, q, resolver) if colon else None


def _colon_cue(cues: list[Token], colon: Token) -> Token:
    """The cue whose quotation a colon opens: the verb the colon hangs on when it is a cue ('When asked
    by Roe about the fee, Ortiz said: "..."' is Ortiz's answer, not the asker's), else the lead-in's
    first cue ('Ortiz said on Monday, answering critics: "..."')."""
    return colon.head if colon.head in cues else cues[0]


def _colon_verb(ctx: list[Token], para: Paragraph, q: QuoteSpan, resolver: SpeakerResolver) -> Draft | None:
    """'Jane Roe sighed: "..."', 'The ministry put it this way: "..."': the quotation that a sentence's
    colon opens is said by that sentence's named subject, whatever its verb."""
    colon = ctx[-1]
    verb = colon.head if colon.head.pos_ in {"VERB", "AUX"} else None
    if verb is None or verb.i >= colon.i:
        return None
    subj = subjects.subject_of(verb)
    if subj is None or subj.i not in {t.i for t in ctx}:
        return None
    speaker = resolver.resolve(subj, para.start)
    if speaker is None or speaker.name is None or speaker.kind not in COLON_VERB_SPEAKERS:
        return None
    return Draft(q.start, q.end, ClaimKind.DIRECT, speaker, cue_of(verb, para.start), "quote-colon", q)


def _attributed_dash(article: Article, q: QuoteSpan, resolver: SpeakerResolver) -> Draft | None:
    """'"..." ― Jane Roe.' : a quotation signed with a dash and a name at the end of its paragraph."""
    text = article.text
    line_end = text.find("\n", q.close_end)
    line_end = len(text) if line_end < 0 else line_end
    m = DASH_SIGNATURE_RE.match(text, q.close_end, line_end)
    if m is None:
        return None
    name = m.group(1).strip().rstrip(".")
    start = m.start(1)
    known = resolver.registry.find_person_text(name, start)
    speaker = Speaker(
        known.canonical if known else name, SpeakerKind.PERSON, None, (start, start + len(name)), CONF_DASH
    )
    dash = m.group(0).strip()[0]
    cue = Cue(text=dash, lemma=dash, start=text.index(dash, q.close_end), end=text.index(dash, q.close_end) + 1)
    return Draft(q.start, q.end, ClaimKind.DIRECT, speaker, cue, "quote-dash", q)


def _colon_np(ctx: list[Token], para: Paragraph, q: QuoteSpan, resolver: SpeakerResolver) -> Draft | None:
    """'Senator X: "..."' - a bare name before a colon introduces a quote."""
    colon = ctx[-1]
    names = [t for t in ctx[:-1] if t.pos_ == "PROPN" or t.ent_type_ in subjects.SPEAKER_ENTS]
    if not names or any(t.pos_ in {"VERB", "AUX"} for t in ctx[:-1]) or is_callout(" ".join(t.text for t in ctx[:-1])):
        return None
    speaker = resolver.resolve(names[-1], para.start)
    if speaker is None:
        return None
    speaker = replace(speaker, confidence=min(speaker.confidence, CONF_COLON_NP))
    cue = Cue(text=":", lemma=":", start=para.start + colon.idx, end=para.start + colon.idx + 1)
    return Draft(q.start, q.end, ClaimKind.DIRECT, speaker, cue, "quote-colon", q)


def _continuation(article: Article, q: QuoteSpan, previous: list[Draft]) -> Draft | None:
    """A paragraph that is only a quote continues the last quoted speaker."""
    text = article.text
    line_start = text.rfind("\n", 0, q.open_start) + 1
    line_end = text.find("\n", q.close_end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start : q.open_start].strip() or text[q.close_end : line_end].strip(" .,"):
        return None
    if not previous:
        return None
    last = previous[-1]
    if last.speaker is None or q.open_start - last.end > CONTINUATION_WINDOW:
        return None
    speaker = replace(last.speaker, mention=None, confidence=CONF_CONTINUATION)
    return Draft(q.start, q.end, ClaimKind.DIRECT, speaker, None, "quote-continued", q)
