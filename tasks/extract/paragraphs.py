"""Paragraph layout of clean text: offsets, headlines, and which paragraphs need parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

# A paragraph ending in none of these (and short) reads as a headline, caption or label.
TERMINAL_CHARS = ".!?…:;\"”’»)'"
HEADLINE_MAX_WORDS = 25
PARAGRAPH_RE = re.compile(r"[^\n]+")


@dataclass
class Paragraph:
    """One paragraph of the article; `doc` is set when it was parsed."""

    start: int
    end: int
    text: str
    headline: bool
    doc: Doc | None = None


def is_headline(text: str) -> bool:
    """Headlines, captions and labels: short and without sentence-final punctuation."""
    stripped = text.rstrip()
    if not stripped:
        return True
    return stripped[-1] not in TERMINAL_CHARS and len(stripped.split()) <= HEADLINE_MAX_WORDS


def split_paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines of the clean text with their offsets (leading/trailing blanks trimmed)."""
    out: list[Paragraph] = []
    for m in PARAGRAPH_RE.finditer(text):
        raw = m.group(0)
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if not body:
            continue
        start = m.start() + lead
        out.append(Paragraph(start, start + len(body), body, is_headline(body)))
    return out
