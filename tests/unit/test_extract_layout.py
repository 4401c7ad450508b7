"""Cheap layout and registry components of the extractor (no model needed)."""

from __future__ import annotations

import pytest

from tasks.extract.authorial import OpinionSignals, first_person_outside_quotes
from tasks.extract.coref import resolve_personal
from tasks.extract.paragraphs import is_headline, sentence_bounds, split_paragraphs
from tasks.extract.person_names import PersonName, parse_person_name
from tasks.extract.prefilter import CUE_PREFILTER, inflections, may_hold_claim
from tasks.extract.quotes import find_quotes
from tasks.extract.registration import register_text_names
from tasks.extract.registry import Registry

SENTENCES: list[tuple[str, list[str]]] = [
    ("Mr. Berg arrived. He spoke briefly.", ["Mr. Berg arrived.", "He spoke briefly."]),
    ("The U.S. team won. Fans cheered.", ["The U.S. team won.", "Fans cheered."]),
    ("J. R. Smith left early. Nobody noticed.", ["J. R. Smith left early.", "Nobody noticed."]),
    ("“We won.” The crowd cheered.", ["“We won.”", "The crowd cheered."]),
    ("It costs 3.5 million. that is a lot.", ["It costs 3.5 million. that is a lot."]),
    ('"It is a waste," said Del. Ann Roe of the Isles.', ['"It is a waste," said Del. Ann Roe of the Isles.']),
    ("Amb. Lund and Atty. Gen. Roe met. Talks began.", ["Amb. Lund and Atty. Gen. Roe met.", "Talks began."]),
    ('"Why now?" Ann Roe asked. Then she left.', ['"Why now?" Ann Roe asked.', "Then she left."]),
    ('"Stop!" The crowd roared.', ['"Stop!"', "The crowd roared."]),  # no attribution follows
    ("Did it work? Nobody knows.", ["Did it work?", "Nobody knows."]),
    # dotted initials inside a name do not end the sentence; a sentence after other abbreviations does
    (
        "He asked scholar A.E. Dick Roe at the college. Roe agreed.",
        ["He asked scholar A.E. Dick Roe at the college.", "Roe agreed."],
    ),
    ("Author J.R.R. Tolk wrote it.", ["Author J.R.R. Tolk wrote it."]),
    ("They met at 9 a.m. on Friday. Talks began.", ["They met at 9 a.m. on Friday.", "Talks began."]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentence_bounds(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in sentence_bounds(text, 0, len(text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Markets Rally As Talks Resume", True),
        ("Photo: the harbour at dawn", True),
        ("The talks resumed on Monday.", False),
        ("“We are ready,” she said.", False),
    ],
)
def test_is_headline(text: str, expected: bool) -> None:
    assert is_headline(text) is expected


def test_units_keep_article_offsets() -> None:
    text = "Title Line\n\nFirst sentence here. Second one follows.\n\nLast paragraph."
    units = split_paragraphs(text)
    assert [u.text for u in units] == ["Title Line", "First sentence here.", "Second one follows.", "Last paragraph."]
    assert all(text[u.start : u.end] == u.text for u in units)
    assert units[0].headline and not units[1].headline


@pytest.mark.parametrize(
    ("lemma", "form"),
    [("say", "says"), ("note", "noted"), ("admit", "admitted"), ("deny", "denied"), ("stress", "stresses")],
)
def test_inflections(lemma: str, form: str) -> None:
    assert form in inflections(lemma)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister said the plan works.", True),
        ("According to the agency, prices rose.", True),
        ("“Yes,” he replied.", True),
        ("The bridge carries many cars every day.", False),
        ("THE MINISTER SAID NOTHING NEW.", True),
        ("Café owners said the rent doubled.", True),
        ("The unsaid part, the resaid line and said_ok stay out.", False),
        ("Ratio 3:1 and a colon at the end:", True),
        ("Prices rose 3% in Zürich last year.", False),
        ("Der Minister sagte nichts.", False),
    ],
)
def test_prefilter(text: str, expected: bool) -> None:
    assert may_hold_claim(text) is expected
    # the word-set test gives the one regex's answer (ASCII and other text alike)
    assert (CUE_PREFILTER.search(text) is not None) is expected


def _person(text: str) -> PersonName:
    name = parse_person_name(text.split())
    assert name is not None
    return name


def test_registry_merges_surname_variants_and_keeps_longest() -> None:
    reg = Registry()
    reg.add_person(_person("Kerem Yildirimov"), 0)
    reg.add_person(_person("Mr. Yildirimov"), 50)
    reg.add_person(_person("Yildirimow"), 90)
    assert len(reg.entities) == 1
    assert reg.entities[0].canonical == "Kerem Yildirimov"


def test_registry_pronoun_prefers_recent_subject() -> None:
    reg = Registry()
    reg.add_person(_person("Otto Brandt"), 0, is_subject=True)
    reg.add_person(_person("Ivo Lund"), 30, is_subject=False)
    person = resolve_personal(reg, "he", 60)
    assert person is not None and person.canonical == "Otto Brandt"


def test_names_inside_quotes_only_serve_that_quote() -> None:
    reg = Registry([(10, 40)])
    reg.add_person(_person("Otto Brandt"), 0, is_subject=True)
    reg.add_person(_person("Ivo Lund"), 20, is_subject=True)
    outside = resolve_personal(reg, "he", 50)
    inside = resolve_personal(reg, "he", 30)
    assert outside is not None and outside.canonical == "Otto Brandt"
    assert inside is not None and inside.canonical == "Ivo Lund"


def test_text_name_spotting_keeps_title_as_role() -> None:
    reg = Registry()
    register_text_names(reg, "Finance Minister Karl Weiss arrived in New York on Monday.", 0)
    assert [e.canonical for e in reg.entities] == ["Karl Weiss"]
    assert reg.entities[0].role == "Finance Minister"


def test_opinion_signals() -> None:
    text = "I think we should act. “We disagree,” they said. Our city deserves better."
    quotes = find_quotes(text)
    assert first_person_outside_quotes(text, quotes) == 3
    assert OpinionSignals(first_person=3, reported=0, sentences=3).is_opinion
    assert not OpinionSignals(first_person=3, reported=2, sentences=3).is_opinion
    assert not OpinionSignals(first_person=0, reported=0, sentences=3).is_opinion
