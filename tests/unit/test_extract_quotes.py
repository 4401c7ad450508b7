"""Quote-mark pairing: curly/straight/guillemet marks, nesting, apostrophes, paragraph breaks."""

from __future__ import annotations

import pytest

from tasks.extract.quotes import find_quotes, outermost

CASES: list[tuple[str, list[str]]] = [
    ("He said “We will win.” Then he left.", ["We will win."]),
    ("‘The country’s plan is bad,’ she said.", ["The country’s plan is bad,"]),
    ("‘It was a ‘win’ for all of us,’ he said.", ["It was a ‘win’ for all of us,", "win"]),
    ("‘An opening single closed by a double,” he said.", ["An opening single closed by a double,"]),
    ("«Nous sommes prêts», a-t-il dit.", ["Nous sommes prêts"]),
    ("„Wir sind bereit“, sagte er.", ["Wir sind bereit"]),
    ('She said "the plan works" and left.', ["the plan works"]),
    ("''We are ready,'' the mayor said.", ["We are ready,"]),
    ("The voters’ mood and the party’s role don't match.", []),
    ("No quotes here at all.", []),
    ("“This goes on\nacross a wrapped line,” he said.", ["This goes on\nacross a wrapped line,"]),
    ("“First part of the quote.\n\n“Second part,” she said.", ["First part of the quote.", "Second part,"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_quotes(text: str, expected: list[str]) -> None:
    found = [text[q.start : q.end] for q in find_quotes(text)]
    assert found == expected


def test_outermost_drops_nested() -> None:
    text = "‘It was a ‘win’ for all of us,’ he said."
    spans = outermost(find_quotes(text))
    assert [text[q.start : q.end] for q in spans] == ["It was a ‘win’ for all of us,"]


def test_offsets_include_marks() -> None:
    text = "He said “yes indeed” twice."
    (q,) = find_quotes(text)
    assert text[q.open_start] == "“"
    assert text[q.close_end - 1] == "”"
    assert q.closed
