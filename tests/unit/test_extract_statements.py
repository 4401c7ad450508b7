"""Statement spans: the whole sourced statement of a claim (docs/statements.md), on invented text."""

from __future__ import annotations

import pytest

from schemas import Claim
from tasks.extract import extract_claims
from tasks.extract.paragraphs import split_paragraphs
from tasks.extract.statements import Anchor, statement_spans


def _statement(text: str, claim: Claim) -> str:
    assert claim.statement is not None
    return text[claim.statement.start : claim.statement.end]


def _claim(claims: list[Claim], phrase: str) -> Claim:
    found = [c for c in claims if phrase in c.text]
    assert len(found) == 1, [c.text for c in claims]
    return found[0]


# (text, a phrase of the claim's content, its expected statement)
CASES: list[tuple[str, str, str]] = [
    (
        "“The rules are vague,” said Maria Lindholm, an analyst at a tenants group. Rents rose again.",
        "rules are vague",
        "“The rules are vague,” said Maria Lindholm, an analyst at a tenants group. Rents rose again.",
    ),
    (
        "The mayor opened the bridge on Monday. Tomas Keller said the clinic saw 400 patients last month. "
        "Most were uninsured.",
        "clinic saw 400 patients",
        "Tomas Keller said the clinic saw 400 patients last month. Most were uninsured.",
    ),
    # A paragraph break ends the statement.
    (
        "Tomas Keller said the clinic saw 400 patients last month.\n\nMost were uninsured.",
        "clinic saw 400 patients",
        "Tomas Keller said the clinic saw 400 patients last month.",
    ),
    # A new cue, even by the same source, starts a new statement.
    (
        "Tomas Keller said the clinic saw 400 patients last month. He added that the ward would close.",
        "clinic saw 400 patients",
        "Tomas Keller said the clinic saw 400 patients last month.",
    ),
    (
        "Tomas Keller said the clinic saw 400 patients last month. He added that the ward would close.",
        "ward would close",
        "He added that the ward would close.",
    ),
    # A reporting word with no claim extracted still opens a new statement.
    (
        "Tomas Keller said the clinic saw 400 patients last month. Sorry, Okafor said.",
        "clinic saw 400 patients",
        "Tomas Keller said the clinic saw 400 patients last month.",
    ),
    # A quotation the splitter cuts into sentences is one sentence with its attribution.
    (
        "“The port is full. We need a second quay,” Ruth Okafor said on Tuesday.",
        "second quay",
        "“The port is full. We need a second quay,” Ruth Okafor said on Tuesday.",
    ),
]


@pytest.mark.parametrize(("text", "phrase", "expected"), CASES)
def test_statement_spans(text: str, phrase: str, expected: str) -> None:
    claim = _claim(extract_claims(text), phrase)
    assert _statement(text, claim) == expected


def test_two_sources_in_one_sentence_share_it() -> None:
    text = "Anna Lund said the plan would fail, but Erik Falk insisted that it would work."
    claims = extract_claims(text)
    assert len(claims) == 2
    assert {_statement(text, c) for c in claims} == {text}


def test_a_report_inside_a_quotation_is_only_its_own_words() -> None:
    text = "“Keller told me the bridge is safe, and I believe him,” Ruth Okafor said."
    claims = extract_claims(text)
    inner = [c for c in claims if c.nested_in is not None]
    outer = [c for c in claims if c.nested_in is None]
    assert len(outer) == 1 and _statement(text, outer[0]) == text
    assert inner, [c.text for c in claims]
    assert all(len(_statement(text, c)) < len(text) and "bridge is safe" in _statement(text, c) for c in inner)


def test_spans_without_sentences_fall_back_to_the_content() -> None:
    assert statement_spans([], [Anchor(3, 9)]) == [(3, 9)]


def test_headlines_are_never_part_of_a_statement() -> None:
    text = "Harbour Plan Stalls\nRuth Okafor said the quay would open in May."
    units = split_paragraphs(text)
    start = text.index("the quay")
    [(lo, hi)] = statement_spans(
        units, [Anchor(start, len(text) - 1, cue=(text.index("said"), text.index("said") + 4))]
    )
    assert text[lo:hi] == "Ruth Okafor said the quay would open in May."


def test_a_report_by_someone_named_inside_another_report_is_only_its_own_words() -> None:
    """The speaker is named inside the outer content; the report after it rests on the outer source."""
    text = "Mayor Tomas Keller said that Anna Lund had praised the harbor, calling it a jewel."
    lo, hi = text.index("Anna Lund"), text.index("Anna Lund") + len("Anna Lund")
    outer = Anchor(text.index("Anna Lund"), text.index(", calling"), cue=(18, 22), mention=(0, 17))
    inner = Anchor(
        text.index("it a jewel"),
        len(text) - 1,
        cue=(text.index("calling"), text.index("calling") + 7),
        mention=(lo, hi),
    )
    spans = statement_spans(split_paragraphs(text), [outer, inner])
    assert text[slice(*spans[0])] == text
    assert text[slice(*spans[1])] == "Anna Lund had praised the harbor, calling it a jewel"


def test_a_report_whose_speaker_is_named_outside_keeps_the_sentence() -> None:
    text = "Tomas Keller said the harbor would close, and Anna Lund called it a mistake."
    outer = Anchor(text.index("the harbor"), text.index(", and"), cue=(13, 17), mention=(0, 12))
    lund = text.index("Anna Lund")
    second = Anchor(text.index("it a mistake"), len(text) - 1, cue=(lund + 10, lund + 16), mention=(lund, lund + 9))
    spans = statement_spans(split_paragraphs(text), [outer, second])
    assert [text[slice(*s)] for s in spans] == [text, text]
