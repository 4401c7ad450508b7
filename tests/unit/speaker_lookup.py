"""The speaker of the claim holding a word: the lookup the speaker tests share."""

from __future__ import annotations

from schemas import SpeakerKind
from tasks.extract import extract_claims


def speaker_of(text: str, content_word: str) -> tuple[str | None, SpeakerKind]:
    """(speaker, kind) of the first claim whose text holds `content_word`; fails when none does."""
    for claim in extract_claims(text):
        if content_word in claim.text:
            return claim.speaker, claim.speaker_kind
    raise AssertionError(f"no claim holding {content_word!r}")
