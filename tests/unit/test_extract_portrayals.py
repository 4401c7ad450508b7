"""Portrayals ('cast herself as X') and the journalist's words around a report ('..., referring to X')."""

from __future__ import annotations

import pytest

from tasks.extract import extract_claims

# (text, [(speaker or role, claim text, cue)]), every claim of the text
CASES: list[tuple[str, list[tuple[str | None, str, str]]]] = [
    # A portrayal verb reports only with an object and an `as` phrase after it.
    (
        "Senator Ruth Okafor cast herself as the guardian of the harbor.",
        [("Ruth Okafor", "herself as the guardian of the harbor", "cast")],
    ),
    (
        "Tomas Keller portrayed the governor as a reckless spender.",
        [("Tomas Keller", "the governor as a reckless spender", "portrayed")],
    ),
    (
        "Tomas Keller framed the defeat as a temporary setback.",
        [("Tomas Keller", "the defeat as a temporary setback", "framed")],
    ),
    # 'as beset by ...' is an `as` clause on the verb: still the portrayal, not a clause that ends it
    (
        "Ruth Okafor described the port as beset by delays.",
        [("Ruth Okafor", "the port as beset by delays", "described")],
    ),
    ("Ruth Okafor cast her vote early in the morning.", []),
    ("Tomas Keller painted the fence white last summer.", []),
    ("The museum framed the letter and hung it in the hall.", []),
    ("The council presented the budget on Tuesday.", []),
    # A verb's report between the pieces of an interrupted quotation is the speaker's own claim ...
    (
        "“The key was the timing,” Tomas Keller said, referring to the two ferries. “Nobody expected the rush.”",
        [
            ("Tomas Keller", "The key was the timing Nobody expected the rush.", "said"),
            ("Tomas Keller", "the two ferries", "referring"),
        ],
    ),
    # ... an outlet there only relays the quotation.
    (
        "“When does it end?” the judge said, according to the Harbor Ledger. “Nobody knows.”",
        [("judge", "When does it end? Nobody knows.", "said")],
    ),
    # A participle after the quotation closes is no part of the quoted content; its speaker is the reporter.
    (
        "Ruth Okafor said the ferry “will be late again,” citing the storm.",
        [("Ruth Okafor", "the ferry “will be late again,”", "said"), ("Ruth Okafor", "the storm", "citing")],
    ),
    # Inside the quotation it is the speaker's wording.
    (
        "Ruth Okafor said “the ferry will be late, citing the storm as the cause.”",
        [("Ruth Okafor", "the ferry will be late, citing the storm as the cause.", "said")],
    ),
    # A noun phrase closing the report after a comma is the journalist's comment on it ...
    (
        "The Harbor Company said it had suspended 900 accounts since May, the first time it has published the number.",
        [("The Harbor Company", "it had suspended 900 accounts since May", "said")],
    ),
    # ... an object after a comma is the report's own.
    (
        "Ruth Okafor said the city would cut 500 jobs, a tenth of its workforce.",
        [("Ruth Okafor", "the city would cut 500 jobs, a tenth of its workforce", "said")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_portrayals_and_asides(text: str, expected: list[tuple[str | None, str, str]]) -> None:
    found = [(c.speaker or c.speaker_role, c.text, c.cue.text if c.cue else None) for c in extract_claims(text)]
    assert found == expected
