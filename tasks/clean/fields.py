"""Choose each metadata field from the candidates the layouts offer, and remember where it came from.

Candidates are tried in a fixed order of trust (a field the file states outright before one inferred
from the page text); the first non-empty one wins. `source` names its layout, for
`articles.metadata_source`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T", str, dt.date)


@dataclass
class Pick(Generic[T]):
    """The first candidate value offered for one field, with its source."""

    value: T | None = None
    source: str | None = None

    def offer(self, value: T | None, source: str) -> None:
        if self.value is None and value is not None and (not isinstance(value, str) or value.strip()):
            self.value, self.source = value, source


@dataclass
class Fields:
    """One Pick per metadata field."""

    title: Pick[str] = field(default_factory=Pick)
    subtitle: Pick[str] = field(default_factory=Pick)
    author: Pick[str] = field(default_factory=Pick)
    published: Pick[dt.date] = field(default_factory=Pick)
    outlet: Pick[str] = field(default_factory=Pick)

    def sources(self) -> dict[str, str]:
        picks = {"title": self.title, "subtitle": self.subtitle, "author": self.author}
        picks |= {"outlet": self.outlet}
        out = {name: p.source for name, p in picks.items() if p.value is not None and p.source}
        if self.published.value is not None and self.published.source:
            out["published"] = self.published.source
        return out
