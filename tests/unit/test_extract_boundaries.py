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
    # ... or a long subject phrase, and the quotation goes on after the attribution sentence
    (
        "“We are ready to vote,” the finance committee’s chair Ruth Okafor said at "
        "the town hall. “The bill is complete.”",
        "We are ready to vote The bill is complete.",
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
    # a relative clause closing the report is the journalist's gloss on a name in it
    (
        "Anna Keller said the vote would favor Tomas Berg, who leads the council.",
        "the vote would favor Tomas Berg",
        "leads the council",
    ),
    # ... but a restrictive relative clause without a comma stays
    (
        "Anna Keller said the vote would favor the member who leads the council.",
        "the member who leads the council",
        None,
    ),
    # a coordinated speech verb is a second report, not more content of the first
    (
        "Anna Keller said the bridge would reopen and warned that tolls would rise.",
        "the bridge would reopen",
        "the bridge would reopen and warned",
    ),
    # ... while a coordinated complement clause stays in the report
    (
        "Anna Keller said the bridge would reopen and that the tolls would stay low.",
        "the bridge would reopen and that the tolls would stay low",
        None,
    ),
    # a count of people as the subject of a speech verb (poll answers)
    ("Three in ten said they would vote for the harbor plan.", "they would vote for the harbor plan", None),
    # a two-word report is a claim (short answers, verdicts)
    ("Anna Keller said it failed.", "it failed", None),
    # a forecast without a named holder
    ("Anna Keller is expected to win the seat in May.", "Anna Keller is expected to win the seat in May", None),
    # questions put to someone: an 'if' clause, a sentence-opening 'Asked what', an infinitive
    ("Asked if he was ever bullied, Tomas Berg said no.", "if he was ever bullied", None),
    ("Asked what a firm commitment looks like, Anna Keller smiled.", "what a firm commitment looks like", None),
    ("Asked to respond to the criticism, Anna Keller declined.", "to respond to the criticism", None),
    # 'according to' names a source whatever the noun
    (
        "According to early results of the count, Anna Keller won the seat by a wide margin.",
        "Anna Keller won the seat by a wide margin",
        None,
    ),
    # a title line 'Name: claim' about a person the article names
    (
        "Keller: Harbor Tolls ‘Will Not Rise This Year’\n\nMayor Anna Keller spoke on Monday at the harbor.",
        "Harbor Tolls ‘Will Not Rise This Year’",
        None,
    ),
    # 'called her "..."': 'her' misread as a possessive of the quotation
    ("Anna Keller called her “third-rate” on Monday.", "her “third-rate”", None),
    # contents in a prepositional object ('commented on', 'asked for')
    ("Anna Keller commented on the new harbor budget.", "the new harbor budget", None),
    ("Anna Keller asked for more money for the harbor.", "more money for the harbor", None),
    # a stance toward a name is a claim even as one word
    ("Most union members support Keller.", "Keller", None),
    # results, estimates and footage show what they show
    ("Early results showed Keller leading the race in Westfield.", "Keller leading the race in Westfield", None),
    ("The harbor ferry is said to be the oldest in the fleet.", "The harbor ferry is said to be the oldest", None),
    # a quoted verdict right after the object of a naming verb
    ("Anna Keller calls the plan “a mistake” because few people live there.", "the plan “a mistake", "because"),
    ("Anna Keller called Westland “provocative and expansionist,” a view others share.", "provocative", None),
    # 'called for X to Y' read as a clause marked by 'for'
    ("Anna Keller called for all members to vote on the harbor plan.", "all members to vote on the harbor plan", None),
    # 'hundreds of X' as a subject stands for the X
    ("Hundreds of the party's delegates have endorsed Tomas Berg.", "Tomas Berg", None),
    # the speaker of 'saying' after a statement noun, a preposition, or 'went on to say'
    (
        "Senator Anna Keller issued a statement saying that the harbor should stay open.",
        "the harbor should stay open",
        None,
    ),
    ("Anna Keller responded by saying that the harbor plan was sound.", "the harbor plan was sound", None),
    ("Anna Keller went on to say that the harbor was safe.", "the harbor was safe", None),
    # the subject of 'are likely to say'; a noun modified by 'saying' / 'showing'
    ("Harbor workers were more likely to say they preferred the old plan.", "they preferred the old plan", None),
    ("Anna Keller said the latest polls showing Tomas Berg ahead were wrong.", "Tomas Berg ahead", None),
    # a speaker parsed as an apposition inside the opening phrase
    (
        "Tuesday in Westfield, while on the campaign trail for his wife, former mayor Tomas Berg said his wife "
        "would win.",
        "his wife would win",
        None,
    ),
    # 'sent out a press release saying ...': the sender speaks
    (
        "Anna Keller's campaign sent out a press release saying Tomas Berg owes the town an explanation.",
        "Tomas Berg owes the town an explanation",
        None,
    ),
    # a relative 'that/which' subject stands for the noun it modifies
    ("Anna Keller leads a harbor group that says the tolls are too high.", "the tolls are too high", None),
    # 'it said' of a company or agency
    (
        "Westland Shipping reported a loss on Monday. It said the harbor tolls were too high.",
        "the harbor tolls were too high",
        None,
    ),
    ("A lot of harbor workers say the tolls are too high.", "the tolls are too high", None),
    # findings reported in a poll or survey
    (
        "In a new Harbor Institute poll, Anna Keller held a ten-point lead over her rival.",
        "Anna Keller held a ten-point lead over her rival",
        None,
    ),
]

NOTHING: list[str] = [
    # 'asked' with its own subject and no question is not a question put to someone
    "Anna Keller asked around.",
    # ... except a norm followed
    "According to the usual scenario, the works would start in May.",
    # title lines: a label, a name the article never mentions again, a dateline
    "Analysis: Harbor Tolls Will Rise\n\nThe council met on Monday.",
    "Keller: Harbor Tolls Will Not Rise\n\nThe council met on Monday.",
    "Westfield: Harbor Tolls Will Rise\n\nThe town of Westfield held a council meeting on Monday.",
    # 'her' + a noun is a possessive: a phone call, not a naming
    "Anna Keller called her father on Monday.",
    # a written object is not a report; only 'wrote about/of' is
    "Anna Keller wrote a letter.",
    # a preposition that sets the scene is no content
    "Anna Keller commented in the hall.",
    # ... but not toward a pronoun
    "Westland also wants this.",
    # an event is no source of evidence
    "The storm showed no mercy to the harbor.",
    # a quoted name given to something is no verdict
    "Anna Keller called the boat “Harbor Queen” after her mother.",
    # 'for ... to' after a verb that is no cue
    "Anna Keller waited for the bus to arrive.",
    # an infinitive of purpose with no content clause
    "Anna Keller left the hall to say goodbye to the crew.",
    # a gerund after a preposition with no content clause
    "Anna Keller ended the evening by speaking to the crew.",
    # a participle on an object that is no source
    "The ferry carried a banner showing the harbor at dawn.",
    # an apposition that does not end right before the verb is no speaker
    "Near the harbor of Westfield, a quiet town, the ferry said goodbye.",
    # ... and that noun must be able to speak
    "It was the storm that showed the harbor was weak.",
    # 'it' with a verb of thought or evidence is no speaker
    "It seems the harbor tolls were too high.",
    "It shows the harbor tolls were too high.",
    # 'a lot of' things do not speak
    "A lot of the cargo shows that the harbor is busy.",
    # one word is not a report
    "Anna Keller said so.",
    # a year is not a count of people
    "In 2015 the council said little about the harbor.",
    # 'in' + a noun that is not a poll
    "The tolls rose sharply in the study period last year.",
    # the poll phrase on a cue verb is left to the verb rule ('said in a survey'): nothing from 'in'
    "Anna Keller spoke in a survey of harbor workers.",
    # a poll phrase on an infinitive is no clause of its own
    "To be ahead in the polls was never the goal.",
    # an expletive subject forecasts nothing about anyone
    "It is expected to rain on Friday.",
    # a participle modifier is no forecast
    "The bridge, expected to open in May, is late.",
]



@pytest.mark.parametrize(("text", "present", "absent"), SPANS)
def test_span(nlp: Language, text: str, present: str, absent: str | None) -> None:
    claims = extract_claims(text)
    assert any(present in c.text for c in claims), [c.text for c in claims]
    if absent is not None:
        assert not any(absent in c.text for c in claims), [c.text for c in claims]


@pytest.mark.parametrize("text", NOTHING)
def test_nothing(nlp: Language, text: str) -> None:
    assert extract_claims(text) == [], [c.text for c in extract_claims(text)]
