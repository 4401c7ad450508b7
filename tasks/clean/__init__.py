"""Clean stage: a decoded file (raw page text or HTML) -> the article's body text and metadata
(`CleanArticle`). Pure functions, no I/O.

`clean_document` passes the file through these steps, in order; each reads what the earlier ones left
in a `Draft` and offers metadata fields, the first offer of a field winning (docs/cleaning.md):

  1 header.py       a text file's `Field: value` header block and labelled abstract
  2 body.py         the body (html.py / text_dump.py, both through the blocks.py classifier), the lines
                    around it, an HTML page's markup metadata
  3 title.py        the title from the page text; an HTML body's repeated headline and opening byline cut
  4 byline.py       author and date printed around the body
  5 dateline.py     paragraphs tidied, an opening dateline cut
  6 source_path.py  date and outlet from the folders and file name
  7 fallbacks.py    a date below the body, a closing biography's author; the author tidied

Steps import helpers (draft, fields, blocks, html, text_dump, wrap, furniture, language, metadata, dates),
never one another. `nesting.py` refuses pathologically nested HTML before any of this (tasks/transform.py).
`junk_candidates` and `normalise_line` feed the corpus-level furniture count whose frequent lines come
back as `known_junk`.
"""

from __future__ import annotations

from schemas import CleanArticle, RawFile
from tasks.clean import body, byline, dateline, fallbacks, header, source_path, title
from tasks.clean.draft import Draft
from tasks.clean.furniture import normalise_line
from tasks.clean.html import flatten, parse
from tasks.clean.text_dump import split_blocks

__all__ = ["STEPS", "clean_document", "junk_candidates", "normalise_line"]

STEPS = (header.run, body.run, title.run, byline.run, dateline.run, source_path.run, fallbacks.run)
# Lines up to this many words are furniture candidates (longer lines are content, even when repeated).
CANDIDATE_MAX_WORDS = 12


def clean_document(raw: RawFile, *, known_junk: frozenset[str] = frozenset()) -> CleanArticle:
    """Return the article body (paragraphs separated by one blank line) and its metadata.

    `known_junk` holds lines the corpus has taught us are site furniture (seen in many files). Each
    metadata field is taken from the most explicit layout that states it (docs/cleaning.md):
    header block or HTML markup, then the page text, then the dateline, then the file's path.
    """
    draft = Draft(raw, known_junk)
    for step in STEPS:
        step(draft)
    return draft.article()


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
