"""Who a speaker is when the article names them late or in an appositive chain.

- A lede's 'A lawmaker ...' is the person the next paragraph introduces (delayed identification),
  unless that person is named with another role, or the role is one news leaves anonymous.
- 'The other man, his cousin Jane Roe, 40, said ...': Roe is the subject 'he'/'she' refers back to.
"""

from __future__ import annotations

import pytest

from tests.unit.speaker_lookup import speaker_of


def _name_of(text: str, content_word: str) -> str | None:
    return speaker_of(text, content_word)[0]


LEDE = "A lawmaker in Northland is calling for a ban on the imports after the minister defended them.\n\n"


@pytest.mark.parametrize(
    ("second_paragraph", "expected"),
    [
        ('"There is no basis for these imports," Anna Berg said in a bill filed on Monday.', "Anna Berg"),
        ('"There is no basis for these imports," said Anna Berg, who chairs the trade panel.', "Anna Berg"),
        # named with another role: not the lede's lawmaker
        ('"There is no basis for these imports," Mayor Anna Berg said on Monday.', None),
        # a woman's role for a man's name: no link
        ("Congresswoman Anna Berg filed the bill on Monday.", None),
    ],
)
def test_a_lede_description_is_the_person_named_next(second_paragraph: str, expected: str | None) -> None:
    assert _name_of(LEDE + second_paragraph, "ban on the imports") == expected


def test_the_linked_person_keeps_the_role_for_later_descriptions() -> None:
    text = (
        LEDE + '"There is no basis for these imports," Anna Berg said.\n\n'
        "Berg cited the census, and Max Pine disputed the figures.\n\n"
        "The lawmaker, who represents a northern district, said the imports cost jobs."
    )
    assert _name_of(text, "cost jobs") == "Anna Berg"


def test_an_anonymous_role_is_never_linked() -> None:
    text = "A senior official said on Tuesday that the talks had stalled.\n\nTom Reyes said he expected a deal."
    assert _name_of(text, "talks had stalled") is None


def test_a_description_outside_the_lede_is_not_linked() -> None:
    text = (
        "The council met on Monday.\n\nThe budget passed without debate.\n\nTaxes will not rise this year.\n\n"
        "A lawmaker said the vote was rushed.\n\nAnna Berg said she would appeal."
    )
    assert _name_of(text, "vote was rushed") is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The other man, his cousin Peter Lane, 40, cited the cost. “He is wrong,” he said.", "Peter Lane"),
        ("The other man, Peter Lane, cited the cost. “He is wrong,” he said.", "Peter Lane"),
    ],
)
def test_a_name_in_an_appositive_chain_is_the_subject(sentence: str, expected: str) -> None:
    text = "One of the men, Tom Baker, 70, said he was sure the plan would fail. " + sentence
    assert _name_of(text, "He is wrong") == expected


def test_a_name_modifying_a_noun_in_an_apposition_is_no_subject() -> None:
    # 'Keller' modifies 'supporter' (the apposition of Mary Hale): Hale is the subject 'she' continues
    text = (
        "Senator Ruth Keller spoke first. Mary Hale, a Keller supporter and president of the Harbor Center, "
        "asked Tom Reyes whether he had thoughts on the plan. "
        "She said she asked the question to build on earlier comments."
    )
    assert _name_of(text, "build on earlier comments") == "Mary Hale"


def test_a_given_name_alone_does_not_claim_the_shared_surname() -> None:
    # the writer calls Donald 'Mr. Roe' and his brother 'Fred': 'Mr. Roe' stays Donald
    text = (
        "Mr. Roe, a builder, seldom speaks of his brother Fred, who died in 1981.\n\n"
        "One evening, Donald Roe met his older brother, Fred, for dinner. Fred joked with his friend.\n\n"
        "The painful case of Fred Roe is seldom told.\n\n"
        "“I learned from him,” Mr. Roe said."
    )
    assert _name_of(text, "learned from him") == "Donald Roe"
