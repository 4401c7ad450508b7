"""Delayed identification: a lede's unnamed role holder who is named in the next paragraph.

News ledes often introduce the main source by role only ('A lawmaker in Northland is calling for
...', 'A former party chairman says ...') and name them at the start of the next paragraph ('"...,"
Jane Roe said'). In: the article's paragraphs (parsed) and its registry, after registration. Out:
the registry records the named person as what the lede's description stands for
(`registry.pronouns`, read by the speaker resolver) and gives that person the role, so a later 'the
lawmaker' finds them. Nothing is linked unless the next paragraph's first new subject is a person
whose own role (if any) and gender agree with the description.
"""

from __future__ import annotations

from spacy.tokens import Token

from schemas import SpeakerKind
from tasks.extract.antecedents import SUBJECT_DEPS
from tasks.extract.coref import PERSON_ROLE_NOUNS
from tasks.extract.gender import of_role
from tasks.extract.paragraphs import Paragraph
from tasks.extract.person_names import fold
from tasks.extract.registry import Entity, Registry

LEDE_PARAGRAPHS = 2
INDEFINITE_ARTICLES: frozenset[str] = frozenset({"a", "an"})
# Roles that news leaves unnamed on purpose ('A senior official said'): never linked to a name.
ANONYMOUS_ROLES: frozenset[str] = frozenset({"official"})


def link_lede_descriptions(registry: Registry, paragraphs: list[Paragraph]) -> None:
    """Link each indefinite role-noun subject of the lede to the person the next paragraph
    introduces, when that is unambiguous (see the module docstring)."""
    bodies = _body_paragraphs(paragraphs)
    # The lede is the first or second body paragraph (a title ending in a full stop reads as a paragraph).
    for i in range(min(LEDE_PARAGRAPHS, len(bodies) - 1)):
        descriptions = [
            (p.start + tok.idx, tok)
            for p in bodies[i]
            if p.doc is not None
            for tok in p.doc
            if _is_indefinite_role(tok)
        ]
        if descriptions:
            after = bodies[i + 1]
            break
    else:
        return
    person = _introduced(registry, after[0].para_start, after[0].para_end)
    if person is None:
        return
    for pos, tok in descriptions:
        lemma = fold(tok.lemma_)
        if person.roles and not any(lemma in r for r in person.roles):
            continue  # named with another role: not the description's holder
        role_gender = of_role(lemma)
        if role_gender is not None and person.gender is not None and role_gender != person.gender:
            continue
        registry.pronouns[pos] = person
        person.add_role(lemma)


def _body_paragraphs(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """Sentence units grouped by paragraph, headlines left out, in text order."""
    groups: dict[int, list[Paragraph]] = {}
    for p in paragraphs:
        if not p.headline:
            groups.setdefault(p.para_start, []).append(p)
    return [groups[k] for k in sorted(groups)]


def _is_indefinite_role(tok: Token) -> bool:
    """'A lawmaker', 'a former party chairman' as a subject: one unnamed holder of a person role."""
    return (
        tok.dep_ in SUBJECT_DEPS
        and tok.tag_ == "NN"
        and fold(tok.lemma_) in PERSON_ROLE_NOUNS - ANONYMOUS_ROLES
        and any(c.dep_ == "det" and c.lower_ in INDEFINITE_ARTICLES for c in tok.children)
        and not any(t.ent_type_ == "PERSON" for t in tok.subtree)
    )


def _introduced(registry: Registry, start: int, end: int) -> Entity | None:
    """The first person who is a subject outside quotes in [start, end) and was not mentioned before."""
    seen_before: set[Entity] = set()
    for m in registry.mentions:  # in text order
        if m.pos >= end:
            break
        if m.pos < start:
            seen_before.add(m.entity)
        elif m.entity not in seen_before and m.is_subject and m.quote == -1:
            return m.entity if m.entity.kind == SpeakerKind.PERSON else None
    return None
