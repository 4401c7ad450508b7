"""Clean stage: raw page text or HTML -> article body and metadata. Pure functions, no I/O.

`clean_document` is the entry point; `junk_candidates` and `normalise_line` feed the corpus-level
furniture count whose frequent lines come back as `known_junk`.
"""

from __future__ import annotations

import datetime as dt

from schemas import CleanArticle, RawFile
from tasks.clean.furniture import normalise_line, tidy
from tasks.clean.html import clean_html, flatten, parse
from tasks.clean.metadata import (
    find_author,
    find_bio_author,
    find_date,
    find_title,
    parse_date,
    strip_site_name,
    tidy_name,
)
from tasks.clean.text_dump import clean_text_dump, split_blocks

__all__ = ["clean_document", "junk_candidates", "normalise_line"]

# Lines up to this many words are furniture candidates (longer lines are content, even when repeated).
CANDIDATE_MAX_WORDS = 12


def clean_document(raw: RawFile, *, known_junk: frozenset[str] = frozenset()) -> CleanArticle:
    """Return the article body (paragraphs separated by one blank line) and its metadata.

    `known_junk` holds lines the corpus has taught us are site furniture (seen in many files).
    """
    if raw.media_type == "html":
        h = clean_html(raw.content, known_junk)
        res = h.text
        title = strip_site_name(h.meta.title) if h.meta.title else find_title(res.head)
        author = h.meta.author or find_author(res.head, res.tail)
        published = _iso_date(h.meta.date) or find_date(res.head, res.tail)
        body, removed = _drop_leading_title(h.body, title), h.removed
    else:
        res = clean_text_dump(raw.content, known_junk)
        title = find_title(res.head)
        author = find_author(res.head, res.tail)
        published = find_date(res.head, res.tail)
        body, removed = res.body, res.removed
    paragraphs = [p for p in (tidy(x) for x in body) if any(ch.isalnum() for ch in p)]
    author = tidy_name(author or find_bio_author(paragraphs))
    return CleanArticle(
        title=title,
        author=author,
        published=published,
        language=res.language,
        text="\n\n".join(paragraphs),
        removed=tuple(removed),
    )


def _drop_leading_title(body: list[str], title: str | None) -> list[str]:
    """The headline repeated as the first paragraph is the title, not body."""
    if body and title and normalise_line(body[0]) in {normalise_line(title), normalise_line(strip_site_name(title))}:
        return body[1:]
    return body


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return parse_date(value)


def junk_candidates(raw: RawFile) -> list[str]:
    """Normalised short lines of a file that could be site furniture (counted across the corpus).

    One entry per distinct line; lines without letters are left out (numbers say nothing of a site).
    """
    lines = flatten(parse(raw.content), skip_non_body=False) if raw.media_type == "html" else split_blocks(raw.content)
    seen: dict[str, None] = {}
    for line in lines:
        if 0 < len(line.split()) <= CANDIDATE_MAX_WORDS:
            norm = normalise_line(line)
            if any(ch.isalpha() for ch in norm):
                seen.setdefault(norm, None)
    return list(seen)
