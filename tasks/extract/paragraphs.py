"""Layout of clean text: paragraphs, headlines, and the sentence units that get parsed.

Parsing is the cost of extraction, so the text is cut into sentence units with a cheap splitter
and only units that can hold an attribution are parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

# A paragraph ending in none of these (and short) reads as a headline, caption or label.
TERMINAL_CHARS = ".!?…:;\"”’»)'"
HEADLINE_MAX_WORDS = 25
PARAGRAPH_RE = re.compile(r"[^\n]+")
# Sentence-final punctuation, closing marks, then space: a possible sentence boundary.
BOUNDARY_RE = re.compile(r"[.!?…]+[”\"’')\]]*\s+")
# Words ending in '.' that do not end a sentence.
ABBREVIATIONS: frozenset[str] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "sen",
        "rep",
        "gov",
        "gen",
        "jr",
        "sr",
        "inc",
        "co",
        "corp",
        "ltd",
        "no",
        "vs",
        "prof",
        "rev",
        "lt",
        "col",
        "capt",
        "sgt",
        "del",
        "amb",
        "atty",
        "adm",
        "maj",
        "hon",
        "supt",
        "mt",
        "ft",
        "jan",
        "feb",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
        "approx",
        "u.s",
        "u.n",
        "u.k",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "d.c",
        "st",
        "messrs",
    ]
)
OPENING_CHARS = "“\"‘'«„([¿¡"
# Dotted initials ('A.E.', 'J.R.R.'): a middle of a name far more often than a sentence's end.
INITIALS_RE = re.compile(r"(?:[a-z]\.){1,3}[a-z]")


@dataclass
class Paragraph:
    """A sentence unit of the article (within one paragraph); `doc` is set when it was parsed."""

    start: int
    end: int
    text: str
    headline: bool
    para_start: int
    para_end: int
    doc: Doc | None = None


def is_headline(text: str) -> bool:
    """Headlines, captions and labels: short and without sentence-final punctuation."""
    stripped = text.rstrip()
    if not stripped:
        return True
    return stripped[-1] not in TERMINAL_CHARS and len(stripped.split()) <= HEADLINE_MAX_WORDS


# Closing quotation marks, and an attribution right after one: up to four capitalised words (a name, a
# title) or a pronoun, then a verb of saying, then the end of the sentence or a comma.
QUOTE_CLOSERS = frozenset({'"', "”", "’", "'"})
ATTRIBUTION_AFTER_RE = re.compile(
    r"(?:(?:[A-Z][\w.'’-]*\s+){1,4}|(?:he|she|they|we|I|He|She|They|We)\s+)"
    r"(?:said|says|asked|asks|told|tells|added|adds|wondered|wonders|replied|replies|shouted|shouts|wrote|writes"
    r"|tweeted|tweets|exclaimed|exclaims|demanded|demands)\b[^.?!\n]{0,80}[.,]"
)


def _is_boundary(text: str, dot: int, nxt: int) -> bool:
    """A boundary unless the period closes an abbreviation or an initial, or lower case follows."""
    if nxt >= len(text):
        return False
    follower = text[nxt]
    if not (follower.isupper() or follower.isdigit() or follower in OPENING_CHARS):
        return False
    if text[dot] != ".":
        # '"Why now?" Jane Roe asked.': a question or exclamation closing a quotation goes on into
        # the attribution that follows it.
        return not (text[nxt - 2 : nxt].strip() in QUOTE_CLOSERS and ATTRIBUTION_AFTER_RE.match(text, nxt))
    k = dot
    while k > 0 and not text[k - 1].isspace() and text[k - 1] not in OPENING_CHARS:
        k -= 1
    word = text[k:dot].lower()
    return not (word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or INITIALS_RE.fullmatch(word))


def sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence units of text[start:end] (offsets into `text`)."""
    out: list[tuple[int, int]] = []
    cur = start
    for m in BOUNDARY_RE.finditer(text, start, end):
        if m.end() >= end:
            break
        if _is_boundary(text, m.start(), m.end()):
            stop = m.end()
            while stop > cur and text[stop - 1].isspace():
                stop -= 1
            out.append((cur, stop))
            cur = m.end()
    out.append((cur, end))
    return [(a, b) for a, b in out if b > a]


def split_paragraphs(text: str) -> list[Paragraph]:
    """Sentence units of every non-empty line, with their paragraph's offsets and headline flag."""
    out: list[Paragraph] = []
    for m in PARAGRAPH_RE.finditer(text):
        raw = m.group(0)
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if not body:
            continue
        p_start = m.start() + lead
        p_end = p_start + len(body)
        headline = is_headline(body)
        for a, b in sentence_bounds(text, p_start, p_end):
            out.append(Paragraph(a, b, text[a:b], headline, p_start, p_end))
    return out
