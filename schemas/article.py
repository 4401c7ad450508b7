"""Article records at each stage: raw bytes read, cleaned text, extracted claims."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.claim import Claim

MediaType = Literal["text", "html"]


class RawFile(BaseModel):
    """A file as read from disk: bytes already decoded, nothing interpreted yet."""

    model_config = ConfigDict(frozen=True)
    source: str  # path as given by the user (stable key of `sources`)
    sha256: str  # of the raw (possibly gzip-compressed) bytes
    size: int
    media_type: MediaType
    content: str  # decoded text (HTML markup kept for html)
    encoding: str
    invalid_bytes: int = 0  # bytes that were not valid UTF-8, replaced by U+FFFD (a repaired UTF-8 file)


class CleanArticle(BaseModel):
    """Output of the clean stage: body text without page junk, plus metadata."""

    model_config = ConfigDict(frozen=True)
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    language: str = "und"  # ISO 639-1 code, "und" when unknown
    text: str
    subtitle: str | None = None  # deck / abstract from a header block: metadata, never body
    outlet: str | None = None  # publisher, when a header, the HTML or the file name names it
    dateline: str | None = None  # "CITY, Mon. D (Wire)" cut from the first paragraph
    # Where each non-null metadata field came from (field -> header, html, page_text, first_line, abstract_label,
    # dateline, file_name, folder_path); see docs/cleaning.md.
    metadata_source: dict[str, str] = Field(default_factory=dict)
    # Paragraphs judged junk (kept for diagnostics and corpus-level learning, never loaded as body).
    removed: tuple[str, ...] = ()


class ExtractedArticle(BaseModel):
    """An article ready to load: its file, its clean form and its claims."""

    model_config = ConfigDict(frozen=True)
    raw: RawFile
    article: CleanArticle
    claims: tuple[Claim, ...]
    extractor_version: str
    # Normalised short lines of the file, counted per site to learn page furniture (tasks/common/sites.py).
    furniture_candidates: tuple[str, ...] = ()
