"""Extractor 0.6 rules on invented sentences: where a report starts and stops, and which cues count.

SPANS: (text, a phrase some claim contains, a phrase no claim may contain or None).
NOTHING: texts that must yield no claim at all.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from tasks.extract import extract_claims
from tasks.extract.nlp import get_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The model, loaded once per test session (extract_claims reuses the cached instance)."""
    return get_nlp()


SPANS: list[tuple[str, str, str | None]] = [
    # a long apposition between the quote and its cue
    (
        "“We are ready to vote,” Ruth Okafor, the chair of the Westfield finance committee, said on Tuesday.",
        "We are ready to vote",
        None,
    ),
    # ... but a cue whose subject is not right after the quote does not attribute it
    (
        "“Harbor Days is back,” the poster read, and Ruth Okafor, a local trader, said she was glad.",
        "she was glad",
        "Harbor Days is back",
    ),
    # a programme title ending the attribution sentence does not break an interrupted quotation
    (
        "“We will win this seat,” Ruth Okafor said on “Morning Desk.” “The voters are tired of waiting.”",
        "We will win this seat The voters are tired of waiting.",
        "Morning Desk",
    ),
]

NOTHING: list[str] = []


@pytest.mark.parametrize(("text", "present", "absent"), SPANS)
def test_span(nlp: Language, text: str, present: str, absent: str | None) -> None:
    claims = extract_claims(text)
    assert any(present in c.text for c in claims), [c.text for c in claims]
    if absent is not None:
        assert not any(absent in c.text for c in claims), [c.text for c in claims]


@pytest.mark.parametrize("text", NOTHING)
def test_nothing(nlp: Language, text: str) -> None:
    assert extract_claims(text) == [], [c.text for c in extract_claims(text)]
