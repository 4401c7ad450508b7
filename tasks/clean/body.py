"""Step 2: the page (HTML, or the text left after the header) -> the body's paragraphs, the lines above
and below it (where title, byline and date live), the blocks removed, the language; an HTML page's
markup metadata (title, author, date, site name: "html") comes with its body.
"""

from __future__ import annotations

import datetime as dt

from tasks.clean.dates import parse_date
from tasks.clean.draft import Draft
from tasks.clean.html import clean_html
from tasks.clean.metadata import strip_markup, strip_site_name, tidy_markup_author
from tasks.clean.text_dump import clean_text_dump


def run(d: Draft) -> None:
    """Find the body; keep the lines around it, without markdown markers, for the metadata steps."""
    f = d.fields
    if d.is_html:
        h = clean_html(d.raw.content, d.known_junk)
        res = h.text
        f.title.offer(strip_site_name(h.meta.title) if h.meta.title else None, "html")
        f.author.offer(tidy_markup_author(h.meta.author), "html")
        f.published.offer(_iso_date(h.meta.date), "html")
        f.outlet.offer(h.meta.sitename, "html")
        d.body, d.removed, d.description = h.body, h.removed, h.meta.description
    else:
        res = clean_text_dump(d.text, d.known_junk)
        d.body, d.removed = res.body, res.removed
        d.lines = _plain([b.text for b in res.blocks])
    d.head, d.tail, d.language = _plain(res.head), _plain(res.tail), res.language


def _plain(lines: list[str]) -> list[str]:
    return [strip_markup(x) for x in lines]


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return parse_date(value)
