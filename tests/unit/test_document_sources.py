"""Documents speak for whoever issued them: 'a report by X', 'a poll from X', 'an article in X'.

A piece an outlet publishes names the outlet after 'in' (an outlet, even when the tagger calls its
name a place); a report 'in' a place names no issuer and stays unnamed.
"""

from __future__ import annotations

import pytest

from schemas import SpeakerKind
from tests.unit.speaker_lookup import speaker_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor will likely win, according to a new report by the Harbor Institute.", "Harbor Institute"),
        ("The mayor will likely win, according to a poll from the Harbor Ledger.", "Harbor Ledger"),
        ("The mayor will likely win, according to a new article in the Harbor Ledger.", "Harbor Ledger"),
        ("A story in the Harbor Ledger reported that the mayor will likely win.", "Harbor Ledger"),
    ],
)
def test_a_document_speaks_for_its_issuer(text: str, expected: str) -> None:
    name, kind = speaker_of(text, "win")
    assert name is not None and expected in name
    assert kind == SpeakerKind.ORGANIZATION


@pytest.mark.parametrize(
    "text",
    [
        "A report in Iowa found that most farmers will likely win.",  # a place, not an issuer
        "An article said that the mayor will likely win.",  # no issuer at all
    ],
)
def test_a_document_without_an_issuer_stays_unnamed(text: str) -> None:
    assert speaker_of(text, "win")[0] is None
