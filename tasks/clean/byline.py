"""Step 4: the author and the date printed around the body (a byline, an avatar or icon strip, a
signature below it; a date line above it) -> "page_text" fields.
"""

from __future__ import annotations

from tasks.clean.draft import Draft
from tasks.clean.metadata import find_author, find_date


def run(d: Draft) -> None:
    """Offer the page text's author (above or below the body) and its date above the body."""
    d.fields.author.offer(find_author(d.head, d.tail), "page_text")
    d.fields.published.offer(find_date(d.head, []), "page_text")
