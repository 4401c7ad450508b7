"""Within-article speaker tracking: names, titles, pronouns and descriptions -> one canonical speaker.

An article first registers every named entity it mentions (in order); each claim's subject is
then resolved against that registry. The canonical name is the longest form the article uses;
spelling variants of a surname (Sayeed / Saeed) are merged by string similarity.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from schemas import SpeakerKind
from tasks.extract.cues import GOVERNMENT_WORDS, QUANTITY_SUBJECTS, SPEAKER_NOUNS, STATEMENT_NOUNS

# Words dropped from a name when building its key and canonical form.
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
        "gov",
        "governor",
        "president",
        "minister",
        "prime",
        "secretary",
        "gen",
        "general",
        "judge",
        "mayor",
        "chairman",
        "ambassador",
        "director",
        "rev",
        "lord",
        "lady",
        "king",
        "queen",
        "prince",
        "sheikh",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "sen.",
        "rep.",
        "gov.",
        "gen.",
        "prof.",
        "rev.",
        "st.",
        "vice",
        "deputy",
    ]
)
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her"})
PLURAL_PRONOUNS: frozenset[str] = frozenset({"they", "them"})
FIRST_PERSON: frozenset[str] = frozenset({"i", "we", "me", "us"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that"})
# 'It said ...' of a company, agency or report: resolved like 'they', to the body last named.
BODY_PRONOUNS: frozenset[str] = frozenset({"it"})
# Surname variants with at least this similarity are the same person (Sayeed / Saeed).
SURNAME_SIMILARITY = 0.83
MIN_FUZZY_LENGTH = 5
MAX_FUZZY_LENGTH_GAP = 2
# A pronoun looks back this far (characters) for a person named as a subject.
SUBJECT_WINDOW = 1500
# Dependency labels cut off when taking a subject's own words (appositions, relative clauses...).
MENTION_CUT_DEPS: frozenset[str] = frozenset(
    {"appos", "relcl", "acl", "punct", "cc", "conj", "advmod", "parataxis", "prep"}
)
CLOSING_BRACKETS = ")]"
MAX_ROLE_TOKENS = 25
# Proper nouns that end an organization's name, so a name after them is a person's.
ORG_HEAD_WORDS: frozenset[str] = frozenset(
    [
        "university",
        "institute",
        "center",
        "centre",
        "party",
        "agency",
        "ministry",
        "committee",
        "council",
        "bank",
        "company",
        "group",
        "association",
        "union",
        "foundation",
        "news",
        "times",
        "post",
        "school",
        "college",
        "academy",
        "department",
        "office",
        "service",
        "corporation",
        "inc",
        "ltd",
        "fund",
    ]
)
NAME_LABELS: dict[str, SpeakerKind] = {
    "PERSON": SpeakerKind.PERSON,
    "ORG": SpeakerKind.ORGANIZATION,
    "GPE": SpeakerKind.GOVERNMENT,
    "NORP": SpeakerKind.GROUP,
}

# Confidence of the speaker, by how it was found.
CONF_NAMED = 0.9
CONF_SURNAME = 0.85
CONF_NOUN = 0.75
CONF_DESCRIPTION = 0.65
CONF_PRONOUN = 0.6
CONF_UNRESOLVED = 0.35


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, diacritics dropped: the comparison form of names."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c)).lower()


def strip_possessive(text: str) -> str:
    """'Putin’s' -> 'Putin'."""
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def name_words(name: str) -> list[str]:
    """The words of a name without titles or punctuation."""
    words = [w.strip(".,") for w in strip_possessive(name).split()]
    return [w for w in words if w and fold(w) not in TITLES]


@dataclass
class Entity:
    """One referent of the article: a person, organization, government or group."""

    kind: SpeakerKind
    forms: list[str] = field(default_factory=list)
    role: str | None = None
    canonical: str = ""  # longest form the article uses
    key: str = ""  # folded last word of the canonical form (the surname of a person)
    folded: set[str] = field(default_factory=set)  # folded forms, for exact lookups

    def add_form(self, form: str) -> None:
        """Record a written form; the canonical name is the longest one."""
        if form in self.forms:
            return
        self.forms.append(form)
        self.folded.add(fold(form))
        if not self.canonical or (len(form.split()), len(form)) > (len(self.canonical.split()), len(self.canonical)):
            self.canonical = form
            self.key = fold(form.split()[-1])


@dataclass(frozen=True)
class EntityMention:
    pos: int
    entity: Entity
    is_subject: bool
    quote: int  # index of the quotation holding the mention, -1 outside quotes


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker of one claim."""

    name: str | None
    kind: SpeakerKind
    role: str | None
    mention: tuple[int, int] | None  # offsets of the words this sentence uses
    confidence: float


class Registry:
    """The entities of one article and where each is mentioned."""

    def __init__(self, quotes: list[tuple[int, int]] | None = None) -> None:
        self.entities: list[Entity] = []
        self.mentions: list[EntityMention] = []
        self.quotes = quotes or []

    def quote_at(self, pos: int) -> int:
        """Index of the quotation containing `pos`, -1 when outside quotes."""
        for k, (start, end) in enumerate(self.quotes):
            if start <= pos < end:
                return k
        return -1

    def _visible(self, m: EntityMention, pos: int) -> bool:
        """Names inside a quote only count for pronouns inside the same quote."""
        return m.pos < pos and (m.quote == -1 or m.quote == self.quote_at(pos))

    def find(self, name: str, kind: SpeakerKind) -> Entity | None:
        """An entity this name refers to: same surname, or a close spelling variant."""
        words = name_words(name)
        if not words:
            return None
        last = fold(words[-1])
        full = fold(" ".join(words))
        for ent in self.entities:
            if (ent.kind == SpeakerKind.PERSON) != (kind == SpeakerKind.PERSON):
                continue
            if kind != SpeakerKind.PERSON:
                if full in ent.folded:
                    return ent
                continue
            if ent.key == last:
                return ent
            if (
                len(last) >= MIN_FUZZY_LENGTH
                and len(ent.key) >= MIN_FUZZY_LENGTH
                and abs(len(last) - len(ent.key)) <= MAX_FUZZY_LENGTH_GAP
                and ent.key[0] == last[0]
                and (difflib.SequenceMatcher(None, ent.key, last).ratio() >= SURNAME_SIMILARITY)
            ):
                return ent
        return None

    def add(
        self, name: str, kind: SpeakerKind, pos: int, *, role: str | None = None, is_subject: bool = False
    ) -> Entity | None:
        """Register a mention of a name; returns its entity (new or merged)."""
        words = name_words(name)
        if not words:
            return None
        clean = " ".join(words) if kind == SpeakerKind.PERSON else strip_possessive(name).strip()
        ent = self.find(clean, kind)
        if ent is None:
            ent = Entity(kind=kind)
            self.entities.append(ent)
        ent.add_form(clean)
        if role and not ent.role:
            ent.role = role
        self.mentions.append(EntityMention(pos, ent, is_subject, self.quote_at(pos)))
        return ent

    def last_person(self, pos: int) -> Entity | None:
        """The person a 'he'/'she' at `pos` most likely means: last subject nearby, else last named."""
        before = [m for m in self.mentions if self._visible(m, pos) and m.entity.kind == SpeakerKind.PERSON]
        for m in reversed(before):
            if m.is_subject and pos - m.pos <= SUBJECT_WINDOW:
                return m.entity
        return before[-1].entity if before else None

    def last_collective(self, pos: int) -> Entity | None:
        """The organization, government or group a 'they' at `pos` most likely means."""
        for m in reversed(self.mentions):
            if self._visible(m, pos) and m.entity.kind != SpeakerKind.PERSON and pos - m.pos <= SUBJECT_WINDOW:
                return m.entity
        return None

    def by_role(self, noun: str, modifiers: list[str], pos: int) -> Entity | None:
        """'the Russian president' -> last person whose role holds 'president' (and 'Russian')."""
        best: Entity | None = None
        for m in self.mentions:
            if not self._visible(m, pos) or not m.entity.role:
                continue
            role = fold(m.entity.role)
            if noun in role and all(fold(x) in role for x in modifiers):
                best = m.entity
        return best


def token_span(tokens: list[Token]) -> tuple[int, int]:
    """Character span (doc-relative) of a contiguous token list."""
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def mention_tokens(head: Token) -> list[Token]:
    """The subject's own words: its subtree without appositions, relative clauses or punctuation."""
    keep: list[Token] = [head]
    stack = [c for c in head.children if c.dep_ not in MENTION_CUT_DEPS]
    for c in head.children:
        # "the head of the IMF", "Director of the Institute X": keep 'of'-phrases on the left/head.
        if c.dep_ == "prep" and c.lower_ == "of" and c.i > head.i and head.pos_ != "PROPN":
            stack.append(c)
    while stack:
        tok = stack.pop()
        keep.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in {"relcl", "appos", "punct"} or c.i < head.i)
    keep.sort(key=lambda t: t.i)
    # Keep the contiguous run around the head.
    idx = [t.i for t in keep]
    lo = hi = idx.index(head.i)
    while lo > 0 and idx[lo - 1] == idx[lo] - 1:
        lo -= 1
    while hi < len(idx) - 1 and idx[hi + 1] == idx[hi] + 1:
        hi += 1
    run = keep[lo : hi + 1]
    while run and (run[0].is_punct or run[0].dep_ == "case"):
        run = run[1:]
    while run and (run[-1].is_punct or run[-1].dep_ == "case"):
        run = run[:-1]
    return run or [head]


def appositive_role(head: Token) -> str | None:
    """'Erik Halvorsen, a senior advisor at X,' -> 'a senior advisor at X'."""
    for c in head.children:
        if c.dep_ == "appos":
            toks = [t for t in c.subtree]
            while toks and toks[-1].is_punct and toks[-1].text not in CLOSING_BRACKETS:
                toks = toks[:-1]
            if toks and c.i > head.i and len(toks) <= MAX_ROLE_TOKENS and toks[0].i - head.i <= 3:
                return head.doc[toks[0].i : toks[-1].i + 1].text
    return None


def _ent_of(tokens: list[Token], labels: tuple[str, ...]) -> Span | None:
    ids = {t.i for t in tokens}
    doc = tokens[0].doc
    for ent in doc.ents:
        if ent.label_ in labels and ent.start in ids and (ent.end - 1) in ids:
            return ent
    return None


def _strip_det(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].dep_ in {"det", "predet"} or tokens[0].is_punct):
        tokens = tokens[1:]
    return tokens


class SpeakerResolver:
    """Resolves the subject token of a cue to a Speaker using the article registry."""

    def __init__(self, registry: Registry, author: str | None) -> None:
        self.registry = registry
        self.author = author

    def resolve(self, subj: Token, offset: int, quote_speaker: Speaker | None = None) -> Speaker | None:
        """Speaker for `subj` (doc token; `offset` maps doc chars to article chars)."""
        head = self._source_head(subj)
        low = head.lower_
        pos = offset + head.idx
        span = (pos, pos + len(head.text))
        if low in QUANTITY_SUBJECTS or head.lemma_.lower() in QUANTITY_SUBJECTS:
            # '55 percent of voters', 'those surveyed': a part of a group, named by the whole phrase.
            m_start, m_end = token_span(mention_tokens(head))
            words = head.doc.text[m_start:m_end]
            return Speaker(words, SpeakerKind.GROUP, None, (offset + m_start, offset + m_end), CONF_NOUN)
        if head.pos_ == "PRON" or low in PERSON_PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON:
            return self._pronoun(low, pos, span, quote_speaker)
        toks = mention_tokens(head)
        m_start, m_end = token_span(toks)
        mention = (offset + m_start, offset + m_end)
        role = appositive_role(head)
        lemma = head.lemma_.lower()
        person = _ent_of(toks, ("PERSON",))
        if person is not None:
            return self._person(toks, person, mention, role, pos)
        embedded = _embedded_name(head)
        if embedded:
            full = sorted({*toks, *embedded}, key=lambda t: t.i)
            m_start, m_end = token_span([full[0], full[-1]])
            return self._person(full, None, (offset + m_start, offset + m_end), role, pos, embedded)
        if self._looks_like_name(toks):
            return self._person(toks, person, mention, role, pos)
        stripped = _strip_det(toks)
        text = head.doc[stripped[0].i : toks[-1].i + 1].text if stripped else head.text
        described = self._description(head, toks, pos)
        if described is not None:
            ent, conf = described
            return Speaker(ent.canonical, ent.kind, text, mention, conf)
        org = _ent_of(toks, ("ORG", "GPE", "NORP", "FAC"))
        if lemma in GOVERNMENT_WORDS or fold(text) in GOVERNMENT_WORDS:
            return Speaker(strip_possessive(text), SpeakerKind.GOVERNMENT, role, mention, CONF_NOUN)
        if org is not None:
            return self._organization(toks, org, head, mention, role)
        if lemma in SPEAKER_NOUNS or head.pos_ == "PROPN":
            kind = SpeakerKind.GROUP if head.tag_ in {"NNS", "NNPS"} else SpeakerKind.UNKNOWN
            if head.pos_ == "PROPN":
                kind = SpeakerKind.ORGANIZATION
            return Speaker(strip_possessive(text), kind, role, mention, CONF_NOUN)
        return Speaker(strip_possessive(text), SpeakerKind.UNKNOWN, role, mention, CONF_UNRESOLVED)

    def _source_head(self, subj: Token) -> Token:
        """'X's comments' -> X; 'who' in a relative clause -> the noun it modifies."""
        if subj.lemma_.lower() in STATEMENT_NOUNS:
            for c in subj.children:
                if c.dep_ == "poss":
                    return c
        if subj.lower_ in RELATIVE_PRONOUNS and subj.head.dep_ == "relcl":
            return subj.head.head
        return subj

    def _pronoun(self, low: str, pos: int, span: tuple[int, int], quote_speaker: Speaker | None) -> Speaker | None:
        if low in FIRST_PERSON:
            if quote_speaker is not None:
                return Speaker(
                    quote_speaker.name,
                    quote_speaker.kind,
                    quote_speaker.role,
                    span,
                    min(quote_speaker.confidence, CONF_PRONOUN),
                )
            if self.author:
                return Speaker(self.author, SpeakerKind.PERSON, None, span, CONF_PRONOUN)
            return Speaker(None, SpeakerKind.UNKNOWN, None, span, CONF_UNRESOLVED)
        ent: Entity | None
        if low in PERSON_PRONOUNS:
            ent = self.registry.last_person(pos)
        elif low in PLURAL_PRONOUNS or low in BODY_PRONOUNS:
            ent = self.registry.last_collective(pos)  # 'it said': the company or agency last named
        else:
            return None  # "it", "this", "one": not a speaker we can name
        if ent is None:
            return Speaker(None, SpeakerKind.UNKNOWN, None, span, CONF_UNRESOLVED)
        return Speaker(ent.canonical, ent.kind, ent.role, span, CONF_PRONOUN)

    def _looks_like_name(self, toks: list[Token]) -> bool:
        """Proper nouns that the registry already knows as a person ('Halvorsen', 'Saeed')."""
        propn = [
            t
            for t in toks
            if t.pos_ == "PROPN" and fold(t.text) not in TITLES and t.ent_type_ not in {"GPE", "ORG", "NORP", "FAC"}
        ]
        if not propn:
            return False
        return self.registry.find(propn[-1].text, SpeakerKind.PERSON) is not None

    def _person(
        self,
        toks: list[Token],
        ent: Span | None,
        mention: tuple[int, int],
        role: str | None,
        pos: int,
        name_toks: list[Token] | None = None,
    ) -> Speaker:
        if name_toks is None:
            name_toks = [t for t in ent if not t.is_punct] if ent is not None else _name_run(toks)
        name = strip_possessive(" ".join(t.text for t in name_toks))
        known = self.registry.find(name, SpeakerKind.PERSON)
        written_role = self._role_words(toks, name_toks) or role
        if known is not None:
            full = len(name_words(name)) >= len(known.canonical.split())
            return Speaker(
                known.canonical,
                SpeakerKind.PERSON,
                written_role or known.role,
                mention,
                CONF_NAMED if full else CONF_SURNAME,
            )
        return Speaker(" ".join(name_words(name)) or name, SpeakerKind.PERSON, written_role, mention, CONF_SURNAME)

    @staticmethod
    def _role_words(toks: list[Token], name_toks: list[Token]) -> str | None:
        """Words of the mention outside the name: 'Russian President', 'Baku expert'."""
        ids = {t.i for t in name_toks}
        rest = [t for t in toks if t.i not in ids]
        rest = _strip_det(rest)
        rest = [t for t in rest if fold(t.text) not in {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr"}]
        if not rest:
            return None
        doc = toks[0].doc
        before = [t for t in rest if t.i < min(ids)]
        after = [t for t in rest if t.i > max(ids)]
        chunk = before or after
        if not chunk:
            return None
        text = doc[chunk[0].i : chunk[-1].i + 1].text.strip(" ,")
        return text or None

    def _organization(
        self, toks: list[Token], org: Span, head: Token, mention: tuple[int, int], role: str | None
    ) -> Speaker:
        kind = NAME_LABELS.get(org.label_, SpeakerKind.ORGANIZATION)
        if org.label_ == "FAC":
            kind = SpeakerKind.ORGANIZATION
        name = strip_possessive(org.text)
        if any(fold(w) in GOVERNMENT_WORDS for w in name.split()):
            kind = SpeakerKind.GOVERNMENT
        if head.i not in range(org.start, org.end):
            # 'AIR Center's senior advisors': the organization speaks through its members.
            rest = [t for t in toks if t.i >= org.end and not t.is_punct and t.dep_ != "case"]
            if rest:
                role = head.doc[rest[0].i : rest[-1].i + 1].text
            if head.tag_ in {"NNS", "NNPS"} and head.lemma_.lower() not in SPEAKER_NOUNS:
                kind = SpeakerKind.GROUP
        known = self.registry.find(name, kind)
        return Speaker(known.canonical if known else name, kind, role, mention, CONF_NAMED)

    def _description(self, head: Token, toks: list[Token], pos: int) -> tuple[Entity, float] | None:
        """'the Russian president', 'the analyst' -> an entity named earlier."""
        if head.pos_ not in {"NOUN", "PROPN"} or head.tag_ in {"NNS", "NNPS"}:
            return None
        if head.pos_ == "PROPN" and fold(head.text) not in SPEAKER_NOUNS | TITLES:
            return None
        if not any(t.lower_ in {"the", "this"} for t in toks if t.i < head.i):
            return None
        mods = [t.text for t in toks if t.i < head.i and t.dep_ in {"amod", "compound"} and t.pos_ != "PROPN"]
        lemma = fold(head.lemma_)
        ent = self.registry.by_role(lemma, mods, pos) or self.registry.by_role(lemma, [], pos)
        if ent is not None:
            return ent, CONF_DESCRIPTION
        return None


def _name_run(toks: list[Token]) -> list[Token]:
    """The last run of proper nouns (titles dropped): 'Mr. Halvorsen' -> [Halvorsen]."""
    runs: list[list[Token]] = []
    for t in toks:
        if t.pos_ == "PROPN" and fold(t.text) not in TITLES:
            if runs and runs[-1][-1].i == t.i - 1:
                runs[-1].append(t)
            else:
                runs.append([t])
    return runs[-1] if runs else [t for t in toks if t.pos_ == "PROPN"]


def _embedded_name(head: Token) -> list[Token]:
    """A person's name inside a role phrase: 'Director of the Institute X Lars Eklund',
    'Oslo expert Tomas Vidal', 'a political scientist, professor at X, Jane Roe'."""
    if head.pos_ not in {"NOUN", "PROPN"}:
        return []
    if fold(head.lemma_) not in SPEAKER_NOUNS and fold(head.text) not in TITLES:
        return []
    sub = [t for t in head.subtree if not any(a.dep_ in {"relcl", "acl"} for a in _path(t, head))]
    ids = {t.i for t in sub}
    for ent in head.doc.ents:
        if ent.label_ == "PERSON" and ent.start in ids and ent.end - 1 in ids:
            return [t for t in ent if not t.is_punct]
    # An unrecognised name: two or more proper nouns closing the phrase, outside any organization name.
    tail: list[Token] = []
    k = max(ids)
    doc = head.doc
    while k in ids and doc[k].pos_ == "PROPN" and fold(doc[k].text) not in ORG_HEAD_WORDS:
        tok = doc[k]
        if tok.ent_type_ in {"GPE", "FAC", "NORP"}:
            break
        if tok.ent_type_ == "ORG" and tail and not tail[0].ent_type_:
            break
        tail.insert(0, tok)
        k -= 1
    tail = [t for t in tail if fold(t.text) not in TITLES]
    return tail if len(tail) >= 2 else []


def _path(tok: Token, top: Token) -> list[Token]:
    """Tokens from `tok` up to (not including) `top`."""
    out: list[Token] = []
    while tok.i != top.i and tok.head.i != tok.i:
        out.append(tok)
        tok = tok.head
    return out


def _left_role(ent: Span) -> str | None:
    """Title words written right before a name: 'Russian President' Vladimir Putin."""
    doc = ent.doc
    k = ent.start - 1
    while k >= 0 and (doc[k].pos_ in {"PROPN", "NOUN", "ADJ"} or doc[k].tag_ == "POS") and doc[k].ent_type_ != "PERSON":
        k -= 1
    if k + 1 >= ent.start:
        return None
    return doc[k + 1 : ent.start].text.strip(" ,") or None


def register_doc(registry: Registry, doc_ents: list[Span], offset: int) -> None:
    """Add the named entities of one parsed paragraph to the registry, in text order."""
    found: list[tuple[int, str, SpeakerKind, str | None, bool]] = []
    for ent in doc_ents:
        kind = NAME_LABELS.get(ent.label_)
        if kind is None:
            continue
        root = ent.root
        if kind == SpeakerKind.PERSON and (root.pos_ != "PROPN" or root.dep_ == "amod"):
            continue  # 'Azerbaijani-Russian relations': an adjective the tagger took for a name
        role = appositive_role(root)
        if role is None and kind == SpeakerKind.PERSON:
            role = _left_role(ent)
        is_subject = root.dep_ in {"nsubj", "nsubjpass"} or (
            root.dep_ in {"compound", "appos"} and root.head.dep_ in {"nsubj", "nsubjpass"}
        )
        found.append((ent.start_char, ent.text, kind, role, is_subject))
    if doc_ents:
        doc = doc_ents[0].doc
        for tok in doc:
            if tok.dep_ in {"nsubj", "pobj"} and tok.pos_ == "NOUN":
                name = _embedded_name(tok)
                if name and not any(t.ent_type_ == "PERSON" for t in name):
                    text = doc[name[0].i : name[-1].i + 1].text
                    found.append((name[0].idx, text, SpeakerKind.PERSON, None, tok.dep_ == "nsubj"))
    for start, text, kind, role, is_subject in sorted(found, key=lambda f: f[0]):
        registry.add(text, kind, offset + start, role=role, is_subject=is_subject)


# Runs of capitalised words in text that was not parsed (candidate names, titles included).
CAPITALISED_RUN_RE = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}")
SURNAME_RE = re.compile(r"\b[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?\b")
# Capitalised words that make a sequence a place, organization or date rather than a person.
NOT_NAME_WORDS: frozenset[str] = frozenset(
    [
        "the",
        "north",
        "south",
        "east",
        "west",
        "new",
        "united",
        "republic",
        "states",
        "city",
        "county",
        "state",
        "house",
        "white",
        "street",
        "river",
        "sea",
        "ocean",
        "island",
        "islands",
        "national",
        "international",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "democratic",
        "republican",
        "supreme",
        "court",
        "federal",
        "european",
        "union",
        "america",
        "american",
        "in",
        "on",
        "at",
        "but",
        "and",
        "for",
        "if",
        "when",
        "after",
    ]
)


def register_text_names(registry: Registry, text: str, offset: int) -> None:
    """Cheap name spotting in text that was not parsed, so later pronouns can find the person."""
    for m in CAPITALISED_RUN_RE.finditer(text):
        words = m.group(0).split()
        k = 0
        for j, w in enumerate(words):
            if fold(w.rstrip(".")) in TITLES or fold(w) in TITLES:
                k = j + 1
        titled = k > 0
        name = [w.rstrip(".,") for w in words[k:]]
        if not name or (len(name) < 2 and not titled) or len(name) > 3:
            continue
        if any(fold(w) in NOT_NAME_WORDS or fold(w) in ORG_HEAD_WORDS or fold(w) in GOVERNMENT_WORDS for w in name):
            continue
        start = offset + m.start() + m.group(0).index(name[0])
        role = " ".join(words[:k]) if titled else None
        registry.add(" ".join(name), SpeakerKind.PERSON, start, role=role)
    for m in SURNAME_RE.finditer(text):
        if m.start() > 0 and registry.find(m.group(0), SpeakerKind.PERSON) is not None:
            registry.add(m.group(0), SpeakerKind.PERSON, offset + m.start())
