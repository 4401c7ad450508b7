"""'They' after an unnamed group of people means that group, not the last organisation named.

'Workers objected to the move. They also said ...': the speaker stays unnamed (a group), never the
company named before; a named body or party group is still what 'they' means when it is the latest.
"""

from __future__ import annotations

import pytest

from schemas import SpeakerKind
from tasks.extract import extract_claims
from tests.unit.speaker_lookup import speaker_of


@pytest.mark.parametrize(
    "group",
    ["Workers", "Many residents", "The activists", "Some investors"],
)
def test_they_after_an_unnamed_group_is_that_group(group: str) -> None:
    text = (
        f"The Harbor Company opened a plant in the city on Monday. {group} protested outside the gates. "
        "They said the plant would pollute the river."
    )
    assert speaker_of(text, "pollute") == (None, SpeakerKind.GROUP)


def test_a_body_named_after_the_group_is_still_what_they_means() -> None:
    text = (
        "Workers protested outside the gates of the plant. The Harbor Company said on Tuesday it would close. "
        "They said the plant would pollute the river."
    )
    assert speaker_of(text, "pollute") == ("The Harbor Company", SpeakerKind.ORGANIZATION)


def test_people_named_only_as_an_object_are_no_antecedent() -> None:
    text = (
        "The Harbor Company opened a plant in the city. It hired 300 workers from the region. "
        "They said the plant would pollute the river."
    )
    assert speaker_of(text, "pollute")[1] != SpeakerKind.GROUP


def test_a_groups_own_nested_report_is_not_a_second_claim() -> None:
    text = "Investors said they expect higher rates to slow growth."
    claims = extract_claims(text)
    assert len(claims) == 1 and "expect higher rates" in claims[0].text


def test_another_speakers_group_report_inside_a_quote_is_kept() -> None:
    text = (
        "Members pay dues every month. “Members may pay more because they expect a certain level of service,” "
        "Paul Roe said."
    )
    speakers = {c.speaker for c in extract_claims(text)}
    assert "Paul Roe" in speakers
