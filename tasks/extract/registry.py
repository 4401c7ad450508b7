"""The people and organisations one article names, told apart by their full identity.

Registered in text order (tasks/extract/speakers.py). A person is keyed by surname *and* given
name, so 'Paul Lindholm' and 'Greta Lindholm' are two entities; a bare surname or 'Mr. X' goes to
the one person it can mean, chosen by gender, role and how the writer has used it, or to nobody.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field

from schemas import SpeakerKind
from tasks.extract.gender import Gender, compatible, of_given_name, of_role
from tasks.extract.person_names import PersonName, fold, parse_person_name

# Surname variants with at least this similarity are the same person (Sayeed / Saeed).
SURNAME_SIMILARITY = 0.83
MIN_FUZZY_LENGTH = 5
MAX_FUZZY_LENGTH_GAP = 2
# Title abbreviations written in roles, so 'Sen. X' is found by 'the senator'.
ROLE_ABBREVIATIONS: dict[str, str] = {
    "sen.": "senator",
    "sen": "senator",
    "rep.": "representative",
    "rep": "representative",
    "gov.": "governor",
    "gov": "governor",
    "pres.": "president",
    "gen.": "general",
    "lt.": "lieutenant",
    "sec.": "secretary",
    "del.": "delegate",
    "amb.": "ambassador",
    "prof.": "professor",
    "dr.": "doctor",
}


def normalise_role(role: str) -> str:
    """Folded role with title abbreviations written out: 'Sen. (D-Mass.)' -> 'senator (d-mass.)'."""
    return " ".join(ROLE_ABBREVIATIONS.get(w, w) for w in fold(role).split())


@dataclass(eq=False)
class Entity:
    """One referent of the article: a person, organization, government or group."""

    kind: SpeakerKind
    canonical: str = ""  # fullest form the article uses
    key: str = ""  # a person's folded surname; the folded name of anything else
    given: tuple[str, ...] = ()  # a person's folded given names (of the fullest form)
    gender: Gender | None = None
    role: str | None = None  # first role the article gives, as written
    roles: list[str] = field(default_factory=list)  # every role, normalised, for 'the senator'
    affiliation: str | None = None
    folded: set[str] = field(default_factory=set)  # folded written forms, for exact lookups
    written: set[str] = field(default_factory=set)  # a body's names as written (initials keep their case)
    fullness: tuple[int, int] = (0, 0)
    # Times the writer used each surname alone for this person ('Roe'; not a given name alone: 'Jane').
    bare: dict[str, int] = field(default_factory=dict)
    serial: int = 0  # registration order, which the indexes keep

    @property
    def first(self) -> str | None:
        return self.given[0] if self.given else None

    def note_bare(self, key: str) -> None:
        """The writer used the surname `key` alone for this person."""
        self.bare[key] = self.bare.get(key, 0) + 1

    def add_role(self, role: str | None) -> None:
        if not role:
            return
        if not self.role:
            self.role = role
        norm = normalise_role(role)
        if norm not in self.roles:
            self.roles.append(norm)
        if self.gender is None and self.kind == SpeakerKind.PERSON:
            self.gender = of_role(role)

    def add_person_form(self, name: PersonName) -> None:
        self.folded.add(fold(name.text))
        if name.fullness > self.fullness:
            self.fullness = name.fullness
            self.canonical = name.text
            self.key = name.key
            self.given = tuple(fold(g) for g in name.given)
        g = name.gender
        if g is not None and self.gender is None:
            self.gender = g


@dataclass(frozen=True)
class EntityMention:
    pos: int
    entity: Entity
    is_subject: bool
    quote: int  # index of the quotation holding the mention, -1 outside quotes


ACRONYM_SKIP = frozenset({"of", "the", "for", "and", "on", "in", "a", "an"})


def _initials(name: str) -> str:
    """'Harbor Development Agency' -> 'hda', 'Northfield Institute' -> 'ni' ('' for one word)."""
    words = [w for w in fold(name).split() if w not in ACRONYM_SKIP]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _initials_form(name: str) -> str:
    """'H.D.A.' -> 'hda', 'NI' -> 'ni': a written acronym, else ''."""
    bare = name.strip().removeprefix("the ").removeprefix("The ").replace(".", "")
    return bare.lower() if 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper() else ""


def _given_compatible(a: str, b: str) -> bool:
    """'paul' ~ 'paul', 'p.' ~ 'paul'; 'paul' !~ 'greta'."""
    if a == b:
        return True
    if a.endswith(".") and len(a) == 2:
        return b.startswith(a[0])
    if b.endswith(".") and len(b) == 2:
        return a.startswith(b[0])
    return False


def _surname_match(a: str, b: str) -> bool:
    if a == b:
        return True
    return (
        len(a) >= MIN_FUZZY_LENGTH
        and len(b) >= MIN_FUZZY_LENGTH
        and abs(len(a) - len(b)) <= MAX_FUZZY_LENGTH_GAP
        and a[0] == b[0]
        and difflib.SequenceMatcher(None, a, b).ratio() >= SURNAME_SIMILARITY
    )


# How far back (characters) a shared surname looks for the person mentioned last.
CHOOSE_WINDOW = 20_000


class Registry:
    """The entities of one article and where each is mentioned (mentions kept in text order)."""

    def __init__(self, quotes: list[tuple[int, int]] | None = None, sentence_ends: list[int] | None = None) -> None:
        self.entities: list[Entity] = []
        # Where the article's sentence units end (`tasks/extract/paragraphs.py`), for 'in the same
        # sentence'; none given: one sentence.
        self._sentence_ends = sorted(sentence_ends or [])
        self.mentions: list[EntityMention] = []
        self._positions: list[int] = []
        self.quotes = sorted(quotes or [])
        self._quote_starts = [q[0] for q in self.quotes]
        self._people: list[Entity] = []
        # People by surname key, by first given name, and surname keys by initial (for spelling variants):
        # kept as forms are added, so a lookup costs what one name has, not what the article has.
        self._by_key: dict[str, list[Entity]] = {}
        self._by_first: dict[str, list[Entity]] = {}
        self._keys_by_initial: dict[str, set[str]] = {}
        self._initial_version: dict[str, int] = {}  # bumped when an initial's keys change
        self._similar: dict[str, tuple[int, list[str]]] = {}  # key -> (version, similar keys)
        self._bodies: list[Entity] = []
        # Bodies by folded name, by the initials of a name, by a written acronym, by a name's last word.
        self._by_name: dict[str, Entity] = {}
        self._by_initials: dict[str, set[Entity]] = {}
        self._by_acronym: dict[str, set[Entity]] = {}
        self._by_last_word: dict[str, set[Entity]] = {}
        self.pronouns: dict[int, Entity] = {}  # pronoun position -> entity it was resolved to
        self.embedded_subjects: set[int] = set()  # positions of subjects of embedded clauses

    # --- positions ---------------------------------------------------------------------------

    def quote_at(self, pos: int) -> int:
        """Index of the (outermost) quotation containing `pos`, -1 when outside quotes."""
        k = bisect.bisect_right(self._quote_starts, pos) - 1
        if k >= 0 and self.quotes[k][0] <= pos < self.quotes[k][1]:
            return k
        return -1

    def same_sentence(self, a: int, b: int) -> bool:
        """Whether positions a <= b lie in one sentence of the article."""
        return bisect.bisect_left(self._sentence_ends, a) == bisect.bisect_left(self._sentence_ends, b)

    def visible_before(self, pos: int, window: int | None = None) -> Iterator[EntityMention]:
        """Mentions before `pos`, most recent first; names inside a quote count only inside it."""
        quote = self.quote_at(pos)
        for i in range(bisect.bisect_left(self._positions, pos) - 1, -1, -1):
            m = self.mentions[i]
            if window is not None and pos - m.pos > window:
                return
            if m.quote == -1 or m.quote == quote:
                yield m

    def mention(self, ent: Entity, pos: int, is_subject: bool = False) -> None:
        k = bisect.bisect_right(self._positions, pos)
        self._positions.insert(k, pos)
        self.mentions.insert(k, EntityMention(pos, ent, is_subject, self.quote_at(pos)))

    # --- people --------------------------------------------------------------------------------

    def people(self) -> list[Entity]:
        return self._people

    def _new(self, ent: Entity) -> Entity:
        ent.serial = len(self.entities)
        self.entities.append(ent)
        (self._people if ent.kind == SpeakerKind.PERSON else self._bodies).append(ent)
        return ent

    def person_for(self, name: PersonName, pos: int) -> Entity | None:
        """The registered person this written name means, or None (unknown, or undecidable)."""
        key = name.key
        same = self._with_key(key) or self._with_similar_key(key)
        gender = name.gender
        if name.given:
            first = fold(name.given[0])
            full = [e for e in same if e.given and _given_compatible(e.given[0], first)]
            if full:
                return full[0]
            bare = [e for e in same if not e.given and compatible(e.gender, gender)]
            others = [e for e in same if e.given]
            if bare and not others:
                return bare[0]
            # 'Jane' first, 'Jane Lund' later: the given name alone was this person.
            alone = [e for e in self._with_key(first) if not e.given and compatible(e.gender, gender)]
            return alone[0] if len(alone) == 1 else None
        if not same:
            # 'Greta' alone: the one person of that given name.
            by_first = self._by_first.get(key, [])
            return by_first[0] if len(by_first) == 1 else None
        cands = [e for e in same if compatible(e.gender, gender)]
        if len(cands) <= 1:
            return cands[0] if cands else None
        return self._choose(cands, name, pos)

    def _with_key(self, key: str) -> list[Entity]:
        return self._by_key.get(key, [])

    def _with_similar_key(self, key: str) -> list[Entity]:
        """People whose surname is a spelling variant of `key`, in registration order."""
        if not key:
            return []
        version = self._initial_version.get(key[0], 0)
        cached = self._similar.get(key)
        if cached is not None and cached[0] == version:
            keys = cached[1]
        else:
            keys = sorted(k for k in self._keys_by_initial.get(key[0], ()) if _surname_match(k, key))
            self._similar[key] = (version, keys)
        return sorted((e for k in keys for e in self._by_key[k]), key=lambda e: e.serial)

    def _reindex(self, ent: Entity, old_key: str, old_first: str | None) -> None:
        """Keep the indexes true after `ent` took a fuller form (its key or given name may change)."""
        if (ent.key, ent.first) == (old_key, old_first) and ent in self._by_key.get(ent.key, ()):
            return
        for index, old, new in ((self._by_key, old_key, ent.key), (self._by_first, old_first, ent.first)):
            if old and ent in index.get(old, ()):
                index[old].remove(ent)
                if not index[old]:
                    del index[old]
                    if index is self._by_key:
                        self._keys_by_initial[old[0]].discard(old)
                        self._initial_version[old[0]] = self._initial_version.get(old[0], 0) + 1
            if new:
                group = index.setdefault(new, [])
                if ent not in group:
                    group.append(ent)
                    group.sort(key=lambda e: e.serial)
                if index is self._by_key and new not in self._keys_by_initial.setdefault(new[0], set()):
                    self._keys_by_initial[new[0]].add(new)
                    self._initial_version[new[0]] = self._initial_version.get(new[0], 0) + 1

    def _choose(self, cands: list[Entity], name: PersonName, pos: int) -> Entity | None:
        """Two people share the surname: the context decides, or nobody is chosen."""
        if name.titles:
            role = normalise_role(name.titles)
            by_role = [e for e in cands if any(w in r for r in e.roles for w in role.split() if len(w) > 3)]
            if len(by_role) == 1:
                return by_role[0]
        if name.gender is not None:
            by_gender = [e for e in cands if e.gender == name.gender]
            if len(by_gender) == 1:
                return by_gender[0]
        # The writer's convention: the person already called by the bare surname keeps it.
        used = [e for e in cands if e.bare.get(name.key)]
        if len(used) == 1:
            return used[0]
        # Else the one mentioned last; never mentioned before here: nobody.
        for m in self.visible_before(pos, CHOOSE_WINDOW):
            if m.entity in cands:
                return m.entity
        return None

    def add_person(
        self, name: PersonName, pos: int, *, role: str | None = None, is_subject: bool = False
    ) -> Entity | None:
        """Register a mention of a person; returns its entity (new or known), None when undecidable."""
        ent = self.person_for(name, pos)
        if ent is None:
            if self._with_key(name.key) and not name.given:
                return None  # a bare surname two people share and nothing decides: no guess
            ent = self._new(Entity(kind=SpeakerKind.PERSON))
        old = (ent.key, ent.first)
        ent.add_person_form(name)
        self._reindex(ent, *old)
        if not name.given:
            ent.note_bare(name.key)
        ent.add_role(role or name.titles)
        self.mention(ent, pos, is_subject)
        return ent

    def person_by_surname(self, word: str, pos: int, *, named_in_full: bool = False) -> Entity | None:
        """The person whose surname is exactly this one word ('Holt' the tagger called a place or a
        common noun), chosen as `person_for` chooses; with `named_in_full`, only someone the article
        also names with a given name."""
        name = parse_person_name([word])
        known = self.person_for(name, pos) if name is not None else None
        if known is None or name is None or (named_in_full and not known.given):
            return None
        # The surname, or the first word of a name written family name first ('Ban' of 'Ban Ki-moon').
        return known if name.key in (known.key, known.first) else None

    def person_named_as_body(self, words: list[str], pos: int) -> Entity | None:
        """'Jane Roe' the tagger called an organisation here: the person the article names so elsewhere
        (a given name first and the full name known; never a body's name that merely starts with one)."""
        words = [w for w in words if w.lower() != "the"]
        if not 2 <= len(words) <= 3 or of_given_name(words[0]) is None:
            return None
        name = parse_person_name(words)
        if name is None or not name.given or self.org_for(" ".join(words)) is not None:
            return None  # also registered as a body: the tagger's organisation stands
        known = self.person_for(name, pos)
        return known if known is not None and known.given and known.key == name.key else None

    def find_person_text(self, text: str, pos: int) -> Entity | None:
        name = parse_person_name(text.split())
        return self.person_for(name, pos) if name is not None else None

    # --- organisations, governments, groups ----------------------------------------------------------

    def org_for(self, name: str) -> Entity | None:
        """The body this name means: the same name, its initials ('H.D.A.' / 'Harbor Development Agency'), or the
        last word of one longer name ('the Herald' / 'The Westfield Herald')."""
        low = fold(name)
        if low.startswith("the "):
            low = low[4:]
        exact = self._by_name.get(low)
        if exact is not None:
            return exact
        short = _initials_form(name)
        if short and len(self._by_initials.get(short, ())) == 1:
            return next(iter(self._by_initials[short]))
        initials = _initials(low)
        if initials and len(self._by_acronym.get(initials, ())) == 1:
            return next(iter(self._by_acronym[initials]))
        if len(low.split()) == 1 and low.isalpha() and len(self._by_last_word.get(low, ())) == 1:
            return next(iter(self._by_last_word[low]))
        return None

    def add_org(self, name: str, kind: SpeakerKind, pos: int, *, is_subject: bool = False) -> Entity | None:
        if not name or not any(c.isalpha() for c in name):
            return None
        ent = self.org_for(name)
        if ent is None:
            ent = self._new(Entity(kind=kind, canonical=name, key=fold(name)))
        low = fold(name)
        low = low[4:] if low.startswith("the ") else low
        ent.folded.add(low)
        ent.written.add(name)
        self._by_name.setdefault(low, ent)
        if _initials(low):
            self._by_initials.setdefault(_initials(low), set()).add(ent)
        if _initials_form(name):
            self._by_acronym.setdefault(_initials_form(name), set()).add(ent)
        if len(low.split()) >= 2:
            self._by_last_word.setdefault(low.split()[-1], set()).add(ent)
        if (len(name) > len(ent.canonical) or _initials_form(ent.canonical)) and not _initials_form(name):
            ent.canonical = name
        self.mention(ent, pos, is_subject)
        return ent
