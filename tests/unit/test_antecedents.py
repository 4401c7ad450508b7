"""Subjects without a tagged name as antecedents: an untagged surname is looked up, never invented."""

from __future__ import annotations

from tasks.extract import antecedents
from tasks.extract.nlp import get_nlp
from tasks.extract.person_names import parse_person_name
from tasks.extract.registry import Registry


def _subject(text: str):  # type: ignore[no-untyped-def]
    doc = get_nlp()(text)
    doc.ents = []  # as if the tagger had given the subject no label
    return next(t for t in doc if t.dep_ == "nsubj")


def test_an_untagged_surname_subject_is_the_person_named_before() -> None:
    registry = Registry()
    name = parse_person_name(["Ted", "Ortiz"])
    assert name is not None
    person = registry.add_person(name, 0)
    tok = _subject("Ortiz has supported the plan.")
    assert antecedents.is_untagged_surname(tok)
    assert antecedents.register_surname(registry, tok, 100)
    assert registry.mentions[-1].entity is person and registry.mentions[-1].is_subject


def test_an_unknown_proper_noun_subject_registers_nobody() -> None:
    registry = Registry()
    tok = _subject("Apple has supported the plan.")
    assert not antecedents.register_surname(registry, tok, 100)
    assert registry.mentions == [] and registry.people() == []


def test_a_lowercase_or_compound_subject_is_no_untagged_surname() -> None:
    assert not antecedents.is_untagged_surname(_subject("The mayor has supported the plan."))
