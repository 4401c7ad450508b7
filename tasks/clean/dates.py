"""Dates written in page text, headers and datelines: "27 Feb 2022", "February 27, 2022", ISO."""

from __future__ import annotations

import datetime as dt
import re

from tasks.clean.furniture import ICON_RE

# Dates written out: "27 Feb 2022", "February 27, 2022", "Feb. 27th, 2022", ISO "2022-02-27".
_MONTH_NAMES = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_MONTH_ALT = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
DMY_RE = re.compile(rf"\b(?P<d>\d{{1,2}})(st|nd|rd|th)?\s+(?P<m>{_MONTH_ALT})\.?,?\s+(?P<y>(19|20)\d\d)\b", re.I)
MDY_RE = re.compile(rf"\b(?P<m>{_MONTH_ALT})\.?\s+(?P<d>\d{{1,2}})(st|nd|rd|th)?,?\s+(?P<y>(19|20)\d\d)\b", re.I)
ISO_RE = re.compile(r"\b(?P<y>(19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)")


def parse_date(text: str) -> dt.date | None:
    """First complete written date (day, month and year) in `text`."""
    text = ICON_RE.sub(" ", text)
    best: tuple[int, dt.date] | None = None
    for rx in (DMY_RE, MDY_RE, ISO_RE):
        for m in rx.finditer(text):
            raw_m = m.group("m").lower()
            month = int(raw_m) if raw_m.isdigit() else _MONTH_NAMES.get(raw_m, 0)
            try:
                d = dt.date(int(m.group("y")), month, int(m.group("d")))
            except ValueError:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), d)
            break
    return best[1] if best else None


def date_of(y: str, m: str, d: str) -> dt.date | None:
    """The date of year, month and day digits, None when there is no such day."""
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None
