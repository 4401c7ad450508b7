"""Clean stage: raw page text or HTML -> article body and metadata. Pure functions, no I/O.

`clean_document` is the entry point; `junk_candidates` and `normalise_line` feed the corpus-level
furniture count whose frequent lines come back as `known_junk`.
"""

from __future__ import annotations

import datetime as dt

from schemas import CleanArticle, RawFile
from tasks.clean.fields import Fields
from tasks.clean.furniture import normalise_line, tidy
from tasks.clean.html import clean_html, flatten, parse
from tasks.clean.layout import Dateline, cut_abstract, find_dateline, header_author, header_date, read_header, read_path
from tasks.clean.metadata import (
    find_author,
    find_bio_author,
    find_date,
    find_first_line_title,
    find_title,
    parse_date,
    strip_markup,
    strip_site_name,
    tidy_markup_author,
    tidy_name,
)
from tasks.clean.text_dump import clean_text_dump, is_header_line, split_blocks

__all__ = ["clean_document", "junk_candidates", "normalise_line"]

# At most this many byline/date lines are dropped from the top of an HTML body.
HEADER_LINES_MAX = 3
# Lines up to this many words are furniture candidates (longer lines are content, even when repeated).
CANDIDATE_MAX_WORDS = 12


def clean_document(raw: RawFile, *, known_junk: frozenset[str] = frozenset()) -> CleanArticle:
    """Return the article body (paragraphs separated by one blank line) and its metadata.

    `known_junk` holds lines the corpus has taught us are site furniture (seen in many files). Each
    metadata field is taken from the most explicit layout that states it (docs/cleaning.md):
    header block or HTML markup, then the page text, then the dateline, then the file's path.
    """
    f = Fields()
    if raw.media_type == "html":
        h = clean_html(raw.content, known_junk)
        res = h.text
        f.title.offer(strip_site_name(h.meta.title) if h.meta.title else None, "html")
        f.author.offer(tidy_markup_author(h.meta.author), "html")
        f.published.offer(_iso_date(h.meta.date), "html")
        f.outlet.offer(h.meta.sitename, "html")
        f.title.offer(find_title(_plain(res.head)), "page_text")
        body, removed = _drop_leading_title(h.body, f.title.value), h.removed
        f.subtitle.offer(_description(h.meta.description, body), "html")
    else:
        header = read_header(raw.content)
        abstract, rest = cut_abstract(header.rest)
        res = clean_text_dump(rest, known_junk)
        got = header.fields
        f.title.offer(got.get("title"), "header")
        f.subtitle.offer(got.get("subtitle"), "header")
        f.subtitle.offer(abstract, "abstract_label")
        f.author.offer(header_author(got["author"]) if "author" in got else None, "header")
        f.published.offer(header_date(got["published"]) if "published" in got else None, "header")
        f.outlet.offer(got.get("outlet"), "header")
        f.title.offer(find_title(_plain(res.head)), "page_text")
        f.title.offer(find_first_line_title(_plain([b.text for b in res.blocks])), "first_line")
        body, removed = res.body, res.removed
    head, tail = _plain(res.head), _plain(res.tail)
    f.author.offer(find_author(head, tail), "page_text")
    f.published.offer(find_date(head, []), "page_text")
    paragraphs = [p for p in (tidy(x) for x in body) if any(ch.isalnum() for ch in p)]
    paragraphs, dateline = _cut_dateline(paragraphs, f.title.value)
    f.published.offer(dateline.date if dateline else None, "dateline")
    path = read_path(raw.source)
    f.published.offer(path.published, path.published_from or "file_name")
    f.published.offer(find_date([], tail), "page_text")
    f.outlet.offer(path.outlet, "file_name")
    f.author.offer(find_bio_author(paragraphs), "page_text")
    author = tidy_name(f.author.value)
    if author is None:
        f.author.source = None
    return CleanArticle(
        title=f.title.value,
        subtitle=f.subtitle.value,
        author=author,
        published=f.published.value,
        outlet=f.outlet.value,
        dateline=dateline.text if dateline else None,
        metadata_source=f.sources(),
        language=res.language,
        text="\n\n".join(paragraphs),
        removed=tuple(removed),
    )


def _plain(lines: list[str]) -> list[str]:
    return [strip_markup(x) for x in lines]


# A meta description that merely repeats the opening of the body is no subtitle.
DESCRIPTION_PROBE_CHARS = 60


def _description(description: str | None, body: list[str]) -> str | None:
    """The page's meta description as its subtitle, unless it is the start of the body (a teaser)."""
    if not description or not description.strip():
        return None
    probe = normalise_line(description)[:DESCRIPTION_PROBE_CHARS]
    if body and probe and probe in normalise_line(" ".join(body[:2])):
        return None
    return description.strip()


def _cut_dateline(paragraphs: list[str], title: str | None) -> tuple[list[str], Dateline | None]:
    """Cut an opening dateline off the first paragraph (the one after a headline kept in the body): it
    is where the story was filed, not its text, and its place or wire must not read as a speaker."""
    first = 1 if paragraphs and title and _same_line(paragraphs[0], title) else 0
    if len(paragraphs) <= first:
        return paragraphs, None
    dl = find_dateline(paragraphs[first])
    if dl is None:
        return paragraphs, None
    rest = paragraphs[first][dl.length :].strip()
    return [*paragraphs[:first], *([rest] if rest else []), *paragraphs[first + 1 :]], dl


def _same_line(a: str, b: str) -> bool:
    return normalise_line(a) == normalise_line(b)


def _drop_leading_title(body: list[str], title: str | None) -> list[str]:
    """The headline repeated as the first paragraph is the title, not body; nor is a byline or a date
    line opening the body (header lines that the HTML extractor let through)."""
    if body and title and normalise_line(body[0]) in {normalise_line(title), normalise_line(strip_site_name(title))}:
        body = body[1:]
    skip = 0
    while skip < min(len(body) - 1, HEADER_LINES_MAX) and is_header_line(body[skip]):
        skip += 1
    return body[skip:]


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
