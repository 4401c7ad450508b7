"""The records one article's extraction passes between its steps, and the helpers every step uses.

In: an article's text and parsed paragraphs. Out: `Article` (text, author, paragraphs, found by position),
`Draft` (a claim before its indices are fixed: content span, speaker, cue, kind, the rule that found it),
a cue read from a token, a content span trimmed of edge whitespace and commas, and what the quote and
layout drafts share: the quotation mark characters and the speakers a colon may introduce.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Token

from schemas import ClaimKind, Cue, SpeakerKind
from tasks.extract.paragraphs import Paragraph
from tasks.extract.quotes import QuoteSpan
from tasks.extract.speaker import Speaker

QUOTE_CHARS = "“”\"'‘’«»„‹›"
# Speakers a colon after any verb may introduce: '"Jane Roe sighed: "..."'; never a thing ('The rules were
# clear: "..."') or an unnamed role.
COLON_VERB_SPEAKERS = frozenset({SpeakerKind.PERSON, SpeakerKind.ORGANIZATION, SpeakerKind.GOVERNMENT})


@dataclass
class Draft:
    """A claim before indices are fixed: content span, speaker, cue, kind."""

    start: int
    end: int
    kind: ClaimKind
    speaker: Speaker | None
    cue: Cue | None
    rule: str
    quote: QuoteSpan | None = None
    nested_in: Draft | None = field(default=None, repr=False)
    # Pieces of an interrupted quotation ('"A," she said. "B."'): the claim text joins them.
    parts: tuple[tuple[int, int], ...] = ()
    clausal: bool = False  # content is a clause ('said that ...'), not a noun phrase


@dataclass
class Article:
    """One article's text and its parsed paragraphs."""

    text: str
    author: str | None
    paragraphs: list[Paragraph]
    starts: list[int] = field(default_factory=list)  # paragraph starts, for a bisect by position

    def __post_init__(self) -> None:
        self.starts = [p.start for p in self.paragraphs]

    def parsed(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.doc is not None]


def doc_at(article: Article, pos: int) -> Paragraph | None:
    """The parsed unit holding character `pos` (or ending right at it)."""
    k = bisect_right(article.starts, pos) - 1
    if k < 0:
        return None
    para = article.paragraphs[k]
    if para.start <= pos <= para.end:
        return para if para.doc is not None else None
    return None


def cue_of(tok: Token, offset: int) -> Cue:
    lemma = tok.lemma_.lower()
    text = tok.text
    end = offset + tok.idx + len(text)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            text = f"{text} {c.text}"
            lemma = f"{lemma} {c.lower_}"
            end = offset + c.idx + len(c.text)
    return Cue(text=text, lemma=lemma, start=offset + tok.idx, end=end)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace and a trailing comma from a content span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end
