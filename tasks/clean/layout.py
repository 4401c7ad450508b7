"""Metadata that a file's layout carries outside the page text: header blocks, datelines and paths.

Three layouts, each a general rule (no outlet is named):

* a header block of `Field: value` lines at the top of a text export (any order and case; YAML-style
  `---` fences allowed): headline/title, subtitle, date/published, author, publisher/source. The block
  is metadata, so it is cut from the text before the body is looked for;
* a dateline opening the first paragraph ("CITY, Oct. 4 (Wire) -"): a place, an optional date and an
  optional wire tag. It is cut from the body so that the place or the wire never reads as a speaker;
* the file's path: a date in the folders (`.../2024/08/29/...`) or in the file name
  (`outlet_2016-09-19_slug.txt`, whose first part names the outlet).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from tasks.clean.metadata import MDY_RE, parse_date

# Field names of a header block, by the metadata field they fill.
HEADER_FIELDS: dict[str, str] = {
    "title": "title",
    "headline": "title",
    "subtitle": "subtitle",
    "sub-title": "subtitle",
    "subheadline": "subtitle",
    "subhead": "subtitle",
    "dek": "subtitle",
    "deck": "subtitle",
    "standfirst": "subtitle",
    "abstract": "subtitle",
    "summary": "subtitle",
    "description": "subtitle",
    "date": "published",
    "published": "published",
    "published at": "published",
    "published on": "published",
    "publication date": "published",
    "pubdate": "published",
    "dateline": "published",
    "author": "author",
    "authors": "author",
    "by": "author",
    "byline": "author",
    "writer": "author",
    "publisher": "outlet",
    "publication": "outlet",
    "source": "outlet",
    "outlet": "outlet",
    "newspaper": "outlet",
    "site": "outlet",
    "site name": "outlet",
}
# A header line: a short field name, a colon, a value on the same line. Fields the table does not
# know (url, section, language, tags...) may sit in the block; they are skipped, not read.
HEADER_LINE_RE = re.compile(r"^\s*(?P<field>[A-Za-z][A-Za-z _()-]{0,23}?)\s*:\s*(?P<value>\S.{0,400}?)\s*$")
HEADER_FENCE = "---"
# A block needs this many known fields: one "Source: X" line above a body is not a header.
HEADER_MIN_KNOWN = 2
HEADER_MAX_LINES = 40
HEADER_VALUE_MAX_WORDS = 60
BY_PREFIX_RE = re.compile(r"^by\s+", re.IGNORECASE)

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

# Path dates: folders YYYY/MM/DD, or a YYYY-MM-DD (also _ or .) run inside the file name.
FOLDER_ISO_DATE_RE = re.compile(r"(?:^|/)(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?:/|$)")
FOLDER_DATE_RE = re.compile(r"(?:^|/)(?P<y>(?:19|20)\d\d)/(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])(?:/|$)")
NAME_DATE_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[-_.])(?P<m>\d\d)(?P=sep)(?P<d>\d\d)(?!\d)")
# "outlet_2016-09-19_slug": the name part before the date names the outlet.
NAME_OUTLET_RE = re.compile(r"^(?P<outlet>[A-Za-z][A-Za-z0-9&+-]{1,40})[_ ](?:19|20)\d\d[-_.]\d\d[-_.]\d\d(?:[_ .-]|$)")


# File-name prefixes that name the kind of document, not its outlet ("article_2016-09-19_x.txt").
GENERIC_NAME_PARTS: frozenset[str] = frozenset(
    {
        "article",
        "articles",
        "story",
        "stories",
        "news",
        "post",
        "posts",
        "page",
        "pages",
        "item",
        "doc",
        "document",
        "file",
        "export",
        "crawl",
        "snapshot",
        "dump",
        "report",
        "text",
        "copy",
        "draft",
        "backup",
    }
)


@dataclass
class Header:
    """Fields read from a header block, and the text left once it is cut."""

    fields: dict[str, str] = field(default_factory=dict)
    rest: str = ""


def _header_field(line: str) -> tuple[str, str] | None:
    m = HEADER_LINE_RE.match(line)
    if m is None or len(m.group("value").split()) > HEADER_VALUE_MAX_WORDS:
        return None
    name = m.group("field").lower().replace("_", " ").replace("(s)", "s")
    return " ".join(name.split()), m.group("value")


def read_header(content: str) -> Header:
    """The `Field: value` block at the top of a text file, if there is one (else empty fields)."""
    lines = content.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    fenced = i < len(lines) and lines[i].strip() == HEADER_FENCE
    i += fenced
    found: dict[str, str] = {}
    known = 0
    end = i
    while end < len(lines) and end - i < HEADER_MAX_LINES:
        line = lines[end]
        if not line.strip():
            end += 1
            continue
        if fenced and line.strip() == HEADER_FENCE:
            end += 1
            break
        pair = _header_field(line)
        if pair is None:
            break
        name, value = pair
        target = HEADER_FIELDS.get(name)
        if target is not None:
            known += 1
            found.setdefault(target, value.strip())
        end += 1
    if known < HEADER_MIN_KNOWN:
        return Header(rest=content)
    return Header(fields=found, rest="\n".join(lines[end:]))


def header_author(value: str) -> str:
    return BY_PREFIX_RE.sub("", value).strip()


# Numeric dates: YYYY/MM/DD (or . -), and D/M/YYYY or M/D/YYYY when one part is above 12.
NUMERIC_YMD_RE = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})\b")
NUMERIC_DMY_RE = re.compile(r"^\s*(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)\b")
MAX_MONTH = 12


def header_date(value: str) -> dt.date | None:
    """A header date: ISO (with or without a time), written out, or numeric when unambiguous
    ("29/08/2024" is day first, "08/29/2024" month first; "03/04/2024" could be either, so None)."""
    found = parse_date(value)
    if found is not None:
        return found
    if m := NUMERIC_YMD_RE.match(value):
        return _date(m.group("y"), m.group("m"), m.group("d"))
    if m := NUMERIC_DMY_RE.match(value):
        a, b = int(m.group("a")), int(m.group("b"))
        if a > MAX_MONTH >= b:
            return _date(m.group("y"), str(b), str(a))
        if b > MAX_MONTH >= a:
            return _date(m.group("y"), str(a), str(b))
    return None


# Exports that label the parts of a story: an "ABSTRACT." (or "Summary:") line over the deck, then a
# "FULL TEXT." line over the body. The labels sit near the top; the deck is metadata, not body.
ABSTRACT_LABEL_RE = re.compile(r"^\s*(abstract|summary|standfirst|dek|deck|subtitle|subheading)\s*[.:]?\s*$", re.I)
BODY_LABEL_RE = re.compile(r"^\s*(full text|text|body|article|story|full story)\s*[.:]?\s*$", re.I)
ABSTRACT_LABEL_MAX_LINE = 4  # non-blank lines before the label (a headline, a byline, a date)
ABSTRACT_MAX_PARAGRAPHS = 3


def cut_abstract(content: str) -> tuple[str | None, str]:
    """The labelled abstract near the top of a text (else None) and the text without it and its labels.

    Without a body label, the abstract is the one paragraph under its label."""
    lines = content.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    label = next((i for i in filled[: ABSTRACT_LABEL_MAX_LINE + 1] if ABSTRACT_LABEL_RE.match(lines[i])), None)
    if label is None:
        return None, content
    paragraphs: list[list[str]] = [[]]
    end = label + 1
    while end < len(lines):
        line = lines[end]
        if BODY_LABEL_RE.match(line):
            end += 1
            break
        if not line.strip():
            if paragraphs[-1]:
                if len(paragraphs) >= ABSTRACT_MAX_PARAGRAPHS:
                    break
                paragraphs.append([])
        else:
            paragraphs[-1].append(line.strip())
        end += 1
    else:
        return None, content
    if not BODY_LABEL_RE.match(lines[end - 1]):  # no body label: the abstract is one paragraph
        paragraphs = paragraphs[:1]
        end = label + 1
        while end < len(lines) and not lines[end].strip():
            end += 1
        while end < len(lines) and lines[end].strip():
            end += 1
    text = " ".join(" ".join(p) for p in paragraphs if p).strip()
    if not text:
        return None, content
    return text, "\n".join(lines[:label] + lines[end:])


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


@dataclass(frozen=True)
class PathMeta:
    """What a file's path says: a publication date and an outlet, each possibly missing."""

    published: dt.date | None = None
    published_from: str | None = None  # "folder_path" or "file_name"
    outlet: str | None = None


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def read_path(source: str) -> PathMeta:
    """Date from `YYYY/MM/DD` folders or a `YYYY-MM-DD` in the file name; outlet from `outlet_DATE_slug`."""
    path = PurePath(source.replace("\\", "/"))
    name = path.name
    outlet_m = NAME_OUTLET_RE.match(name)
    outlet = outlet_m.group("outlet") if outlet_m else None
    if outlet is not None and outlet.lower() in GENERIC_NAME_PARTS:
        outlet = None
    m = NAME_DATE_RE.search(name)
    if m is not None and (d := _date(m.group("y"), m.group("m"), m.group("d"))) is not None:
        return PathMeta(d, "file_name", outlet)
    folder = path.parent.as_posix()
    fm = FOLDER_DATE_RE.search(folder) or FOLDER_ISO_DATE_RE.search(folder)
    if fm is not None and (d := _date(fm.group("y"), fm.group("m"), fm.group("d"))) is not None:
        return PathMeta(d, "folder_path", outlet)
    return PathMeta(None, None, outlet)
