"""Step 7 (the last): what is left to guess -> a date printed just below the body, an author from a
closing biography or a first-person essay's signature ("page_text"); then the author's name tidied (a
name that does not survive tidying is no author).
"""

from __future__ import annotations

from tasks.clean.draft import Draft
from tasks.clean.metadata import find_bio_author, find_date, tidy_name


def run(d: Draft) -> None:
    """Offer the last guesses; tidy the author."""
    f = d.fields
    f.published.offer(find_date([], d.tail), "page_text")
    f.author.offer(find_bio_author(d.paragraphs), "page_text")
    f.author.value = tidy_name(f.author.value)
    if f.author.value is None:
        f.author.source = None
