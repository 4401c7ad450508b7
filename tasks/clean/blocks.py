"""The block classifier both body extractors share (text dumps, and HTML flattened to lines): blocks
of text in, the body's blocks out. No DOM, so blocks are judged by their own features.

Pipeline: label each block (prose, short, junk) from length, punctuation, stopword share, repetition,
widget phrases and line language -> pick the densest run of prose (maximum-sum segment, as in Finn et
al.'s body-text extraction) -> inside it, keep prose plus the short lines that behave like headings or
sentence fragments.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from tasks.clean.furniture import (
    AVATAR_RE,
    CAPTION_MAX_WORDS,
    ICON_RE,
    JUNK_MAX_WORDS,
    icon_count,
    is_caption,
    is_consent_banner,
    is_credit_line,
    is_footer_phrase,
    is_junk_phrase,
    is_photo_credit,
    normalise_line,
    opens_comments,
)
from tasks.clean.language import detect_language, line_language, stopword_share
from tasks.clean.wrap import TERMINAL_RE

# A block of at least this many words with sentence punctuation is running prose.
PROSE_MIN_WORDS = 10
# Without sentence punctuation, a block needs more words (and, in English, more function words).
UNPUNCTUATED_MIN_WORDS = 16
UNPUNCTUATED_MIN_STOPWORD_SHARE = 0.25
UNPUNCTUATED_MIN_WORDS_OTHER = 25
# A line ending with a full stop is a sentence with this share of function words.
SENTENCE_MIN_STOPWORD_SHARE = 0.1
# A line at least this long that ends with a full stop is prose whatever its function-word share.
LONG_SENTENCE_MIN_WORDS = 15
LONG_SENTENCE_MIN_STOPWORD_SHARE = 0.05
# A shorter block still counts as a (weak) sentence if it ends like one and is this long.
SENTENCE_MIN_WORDS = 5
# English prose has a function-word share above this; menus, tags and headline lists are far below.
PROSE_MIN_STOPWORD_SHARE = 0.18
# Segment scoring: prose adds its word count, a weak sentence half of it; other lines cost.
WEAK_SENTENCE_WEIGHT = 0.5
SHORT_LINE_COST = 3.0
SHORT_LINE_COST_PER_WORD = 0.3
JUNK_LINE_COST = 20.0
# Furniture that interrupts an article rather than surrounding it costs like a short line.
INLINE_JUNK_COST = 3.0
# A line that is only markup (an embed placeholder such as <tweet id="..."/>, a stray tag).
MARKUP_LINE_RE = re.compile(r"^(<[^<>]{1,300}>\s*)+\W*$")
INLINE_JUNK_RE = re.compile(
    r"^\W*(advertisements?|advert|ad|sponsored( content)?|continue reading\b.{0,30}"
    r"|(story|article) continues( below)?)\W*$|^.{0,80}\b(click|tap)(ing)? here\b",
    re.IGNORECASE,
)
# A quotation is claim material: never taken for a picture caption.
QUOTE_MARKS = ('"', "“", "”", "„", "«", "‘", "'")
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
# The signature of an embedded social post ("— Jane Roe (@janeroe) March 3, 2021"): part of the article
# (the post is quoted in it), so it must not cut the body in two. Dumps often print its date on the
# next line; the two are glued back.
EMBED_SIGNATURE_RE = re.compile(r"^[—–-]\s*\S.{0,80}\(@\w{1,30}\)(\s+\S.{0,40})?$")
EMBED_WEIGHT = 0.3
# A segment opening on a line this short that does not end with a full stop opens on the title.
HEADLINE_MAX_WORDS = 20
FULL_STOP_RE = re.compile(r"[.…]['\"”’»)\]]*$")
# Standfirst (deck): a sentence of at least this many words just above the body, past furniture lines.
LEAD_MIN_WORDS = 8
LEAD_MAX_SKIP = 4
# "Headline - Site" / "Section | Headline" on a dump's first line (the page's <title>).
TITLE_SEPARATOR_RE = re.compile(r"\s+[|–—-]\s+")
# Short lines kept inside the body when a run of at most this many sits between body paragraphs.
SANDWICH_MAX_RUN = 3
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
    r"[\s,]*(\d{4})?[\s,|at•-]*(\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?)?\s*([a-z]{2,4})?[;.,]?$",
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


def _is_prose_like(words: list[str], english: bool) -> bool:
    return (not english) or stopword_share(words) >= PROSE_MIN_STOPWORD_SHARE


def _is_sentence_like(text: str, words: list[str], english: bool) -> bool:
    """A short line ending like a statement: fewer function words needed than for a paragraph."""
    if not english:
        return True
    share = stopword_share(words)
    if share >= PROSE_MIN_STOPWORD_SHARE:
        return True
    return FULL_STOP_RE.search(text) is not None and share >= SENTENCE_MIN_STOPWORD_SHARE


def _is_prose(text: str, words: list[str], english: bool) -> bool:
    """Running text: long enough, punctuated like sentences, with function words in proportion."""
    n = len(words)
    if _is_prose_like(words, english) and (
        (n >= PROSE_MIN_WORDS and _has_sentence_punct(text)) or _is_unpunctuated_prose(words, english)
    ):
        return True
    # Name-dense news sentences ("CITY, Feb. 2 (Agency) — Jane Roe of X said ...") have few function
    # words; a long line closed by a full stop is a sentence all the same.
    return (
        n >= LONG_SENTENCE_MIN_WORDS
        and FULL_STOP_RE.search(text) is not None
        and (not english or stopword_share(words) >= LONG_SENTENCE_MIN_STOPWORD_SHARE)
    )


def _is_unpunctuated_prose(words: list[str], english: bool) -> bool:
    """A long run of words with many function words is a sentence even if its full stop is missing."""
    if english:
        return len(words) >= UNPUNCTUATED_MIN_WORDS and stopword_share(words) >= UNPUNCTUATED_MIN_STOPWORD_SHARE
    return len(words) >= UNPUNCTUATED_MIN_WORDS_OTHER


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
        or is_footer_phrase(text)
    )


def _repeat_key(text: str) -> str:
    """Key for spotting a line printed twice in one page: case and spacing ignored, digits kept
    (four embeds that differ only by their ids are not one repeated caption)."""
    return " ".join(text.lower().split())


def _is_inline_junk(text: str) -> bool:
    """Furniture that sits *inside* articles (captions, credits, ad labels, promos, embed placeholders):
    cheap to step over."""
    short = len(text.split()) <= JUNK_MAX_WORDS
    return (
        is_caption(text)
        or bool(MARKUP_LINE_RE.match(text))
        or is_credit_line(text)
        or (short and bool(INLINE_JUNK_RE.match(text)))
    )


def is_header_line(text: str) -> bool:
    """A byline ("By Jane Roe") or a date line ("Updated March 3, 2021 at 9:00"): page header, not body."""
    return len(text.split()) <= JUNK_MAX_WORDS and bool(BYLINE_RE.match(text) or DATE_LINE_RE.match(text))


def _is_junk(text: str, words: list[str], counts: Counter[str], known_junk: frozenset[str], doc_lang: str) -> bool:
    """Furniture, plus what the page context reveals: repeated captions, bylines, foreign-language links."""
    n = len(words)
    if is_furniture(text, known_junk) or MARKUP_LINE_RE.match(text):
        return True
    if n <= REPEATED_MAX_WORDS and counts[_repeat_key(text)] >= 2 and any(len(w) >= 3 and w.isalpha() for w in words):
        return True
    if is_credit_line(text):
        return True
    if is_header_line(text):
        return True
    if doc_lang == "en" and stopword_share(words) >= PROSE_MIN_STOPWORD_SHARE:
        return False  # plainly English: no need to ask the language model
    if doc_lang != "und" and n >= FOREIGN_LINE_MIN_WORDS and n <= REPEATED_MAX_WORDS:
        lang, prob = line_language(text)
        if lang != doc_lang and prob >= FOREIGN_LINE_MIN_CONFIDENCE:
            return True
    return False


def label_blocks(texts: list[str], known_junk: frozenset[str], doc_lang: str) -> list[Block]:
    """Give each block a kind and a segment score."""
    counts = Counter(_repeat_key(t) for t in texts)
    english = doc_lang == "en"
    blocks: list[Block] = []
    for text in texts:
        words = text.split()
        n = len(words)
        b = Block(text)
        if _is_junk(text, words, counts, known_junk, doc_lang):
            # A line the corpus knows as this site's furniture is removed wherever it sits, but it does
            # not cut the article in two: it may be inserted mid-article (promos, ad labels).
            inline = _is_inline_junk(text) or normalise_line(text) in known_junk
            b.kind, b.score = Kind.JUNK, -(INLINE_JUNK_COST if inline else JUNK_LINE_COST)
        elif _is_prose(text, words, english):
            b.kind, b.score = Kind.PROSE, float(n)
        elif n >= SENTENCE_MIN_WORDS and TERMINAL_RE.search(text) and _is_sentence_like(text, words, english):
            b.kind, b.score = Kind.SENTENCE, WEAK_SENTENCE_WEIGHT * n
        elif EMBED_SIGNATURE_RE.match(text):
            b.kind, b.score = Kind.SENTENCE, EMBED_WEIGHT * n
        elif n >= 2 and LIST_ITEM_RE.match(text):
            b.kind, b.score = Kind.SENTENCE, LIST_ITEM_WEIGHT * n
        elif URL_LINE_RE.match(text):
            b.kind, b.score = Kind.SHORT, -URL_LINE_COST
        else:
            b.kind, b.score = Kind.SHORT, -(SHORT_LINE_COST + SHORT_LINE_COST_PER_WORD * n)
        blocks.append(b)
    # A line followed by a bare credit line ("(AP Photo/...)", "Credit...") is that picture's caption.
    for b, nxt in itertools.pairwise(blocks):
        quote = b.text.startswith(QUOTE_MARKS)  # a quotation is claim material even above a picture
        if len(b.words) <= CAPTION_MAX_WORDS and not quote and is_photo_credit(nxt.text):
            b.kind, b.score = Kind.JUNK, -INLINE_JUNK_COST
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


def _is_headline(b: Block) -> bool:
    """Short and not ending like a statement: a title or section heading, not a first paragraph."""
    return len(b.words) <= HEADLINE_MAX_WORDS and not FULL_STOP_RE.search(b.text)


def select_body(blocks: list[Block], english: bool = True) -> tuple[list[int], int, int]:
    """Indices of body blocks and the bounds of the chosen segment."""
    barrier = comments_barrier(blocks)
    start, end = best_segment([b.score for b in blocks[:barrier]])
    # A segment opening on a headline-like line (no full stop) starts with the title: leave it above.
    while start < end and _is_headline(blocks[start]):
        start += 1
    keep: list[int] = []
    for i in range(start, end):
        b = blocks[i]
        if b.kind in (Kind.PROSE, Kind.SENTENCE):
            keep.append(i)
        elif b.kind is Kind.SHORT:
            nxt = blocks[i + 1] if i + 1 < end else None
            if _sandwiched(blocks, i, start, end) or _is_heading(b, nxt):
                keep.append(i)
    lead = _standfirst(blocks, start, english)
    return ([lead] if lead is not None and keep else []) + keep, start, end


def _sandwiched(blocks: list[Block], i: int, start: int, end: int) -> bool:
    """A short line inside a run of at most SANDWICH_MAX_RUN short lines with body text on both sides
    (a verse, a reference, a sentence split by a link): part of the article."""
    body = (Kind.PROSE, Kind.SENTENCE)
    lo = i
    while lo > start and blocks[lo - 1].kind is Kind.SHORT:
        lo -= 1
    hi = i
    while hi + 1 < end and blocks[hi + 1].kind is Kind.SHORT:
        hi += 1
    if hi - lo + 1 > SANDWICH_MAX_RUN or lo == start or hi + 1 >= end:
        return False
    return blocks[lo - 1].kind in body and blocks[hi + 1].kind in body


def _standfirst(blocks: list[Block], start: int, english: bool) -> int | None:
    """The deck under a headline: a sentence-like line separated from the body only by furniture
    (avatar, icon strip, date), with a title line above it. Part of the article, so kept."""
    i = start - 1
    skipped = 0
    while i >= 0 and blocks[i].kind is Kind.JUNK and skipped < LEAD_MAX_SKIP:
        i, skipped = i - 1, skipped + 1
    if i <= 0 or skipped == 0 or blocks[i].kind is Kind.JUNK:
        return None
    words = blocks[i].words
    if len(words) >= LEAD_MIN_WORDS and _is_prose_like(words, english) and _is_title_line(blocks, i - 1):
        return i
    return None


def _is_title_line(blocks: list[Block], i: int) -> bool:
    """Block i is the article's title: headline-like, and the page's first line or equal to the page
    title printed on the first line (`Title - Site`)."""
    b = blocks[i]
    if b.kind is Kind.JUNK or not _is_headline(b):
        return False
    first = next((j for j, x in enumerate(blocks) if x.kind is not Kind.JUNK), -1)
    if i == first:
        return True
    parts = {normalise_line(p) for p in TITLE_SEPARATOR_RE.split(blocks[0].text)}
    return normalise_line(b.text) in parts - {""}


def join_embed_dates(texts: list[str]) -> list[str]:
    """Glue an embedded post's date line back onto its signature line."""
    out: list[str] = []
    for t in texts:
        if out and EMBED_SIGNATURE_RE.match(out[-1]) and "(@" in out[-1][-40:] and DATE_LINE_RE.match(t):
            out[-1] = f"{out[-1]} {t}"
        else:
            out.append(t)
    return out


def clean_blocks(texts: list[str], known_junk: frozenset[str] = frozenset()) -> TextResult:
    """Classify ready-made blocks (dump paragraphs or flattened HTML lines) and pick the body."""
    texts = join_embed_dates(texts)
    long_text = " ".join(t for t in texts if len(t.split()) >= PROSE_MIN_WORDS)
    doc_lang = detect_language(long_text or " ".join(texts))
    blocks = label_blocks(texts, known_junk, doc_lang)
    keep, start, end = select_body(blocks, doc_lang == "en")
    kept = set(keep)
    body = [ICON_RE.sub(" ", blocks[i].text).strip() for i in keep]
    removed = [b.text for i, b in enumerate(blocks) if i not in kept]
    head = [b.text for b in blocks[:start]]
    tail = [b.text for b in blocks[end:]]
    body_lang = detect_language(" ".join(body)) if body else doc_lang
    return TextResult(body=body, removed=removed, head=head, tail=tail, language=body_lang, blocks=blocks, keep=keep)
