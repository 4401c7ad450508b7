"""Article metadata from page text: title, author (byline, avatar, signature) and publication date.

Dumps keep the header lines above the body (title, byline, date strips) and sometimes a signature below
it; those lines are read here. HTML pages get their markup metadata first (see html.py) and fall back on
the same text rules. These are helpers: the steps that offer their results are title.py, byline.py
and fallbacks.py.
"""

from __future__ import annotations

import datetime as dt
import re

from tasks.clean.dates import parse_date
from tasks.clean.furniture import AVATAR_RE, ICON_RE, is_junk_phrase
from tasks.clean.language import STOPWORDS_EN

# Title: a heading-like line of this many words, above the body.
TITLE_MIN_WORDS = 2
TITLE_MAX_WORDS = 30
# Separators between a page title and the site name ("Headline - Site", "Section | Headline").
TITLE_SEPARATOR_RE = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s+»\s+")
SITE_PART_MAX_WORDS = 4
# Bylines: "By Jane Doe", "Written by Jane Doe", "... 7:45 am by Jane Doe".
BYLINE_RE = re.compile(
    r"(?:^|\s)(?:by|written by|author|posted by|words by)[:\s]+(?P<name>[^\W\d_][\w.'’ -]{1,60}?)\s*(?:[|,•]|$)",
    re.IGNORECASE,
)
# A signature under the body set off by a dash: "— Jane Roe".
TAIL_DASH_SIGNATURE_RE = re.compile(r"^[—–]\s*(?P<name>[^\W\d_][\w.'’ &-]{1,80})$")
BYLINE_ALONE_RE = re.compile(r"^(by|written by|author|posted by)[:]?$", re.IGNORECASE)
# A byline under the body ("By Jane Roe", "Reporting by Jane Roe; editing by ..."): anchored at the line's
# start, so a caption's "Photo by X" is no byline.
TAIL_BYLINE_RE = re.compile(
    r"^\W*(?:by|written by|words by|reporting by|story by|text by)[:\s]+"
    r"(?P<name>[^\W\d_][\w.'’ -]{1,60}?)\s*(?:[|,;•(]|$)",
    re.IGNORECASE,
)
# A personal name: 2-4 capitalised words (initials allowed), nothing else.
NAME_TOKEN_RE = re.compile(r"^([A-ZÀ-ÞА-ЯЁ][\w'’.-]*|[A-ZÀ-Þ]\.)$")
NAME_MIN_TOKENS = 2
NAME_MAX_TOKENS = 4
# Words that make a capitalised short line a label, not a name.
LABEL_WORDS: frozenset[str] = frozenset(
    {
        "news",
        "line",
        "home",
        "top",
        "more",
        "share",
        "comments",
        "comment",
        "related",
        "popular",
        "latest",
        "video",
        "photo",
        "photos",
        "gallery",
        "follow",
        "subscribe",
        "menu",
        "search",
        "contact",
        "about",
        "privacy",
        "terms",
        "editor",
        "staff",
        "reporter",
        "correspondent",
        "desk",
        "section",
        "sections",
        "opinion",
        "world",
        "business",
        "sports",
        "tech",
        "science",
        "culture",
        "politics",
        "weather",
        "live",
        "reply",
        "review",
        "reviews",
        "print",
        "email",
        "day",
        "week",
        "read",
        "next",
        "previous",
        "page",
        "back",
        # widget and section nouns that a two-word capitalised line under a body often is
        "timeline",
        "newsletter",
        "newsletters",
        "online",
        "users",
        "members",
        "archive",
        "archives",
        "story",
        "stories",
        "podcast",
        "podcasts",
        "videos",
        "topics",
        "tags",
        "edition",
        "magazine",
        "events",
        "jobs",
        "shop",
        "store",
        "login",
        "bureau",
        "writer",
        "writers",
        "team",
        "admin",
        "administrator",
        "webmaster",
    }
)
# How many lines after the body are searched for a date or signature.
TAIL_SEARCH_LINES = 5


def _words(s: str) -> list[str]:
    return s.split()


def is_person_name(line: str) -> bool:
    """A bare personal name: 2-4 capitalised tokens, no label or function words, no digits."""
    tokens = line.strip().split()
    if not NAME_MIN_TOKENS <= len(tokens) <= NAME_MAX_TOKENS or is_junk_phrase(line):
        return False
    for t in tokens:
        low = t.lower().strip(".")
        if not NAME_TOKEN_RE.match(t) or low in STOPWORDS_EN or low in LABEL_WORDS:
            return False
    return True




def strip_site_name(title: str) -> str:
    """Drop a site name (or section label) glued to a page title by a separator."""
    parts = TITLE_SEPARATOR_RE.split(title)
    if len(parts) < 2:
        return title.strip()
    longest = max(parts, key=len)
    return longest.strip() if len(_words(longest)) > SITE_PART_MAX_WORDS else title.strip()


# Markdown around a metadata line: "# Headline", "**By Jane Roe**", "_March 3, 2021_".
_MARKUP_EDGES_RE = re.compile(r"^\s*(?:#{1,6}\s+|[*_]{1,3})|[*_]{1,3}\s*$")
# Co-authors: "Jane Roe and John Doe", "Jane Roe & John Doe".
_AUTHOR_JOIN_RE = re.compile(r"\s+(?:and|&)\s+")
MAX_AUTHORS = 4


def strip_markup(line: str) -> str:
    """A line without the markdown heading or emphasis markers around it."""
    return _MARKUP_EDGES_RE.sub("", _MARKUP_EDGES_RE.sub("", line)).strip()


def is_author_names(text: str) -> bool:
    """One personal name, or a few joined by 'and' / '&' (a shared byline)."""
    parts = _AUTHOR_JOIN_RE.split(text.strip())
    return len(parts) <= MAX_AUTHORS and all(is_person_name(p) for p in parts)


def find_title(head: list[str]) -> str | None:
    """The first heading-like line above the body (not a label, byline, date, caption or widget)."""
    for i, line in enumerate(head):
        words = _words(line)
        if not TITLE_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS:
            continue
        if is_junk_phrase(line) or AVATAR_RE.match(line) or ICON_RE.search(line) or parse_date(line):
            continue
        if BYLINE_RE.match(line) or is_person_name(line):
            continue
        if line.rstrip().endswith((".", ",", ";", ":")):
            continue
        if i + 1 < len(head) and head[i + 1] == line:  # a caption printed twice (alt text + caption)
            continue
        if i > 0 and head[i - 1] == line:
            continue
        return strip_site_name(line)
    return None


def find_author(head: list[str], tail: list[str]) -> str | None:
    """Author from an avatar line, an icon strip, a byline above the body, or a signature below it."""
    for line in head:
        m = AVATAR_RE.match(line)
        if m:
            return m.group("name").strip()
    for line in head:
        fields = [f.strip() for f in ICON_RE.split(line)]
        if len(fields) >= 3 and line.lstrip().startswith(("account_circle", "person")) and fields[1]:
            return fields[1]
    for i, line in enumerate(head):
        if BYLINE_ALONE_RE.match(line) and i + 1 < len(head) and is_person_name(head[i + 1]):
            return head[i + 1].strip()
        m = BYLINE_RE.search(line)
        if m and len(_words(line)) <= TITLE_MAX_WORDS:
            name = m.group("name").strip()
            if is_author_names(name):
                return name
    for line in tail[:1]:
        if is_person_name(line):
            return line.strip()
    for line in tail[:TAIL_SEARCH_LINES]:
        m = TAIL_BYLINE_RE.match(line) or TAIL_DASH_SIGNATURE_RE.match(line)
        if m and is_author_names(m.group("name").strip()):
            return m.group("name").strip()
    return None


# First line of a plain-text file as its headline: at most this many words (a lede is longer).
FIRST_LINE_MAX_WORDS = 20
# ...with at least this many words of text after it (a one-paragraph note has no headline).
FIRST_LINE_MIN_FOLLOWING_WORDS = 20
# A trailing "." or ";" some exports add to a headline is not part of it (an abbreviation's is).
_TRAILING_STOP_RE = re.compile(r"(?<=[^\W\d_]{3})[.;]$|(?<=[)'’\"”])[.;]$")


def find_first_line_title(lines: list[str]) -> str | None:
    """The first line of a plain-text file as its headline (exports that print the headline, then the body).

    Short (<= FIRST_LINE_MAX_WORDS), not furniture, byline, date or a caption printed twice, not ending
    like an unfinished sentence, and followed by real text."""
    if len(lines) < 2:
        return None
    line = lines[0].strip()
    words = _words(line)
    if not TITLE_MIN_WORDS <= len(words) <= FIRST_LINE_MAX_WORDS or line.endswith((",", ":", "-", "–", "—")):
        return None
    if is_junk_phrase(line) or AVATAR_RE.match(line) or ICON_RE.search(line) or parse_date(line):
        return None
    # A bare name is a byline; a capitalised headline closed by a full stop is not ("Harbour Wall Falls.").
    if BYLINE_RE.match(line) or (is_person_name(line) and not line.endswith(".")) or lines[1].strip() == line:
        return None
    if not line[:1].isupper() and not line[:1].isdigit() and line[:1] not in "\"'“‘":
        return None
    if sum(len(_words(x)) for x in lines[1:]) < FIRST_LINE_MIN_FOLLOWING_WORDS:
        return None
    return _TRAILING_STOP_RE.sub("", line).strip()


def find_date(head: list[str], tail: list[str]) -> dt.date | None:
    """Publication date printed above the body (else just below it)."""
    for line in [*head, *tail[:TAIL_SEARCH_LINES]]:
        if len(_words(line)) <= TITLE_MAX_WORDS:
            d = parse_date(line)
            if d is not None:
                return d
    return None


# An essay signed by a biography as its last paragraph: 'Jane Roe is a playwright at X.'
BIO_RE = re.compile(r"^(?P<name>[^\W\d_][\w.'’-]+(?: [^\W\d_][\w.'’-]+){1,3}),? (?:is|was|has been|serves as) ")
BIO_MAX_WORDS = 60
# First-person singular words outside quotation marks that make a piece an essay by its author.
FIRST_PERSON_RE = re.compile(r"\b(?:I|me|my|I'm|I’m|I've|I’ve)\b")
QUOTED_RE = re.compile(r"[“\"][^”\"]*[”\"]")
MIN_FIRST_PERSON = 3


def find_bio_author(paragraphs: list[str]) -> str | None:
    """The author of a first-person essay from the biography that closes it, else None.

    Only for essays (first person outside quotes at least MIN_FIRST_PERSON times): in a news report a
    closing 'X is expected to ...' is a sentence about X, not a signature."""
    if len(paragraphs) < 2:
        return None
    last = paragraphs[-1].strip()
    m = BIO_RE.match(last)
    if m is None or len(_words(last)) > BIO_MAX_WORDS or not is_person_name(m.group("name")):
        return None
    body = QUOTED_RE.sub(" ", "\n".join(paragraphs[:-1]))
    if len(FIRST_PERSON_RE.findall(body)) < MIN_FIRST_PERSON:
        return None
    return m.group("name")


# An author field of the markup may list several entries ("Jane Roe; Harbour Desk Writer").
MARKUP_AUTHOR_SEP_RE = re.compile(r"\s*;\s*")
ORG_AUTHOR_MAX_WORDS = 4


def tidy_markup_author(value: str | None) -> str | None:
    """The author a page's markup names, without the entries that are no author.

    Personal names are kept (joined by '; '); without one, a short capitalised name with no label or
    function words is kept as an organisation byline ("Coast Wire"); anything else ("Admin", "News
    Bureau", "The harbour authorities") gives None."""
    if not value:
        return None
    parts = [p for p in MARKUP_AUTHOR_SEP_RE.split(value.strip()) if p]
    names = [p for p in parts if is_author_names(p)]
    if names:
        return "; ".join(names)
    if len(parts) != 1:
        return None
    tokens = parts[0].split()
    if not 1 <= len(tokens) <= ORG_AUTHOR_MAX_WORDS:
        return None
    for t in tokens:
        low = t.lower().strip(".")
        if not t[:1].isupper() or low in STOPWORDS_EN or low in LABEL_WORDS or low.endswith("admin"):
            return None
    return parts[0]


NAME_SUFFIXES = ("jr.", "sr.")


def tidy_name(name: str | None) -> str | None:
    """'John Weinbrecht.' -> 'John Weinbrecht': a sentence's full stop is not part of a byline name
    (an initial's or 'Jr.' is)."""
    if name is None:
        return None
    name = name.strip().rstrip(",;:")
    last = name.split()[-1] if name.split() else ""
    if name.endswith(".") and len(last) > 2 and last.lower() not in NAME_SUFFIXES:
        name = name[:-1]
    return name or None
