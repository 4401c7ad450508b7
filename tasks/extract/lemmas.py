"""The model's rule lemmatizer, run once per distinct (word, POS, morphology) and set by array.

spaCy's `Lemmatizer` visits every token from Python, building a `Token` and a `MorphAnalysis` for
each and setting `lemma_` by string (~7% of our parse time), although a rule lemma depends only on
those three values (spaCy's own cache uses the same key). This component reads them for a whole
doc with `Doc.to_array`, asks the model's lemmatizer only for combinations it has not seen, and
writes the lemmas back with `Doc.from_array`. Lemmas already set upstream (the attribute ruler's
exceptions) are kept, as spaCy's lemmatizer does unless told to overwrite.

A combination not seen yet was the expensive part: the rule lemmatizer tests each candidate form
with `form in index`, and the model ships each part of speech's index as a list (57,528 nouns),
scanned linearly. The lists are turned into sets once, which answers `in` the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc, Token
from thinc.types import Ints2d

# Distinct (word, POS, morphology) lemmas kept per process before the memo starts afresh.
MEMO_SIZE = 500_000
# The rule lemmatizer's table of known base forms per part of speech.
INDEX_TABLE = "lemma_index"


class TableLemmatizer:
    """Same lemmas as the wrapped `Lemmatizer`, looked up per distinct key instead of per token."""

    def __init__(self, lemmatize: Callable[[Token], list[str]], strings: StringStore, overwrite: bool) -> None:
        self._lemmatize = lemmatize
        self._strings = strings
        self._overwrite = overwrite
        self._memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not self._overwrite:
                continue
            key = (orth, pos, morph)
            found = self._memo.get(key)
            if found is None:
                if len(self._memo) >= MEMO_SIZE:
                    self._memo.clear()  # bounded memory on endless backfills
                found = self._memo[key] = self._strings.add(self._lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], cast(Ints2d, np.asarray(lemmas, dtype=np.uint64).reshape(-1, 1)))
        return doc


@Language.factory("table_lemmatizer")
def _make(nlp: Language, name: str, source: str) -> TableLemmatizer:
    """Built from the pipeline's own lemmatizer named `source` (its tables come with the model)."""
    lemmatizer = nlp.get_pipe(source)
    if not isinstance(lemmatizer, Lemmatizer):
        raise TypeError(f"{source} is not a Lemmatizer")
    _index_as_sets(lemmatizer)
    return TableLemmatizer(lemmatizer.lemmatize, nlp.vocab.strings, lemmatizer.overwrite)


def _index_as_sets(lemmatizer: Lemmatizer) -> None:
    """The lemma index per part of speech as sets: the rule lemmatizer only asks `form in index`."""
    if not lemmatizer.lookups.has_table(INDEX_TABLE):
        return
    table = lemmatizer.lookups.get_table(INDEX_TABLE)
    for pos, words in list(table.items()):
        if isinstance(words, list):
            table[pos] = frozenset(words)
