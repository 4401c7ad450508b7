"""The table-driven attribute ruler must set exactly what the model's own AttributeRuler sets."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from tasks.extract.attributes import UnsupportedPattern, compile_ruler
from tasks.extract.nlp import get_nlp


def _attributes(doc: Doc) -> list[tuple[str, str, str, str, str]]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


# Sentences that reach the ruler's special cases: two-token patterns (gonna, gotta, let's, y'all, ain't),
# pronoun case by dependency, auxiliaries, 'but' as an adverb, determiners used as pronouns, 'there is',
# whitespace tokens, and plain tag-map tokens.
SENTENCES = [
    "The minister said on Monday that the talks would resume.",
    "We're gonna win this, and you gotta believe it, she told reporters.",
    "Let's be clear: y'all ain't seen nothing yet.",
    "I told him, and he told me, that it was over; they gave it to you and me.",
    "There is no plan, there are only slogans, and that was all he said.",
    "It has been done before, but she did not say who had done it.",
    "All but two of the senators voted; those who did not were absent.",
    "“We will not back down,”  the governor's spokeswoman, Ana Lind, said in a statement.\n\nNext paragraph.",
    "Do you think he does? He did, and has, and had.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_same_attributes_as_the_models_attribute_ruler(plain: Language, text: str) -> None:
    assert "attribute_ruler" not in get_nlp().pipe_names  # the swap happened
    assert _attributes(get_nlp()(text)) == _attributes(plain(text))


@pytest.mark.parametrize(
    "pattern",
    [
        [{"POS": "NOUN"}],  # an attribute the lookup does not read
        [{"LOWER": "so", "OP": "+"}],  # an operator
        [{"LOWER": {"FUZZY": "colour"}}],  # a predicate it does not know
    ],
)
def test_refuses_patterns_it_cannot_reproduce(pattern: list[dict[str | int, Any]]) -> None:
    ruler = AttributeRuler(spacy.blank("en").vocab)
    ruler.add([pattern], {"LEMMA": "x"})
    with pytest.raises(UnsupportedPattern):
        compile_ruler(ruler)
