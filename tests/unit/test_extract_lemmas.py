"""The table lemmatizer must set exactly the lemmas the model's own Lemmatizer sets."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from tasks.extract.nlp import get_nlp

# Regular and irregular inflections of each part of speech, forms absent from the index (rule output
# kept as out-of-vocabulary), base forms, proper nouns, contractions the attribute ruler lemmatises
# first, numbers, punctuation and whitespace.
SENTENCES = [
    "The ministers said the talks were going better than the analysts had predicted.",
    "She'd written two letters; he hadn't read either, and they're not replying.",
    "Geese flew over the cities while the children ran and the mice hid.",
    "The Smiths' lawyers argued that the Zorblaxes had unfriended the councillors.",
    "Prices rose 3.5% in 2016, faster, happier, and more worryingly than the best forecasts.",
    "“We will not back down,”  the governor said.\n\nI am, you are, it is, we were.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_same_lemmas_as_the_models_lemmatizer(plain: Language, text: str) -> None:
    assert "lemmatizer" not in get_nlp().pipe_names  # the swap happened
    ours = [(t.text, t.lemma_) for t in get_nlp()(text)]
    assert ours == [(t.text, t.lemma_) for t in plain(text)]


def test_same_lemmas_when_a_word_comes_back_in_another_role(plain: Language) -> None:
    """The memo is keyed by word, POS and morphology: 'saw' the verb and 'saw' the noun differ."""
    text = "He saw the saw. The saw was sharp, and she saws wood with saws."
    assert [t.lemma_ for t in get_nlp()(text)] == [t.lemma_ for t in plain(text)]


def test_refuses_a_source_that_is_not_a_lemmatizer() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    with pytest.raises(TypeError):
        nlp.add_pipe("table_lemmatizer", config={"source": "sentencizer"})
