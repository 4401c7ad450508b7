"""Body extraction from plain-text page dumps: no DOM, so lines are classified by their own features.

Pipeline: repair wrapped lines -> glue inline-link fragments into blocks -> label each block (prose,
short, junk) from length, punctuation, stopword share, repetition, widget phrases and line language ->
pick the densest run of prose (maximum-sum segment, as in Finn et al.'s body-text extraction) -> inside it,
keep prose plus the short lines that behave like headings or sentence fragments.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from tasks.clean.furniture import (
    AVATAR_RE,
    CREDIT_RE,
    ICON_RE,
    JUNK_MAX_WORDS,
    icon_count,
    is_caption,
    is_consent_banner,
    is_junk_phrase,
    normalise_line,
    opens_comments,
)
from tasks.clean.language import detect_language, line_language, stopword_share
from tasks.clean.wrap import TERMINAL_RE, join_fragments, repair_cuts, unwrap_soft

# A block of at least this many words with sentence punctuation is running prose.
PROSE_MIN_WORDS = 10
# A shorter block still counts as a (weak) sentence if it ends like one and is this long.
SENTENCE_MIN_WORDS = 5
# English prose has a function-word share above this; menus, tags and headline lists are far below.
PROSE_MIN_STOPWORD_SHARE = 0.18
# Segment scoring: prose adds its word count, a weak sentence half of it; other lines cost.
WEAK_SENTENCE_WEIGHT = 0.5
SHORT_LINE_COST = 3.0
SHORT_LINE_COST_PER_WORD = 0.3
JUNK_LINE_COST = 20.0
# Short lines (captions, labels) repeated in one page are furniture, not body.
REPEATED_MAX_WORDS = 25
# A line needs this many words before its own language is trusted to differ from the page's.
FOREIGN_LINE_MIN_WORDS = 4
FOREIGN_LINE_MIN_CONFIDENCE = 0.95
# Comment threads are cut off only after this many words of prose (a count near the title is no thread).
BARRIER_MIN_PROSE_WORDS = 80
# Enumerated list items ("3) ...", "2. ...", "• ...") are body-like even when short; weak positive weight.
LIST_ITEM_RE = re.compile(r"^(\d{1,3}[.)]|[•▪●◦‣–-]|\(\d{1,3}\)|[a-z][.)])\s+\S", re.IGNORECASE)
LIST_ITEM_WEIGHT = 0.3
# A bare link line costs little: list entries and references often carry one.
URL_LINE_RE = re.compile(r"^(https?://|www\.)\S+$")
URL_LINE_COST = 1.0
# Headings kept inside the body: short, no final full stop, and followed by prose.
HEADING_MAX_WORDS = 15
# Byline and dateline lines above the body.
BYLINE_RE = re.compile(r"^(by|written by|author|posted by|words by)\b[:\s]*", re.IGNORECASE)
MONTHS = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?"
    r"|nov(ember)?|dec(ember)?)\.?"
)
DATE_LINE_RE = re.compile(
    r"^(updated|published|posted|last updated|modified)?[:\s]*"
    r"((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(\d{{1,2}}\s+{MONTHS}|{MONTHS}\s+\d{{1,2}}(st|nd|rd|th)?,?|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}})"
    r"[\s,]*(\d{4})?[\s,|at•-]*(\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?)?\s*([a-z]{2,4})?$",
    re.IGNORECASE,
)


class Kind(Enum):
    """What a block looks like on its own, before its neighbours are considered."""

    PROSE = "prose"
    SENTENCE = "sentence"
    SHORT = "short"
    JUNK = "junk"


@dataclass
class Block:
    """A paragraph candidate: one or more dump lines glued together."""

    text: str
    kind: Kind = Kind.SHORT
    score: float = 0.0

    @property
    def words(self) -> list[str]:
        return self.text.split()


@dataclass
class TextResult:
    """Body paragraphs, removed blocks, and the blocks before the body (where title and byline live)."""

    body: list[str]
    removed: list[str]
    head: list[str]
    tail: list[str]
    language: str
    blocks: list[Block]
    keep: list[int]


def split_blocks(content: str) -> list[str]:
    """Lines of a dump with wraps repaired and inline-link fragments glued back together."""
    lines = [ln.rstrip("\r") for ln in content.split("\n")]
    lines = unwrap_soft(repair_cuts(lines))
    return [re.sub(r"\s+", " ", b).strip() for b in join_fragments(lines)]


def _is_prose_like(words: list[str], english: bool) -> bool:
    return (not english) or stopword_share(words) >= PROSE_MIN_STOPWORD_SHARE


def _has_sentence_punct(text: str) -> bool:
    return bool(TERMINAL_RE.search(text)) or text.count(",") >= 2 or ". " in text


def is_furniture(text: str, known_junk: frozenset[str] = frozenset()) -> bool:
    """Context-free furniture test: widget phrase, corpus-known line, icon strip, avatar, consent banner."""
    return (
        normalise_line(text) in known_junk
        or is_junk_phrase(text)
        or icon_count(text) >= 2
        or bool(AVATAR_RE.match(text))
        or is_consent_banner(text)
        or is_caption(text)
    )


def _is_junk(
    text: str, words: list[str], counts: Counter[str], known_junk: frozenset[str], doc_lang: str
) -> bool:
    """Furniture, plus what the page context reveals: repeated captions, bylines, foreign-language links."""
    norm = normalise_line(text)
    n = len(words)
    if is_furniture(text, known_junk):
        return True
    if n <= REPEATED_MAX_WORDS and counts[norm] >= 2 and any(len(w) >= 3 and w.isalpha() for w in words):
        return True
    if n <= JUNK_MAX_WORDS and CREDIT_RE.match(text):
        return True
    if n <= JUNK_MAX_WORDS and (BYLINE_RE.match(text) or DATE_LINE_RE.match(text)):
        return True
    if doc_lang != "und" and n >= FOREIGN_LINE_MIN_WORDS and n <= REPEATED_MAX_WORDS:
        lang, prob = line_language(text)
        if lang != doc_lang and prob >= FOREIGN_LINE_MIN_CONFIDENCE:
            return True
    return False


def label_blocks(texts: list[str], known_junk: frozenset[str], doc_lang: str) -> list[Block]:
    """Give each block a kind and a segment score."""
    counts = Counter(normalise_line(t) for t in texts)
    english = doc_lang == "en"
    blocks: list[Block] = []
    for text in texts:
        words = text.split()
        n = len(words)
        b = Block(text)
        if _is_junk(text, words, counts, known_junk, doc_lang):
            b.kind, b.score = Kind.JUNK, -JUNK_LINE_COST
        elif n >= PROSE_MIN_WORDS and _has_sentence_punct(text) and _is_prose_like(words, english):
            b.kind, b.score = Kind.PROSE, float(n)
        elif n >= SENTENCE_MIN_WORDS and TERMINAL_RE.search(text) and _is_prose_like(words, english):
            b.kind, b.score = Kind.SENTENCE, WEAK_SENTENCE_WEIGHT * n
        elif n >= 2 and LIST_ITEM_RE.match(text):
            b.kind, b.score = Kind.SENTENCE, LIST_ITEM_WEIGHT * n
        elif URL_LINE_RE.match(text):
            b.kind, b.score = Kind.SHORT, -URL_LINE_COST
        else:
            b.kind, b.score = Kind.SHORT, -(SHORT_LINE_COST + SHORT_LINE_COST_PER_WORD * n)
        blocks.append(b)
    return blocks


def best_segment(scores: list[float]) -> tuple[int, int]:
    """Bounds [start, end) of the maximum-sum run of scores (Kadane); (0, 0) if all are negative."""
    best, best_bounds = 0.0, (0, 0)
    run, start = 0.0, 0
    for i, s in enumerate(scores):
        if run <= 0:
            run, start = 0.0, i
        run += s
        if run > best:
            best, best_bounds = run, (start, i + 1)
    return best_bounds


def _is_heading(b: Block, nxt: Block | None) -> bool:
    words = b.words
    return (
        nxt is not None
        and nxt.kind in (Kind.PROSE, Kind.SENTENCE)
        and 1 <= len(words) <= HEADING_MAX_WORDS
        and (words[0][:1].isupper() or words[0][:1].isdigit())
        and not b.text.endswith((".", ",", ";"))
    )


def comments_barrier(blocks: list[Block]) -> int:
    """Index of the first comment-thread heading that follows a real amount of prose (else len)."""
    prose = 0
    for i, b in enumerate(blocks):
        if prose >= BARRIER_MIN_PROSE_WORDS and opens_comments(b.text):
            return i
        if b.kind is Kind.PROSE:
            prose += len(b.words)
    return len(blocks)


def select_body(blocks: list[Block]) -> tuple[list[int], int, int]:
    """Indices of body blocks and the bounds of the chosen segment."""
    barrier = comments_barrier(blocks)
    start, end = best_segment([b.score for b in blocks[:barrier]])
    keep: list[int] = []
    for i in range(start, end):
        b = blocks[i]
        if b.kind in (Kind.PROSE, Kind.SENTENCE):
            keep.append(i)
        elif b.kind is Kind.SHORT:
            prev = blocks[i - 1] if i > start else None
            nxt = blocks[i + 1] if i + 1 < end else None
            sandwiched = (
                prev is not None
                and nxt is not None
                and prev.kind in (Kind.PROSE, Kind.SENTENCE)
                and nxt.kind in (Kind.PROSE, Kind.SENTENCE)
            )
            if sandwiched or _is_heading(b, nxt):
                keep.append(i)
    return keep, start, end


def clean_text_dump(content: str, known_junk: frozenset[str] = frozenset()) -> TextResult:
    """Article body of a plain-text page dump, as paragraphs, with what was removed around it."""
    return clean_blocks([t for t in split_blocks(content) if t], known_junk)


def clean_blocks(texts: list[str], known_junk: frozenset[str] = frozenset()) -> TextResult:
    """Classify ready-made blocks (dump paragraphs or flattened HTML lines) and pick the body."""
    long_text = " ".join(t for t in texts if len(t.split()) >= PROSE_MIN_WORDS)
    doc_lang = detect_language(long_text or " ".join(texts))
    blocks = label_blocks(texts, known_junk, doc_lang)
    keep, start, end = select_body(blocks)
    kept = set(keep)
    body = [ICON_RE.sub(" ", blocks[i].text).strip() for i in keep]
    removed = [b.text for i, b in enumerate(blocks) if i not in kept]
    head = [b.text for b in blocks[:start]]
    tail = [b.text for b in blocks[end:]]
    body_lang = detect_language(" ".join(body)) if body else doc_lang
    return TextResult(
        body=body, removed=removed, head=head, tail=tail, language=body_lang, blocks=blocks, keep=keep
    )
