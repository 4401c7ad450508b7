"""Name normalisation shared by the loader and the analysis layer."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
# Words that refer to a speaker without naming one: never stored as an alias.
PRONOUNS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "him",
        "her",
        "them",
        "us",
        "me",
        "his",
        "hers",
        "its",
        "their",
        "our",
        "who",
        "which",
        "this",
        "that",
        "these",
        "those",
    ]
)


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: 'Çağla  Yılmaz' -> 'cagla yilmaz'."""
    if name.isascii():  # fast path (article bodies are keyed whole): nothing to decompose
        return _NON_WORD.sub(" ", name.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("ı", "i")  # dotless i has no decomposition
    return _NON_WORD.sub(" ", stripped.casefold()).strip()


def is_pronoun(text: str) -> bool:
    return name_key(text) in PRONOUNS
