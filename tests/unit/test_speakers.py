"""Who said it: canonical naming, the per-article registry, coreference and source-phrase heads.

Invented names and paragraphs only; negative cases expect "nobody" rather than a guess.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from schemas import Claim, SpeakerKind
from tasks.extract import extract_claims
from tasks.extract.coref import resolve_collective, resolve_personal, resolve_role
from tasks.extract.gender import of_given_name, of_role
from tasks.extract.nlp import get_nlp
from tasks.extract.person_names import PersonName, parse_person_name
from tasks.extract.registry import Registry


@pytest.fixture(scope="module", autouse=True)
def nlp() -> Language:
    return get_nlp()


def _name(text: str) -> PersonName:
    name = parse_person_name(text.split())
    assert name is not None
    return name


@pytest.mark.parametrize(
    ("written", "canonical", "titles"),
    [
        ("Former President Paul Lindholm", "Paul Lindholm", "Former President"),
        ("Democrat Ivo Lund", "Ivo Lund", "Democrat"),
        ("Billionaire Otto Keller", "Otto Keller", "Billionaire"),
        ("Northland Gov Ruth Okafor", "Ruth Okafor", "Northland Gov"),
        ("former Northland governor Sean O'Hara", "Sean O'Hara", "former Northland governor"),
        ("Representative Charles B Voss", "Charles B. Voss", "Representative"),
        ("Keller‘s", "Keller", None),
        ('">Lund', "Lund", None),
        ("John Halvorsen.", "John Halvorsen", None),
        ("Greta Lindholm'", "Greta Lindholm", None),
        ("Karl J. Weiss Jr.", "Karl J. Weiss Jr.", None),
        ("Charles de Gaulle", "Charles de Gaulle", None),
        ("Mrs. Lindholm", "Lindholm", None),
    ],
)
def test_canonical_names_drop_titles_and_junk(written: str, canonical: str, titles: str | None) -> None:
    name = _name(written)
    assert (name.text, name.titles) == (canonical, titles)


@pytest.mark.parametrize(
    ("written", "gender"),
    [
        ("Mrs. Lindholm", "f"),
        ("Mr. Lindholm", "m"),
        ("Paul Lindholm", "m"),
        ("Greta Lindholm", "f"),
        ("Lindholm", None),
        ("Kim Lee", None),
    ],
)
def test_gender_from_honorific_or_given_name(written: str, gender: str | None) -> None:
    assert _name(written).gender == gender


def test_gender_lexicons() -> None:
    assert (of_given_name("Michelle"), of_given_name("Brian"), of_given_name("Kim")) == ("f", "m", None)
    assert of_role("his wife") == "f" and of_role("the congressman") == "m" and of_role("spokesman") is None


def _registry(*people: tuple[str, int]) -> Registry:
    reg = Registry()
    for text, pos in people:
        reg.add_person(_name(text), pos, is_subject=True)
    return reg


def test_two_people_of_one_surname_stay_apart() -> None:
    reg = _registry(("Greta Lindholm", 0), ("Paul Lindholm", 100))
    assert sorted(e.canonical for e in reg.entities) == ["Greta Lindholm", "Paul Lindholm"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Mrs. Lindholm", "Greta Lindholm"),  # honorific gender decides
        ("Mr. Lindholm", "Paul Lindholm"),
        ("Greta", "Greta Lindholm"),  # a given name alone: the one person of that name
        ("Paul Lindholm", "Paul Lindholm"),
        ("Maja Lindholm", None),  # a third given name is a third person, not one of the two
    ],
)
def test_surname_goes_to_the_one_person_context_selects(written: str, expected: str | None) -> None:
    reg = _registry(("Greta Lindholm", 0), ("Paul Lindholm", 100))
    found = reg.person_for(_name(written), 500)
    assert (found.canonical if found else None) == expected


def test_bare_surname_follows_the_writers_convention_else_recency() -> None:
    reg = _registry(("Greta Lindholm", 0), ("Paul Lindholm", 100))
    recent = reg.person_for(_name("Lindholm"), 200)
    assert recent is not None and recent.canonical == "Paul Lindholm"
    reg.add_person(_name("Lindholm"), 210)  # the writer now uses the bare surname for him
    reg.add_person(_name("Greta Lindholm"), 300)
    later = reg.person_for(_name("Lindholm"), 400)
    assert later is not None and later.canonical == "Paul Lindholm"


def test_bare_surname_nobody_decides_registers_nothing() -> None:
    reg = Registry()
    reg.add_person(_name("Anna Holt"), 0)
    reg.add_person(_name("Pavel Holt"), 10)
    reg.mentions.clear()  # neither was mentioned before the surname: nothing selects one
    reg._positions.clear()
    assert reg.person_for(_name("Holt"), 500) is None
    assert reg.add_person(_name("Holt"), 500) is None


@pytest.mark.parametrize(
    ("people", "pronoun", "expected"),
    [
        ([("Greta Lindholm", 0), ("Jonas Falk", 50)], "she", "Greta Lindholm"),  # agreement beats recency
        ([("Greta Lindholm", 0), ("Jonas Falk", 50)], "he", "Jonas Falk"),
        ([("Elaine Dahl", 0)], "he", None),  # only a woman named: 'he' is unresolved
        ([("Don Vidal", 0), ("Elaine Dahl", 50)], "he", "Don Vidal"),
    ],
)
def test_personal_pronouns_agree_in_gender(people: list[tuple[str, int]], pronoun: str, expected: str | None) -> None:
    found = resolve_personal(_registry(*people), pronoun, 120)
    assert (found.canonical if found else None) == expected


def test_it_is_never_a_person_nor_a_group() -> None:
    reg = _registry(("Anna Holt", 0))
    reg.add_org("Republicans", SpeakerKind.GROUP, 20)
    assert resolve_collective(reg, "it", 60) is None
    reg.add_org("Northfield Bank", SpeakerKind.ORGANIZATION, 30)
    found = resolve_collective(reg, "it", 60)
    assert found is not None and found.canonical == "Northfield Bank"


def test_they_is_never_a_country() -> None:
    reg = _registry(("Anna Holt", 0))
    reg.add_org("Northland", SpeakerKind.GOVERNMENT, 20)
    assert resolve_collective(reg, "they", 60) is None  # its people or officials, unnamed
    found = resolve_collective(reg, "it", 60)
    assert found is not None and found.canonical == "Northland"
    reg.add_org("Republicans", SpeakerKind.GROUP, 10)
    found = resolve_collective(reg, "they", 60)
    assert found is not None and found.canonical == "Republicans"


def test_role_nouns_resolve_to_the_role_holder() -> None:
    reg = Registry()
    reg.add_person(_name("Lena Morrow"), 0, role="Former President")
    reg.add_person(_name("Ivo Lund"), 50, role="Sen.")
    former = resolve_role(reg, "president", ["former"], 100)
    senator = resolve_role(reg, "senator", [], 100)
    assert former is not None and former.canonical == "Lena Morrow"
    assert senator is not None and senator.canonical == "Ivo Lund"
    assert resolve_role(reg, "governor", [], 100) is None


def _speakers(text: str) -> list[tuple[str | None, str, str | None, str | None]]:
    claims: list[Claim] = extract_claims(text)
    return [(c.speaker, c.speaker_kind.value, c.speaker_role, c.speaker_affiliation) for c in claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Greta Lindholm spoke in Ohio. "We will win," Greta Lindholm said. Former President Paul Lindholm '
            'also campaigned. "She is ready," Paul Lindholm said.',
            [("Greta Lindholm", "person", None, None), ("Paul Lindholm", "person", "Former President", None)],
        ),
        (
            "Lindholm campaign spokesman Tomas Berg said the campaign was confident.",
            [("Tomas Berg", "person", "Lindholm campaign spokesman", "Lindholm campaign")],
        ),
        (
            "Paul Lindholm toured the state. A spokesman for Mr. Lindholm said he would travel.",
            [(None, "unknown", "spokesman", "Paul Lindholm")],
        ),
        (
            "Greta Lindholm toured the state. Mrs. Lindholm's advisers said the race was close.",
            [(None, "group", "Mrs. Lindholm's advisers", "Greta Lindholm")],
        ),
        (
            "Greta Lindholm toured the state. The Lindholm campaign said the race was close.",
            [("Lindholm campaign", "organization", None, "Greta Lindholm")],
        ),
        (
            "Republicans on the Harbor Oversight Committee said the plan was flawed.",
            [("Republicans on the Harbor Oversight Committee", "group", None, None)],
        ),
        (
            "Jonas Falk, a physicist who is co-director of the programme, said the test was real.",
            [("Jonas Falk", "person", "a physicist who is co-director of the programme", None)],
        ),
        (
            "Paul Lindholm spoke first. Greta Lindholm spoke next. The speech said the economy was weak.",
            [(None, "unknown", "speech", None)],  # a role noun is not a speaker
        ),
    ],
)
def test_the_speaker_is_the_head_of_the_source_phrase(
    text: str, expected: list[tuple[str | None, str, str | None, str | None]]
) -> None:
    assert _speakers(text) == expected


def test_pronoun_goes_to_the_agreeing_person_or_nobody() -> None:
    text = "Marta Sorensen met Jonas Falk in Oslo. She said the talks had gone well. Falk said he was not so sure."
    assert [s[0] for s in _speakers(text)] == ["Marta Sorensen", "Jonas Falk"]
    lone = "Marta Sorensen met the press in Oslo. He said the talks had gone well."
    assert [s[0] for s in _speakers(lone)] == [None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Otto Keller and Greta Lindholm met voters on Monday. Each said the economy was the main issue.",
            "Otto Keller; Greta Lindholm",
        ),
        ("Otto Keller met voters on Monday. Each said the economy was the main issue.", None),  # one person: no pair
    ],
)
def test_each_is_the_two_people_just_named(text: str, expected: str | None) -> None:
    claims = [c for c in extract_claims(text) if "economy" in c.text]
    assert claims
    pair = claims[0].speaker if claims[0].speaker and ";" in claims[0].speaker else None
    assert pair == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The subject governs a pronoun in its own sentence, even with a known man named just before.
        (
            "Otto Keller said the vote would fail. Secretary Tamm Sato condemned what he called a breach of "
            'the rules. "I count on the council to act," he told reporters.',
            ["Otto Keller", "Tamm Sato", "Tamm Sato"],
        ),
        # A body's name that starts with a given name is not a person.
        ("Clinics reopened on Monday, the Molly Gazette reported.", ["the Molly Gazette"]),
        # A person the tagger once calls an organisation is the person the article names so elsewhere.
        (
            'In an essay last week, Ivo Lund acknowledged the problem. Otto Lund said it was solved. "It is '
            'not," Ivo Lund said.',
            ["Ivo Lund", "Otto Lund", "Ivo Lund"],
        ),
    ],
)
def test_names_the_tagger_mislabels(text: str, expected: list[str]) -> None:
    assert [s[0] for s in _speakers(text)] == expected


def test_a_given_name_mistaken_for_an_organisation_needs_the_full_name_known() -> None:
    reg = Registry()
    assert reg.person_named_as_body(["Ivo", "Lund"], 0) is None  # nobody named so: stays a body
    reg.add_person(_name("Ivo Lund"), 10)
    assert reg.person_named_as_body(["the", "Ivo", "Lund"], 50) is not None
    reg.add_org("Molly Gazette", SpeakerKind.ORGANIZATION, 60)
    reg.add_person(_name("Molly Gazette"), 70)
    assert reg.person_named_as_body(["Molly", "Gazette"], 80) is None  # also a body: the body stands


def test_a_name_written_family_name_first_is_found_by_its_first_word() -> None:
    reg = Registry()
    reg.add_person(_name("Tamm Ki-sun"), 0)
    found = reg.person_by_surname("Tamm", 40)
    assert found is not None and found.canonical == "Tamm Ki-sun"
    assert reg.person_by_surname("Sun", 40) is None


def test_unparsed_text_keeps_subjects_and_pronoun_chains() -> None:
    from tasks.extract.registration import register_text_names

    reg = Registry()
    reg.add_person(_name("Mr. Lindholm"), 0, is_subject=True)
    text = "For her part, Sato Virtanen has faced criticism. She advises the council. Critics dislike Lindholm."
    register_text_names(reg, text, 100)
    sato = [m for m in reg.mentions if m.entity.canonical == "Sato Virtanen"]
    assert sato and sato[0].is_subject  # after the opening phrase, before a finite verb
    she = reg.pronouns.get(100 + text.index("She"))
    assert she is not None and she.canonical == "Sato Virtanen" and she.gender == "f"
    late = [m for m in reg.mentions if m.entity.canonical == "Lindholm" and m.pos > 100]
    assert late and not late[0].is_subject  # an object is not a subject


def test_a_pronoun_right_after_a_lone_subject_shows_its_gender() -> None:
    from tasks.extract.registration import register_text_names

    for quotes, expected in (([], "m"), ([(40, 100)], None)):  # inside a quotation: shows nothing
        reg = Registry(quotes)
        reg.add_person(_name("Tamm Sato"), 0)
        reg.add_person(_name("Lindqvist"), 30, is_subject=True)
        register_text_names(reg, "He said it was fine.", 50)
        assert reg.people()[1].gender == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'A said B had ... . He said': the speaker A, not the subject of what A said.
        (
            'Mr. Lindholm said Mr. Keller had been wrong. "It was a mistake," he said.',
            ["Lindholm", "Lindholm"],
        ),
        # ... unless only B agrees.
        (
            'Mr. Lindholm said Ms. Keller had been wrong. "It was a mistake," she said.',
            ["Lindholm", "Keller"],
        ),
        # A subject inside a phrase ('nothing wrong with X's raising it') is not who is talked about.
        (
            "Mr. Lindholm said there was nothing wrong with Mr. Keller's raising the problem. But he "
            'suggested that Mr. Keller had his eyes on critics. "They are under pressure," he said.',
            ["Lindholm", "Lindholm", "Lindholm"],
        ),
        # A main subject stays the most salient: a relative clause does not take it away.
        (
            'Mr. Lindholm spoke first. Mr. Keller, who had arrived late, said the plan was sound. "It will '
            'work," he said.',
            ["Keller", "Keller"],
        ),
    ],
)
def test_the_main_subject_outranks_an_embedded_one(text: str, expected: list[str]) -> None:
    assert [s[0] for s in _speakers(text)] == expected


@pytest.mark.parametrize(
    ("text", "same", "apart"),
    [
        ("Mr. Lindholm said J. Keller had been wrong. Then Sen. Roe left.", ("Lindholm", "wrong"), ("wrong", "Roe")),
        ('"It was a mistake," he said. She left! Did he? Yes.', ("mistake", "said"), ("said", "She")),
    ],
)
def test_same_sentence_follows_the_sentence_units(text: str, same: tuple[str, str], apart: tuple[str, str]) -> None:
    from tasks.extract.paragraphs import split_paragraphs

    reg = Registry(sentence_ends=[p.end for p in split_paragraphs(text)])
    assert reg.same_sentence(text.index(same[0]), text.index(same[1]))
    assert not reg.same_sentence(text.index(apart[0]), text.index(apart[1]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "During a long speech earlier in the day, Otto Keller attacked the council for its support of new "
            'taxes in Northland and Westfield, saying, "It is reckless and very costly."',
            "Otto Keller",
        ),
        # After a quotation, a word inside it is never its source.
        ('"If it fails now, it will fail again later," said Ruth Okafor, a physicist.', "Ruth Okafor"),
    ],
)
def test_a_quote_after_a_long_clause_goes_to_its_main_subject(text: str, expected: str) -> None:
    quotes = [s for s, c in zip(_speakers(text), extract_claims(text), strict=True) if c.kind.value == "direct"]
    assert [q[0] for q in quotes] == [expected]


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        # the tagger reads this surname, alone in its paragraph, as a common noun it calls an organisation
        ("Stone is touting a cautious stance in other interviews.", {"Anna Stone"}),
        # a common noun that names nobody the article named stays unnamed
        ("The stone is said to be cursed, local guides say.", {None}),
    ],
)
def test_a_surname_tagged_as_a_common_noun_is_still_the_person(later: str, expected: set[str | None]) -> None:
    first = "Republican candidate Anna Stone spoke to voters on Monday.\n\n"
    claims = extract_claims(first + later + "\n")
    assert {c.speaker for c in claims if c.speaker_mention and c.speaker_mention.start >= len(first)} == expected
