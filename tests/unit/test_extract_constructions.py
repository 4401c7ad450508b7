"""Reports whose source is not the subject of a verb of saying: passive agents and poll standings."""

from __future__ import annotations

import pytest

from tasks.extract import extract_claims

# (text, [(speaker or role, claim text, cue)])
CASES: list[tuple[str, list[tuple[str | None, str, str]]]] = [
    (
        "The layoffs were first reported by the Harbor Ledger on Monday.",
        [("the Harbor Ledger", "The layoffs", "reported")],
    ),
    ("The plan was announced by Mayor Ruth Okafor.", [("Ruth Okafor", "The plan", "announced")]),
    ("The window was broken by the storm.", []),  # not a report, and a storm cannot speak
    (
        "A survey by the Northfield Institute had Tomas Keller ahead by six points.",
        [("the Northfield Institute", "Tomas Keller ahead by six points", "had")],
    ),
    ("The latest poll puts Tomas Keller at 41 percent.", [("latest poll", "Tomas Keller at 41 percent", "puts")]),
    ("The poll has a margin of error of three points.", []),  # how the poll was made, not a finding
    ("The survey had 900 respondents.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_constructions(text: str, expected: list[tuple[str | None, str, str]]) -> None:
    found = [(c.speaker or c.speaker_role, c.text, c.cue.text if c.cue else None) for c in extract_claims(text)]
    assert found == expected
