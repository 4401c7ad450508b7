"""Role nouns as sources: 'a spokesman for X', 'the Lindholm campaign', 'the HDA chairman', 'Democratic senators'.

In: the head token of a source phrase that is a role noun, its phrase tokens and the article registry.
Out: the `Speaker` it stands for: a body named after its principal, a body speaking through its members,
the person the description names, a group named by its party label, or an unnamed role with the
principal as its affiliation; None when the role resolves to nobody (the resolver then tries a name).
"""

from __future__ import annotations

from spacy.tokens import Token

from schemas import SpeakerKind
from tasks.extract import heads, principals
from tasks.extract.coref import (
    ORG_NOUNS,
    PERSON_ROLE_NOUNS,
    resolve_collective,
    resolve_demonym,
    resolve_gender_noun,
    resolve_org_noun,
    resolve_personal,
    resolve_role,
    resolve_salient_person,
)
from tasks.extract.cues import SPEAKER_NOUNS
from tasks.extract.lede import INDEFINITE_ARTICLES
from tasks.extract.person_names import TITLES, canonical_org_name, fold, parse_person_name
from tasks.extract.registration import is_one_person
from tasks.extract.registry import Entity, Registry
from tasks.extract.speaker import CONF_DESCRIPTION, CONF_NAMED, CONF_NOUN, Speaker, of_entity

# Plural nouns of support that make a group of a named person's side ('Lindholm allies').
SUPPORT_NOUNS: frozenset[str] = frozenset(
    {"ally", "supporter", "backer", "loyalist", "follower", "fan", "opponent", "critic", "detractor", "voter"}
)
# Party labels that make a plural role noun a named group ('Republican senators').
PARTY_WORDS: frozenset[str] = frozenset(
    {
        "democratic",
        "republican",
        "gop",
        "democrat",
        "conservative",
        "liberal",
        "progressive",
        "party",
        "labour",
        "tory",
        "libertarian",
    }
)


def principal_entity(registry: Registry, toks: list[Token], pos: int) -> Entity | None:
    """The entity a principal phrase names: a person, a body, or a possessive pronoun's referent."""
    if len(toks) == 1 and toks[0].pos_ == "PRON":
        low = toks[0].lower_
        if low in {"his", "her"}:
            return registry.pronouns.get(pos) or resolve_personal(registry, "he" if low == "his" else "she", pos)
        if low in {"their", "its"}:
            body = resolve_collective(registry, "they" if low == "their" else "it", pos)
            return body if body is not None and body.canonical else None  # an unnamed group is no principal
        return None
    propn = [t for t in toks if t.pos_ == "PROPN"]
    if not propn:
        return None
    name = parse_person_name([t.text for t in toks if t.pos_ == "PROPN" or fold(t.text) in TITLES])
    if name is not None:
        person = registry.person_for(name, pos)
        if person is not None:
            return person
    return registry.org_for(canonical_org_name(" ".join(t.text for t in strip_leading_det(toks))))


def role_phrase(
    registry: Registry, head: Token, toks: list[Token], mention: tuple[int, int], role: str | None, offset: int
) -> Speaker | None:
    """A role noun: on behalf of a principal, a description of someone named, or unnamed."""
    pos = offset + head.idx
    lemma = fold(head.lemma_)
    plural = head.tag_ in {"NNS", "NNPS"}
    text = heads.phrase_text(toks, head)
    linked = registry.pronouns.get(pos)
    if linked is not None and not plural and any(t.lower_ in INDEFINITE_ARTICLES for t in toks if t.i < head.i):
        return of_entity(linked, text, mention, CONF_DESCRIPTION)  # a lede's 'A lawmaker', named next (lede.py)
    if plural and (
        any(t.ent_type_ == "NORP" or fold(t.text) in PARTY_WORDS for t in toks if t.i < head.i)
        or (lemma in SUPPORT_NOUNS and any(t.pos_ == "PROPN" for t in toks if t.i < head.i))
    ):
        # 'Democratic senators', 'Senate Republican leaders': a group named by its party label.
        return Speaker(text, SpeakerKind.GROUP, None, mention, CONF_NOUN)
    principal_toks, relation = principals.principal_tokens(head)
    if principal_toks:
        principal = principal_entity(registry, principal_toks, offset + principal_toks[0].idx)
        principal_name = principal.canonical if principal is not None else None
        if principal is not None and principal.kind == SpeakerKind.PERSON and lemma in principals.BODY_OF_PERSON:
            # 'the Lindholm campaign', 'Morrow's administration': a body named after its principal.
            surname = principal.canonical.split()[-1]
            body = f"{surname} {principals.BODY_OF_PERSON[lemma]}"
            kind = SpeakerKind.GOVERNMENT if lemma == "administration" else SpeakerKind.ORGANIZATION
            return Speaker(body, kind, None, mention, CONF_NOUN, principal.canonical)
        if principal is not None and principal.kind != SpeakerKind.PERSON and relation == "poss":
            # 'AIR Center's senior advisors': a body speaks through its members.
            return Speaker(principal.canonical, principal.kind, text, mention, CONF_NAMED)
        if lemma in SPEAKER_NOUNS and lemma not in heads.ORG_HEAD_WORDS and principal_name:
            if not plural:
                # 'the HDA chairman' -> the person whose role names the chairmanship and the body;
                # 'the senator from Northland': a place says where the role holder is from.
                words = [t.text for t in principal_toks if t.pos_ in {"PROPN", "NOUN"}]
                described = resolve_role(registry, lemma, words, pos) if words else None
                if described is None and principal is not None and principal.kind != SpeakerKind.PERSON:
                    # 'the HDA chair' for the 'Harbor Development Agency Chair': the body's full name
                    described = resolve_role(registry, lemma, [principal.canonical], pos)
                plain = resolve_role(registry, lemma, [], pos)
                place = principal is not None and principal.kind == SpeakerKind.GOVERNMENT
                if described is None and plain is not None and (plain.affiliation == principal_name or place):
                    described = plain
                if described is None:
                    # 'the Democratic nominee' as a subject: whom registration read it as, in its place.
                    described = linked
                if described is not None:
                    return of_entity(described, text, mention, CONF_DESCRIPTION)
            kind = SpeakerKind.GROUP if plural else SpeakerKind.UNKNOWN
            return Speaker(None, kind, text, mention, CONF_NOUN, principal_name)
    if plural or (head.pos_ != "NOUN" and head.pos_ != "PROPN"):
        return None
    definite = any(t.lower_ in {"the", "this", "that"} for t in toks if t.i < head.i)
    if not definite:
        return None
    mods = [t.text for t in toks if t.i < head.i and t.dep_ in {"amod", "compound"} and t.pos_ != "PROPN"]
    if lemma in ORG_NOUNS:
        # 'the network', 'the committee': a body, never a person whose role mentions one.
        ent = resolve_org_noun(registry, lemma, pos)
    else:
        party = " ".join(t.text for t in toks if t.i < head.i and t.ent_type_ == "NORP")
        ent = (
            linked  # read at registration, with the same rules
            or resolve_role(registry, lemma, mods, pos)
            or resolve_gender_noun(registry, lemma, pos)
            or resolve_salient_person(registry, lemma, pos)
            # 'the Republican nominee' among several recent subjects: the one a role calls Republican
            or (resolve_demonym(registry, party, pos, strict=True) if party and lemma in PERSON_ROLE_NOUNS else None)
        )
    if ent is not None:
        return of_entity(ent, text, mention, CONF_DESCRIPTION)
    return None


def unresolved_role(head: Token, toks: list[Token], mention: tuple[int, int]) -> Speaker | None:
    """A role noun whose modifiers name a place or body ('the New York businessman', 'the Republican
    nominee'): an unnamed speaker, never the modifier."""
    if fold(head.lemma_) not in SPEAKER_NOUNS or head.ent_type_:
        return None
    mods = [t for t in toks if t.i < head.i and t.ent_type_ in heads.PRINCIPAL_LABELS]
    if not mods:
        return None
    text = heads.phrase_text(toks, head)
    kind = SpeakerKind.GROUP if head.tag_ in {"NNS", "NNPS"} else SpeakerKind.UNKNOWN
    first = mods[0]
    org = heads.ent_holding(first, ("ORG", "GPE"))
    affiliation = canonical_org_name(org.text) if org is not None and org.end <= head.i else None
    return Speaker(None, kind, text, mention, CONF_NOUN, affiliation)


def demonym_phrase(
    registry: Registry, head: Token, toks: list[Token], mention: tuple[int, int], offset: int
) -> Speaker | None:
    """'the Texan', 'the Republican', 'the New Yorker': one person named by where they come from or
    their party (a singular nationality/party word with a definite article), never a group called
    'Texan'. Resolves like 'the candidate': the person registration read it as, else the one person
    subject of the last sentences whose roles name the place or party; else an unnamed person.
    Plurals ('Texans') stay groups."""
    ent = heads.ent_holding(head, ("NORP",))
    if ent is None or ent.root.i != head.i or not is_one_person(ent):
        return None
    text = heads.phrase_text(toks, head)
    pos = offset + head.idx
    person = registry.pronouns.get(pos) or resolve_demonym(registry, ent.text, pos)
    if person is not None and person.kind == SpeakerKind.PERSON:
        return of_entity(person, text, mention, CONF_DESCRIPTION)
    return Speaker(None, SpeakerKind.UNKNOWN, text, mention, CONF_NOUN)


def strip_leading_det(toks: list[Token]) -> list[Token]:
    return [t for t in toks if t.dep_ not in {"det", "case"} and not t.is_punct]
