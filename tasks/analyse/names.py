"""Name forms for identity resolution: titles stripped, surname, and a transliteration-tolerant key.

The loader's `name_key` already folds case, accents and punctuation ("Çağla" -> "cagla"). Names that
reach English news through different romanisations still differ ("sayeed" / "saeed", "ganiyev" /
"ganiev"), so candidates are generated on a coarser key, and evidence decides (docs/identity.md).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from tasks.common.name_keys import name_key

# Words in front of a name that are not part of it. Generic English titles only.
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "reverend",
        "fr",
        "father",
        "sheikh",
        "president",
        "vice",
        "prime",
        "minister",
        "pm",
        "premier",
        "chancellor",
        "secretary",
        "senator",
        "sen",
        "rep",
        "representative",
        "governor",
        "gov",
        "mayor",
        "ambassador",
        "general",
        "gen",
        "colonel",
        "col",
        "major",
        "maj",
        "captain",
        "capt",
        "lieutenant",
        "lt",
        "admiral",
        "adm",
        "commander",
        "sergeant",
        "sgt",
        "judge",
        "justice",
        "king",
        "queen",
        "prince",
        "princess",
        "chairman",
        "chairwoman",
        "chair",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "deputy",
        "mp",
        "mep",
        "the",
    ]
)
MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince", "father", "fr", "chairman", "spokesman"})
FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "chairwoman", "spokeswoman"})

# Applied in order to a name_key token; coarse on purpose (candidate generation, not proof).
_TRANSLIT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        ("ə", "a"),
        ("dzh|dj|zh", "j"),
        ("kh|x", "h"),
        ("sch|sh", "s"),
        ("ch|tch", "c"),
        ("ph", "f"),
        ("w", "v"),
        ("q", "g"),
        ("ou", "u"),
        ("(?<=[aeiou])y(?=[aeiou])", ""),  # sayeed -> saeed, ganiyev -> ganiev (via i-y-e)
        ("(?<=[aeiou])y$", "i"),
        ("(?<=i)y", ""),
        (r"(.)\1+", r"\1"),  # doubled letters
    )
)


@functools.lru_cache(maxsize=1 << 16)
def translit_token(token: str) -> str:
    """'sayeed' and 'saeed' -> 'saeed'; 'ganiyev' and 'ganiev' -> 'ganiev'."""
    out = token
    for pattern, repl in _TRANSLIT_RULES:
        out = pattern.sub(repl, out)
    return out


@dataclass(frozen=True)
class NameParts:
    """A name without its titles: tokens (name_key form) and what the titles said about gender."""

    tokens: tuple[str, ...]
    gender: str | None  # 'm' / 'f' from a title such as Mr. / Ms., else None

    @property
    def is_full(self) -> bool:
        """At least a given name and a surname."""
        return len(self.tokens) >= 2

    @property
    def surname(self) -> str:
        return self.tokens[-1] if self.tokens else ""

    @property
    def key(self) -> str:
        return " ".join(self.tokens)

    @property
    def translit(self) -> tuple[str, ...]:
        return tuple(translit_token(t) for t in self.tokens)


@functools.lru_cache(maxsize=1 << 16)
def name_parts(name: str) -> NameParts:
    """Split off leading titles ("Mr.", "President", "the") and keep the rest as name tokens."""
    tokens = name_key(name).split()
    gender: str | None = None
    while len(tokens) > 1 and tokens[0] in TITLES:
        if tokens[0] in MALE_TITLES:
            gender = "m"
        elif tokens[0] in FEMALE_TITLES:
            gender = "f"
        tokens = tokens[1:]
    return NameParts(tuple(tokens), gender)


def same_person_name(a: NameParts, b: NameParts) -> str | None:
    """How two full names match: 'same_name', 'transliteration', or None when they name different people.

    Given name and surname must match (exactly or by transliteration key); middle names may be missing on
    one side ("A B C" / "A C") but must not contradict.
    """
    if not (a.is_full and b.is_full):
        return None
    if a.tokens == b.tokens:
        return "same_name"
    ta, tb = a.translit, b.translit
    if ta[0] != tb[0] or ta[-1] != tb[-1]:
        return None
    mid_a, mid_b = set(ta[1:-1]), set(tb[1:-1])
    if not (mid_a <= mid_b or mid_b <= mid_a):
        return None
    if a.tokens[0] == b.tokens[0] and a.tokens[-1] == b.tokens[-1]:
        return "same_name"  # only a middle name differs
    return "transliteration"


def acronym(name: str) -> str:
    """Initials of the significant words: 'Harbor Development Agency' -> 'hda'."""
    skip = {"of", "the", "and", "for", "on", "in", "de", "la", "a"}
    return "".join(t[0] for t in name_key(name).split() if t not in skip)


def strip_article(key: str) -> str:
    """'the kremlin' -> 'kremlin': a leading article is not part of an organisation's name."""
    return key[4:] if key.startswith("the ") else key
