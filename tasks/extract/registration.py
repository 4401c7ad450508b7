"""Registration: one article's names and subject pronouns -> the registry, in text order.

Runs before any claim is resolved (tasks/extract/extractor.py), so a claim's 'Mr. X' or 'he' can be
read against everyone the article named up to that point. Parsed paragraphs register their NER
names, names embedded in role phrases and subject pronouns; unparsed ones a cheap capitalised-run scan.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from schemas import SpeakerKind
from tasks.extract import antecedents, heads, principals
from tasks.extract.coref import (
    PERSON_PRONOUNS,
    PERSON_ROLE_NOUNS,
    PLURAL_PRONOUNS,
    adjacent_subject,
    resolve_collective,
    resolve_demonym,
    resolve_personal,
    resolve_role,
    resolve_salient_person,
    sole_candidate,
)
from tasks.extract.cues import GOVERNMENT_WORDS
from tasks.extract.gender import PRONOUN_GENDER
from tasks.extract.person_names import TITLES, PersonName, canonical_org_name, fold, parse_person_name
from tasks.extract.registry import Registry

NAME_LABELS: dict[str, SpeakerKind] = {
    "PERSON": SpeakerKind.PERSON,
    "ORG": SpeakerKind.ORGANIZATION,
    "GPE": SpeakerKind.GOVERNMENT,
    "NORP": SpeakerKind.GROUP,
}
SUBJECT_DEPS = antecedents.SUBJECT_DEPS


# Forms the model's rule lemmatizer gets wrong ('hoped' -> 'hop'), by lower-cased form; only checked
# in docs whose text holds the shared stem.
LEMMA_FIXES: dict[str, str] = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}
LEMMA_FIX_STEM = "hop"


def correct_labels(doc: Doc) -> Doc:
    """Fix a tagger's person that is a body: 'the Harbor Sentinel' behind a determiner is not a person
    ('the Rev. X' keeps its title, so the name after a title stays a person); fix known wrong lemmas."""
    if LEMMA_FIX_STEM in doc.text.lower():
        for tok in doc:
            fixed = LEMMA_FIXES.get(tok.lower_)
            if fixed is not None:
                tok.lemma_ = fixed
    ents = list(doc.ents)
    changed = False
    for k, ent in enumerate(ents):
        if ent.label_ != "PERSON" or ent.start == 0:
            continue
        before = doc[ent.start - 1]
        first = ent[0]
        behind_the = first.lower_ == "the" or (before.lower_ == "the" and ent.start <= before.head.i < ent.end)
        if behind_the and fold(first.text).rstrip(".") not in TITLES and fold(ent[-1].text) not in TITLES:
            ents[k] = Span(doc, ent.start, ent.end, label="ORG")
            changed = True
    if changed:
        doc.ents = ents
    return doc


# A subject of a clause inside a phrase ('nothing wrong with X's raising it') is not what is talked about.
PHRASAL_CLAUSE_DEPS = frozenset({"pcomp", "acl", "amod", "pobj"})
# A subject of a clause inside another ('A said that B had ...') is less salient than the outer one.
EMBEDDED_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "conj"})
# Compound/appositive/conjunct links walked up from a name to the subject it belongs to.
SUBJECT_CHAIN_HOPS = 3


def _subject_token(tok: Token) -> Token | None:
    """The subject token `tok` is or belongs to: 'Jane Roe' in 'Finance Minister Jane Roe', 'B' in
    'A and B said'; None when it is no subject."""
    if tok.dep_ in SUBJECT_DEPS:
        return tok
    for _ in range(SUBJECT_CHAIN_HOPS):  # 'The other man, his cousin Jane Roe, 40, said': Roe -> cousin -> man
        if tok.dep_ not in {"compound", "appos", "conj"} or tok.head is tok:
            return None
        if tok.dep_ == "compound" and tok.head.pos_ != "PROPN" and tok.head.dep_ not in SUBJECT_DEPS:
            return None  # 'Roe, a Lund supporter, said': Lund modifies a noun; it is no subject
        tok = tok.head
        if tok.dep_ in SUBJECT_DEPS:
            return tok
    return None


def _is_subject(tok: Token) -> bool:
    subject = _subject_token(tok)
    return subject is not None and subject.head.dep_ not in PHRASAL_CLAUSE_DEPS


def _note_embedded(registry: Registry, tok: Token, pos: int) -> None:
    """Remember that the subject at `pos` is the subject of an embedded clause."""
    subject = _subject_token(tok)
    if subject is not None and subject.head.dep_ in EMBEDDED_CLAUSE_DEPS:
        registry.embedded_subjects.add(pos)


def register_doc(registry: Registry, doc: Doc, offset: int) -> None:
    """Add one parsed paragraph's names, and the referents of its subject pronouns, in text order:
    resolving 'he' as it comes keeps a chain of pronouns on the person being talked about."""
    found: list[tuple[int, int, Span | list[Token] | Token]] = []  # (position, order, item)
    for ent in doc.ents:
        kind = NAME_LABELS.get(ent.label_)
        if kind is None or ent.text.islower():
            continue  # 'secretary of state': a name is written with a capital; the tagger erred
        root = ent.root
        if kind == SpeakerKind.PERSON and (root.pos_ != "PROPN" or root.dep_ == "amod"):
            continue  # 'Azerbaijani-Russian relations': an adjective the tagger took for a name
        found.append((ent.start_char, 0, ent))
    for tok in doc:
        if tok.dep_ in {"nsubj", "pobj"} and tok.pos_ == "NOUN":
            name = heads.embedded_name(tok)
            if name and not any(t.ent_type_ == "PERSON" for t in name):
                found.append((name[0].idx, 1, name))
            elif tok.dep_ == "nsubj" and fold(tok.lemma_) in PERSON_ROLE_NOUNS:
                found.append((tok.idx, 2, tok))  # 'the former president said': resolved like a pronoun
            elif antecedents.is_people_group(tok):
                found.append((tok.idx, antecedents.PEOPLE_GROUP_ORDER, tok))  # 'investors said ... they'
        elif tok.dep_ in SUBJECT_DEPS and (untagged := heads.untagged_name(tok)):
            found.append((untagged[0].idx, 1, untagged))  # 'Jane Roe' the tagger called a product
        elif tok.dep_ in SUBJECT_DEPS and tok.lower_ in PERSON_PRONOUNS | PLURAL_PRONOUNS:
            found.append((tok.idx, 2, tok))
        elif antecedents.is_untagged_surname(tok):
            found.append((tok.idx, antecedents.SURNAME_ORDER, tok))  # 'Ortiz has supported ...': a surname
    for start, _, item in sorted(found, key=lambda f: (f[0], f[1])):
        if isinstance(item, Span):
            _register_ent(registry, item, offset)
        elif isinstance(item, list):
            parsed = parse_person_name(heads.written_words(item))
            if parsed is not None:
                subject = item[-1].dep_ in SUBJECT_DEPS or item[-1].head.dep_ == "nsubj"
                registry.add_person(parsed, offset + start, is_subject=subject)
        elif item.pos_ == "PROPN":  # only untagged surnames are single proper-noun tokens here
            if antecedents.register_surname(registry, item, offset + start):
                _note_embedded(registry, item, offset + start)
        elif item.pos_ == "NOUN" and antecedents.is_people_group(item):
            # also a plural role noun queued as a description ('lawmakers said'): a group, not a person
            antecedents.register_people_group(registry, offset + start)
        elif item.pos_ == "NOUN":
            _register_description(registry, item, offset + start)
        else:
            _note_embedded(registry, item, offset + start)
            _register_pronoun(registry, item.lower_, offset + start)


def _register_description(registry: Registry, tok: Token, pos: int) -> None:
    """A definite role noun as a subject ('the former president') stands for the person its role names,
    else the one recent subject; a mention of that person keeps the chain going ('Lindholm said')."""
    if tok.tag_ == "NNS" or not any(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in tok.children):
        return
    if any(c.dep_ in {"poss", "prep"} for c in tok.children):
        return  # 'his lawyer', 'the senator from X': whose, or which one, is the resolver's business
    lemma = fold(tok.lemma_)
    mods = [c.text for c in tok.children if c.dep_ in {"amod", "compound"} and c.pos_ != "PROPN" and c.i < tok.i]
    ent = resolve_role(registry, lemma, mods, pos) or resolve_salient_person(registry, lemma, pos)
    if ent is not None:
        registry.pronouns[pos] = ent
        registry.mention(ent, pos, is_subject=True)


def _register_pronoun(registry: Registry, low: str, pos: int) -> None:
    ent = resolve_personal(registry, low, pos) if low in PERSON_PRONOUNS else resolve_collective(registry, low, pos)
    if (
        ent is not None
        and low in PERSON_PRONOUNS
        and ent.gender is None
        and (sole_candidate(registry, low, pos) is ent or adjacent_subject(registry, pos) is ent)
    ):
        ent.gender = PRONOUN_GENDER[low]  # 'Lund ... he said', nobody else nearby: he is a man
    if ent is not None:
        registry.pronouns[pos] = ent
        registry.mention(ent, pos, is_subject=True)


def _register_ent(registry: Registry, ent: Span, offset: int) -> None:
    kind = NAME_LABELS[ent.label_]
    root = ent.root
    pos = offset + ent.start_char
    if kind == SpeakerKind.PERSON:
        name = parse_person_name(heads.written_words(heads.with_titles(list(ent))))
        if name is None:
            return
        role = heads.appositive_role(root) or heads.left_role(ent)
        if name.titles and role and name.titles not in role:
            role = f"{role} {name.titles}"
        person = registry.add_person(name, pos, role=role or name.titles, is_subject=_is_subject(root))
        _note_embedded(registry, root, pos)
        if person is not None and person.affiliation is None:
            doc, k = ent.doc, ent.start
            lowest = max(0, ent.start - heads.MAX_ROLE_TOKENS)
            while k > lowest and (doc[k - 1].pos_ in {"PROPN", "NOUN", "ADJ"} or doc[k - 1].tag_ == "POS"):
                k -= 1
            left = [doc[j] for j in range(k, ent.start)]
            person.affiliation = principals.affiliation_of(heads.appositive_tokens(root) or left)
        return
    if ent.label_ == "NORP" and is_one_person(ent):
        # 'The Texan said': one person named by place or party, not a group called 'Texan'.
        person = resolve_demonym(registry, ent.text, pos)
        if person is not None and _is_subject(root):
            registry.pronouns[pos] = person
            registry.mention(person, pos, is_subject=True)
        return
    text = canonical_org_name(ent.text)
    if len(ent) == 1:
        # A person the tagger called an organisation or place (a place only for someone named in full).
        known = registry.person_by_surname(text, pos, named_in_full=kind == SpeakerKind.GOVERNMENT)
        if known is not None:
            known.note_bare(fold(text))  # the writer's convention: this person is the bare surname
            registry.mention(known, pos, _is_subject(root))
            return
    registry.add_org(text, kind, pos, is_subject=_is_subject(root))


def is_one_person(ent: Span) -> bool:
    """A nationality or party word used as a singular noun with a definite article ('the Texan',
    'the New Yorker', 'the Republican'), not a plural group or an adjective ('Texan voters')."""
    root = ent.root
    if root.tag_ in {"NNS", "NNPS"} or root.lower_.endswith("s") or root.dep_ in {"amod", "compound"}:
        return False
    start = ent.start
    return start > 0 and ent.doc[start - 1].lower_ in ONE_PERSON_DETERMINERS and ent.doc[start - 1].dep_ == "det"


# Determiners that make a singular nationality or party word one person.
ONE_PERSON_DETERMINERS: frozenset[str] = frozenset({"the", "this", "that"})
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


# How far back (characters) unparsed text is read before a name; bounded, so long text stays linear.
LOOK_BACK_CHARS = 40


def _sentence_initial(text: str, start: int) -> bool:
    """A name opening a sentence of unparsed text is most likely its subject."""
    before = text[max(0, start - LOOK_BACK_CHARS) : start].rstrip()
    if not before:
        return start <= LOOK_BACK_CHARS  # the text's start, or a long run of spaces: not known
    return before[-1] in '.!?"”'


# After an opening phrase and its comma ('For her part, X has ...', '..., X said') or a clause opener
# ('When X held ...'), a name followed by a lowercase word other than these is the clause's subject.
NOT_VERB_WORDS: frozenset[str] = frozenset(
    {"and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "from", "by", "as", "the", "a", "an"}
    | {"who", "whom", "whose", "which", "that", "where", "when", "while", "than", "via", "about", "into"}
)
# 'When X held rallies, ...': a clause opened by one of these at a sentence start has X as its subject.
SUBORDINATORS: frozenset[str] = frozenset(
    {"when", "after", "before", "if", "although", "though", "as", "because", "while", "since", "once", "until"}
)
NEXT_WORD_RE = re.compile(r"\s*([a-z]+)\b")


def _clause_subject(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] of unparsed text is most likely a subject."""
    if _sentence_initial(text, start):
        return True
    lo = max(0, start - LOOK_BACK_CHARS)
    before = text[lo:start].rstrip()
    opener = before.rsplit(None, 1)[-1] if before else ""
    after_opener = opener.lower() in SUBORDINATORS and _sentence_initial(text, lo + len(before) - len(opener))
    if not before.endswith(",") and not after_opener:
        return False
    m = NEXT_WORD_RE.match(text, end)
    if m is None:
        return False
    return m.group(1) not in NOT_VERB_WORDS


# 'He said ...' opening a sentence of unparsed text: a subject pronoun keeps the chain going.
TEXT_PRONOUN_RE = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”]\s))(He|She)\s+[a-z]")


def register_text_names(registry: Registry, text: str, offset: int) -> None:
    """Cheap name spotting in text that was not parsed, so later pronouns can find the person."""
    found: list[tuple[int, PersonName | str, bool]] = []  # (position, name or pronoun, subject)
    covered: set[int] = set()
    for m in CAPITALISED_RUN_RE.finditer(text):
        words = m.group(0).split()
        k = 0
        for j, w in enumerate(words):
            if fold(w.rstrip(".")) in TITLES or fold(w) in TITLES:
                k = j + 1
        name_words = [w.rstrip(".,") for w in words[k:]]
        if not name_words or (len(name_words) < 2 and k == 0) or len(name_words) > 3:
            continue
        if any(
            fold(w) in NOT_NAME_WORDS or fold(w) in heads.ORG_HEAD_WORDS or fold(w) in GOVERNMENT_WORDS
            for w in name_words
        ):
            continue
        parsed = parse_person_name(words)
        if parsed is None:
            continue
        rel = m.start() + m.group(0).index(name_words[0])
        found.append((rel, parsed, _clause_subject(text, m.start(), m.end())))
        covered.update(range(m.start(), m.end()))
    for m in SURNAME_RE.finditer(text):
        if m.start() in covered:
            continue
        parsed = parse_person_name([m.group(0)])
        if parsed is not None:
            found.append((m.start(), parsed, _clause_subject(text, m.start(), m.end())))
    found += [(m.start(1), m.group(1).lower(), True) for m in TEXT_PRONOUN_RE.finditer(text)]
    for rel, item, subject in sorted(found, key=lambda f: f[0]):
        if isinstance(item, str):
            _register_pronoun(registry, item, offset + rel)
        elif item.given or item.titles or registry.person_for(item, offset + rel) is not None:
            registry.add_person(item, offset + rel, is_subject=subject)
