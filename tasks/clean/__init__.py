"""Clean stage: raw page text or HTML -> article body and metadata. Pure functions, no I/O."""

from __future__ import annotations

from schemas import CleanArticle, RawFile
from tasks.clean.furniture import normalise_line
from tasks.clean.html import clean_html
from tasks.clean.text_dump import clean_text_dump

__all__ = ["clean_document", "junk_candidates", "normalise_line"]


def clean_document(raw: RawFile, *, known_junk: frozenset[str] = frozenset()) -> CleanArticle:
    """Return the article body (paragraphs separated by one blank line) and its metadata.

    `known_junk` holds lines the corpus has taught us are site furniture (seen in many files).
    """
    if raw.media_type == "html":
        h = clean_html(raw.content, known_junk)
        return CleanArticle(text="\n\n".join(h.body), language=h.text.language, removed=tuple(h.removed))
    res = clean_text_dump(raw.content, known_junk)
    return CleanArticle(text="\n\n".join(res.body), language=res.language, removed=tuple(res.removed))


def junk_candidates(raw: RawFile) -> list[str]:
    """Normalised short lines of a file that could be site furniture (counted across the corpus)."""
    return []
