"""Subjects that stand for someone without a name the tagger labelled: antecedents for later pronouns.

In: a parsed subject token and the article registry. Out: a registry mention, so that a later 'he'
or 'they' can refer back. Two kinds: an unnamed group of people ('Workers objected ... They said'),
registered as a group with no name (the speaker stays unnamed), and a one-word proper noun the tagger
gave no label ('Ortiz has supported ...'), registered only as the surname of someone already named.
"""

from __future__ import annotations

from spacy.tokens import Token

from schemas import SpeakerKind
from tasks.extract.person_names import fold
from tasks.extract.registry import Entity, Registry

SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass"})
# Sort orders of these antecedents among a paragraph's registrations (names 0-1, pronouns 2).
PEOPLE_GROUP_ORDER = 3
SURNAME_ORDER = 4

# Plural nouns for unnamed groups of people ('investors said', 'the activists'): registered so that a
# later 'they' means them, not the last organisation named (the speaker then stays unnamed).
PEOPLE_GROUP_NOUNS: frozenset[str] = frozenset(
    [
        "activist", "adviser", "advisor", "advocate", "aide", "analyst", "attendee", "citizen", "critic",
        "consumer", "customer", "delegate", "donor", "economist", "employee", "expert", "investor",
        "lawmaker", "leader", "legislator", "member", "observer", "official", "opponent", "organizer",
        "parent", "participant", "people", "protester", "researcher", "resident", "respondent", "scientist",
        "source", "staffer", "strategist", "student", "supporter", "trader", "veteran", "voter", "witness",
        "worker",
    ]
)  # fmt: skip


def is_people_group(tok: Token) -> bool:
    """'Investors', 'many voters', 'the activists' as a subject: people the article does not name
    (no name, party or place among the modifiers: 'Lindholm aides', 'Republican senators' are named)."""
    return (
        tok.dep_ == "nsubj"
        and tok.tag_ == "NNS"
        and fold(tok.lemma_) in PEOPLE_GROUP_NOUNS
        and not any(t.ent_type_ or t.pos_ == "PROPN" for t in tok.subtree if t.i != tok.i)
    )


def register_people_group(registry: Registry, pos: int) -> None:
    """A subject mention of a group with no name: 'they' resolves to it, its speaker stays unnamed."""
    registry.mention(Entity(kind=SpeakerKind.GROUP), pos, is_subject=True)


def is_untagged_surname(tok: Token) -> bool:
    """A one-word proper-noun subject the tagger gave no label ('Ortiz has supported ...')."""
    return (
        tok.dep_ in SUBJECT_DEPS
        and tok.pos_ == "PROPN"
        and not tok.ent_type_
        and tok.is_alpha
        and tok.text[:1].isupper()
        and not any(c.dep_ in {"compound", "flat"} for c in tok.children)
    )


def register_surname(registry: Registry, tok: Token, pos: int) -> bool:
    """A subject mention of the person this surname names, if the article named them (never somebody
    new: 'Apple has ...' is no person). Returns whether a mention was added."""
    known = registry.person_by_surname(tok.text, pos)
    if known is None:
        return False
    known.note_bare(fold(tok.text))
    registry.mention(known, pos, is_subject=True)
    return True
