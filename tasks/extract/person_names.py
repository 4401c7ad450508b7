"""Canonical naming: the written words of a person's name -> given names, surname, suffix, honorific.

'Former President Paul Lindholm' -> given ('Paul',), surname 'Lindholm', titles 'Former President'.
Junk around a name (quote marks, possessives, trailing dots, markup, descriptor words such as
'Democrat' or 'Billionaire' that the tagger folds into a name) never reaches the canonical form.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from tasks.extract.gender import HONORIFIC_GENDER, Gender, given_names, of_given_name

# Titles and honorifics written before a name: they go to the speaker's role, never the name.
TITLES: frozenset[str] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "prof",
        "professor",
        "sen",
        "senator",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "del",
        "delegate",
        "gov",
        "governor",
        "lt",
        "gen",
        "general",
        "col",
        "adm",
        "admiral",
        "maj",
        "sgt",
        "capt",
        "president",
        "minister",
        "prime",
        "premier",
        "secretary",
        "judge",
        "justice",
        "mayor",
        "chairman",
        "chairwoman",
        "chair",
        "ambassador",
        "director",
        "rev",
        "reverend",
        "lord",
        "lady",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "pope",
        "cardinal",
        "bishop",
        "rabbi",
        "imam",
        "father",
        "st",
        "vice",
        "deputy",
        "former",
        "acting",
        "chief",
        "attorney",
        "speaker",
        "leader",
        "commissioner",
        "chancellor",
        "councilman",
        "councilwoman",
        "sheriff",
        "superintendent",
        "madam",
        "madame",
        "pres",
        "supt",
    ]
)
# Capitalised descriptors the tagger folds into a name ('Democrat Ivo Lund', 'Billionaire X').
DESCRIPTORS: frozenset[str] = frozenset(
    [
        "democrat",
        "democrats",
        "democratic",
        "republican",
        "republicans",
        "gop",
        "independent",
        "libertarian",
        "conservative",
        "liberal",
        "progressive",
        "billionaire",
        "millionaire",
        "businessman",
        "businesswoman",
        "tycoon",
        "mogul",
        "magnate",
        "developer",
        "candidate",
        "nominee",
        "rival",
        "challenger",
        "incumbent",
        "frontrunner",
        "front-runner",
        "hopeful",
        "contender",
        "presumptive",
        "presidential",
        "activist",
        "author",
        "actor",
        "actress",
        "comedian",
        "host",
        "anchor",
        "pundit",
        "rapper",
        "singer",
        "star",
        "reporter",
        "columnist",
        "writer",
        "journalist",
        "commentator",
        "analyst",
        "economist",
        "strategist",
        "pollster",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "aide",
        "adviser",
        "advisor",
        "consultant",
        "lawyer",
        "attorney",
        "physicist",
        "historian",
        "professor",
        "scholar",
        "expert",
        "critic",
        "supporter",
        "donor",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "sen.",
        "rep.",
        "gov.",
        "gen.",
        "lt.",
        "col.",
        "rev.",
        "prof.",
        "del.",
        "u.s.",
        "us",
        "american",
        "then-candidate",
        "then-senator",
        "then-secretary",
        "ex",
        "newly",
        "elected",
    ]
)
SUFFIXES: frozenset[str] = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Lower-case particles that belong to a surname ('Ludwig van Beethoven', 'Charles de Gaulle').
PARTICLES: frozenset[str] = frozenset(
    {"de", "van", "von", "der", "da", "del", "di", "du", "la", "le", "al", "bin", "ibn", "dos", "das", "ter", "den"}
)
# Characters that are never part of a name: quote marks, markup, brackets.
JUNK_CHARS = "\"'“”‘’`´«»<>[](){}*_|"
POSSESSIVE_RE = re.compile(r"(?:['’‘]s|s['’‘]|['’‘])$")
INITIAL_RE = re.compile(r"^[A-Z]\.?$")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, diacritics dropped: the comparison form of names."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c)).lower()


def strip_possessive(text: str) -> str:
    """'Weiss’s' -> 'Weiss', 'Danes’' -> 'Danes'."""
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def clean_word(word: str) -> str:
    """One written word of a name without junk: '">Lund' -> 'Lund', 'Keller‘s' -> 'Keller', 'B' -> 'B.'."""
    w = POSSESSIVE_RE.sub("", word.strip())
    w = w.strip(JUNK_CHARS + ",;:!?")
    w = POSSESSIVE_RE.sub("", w).strip(JUNK_CHARS)
    if INITIAL_RE.match(w):
        return w[0] + "."
    if fold(w) in SUFFIXES:
        return w.rstrip(".").capitalize() + ("." if fold(w).startswith(("jr", "sr")) else "")
    return w.rstrip(".") if len(w) > 2 or not w.endswith(".") else w


@dataclass(frozen=True)
class PersonName:
    """A person's name as written once: parts, and what the words before it said."""

    given: tuple[str, ...]  # first and middle names or initials, in order
    surname: str
    suffix: str | None = None
    honorific: str | None = None  # 'Mr.', 'Mrs.' ... (the last one written)
    titles: str | None = None  # 'Former President', 'Sen.': role words written before the name

    @property
    def first(self) -> str | None:
        return self.given[0] if self.given else None

    @property
    def key(self) -> str:
        """The surname's comparison form ('o'neill', 'lindholm')."""
        return fold(self.surname.split()[-1])

    @property
    def text(self) -> str:
        return " ".join([*self.given, self.surname, *([self.suffix] if self.suffix else [])])

    @property
    def gender(self) -> Gender | None:
        if self.honorific:
            g = HONORIFIC_GENDER.get(fold(self.honorific))
            if g is not None:
                return g
        return of_given_name(self.first)

    @property
    def fullness(self) -> tuple[int, int]:
        """Orders forms of one person: more given names, then longer."""
        return (len(self.given) + (1 if self.suffix else 0), len(self.text))


HONORIFIC_WORDS: frozenset[str] = frozenset(k.rstrip(".") for k in HONORIFIC_GENDER)


def _is_lead_word(word: str) -> bool:
    low = fold(word)
    return low.rstrip(".") in TITLES or low in DESCRIPTORS


def parse_person_name(words: list[str]) -> PersonName | None:
    """The parts of a written name; None when nothing name-like is left once junk is dropped."""
    return _parse(tuple(words))


@functools.lru_cache(maxsize=65536)
def _parse(words_in: tuple[str, ...]) -> PersonName | None:
    words = list(words_in)
    # "Westfield's Dahl", "Morrow's Falk": a possessive before the name is a modifier, not part of it.
    owner = max((k for k, w in enumerate(words[:-1]) if POSSESSIVE_RE.search(w.rstrip(",")) and len(w) > 2), default=-1)
    words = words[owner + 1 :]
    cleaned = [c for c in (clean_word(w) for w in words) if c]
    honorific: str | None = None
    lead: list[str] = []
    while len(cleaned) > 1 and (
        _is_lead_word(cleaned[0])
        or not cleaned[0][:1].isalpha()
        or (cleaned[0][:1].islower() and fold(cleaned[0]) not in PARTICLES)
    ):
        word = cleaned.pop(0)
        if fold(word).rstrip(".") in HONORIFIC_GENDER or fold(word) in HONORIFIC_GENDER:
            honorific = word if word.endswith(".") or len(word) > 3 else word + "."
        if word[:1].isalpha():
            lead.append(word)
    # 'Northland Gov. Ruth Okafor', 'former Northland governor X': everything up to the last title word.
    last_title = max((k for k, w in enumerate(cleaned[:-1]) if _is_lead_word(w)), default=-1)
    if last_title == len(cleaned) - 2 and len(cleaned) >= 2 and fold(cleaned[-1]).rstrip(".") in TITLES:
        last_title = -1  # 'Mr. Bishop', 'Judge Judge': a surname may be a title word
    if last_title >= 0:
        lead.extend(cleaned[: last_title + 1])
        del cleaned[: last_title + 1]
    suffix = None
    while cleaned and fold(cleaned[-1]).rstrip(".") in SUFFIXES:
        suffix = cleaned.pop()
    # Trailing lower-case words ('Smith said') are not part of the name.
    while cleaned and cleaned[-1][:1].islower():
        cleaned.pop()
    if not cleaned or (len(cleaned) == 1 and honorific is None and _is_lead_word(cleaned[0])):
        return None  # 'President', 'Sen.' alone name nobody
    # 'Hold Marta Keller': a capitalised word before a known given name that is not one itself.
    names = given_names()
    if len(cleaned) >= 3 and fold(cleaned[0]) not in names and fold(cleaned[1]) in names:
        cleaned.pop(0)
    k = len(cleaned) - 1
    while k > 0 and fold(cleaned[k - 1]) in PARTICLES:
        k -= 1
    surname = " ".join(cleaned[k:])
    # Honorifics say the gender, not the role; a stray capitalised word ('Hold') says neither.
    titles = " ".join(w for w in lead if fold(w).rstrip(".") not in HONORIFIC_WORDS) or None
    return PersonName(tuple(cleaned[:k]), surname, suffix, honorific, titles)


def canonical_org_name(text: str) -> str:
    """An organisation's name without quote marks, possessive or a leading article's stray punctuation."""
    name = strip_possessive(text.strip().strip(JUNK_CHARS + ",;:"))
    return strip_possessive(name.strip(JUNK_CHARS + ",;:")).strip()
