"""Opinion-piece detection and the author's own claims.

A signed piece is read as opinion when the author speaks in the first person outside quotes and
the text reports few claims of others; then each of its sentences is a claim of the author. In a
news report the journalist's narration is not a claim, so nothing is added there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas import ClaimKind, SpeakerKind
from tasks.extract.drafts import Article, Draft
from tasks.extract.quotes import QuoteSpan
from tasks.extract.speaker import Speaker

# "I" only in capitals; the others also sentence-initial ("Our city"), never "US" (the country).
FIRST_PERSON_RE = re.compile(r"\b(?:I|[Mm]y|[Mm]e|[Mm]ine|[Ww]e|[Oo]urs?|[Uu]s)\b")
# At least this many first-person words outside quotes...
MIN_FIRST_PERSON = 2
# ...and at most this many reported claims per sentence make a piece opinion.
MAX_REPORTED_PER_SENTENCE = 0.2
MIN_SENTENCE_WORDS = 4
CONF_AUTHORIAL = 0.8


@dataclass(frozen=True)
class OpinionSignals:
    """The language features behind the opinion decision (kept for diagnostics)."""

    first_person: int
    reported: int
    sentences: int

    @property
    def is_opinion(self) -> bool:
        if self.sentences == 0 or self.first_person < MIN_FIRST_PERSON:
            return False
        return self.reported / self.sentences <= MAX_REPORTED_PER_SENTENCE


def first_person_outside_quotes(text: str, quotes: list[QuoteSpan]) -> int:
    """First-person words the author uses in their own voice."""
    count = 0
    for m in FIRST_PERSON_RE.finditer(text):
        if m.group(0) == "us" and text[max(0, m.start() - 1) : m.start()] == ".":
            continue
        if not any(q.open_start <= m.start() < q.close_end for q in quotes):
            count += 1
    return count


def opinion_signals(text: str, quotes: list[QuoteSpan], reported: int, sentences: int) -> OpinionSignals:
    """Collect the features that decide whether a signed piece is opinion."""
    return OpinionSignals(first_person_outside_quotes(text, quotes), reported, sentences)


def authorial_drafts(article: Article, quotes: list[QuoteSpan], drafts: list[Draft]) -> list[Draft]:
    """Each sentence of an opinion piece not already reported is a claim of its author."""
    if not article.author:
        return []
    sents = [
        (para.start + s.start_char, para.start + s.end_char)
        for para in article.parsed()
        if para.doc is not None
        for s in para.doc.sents
    ]
    signals = opinion_signals(article.text, quotes, len(drafts), len(sents))
    if not signals.is_opinion:
        return []
    speaker = Speaker(article.author, SpeakerKind.PERSON, None, None, CONF_AUTHORIAL)
    out: list[Draft] = []
    for start, end in sents:
        content = article.text[start:end].strip()
        if len(content.split()) < MIN_SENTENCE_WORDS or content.endswith("?"):
            continue
        if any(d.start < end and start < d.end for d in drafts):
            continue
        out.append(Draft(start, start + len(content), ClaimKind.AUTHORIAL, speaker, None, "authorial"))
    return out
