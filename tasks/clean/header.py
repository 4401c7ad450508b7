"""Step 1 (text files): a `Field: value` header block at the top of a text export (any order and case;
YAML-style `---` fences allowed: headline/title, subtitle, date/published, author, publisher/source)
and a labelled abstract -> their fields ("header", "abstract_label"), and the text without them, in
which the next step looks for the body. What a header states outright wins over every later guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tasks.clean.dates import date_of, parse_date
from tasks.clean.draft import Draft

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
        return date_of(m.group("y"), m.group("m"), m.group("d"))
    if m := NUMERIC_DMY_RE.match(value):
        a, b = int(m.group("a")), int(m.group("b"))
        if a > MAX_MONTH >= b:
            return date_of(m.group("y"), str(b), str(a))
        if b > MAX_MONTH >= a:
            return date_of(m.group("y"), str(a), str(b))
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


def run(d: Draft) -> None:
    """Cut a text file's header block and labelled abstract; offer what they state."""
    if d.is_html:
        return
    header = read_header(d.raw.content)
    abstract, d.text = cut_abstract(header.rest)
    got, f = header.fields, d.fields
    f.title.offer(got.get("title"), "header")
    f.subtitle.offer(got.get("subtitle"), "header")
    f.subtitle.offer(abstract, "abstract_label")
    f.author.offer(header_author(got["author"]) if "author" in got else None, "header")
    f.published.offer(header_date(got["published"]) if "published" in got else None, "header")
    f.outlet.offer(got.get("outlet"), "header")
