"""Step 5: the body's paragraphs tidied (empty and letterless ones dropped), and a dateline opening the
first ("CITY, Oct. 4 (Wire) -": a place, an optional date, an optional wire tag) cut off it -> the
article's paragraphs, its dateline, the dateline's date ("dateline"). Cut so that the place or the wire
never reads as a speaker.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tasks.clean.dates import MDY_RE, parse_date
from tasks.clean.draft import Draft
from tasks.clean.furniture import normalise_line, tidy

# Dateline: an upper-case place (optionally ", Region" parts), an optional "Mon. D[, YYYY]", an optional
# "(Wire)" tag, then a dash. Without a dash there is no dateline ("PARIS is ..." is a sentence).
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}){0,2})"
    rf"(?:,? (?P<date>{_MONTH} \d{{1,2}}(?:, (?:19|20)\d\d)?))?"
    r"(?: ?\((?P<wire>[^()]{2,40})\))?"
    r"(?: +[-–—―]+|[–—―]+) ?(?=\S)"  # ASCII hyphens only after a space: "ROE--Jane" is a notice
)
PLACE_MIN_LETTERS = 2
# Upper-case lead-ins that are labels, not places ("BREAKING NEWS — ...", "UPDATE — ...").
LEAD_IN_LABELS: frozenset[str] = frozenset(
    {
        "breaking",
        "update",
        "updated",
        "exclusive",
        "watch",
        "live",
        "opinion",
        "analysis",
        "editorial",
        "editor's note",
        "note",
        "correction",
        "news",
        "alert",
        "urgent",
        "developing",
        "photos",
        "video",
    }
)


@dataclass(frozen=True)
class Dateline:
    """An opening dateline: where (and when, with which wire) the story was filed."""

    text: str  # as printed, without the dash
    place: str
    date: dt.date | None
    wire: str | None
    length: int  # characters to cut from the paragraph


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a first paragraph ("BUFFALO, N.Y. (Wire) — ..."), else None."""
    m = DATELINE_RE.match(paragraph)
    if m is None:
        return None
    place = m.group("place")
    head = place.split(",")[0]
    if sum(ch.isalpha() for ch in head) < PLACE_MIN_LETTERS or not head.replace(" ", "").replace(".", "").isupper():
        return None
    if all(w in LEAD_IN_LABELS for w in head.lower().split()):  # "BREAKING NEWS", not "NEWPORT NEWS"
        return None
    date_text = m.group("date")
    date = _dateline_date(date_text) if date_text else None
    text = paragraph[: m.end()].rstrip(" -–—―").strip()
    return Dateline(text=text, place=place, date=date, wire=m.group("wire"), length=m.end())


def _dateline_date(text: str) -> dt.date | None:
    """A dateline date counts only with its year: 'Oct. 4' alone could be any year."""
    return parse_date(text) if MDY_RE.search(text) else None


def run(d: Draft) -> None:
    """Tidy the paragraphs; cut and keep an opening dateline."""
    paragraphs = [p for p in (tidy(x) for x in d.body) if any(ch.isalnum() for ch in p)]
    d.paragraphs, dateline = _cut_dateline(paragraphs, d.fields.title.value)
    d.fields.published.offer(dateline.date if dateline else None, "dateline")
    d.dateline = dateline.text if dateline else None


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
