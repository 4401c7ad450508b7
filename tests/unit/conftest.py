"""Unit-test fixtures shared across modules."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from tasks.extract.nlp import MODEL_NAME, UNUSED_PIPES


@pytest.fixture(scope="session")
def plain() -> Language:
    """The model as shipped (its own attribute_ruler and lemmatizer): the oracle for our table-driven pipes."""
    return spacy.load(MODEL_NAME, exclude=list(UNUSED_PIPES))
