"""The claim record: the `claims` element of the extract contract (README, "Extract contract")."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class ClaimKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"
    AUTHORIAL = "authorial"


class SpeakerKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    GOVERNMENT = "government"
    GROUP = "group"
    UNKNOWN = "unknown"


class Mention(BaseModel):
    """What the claim's own sentence says about the speaker ("Mr. Smith", "he")."""

    model_config = ConfigDict(frozen=True)
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Cue(BaseModel):
    """The word that signals attribution ("said", "according to")."""

    model_config = ConfigDict(frozen=True)
    text: str
    lemma: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Span(BaseModel):
    """A stretch of the article's clean `text` (offsets into it)."""

    model_config = ConfigDict(frozen=True)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class NamedEntity(BaseModel):
    """A name the NER found inside the claim (offsets into `Claim.text`): what the claim is about.

    Found in the extraction parse, so the analysis layer need not parse claims again.
    """

    model_config = ConfigDict(frozen=True)
    text: str
    label: str  # spaCy NER label: PERSON, ORG, GPE, LOC, FAC, NORP
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Claim(BaseModel):
    """One attributed claim; offsets index into the article's clean `text`."""

    model_config = ConfigDict(frozen=True)
    speaker: str | None
    speaker_kind: SpeakerKind = SpeakerKind.UNKNOWN
    speaker_role: str | None = None
    # Canonical name of the person or body the speaker speaks for or belongs to (a spokesman's principal).
    speaker_affiliation: str | None = None
    speaker_mention: Mention | None = None
    cue: Cue | None = None
    kind: ClaimKind
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    # The whole sourced statement: the sentences holding the attribution and the content, and those
    # after it that go on with no source or cue of their own (tasks/extract/statements.py).
    statement: Span | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    # Index (in the same article's claim list) of the claim whose quote contains this one.
    nested_in: int | None = None
    # Not part of the extract contract; None when the claim's text was not parsed with NER.
    entities: tuple[NamedEntity, ...] | None = Field(default=None, exclude=True)

    def contract_dict(self) -> dict[str, object]:
        """The JSON shape of the extract contract; `nested_in` only when set."""
        data = self.model_dump(mode="json")
        if data["nested_in"] is None:
            del data["nested_in"]
        return data
