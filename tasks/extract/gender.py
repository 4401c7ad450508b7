"""Grammatical gender of a person as the text shows it: honorifics, gendered role nouns, given names.

Used to keep 'he' off a woman and 'Mrs. X' off a man. Each source only ever says m, f or None:
an unknown gender never vetoes anything.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Literal

Gender = Literal["m", "f"]

HONORIFIC_GENDER: dict[str, Gender] = {
    "mr": "m",
    "mr.": "m",
    "sir": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "madam": "f",
    "madame": "f",
    "dame": "f",
}
# Role and kinship nouns that say the person's gender ('his wife', 'the congresswoman').
GENDERED_NOUNS: dict[str, Gender] = {
    "wife": "f",
    "mother": "f",
    "daughter": "f",
    "sister": "f",
    "woman": "f",
    "girl": "f",
    "widow": "f",
    "grandmother": "f",
    "aunt": "f",
    "niece": "f",
    "actress": "f",
    "congresswoman": "f",
    "chairwoman": "f",
    "spokeswoman": "f",
    "businesswoman": "f",
    "councilwoman": "f",
    "husband": "m",
    "father": "m",
    "son": "m",
    "brother": "m",
    "man": "m",
    "boy": "m",
    "widower": "m",
    "grandfather": "m",
    "uncle": "m",
    "nephew": "m",
    "actor": "m",
    "congressman": "m",
    "businessman": "m",
    "councilman": "m",
}
# 'first lady' is two words; checked on the folded role phrase.
GENDERED_PHRASES: dict[str, Gender] = {"first lady": "f"}
PRONOUN_GENDER: dict[str, Gender] = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
NAMES_FILE = "given_names.tsv"


@functools.lru_cache(maxsize=1)
def given_names() -> dict[str, Gender]:
    """Given name (lower case) -> gender, from the shipped lexicon (bench/build_given_names.py)."""
    out: dict[str, Gender] = {}
    text = resources.files("tasks.extract").joinpath("data", NAMES_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, g = line.partition("\t")
        out[name] = "f" if g == "f" else "m"
    return out


def of_given_name(name: str | None) -> Gender | None:
    """'Greta' -> f, 'Paul' -> m, 'Kim' -> None (used for both)."""
    if not name:
        return None
    return given_names().get(name.lower().strip("."))


def of_role(role: str | None) -> Gender | None:
    """'his wife' -> f, 'Mrs.' -> f, 'Lindholm campaign spokesman' -> None (spokesman is used of women too)."""
    if not role:
        return None
    low = role.lower()
    for phrase, g in GENDERED_PHRASES.items():
        if phrase in low:
            return g
    for word in low.replace(",", " ").split():
        found = HONORIFIC_GENDER.get(word) or GENDERED_NOUNS.get(word)
        if found is not None:
            return found
    return None


def compatible(a: Gender | None, b: Gender | None) -> bool:
    """Unknown agrees with anything."""
    return a is None or b is None or a == b
