"""Indirect reports: the dependency rules' candidates with their speakers resolved, then told apart by quotes.

In: an article's parsed paragraphs, its outermost quotations, the speaker resolver and the direct drafts.
Out: a `Draft` per rule candidate whose subject resolves (a first-person subject inside a quote is the
quote itself), and each indirect draft re-kinded: direct when one quote is its content, mixed when it
holds quoted fragments.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from schemas import ClaimKind, Cue
from tasks.extract import rules
from tasks.extract.coref import FIRST_PERSON
from tasks.extract.drafts import Article, Draft
from tasks.extract.quotes import QuoteSpan
from tasks.extract.speakers import SpeakerResolver

# Share of an indirect content covered by one quote above which the claim is a direct quote.
DIRECT_COVERAGE = 0.85


def _inside(pos: int, quotes: list[QuoteSpan], starts: list[int]) -> QuoteSpan | None:
    """The quote of `quotes` (outermost, in order; `starts` their starts) holding `pos`."""
    k = bisect_right(starts, pos) - 1
    return quotes[k] if k >= 0 and quotes[k].start <= pos < quotes[k].end else None


def rule_drafts(article: Article, top: list[QuoteSpan], resolver: SpeakerResolver, direct: list[Draft]) -> list[Draft]:
    """Indirect reports from the dependency rules, with speakers resolved."""
    out: list[Draft] = []
    by_quote = {id(d.quote): d for d in direct if d.quote is not None}
    top_starts = [q.start for q in top]
    for para in article.parsed():
        assert para.doc is not None
        doc = para.doc
        cands = rules.sourced_candidates(doc, para.start)
        for c in rules.holderless_candidates(doc, para.start):
            asker = resolver.resolve(c.subject, c.offset, None) if c.subject is not None else None
            cue = Cue(text=c.cue_text, lemma=c.cue_lemma, start=c.cue_start, end=c.cue_end)
            out.append(Draft(c.start, c.end, ClaimKind.INDIRECT, asker, cue, c.rule, clausal=True))
        for c in cands:
            if c.subject is None:
                continue
            holder = _inside(c.cue_start, top, top_starts)
            quote_speaker = by_quote[id(holder)].speaker if holder is not None and id(holder) in by_quote else None
            if holder is not None and c.subject.lower_ in FIRST_PERSON:
                continue  # "I believe ..." inside a quote is the quote itself
            speaker = resolver.resolve(c.subject, c.offset, quote_speaker)
            if speaker is None:
                continue
            cue = Cue(text=c.cue_text, lemma=c.cue_lemma, start=c.cue_start, end=c.cue_end)
            out.append(Draft(c.start, c.end, ClaimKind.INDIRECT, speaker, cue, c.rule, clausal=c.clausal))
    return out


def classify_quotes(text: str, drafts: list[Draft], top: list[QuoteSpan]) -> list[Draft]:
    """An indirect report whose content is a quote is direct; one with quoted fragments is mixed."""
    out: list[Draft] = []
    opens = [q.open_start for q in top]
    for d in drafts:
        if d.kind != ClaimKind.INDIRECT:
            out.append(d)
            continue
        # Quotes that begin inside the content (a quote holding the whole report is its holder).
        inner = top[bisect_left(opens, d.start - 1) : bisect_left(opens, d.end)]
        if not inner:
            out.append(d)
            continue
        first = inner[0]
        covered = sum(min(q.end, d.end) - max(q.start, d.start) for q in inner)
        size = max(1, d.end - d.start)
        leading = first.open_start - d.start <= 1
        if len(inner) == 1 and (covered / size >= DIRECT_COVERAGE or leading):
            out.append(replace(d, start=first.start, end=first.end, kind=ClaimKind.DIRECT, quote=first))
        else:
            out.append(replace(d, kind=ClaimKind.MIXED))
    return out
