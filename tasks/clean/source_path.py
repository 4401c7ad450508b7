"""Step 6: the file's path -> a date in the folders (`.../2024/08/29/...`, "folder_path") or in the file
name (`outlet_2016-09-19_slug.txt`, "file_name"), and the outlet the file name's first part names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePath

from tasks.clean.dates import date_of
from tasks.clean.draft import Draft

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


@dataclass(frozen=True)
class PathMeta:
    """What a file's path says: a publication date and an outlet, each possibly missing."""

    published: dt.date | None = None
    published_from: str | None = None  # "folder_path" or "file_name"
    outlet: str | None = None


def read_path(source: str) -> PathMeta:
    """Date from `YYYY/MM/DD` folders or a `YYYY-MM-DD` in the file name; outlet from `outlet_DATE_slug`."""
    path = PurePath(source.replace("\\", "/"))
    name = path.name
    outlet_m = NAME_OUTLET_RE.match(name)
    outlet = outlet_m.group("outlet") if outlet_m else None
    if outlet is not None and outlet.lower() in GENERIC_NAME_PARTS:
        outlet = None
    m = NAME_DATE_RE.search(name)
    if m is not None and (d := date_of(m.group("y"), m.group("m"), m.group("d"))) is not None:
        return PathMeta(d, "file_name", outlet)
    folder = path.parent.as_posix()
    fm = FOLDER_DATE_RE.search(folder) or FOLDER_ISO_DATE_RE.search(folder)
    if fm is not None and (d := date_of(fm.group("y"), fm.group("m"), fm.group("d"))) is not None:
        return PathMeta(d, "folder_path", outlet)
    return PathMeta(None, None, outlet)


def run(d: Draft) -> None:
    """Offer the path's date and outlet."""
    path = read_path(d.raw.source)
    d.fields.published.offer(path.published, path.published_from or "file_name")
    d.fields.outlet.offer(path.outlet, "file_name")
