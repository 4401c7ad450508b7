"""The file going through the clean steps: what each step read, for the steps after it."""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas import CleanArticle, RawFile
from tasks.clean.fields import Fields


@dataclass
class Draft:
    """One file on its way through the steps; `article()` is what the stage returns."""

    raw: RawFile
    known_junk: frozenset[str] = frozenset()
    fields: Fields = field(default_factory=Fields)
    text: str = ""  # a text file's content without its header block and abstract
    head: list[str] = field(default_factory=list)  # lines above the body, without markdown markers
    tail: list[str] = field(default_factory=list)  # lines below it
    lines: list[str] = field(default_factory=list)  # a text file's every block (its first may be the title)
    body: list[str] = field(default_factory=list)  # the body's paragraphs as found
    removed: list[str] = field(default_factory=list)
    language: str = ""
    description: str | None = None  # an HTML page's meta description
    paragraphs: list[str] = field(default_factory=list)  # the article text's paragraphs
    dateline: str | None = None

    @property
    def is_html(self) -> bool:
        return self.raw.media_type == "html"

    def article(self) -> CleanArticle:
        f = self.fields
        return CleanArticle(
            title=f.title.value,
            subtitle=f.subtitle.value,
            author=f.author.value,
            published=f.published.value,
            outlet=f.outlet.value,
            dateline=self.dateline,
            metadata_source=f.sources(),
            language=self.language,
            text="\n\n".join(self.paragraphs),
            removed=tuple(self.removed),
        )
