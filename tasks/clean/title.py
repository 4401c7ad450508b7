"""Step 3: the title from the page text above the body ("page_text"; a text dump's first line,
"first_line"); an HTML body loses a headline repeated as its first paragraph and byline or date lines
opening it, and the meta description becomes the subtitle unless it is the body's opening.
"""

from __future__ import annotations

from tasks.clean.blocks import is_header_line
from tasks.clean.draft import Draft
from tasks.clean.furniture import normalise_line
from tasks.clean.metadata import find_first_line_title, find_title, strip_site_name

# At most this many byline/date lines are dropped from the top of an HTML body.
HEADER_LINES_MAX = 3
# A meta description that merely repeats the opening of the body is no subtitle.
DESCRIPTION_PROBE_CHARS = 60


def run(d: Draft) -> None:
    """Offer the page text's title; tidy the top of an HTML body against it."""
    f = d.fields
    f.title.offer(find_title(d.head), "page_text")
    if d.is_html:
        d.body = _drop_leading_title(d.body, f.title.value)
        f.subtitle.offer(_description(d.description, d.body), "html")
    else:
        f.title.offer(find_first_line_title(d.lines), "first_line")


def _drop_leading_title(body: list[str], title: str | None) -> list[str]:
    """The headline repeated as the first paragraph is the title, not body; nor is a byline or a date
    line opening the body (header lines that the HTML extractor let through)."""
    if body and title and normalise_line(body[0]) in {normalise_line(title), normalise_line(strip_site_name(title))}:
        body = body[1:]
    skip = 0
    while skip < min(len(body) - 1, HEADER_LINES_MAX) and is_header_line(body[skip]):
        skip += 1
    return body[skip:]


def _description(description: str | None, body: list[str]) -> str | None:
    """The page's meta description as its subtitle, unless it is the start of the body (a teaser)."""
    if not description or not description.strip():
        return None
    probe = normalise_line(description)[:DESCRIPTION_PROBE_CHARS]
    if body and probe and probe in normalise_line(" ".join(body[:2])):
        return None
    return description.strip()
