"""Sources named by place or party: 'the Texan', 'the Democratic frontrunner', 'the Republican nominee'.

A singular nationality or party word with a definite article is one person (whom the article was just
talking about), never a group called 'Texan'; plurals and adjectives keep their group reading.
"""

from __future__ import annotations

import pytest

from tasks.extract import extract_claims
from tasks.extract.coref import demonym_matches

# Two people in play: one from each party and state, so recency alone cannot decide.
SETUP = (
    "Senator Ruth Okafor, a Democrat from Ohio, unveiled her tax plan on Monday. She thanked her staff.\n\n"
    "Governor Tom Keller, a Republican from Texas, attacked the plan on Wednesday.\n\n"
)


def _speaker_of(text: str, content_word: str) -> tuple[str | None, str]:
    for claim in extract_claims(text):
        if content_word in claim.text:
            return claim.speaker, str(claim.speaker_kind)
    raise AssertionError(f"no claim holding {content_word!r}")


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("The Texan said the plan would raise taxes.", "taxes", "Tom Keller"),
        ("The Ohioan said the plan would help families.", "families", "Ruth Okafor"),
        ("The Republican nominee said the polls were wrong.", "polls", "Tom Keller"),
        ("“We will win in November,” the Democratic frontrunner said.", "November", "Ruth Okafor"),
    ],
)
def test_a_place_or_party_description_is_the_person_it_fits(sentence: str, word: str, expected: str) -> None:
    assert _speaker_of(SETUP + sentence, word)[0] == expected


@pytest.mark.parametrize(
    ("sentence", "word", "speaker"),
    [
        ("Texan voters said they were unsure about the plan.", "unsure", "Texan voters"),  # an adjective
        ("The Democrats said the plan was fair.", "fair", "Democrats"),  # a plural: the party's people
    ],
)
def test_plurals_and_adjectives_stay_groups(sentence: str, word: str, speaker: str) -> None:
    name, kind = _speaker_of(SETUP + sentence, word)
    assert (name, kind) == (speaker, "group")


def test_a_description_nobody_fits_stays_unnamed() -> None:
    text = "The Canadian said the storm had passed the coast."  # nobody named before it
    name, _ = _speaker_of(text, "storm")
    assert name is None


@pytest.mark.parametrize(
    ("demonym", "word", "expected"),
    [
        ("Texan", "texas", True),
        ("New Yorker", "new york", True),
        ("Briton", "britain", True),
        ("Republican", "republican", True),
        ("Texan", "tennessee", False),
        ("Ohioan", "ohio", True),
        ("Canadian", "cambodia", False),
        ("Democrat", "dem", False),  # the place must not be a mere prefix of the people word
    ],
)
def test_a_people_word_matches_its_place(demonym: str, word: str, expected: bool) -> None:
    assert demonym_matches(demonym, word) is expected
