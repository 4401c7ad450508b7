"""The speaker one claim resolves to, and how sure each way of finding it is.

In: what the resolver found (a registry entity, or a name, kind and role read off the phrase). Out: a
`Speaker` record (name, kind, role, the words of the mention, confidence, affiliation); the confidence
constants rank how the speaker was found, from a full name down to an unresolved pronoun.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas import SpeakerKind
from tasks.extract.registry import Entity

# Confidence of the speaker, by how it was found.
CONF_NAMED = 0.9
CONF_SURNAME = 0.85
CONF_NOUN = 0.75
CONF_DESCRIPTION = 0.65
CONF_PRONOUN = 0.6
CONF_AMBIGUOUS = 0.45
CONF_UNRESOLVED = 0.35


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker of one claim."""

    name: str | None
    kind: SpeakerKind
    role: str | None
    mention: tuple[int, int] | None  # offsets of the words this sentence uses
    confidence: float
    affiliation: str | None = None  # whom the speaker speaks for: a spokesman's principal


def of_entity(ent: Entity, role: str | None, mention: tuple[int, int] | None, conf: float) -> Speaker:
    """The speaker a registry entity is, with the role this phrase writes (else the one registered)."""
    # An unnamed group ('investors ... they') has no canonical name: the speaker stays unnamed.
    return Speaker(ent.canonical or None, ent.kind, role or ent.role, mention, conf, ent.affiliation)
