"""The model's attribute_ruler, matched by table lookup: same patterns, same attributes, same order.

en_core_web_sm maps fine tags to POS and morphology (and fixes some lemmas) with an `AttributeRuler`:
179 token patterns run through spaCy's general `Matcher`, ~15% of our parse time. Those patterns only
test a token's TAG, LOWER, DEP and IS_SPACE (plus a few two-token sequences), so the set of patterns a
token matches is a function of those four values: computed once per distinct combination and cached.
Attributes are then set with spaCy's own `set_token_attrs`, in the ruler's order (later patterns win).
A pattern of any other shape makes `compile_ruler` refuse, and the model's own ruler stays in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

# Token attributes a pattern may test, and how to read each from a token.
READERS: dict[str, Callable[[Token], object]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
# The values a pattern may test, read for a whole doc at once (same order as READERS).
KEY_ATTRS: list[int | str] = [TAG, LOWER, DEP, IS_SPACE]
# Cache of single-token results; cleared when full (bounded memory on endless backfills).
MEMO_SIZE = 200_000

TokenTest = Callable[[Token], bool]


class UnsupportedPattern(ValueError):
    """The ruler holds a pattern this lookup cannot reproduce exactly."""


@dataclass(frozen=True)
class _Rule:
    attr_id: int
    tests: tuple[TokenTest, ...]  # one per token of the pattern
    index: int  # which token of the match gets the attributes
    anchor: tuple[str, str] | None  # (TAG or LOWER, value) the first token must equal, when there is one


def _value_test(key: str, spec: object) -> Callable[[object], bool]:
    """The Matcher's predicates used by the ruler: equality, IN, NOT_IN, REGEX (re.search)."""
    if isinstance(spec, str | bool):
        return lambda v: v == spec
    if isinstance(spec, Mapping) and len(spec) == 1:
        ((op, arg),) = spec.items()
        if op == "IN" and isinstance(arg, list):
            members = frozenset(arg)
            return lambda v: v in members
        if op == "NOT_IN" and isinstance(arg, list):
            excluded = frozenset(arg)
            return lambda v: v not in excluded
        if op == "REGEX" and isinstance(arg, str):
            pattern = re.compile(arg)
            return lambda v: isinstance(v, str) and pattern.search(v) is not None
    raise UnsupportedPattern(f"{key}: {spec!r}")


def _token_test(spec: Mapping[str, Any]) -> TokenTest:
    tests: list[tuple[Callable[[Token], object], Callable[[object], bool]]] = []
    for key, value in spec.items():
        if key not in READERS:
            raise UnsupportedPattern(f"attribute {key}")
        tests.append((READERS[key], _value_test(key, value)))
    return lambda tok: all(test(read(tok)) for read, test in tests)


def _anchor(spec: Mapping[str, Any]) -> tuple[str, str] | None:
    for key in ("TAG", "LOWER"):
        if isinstance(spec.get(key), str):
            return key, spec[key]
    return None


def _rules(ruler: AttributeRuler) -> list[_Rule]:
    rules: list[_Rule] = []
    entries: list[dict[str, Any]] = list(ruler.patterns)  # spaCy types these loosely
    for attr_id, entry in enumerate(entries):
        if "_" in entry["attrs"]:
            raise UnsupportedPattern("extension attributes")
        for alternative in entry["patterns"]:
            if not alternative or not all(isinstance(spec, Mapping) for spec in alternative):
                raise UnsupportedPattern(repr(alternative))
            tests = tuple(_token_test(spec) for spec in alternative)
            index = int(entry.get("index", 0))
            if not -len(tests) <= index < len(tests):
                raise UnsupportedPattern(f"index {index} of a {len(tests)}-token pattern")
            rules.append(_Rule(attr_id, tests, index % len(tests), _anchor(alternative[0])))
    return rules


def _lower_words(ruler: AttributeRuler) -> frozenset[str] | None:
    """Every LOWER value the patterns name; None when one tests LOWER by a regular expression. A word
    outside the set passes and fails the same tests as any other, so the cache need not tell them apart."""
    words: set[str] = set()
    entries: list[dict[str, Any]] = list(ruler.patterns)
    for entry in entries:
        for alternative in entry["patterns"]:
            for spec in alternative:
                value = spec.get("LOWER") if isinstance(spec, Mapping) else None
                if isinstance(value, str):
                    words.add(value)
                elif isinstance(value, Mapping):
                    if "REGEX" in value:
                        return None
                    for listed in value.values():
                        words.update(str(v) for v in listed)
    return frozenset(words)


class IndexedAttributeRuler:
    """Callable pipeline component equivalent to the given `AttributeRuler` (see module docstring)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        rules = _rules(ruler)
        self._attrs: Sequence[dict[int, int]] = ruler.attrs
        self._multi = [r for r in rules if len(r.tests) > 1]
        self._anchored: dict[tuple[str, str], list[_Rule]] = {}
        self._unanchored: list[_Rule] = []
        for rule in (r for r in rules if len(r.tests) == 1):
            if rule.anchor is None:
                self._unanchored.append(rule)
            else:
                self._anchored.setdefault(rule.anchor, []).append(rule)
        self._memo: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._words = _lower_words(ruler)
        self._word_ids: frozenset[int] | None = None  # the same as string ids, once a vocab is seen

    def __call__(self, doc: Doc) -> Doc:
        tokens = list(doc)
        # The four values as integers in one call (string properties per token cost more than the rest).
        keys = doc.to_array(KEY_ATTRS).tolist() if tokens else []
        if self._words is not None:
            if self._word_ids is None:
                self._word_ids = frozenset(doc.vocab.strings.add(w) for w in self._words)
            named = self._word_ids
            for key in keys:
                if key[1] not in named:
                    key[1] = 0  # any word no pattern names
        memo = self._memo
        found = [memo.get(tuple(key)) or self._lookup(tok, tuple(key)) for tok, key in zip(tokens, keys, strict=True)]
        extra: dict[int, set[int]] = {}
        for i, (_, starts) in enumerate(found):
            for k in starts:  # multi-token patterns whose first token test passed here
                rule = self._multi[k]
                end = i + len(rule.tests)
                if end <= len(tokens) and all(t(tokens[i + j]) for j, t in enumerate(rule.tests) if j):
                    extra.setdefault(i + rule.index, set()).add(rule.attr_id)
        for tok, (ids, _) in zip(tokens, found, strict=True):
            more = extra.get(tok.i)
            for attr_id in sorted({*ids, *more}) if more else ids:
                set_token_attrs(tok, self._attrs[attr_id])
        return doc

    def _lookup(self, tok: Token, key: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(single-token patterns matched, multi-token patterns whose first token matched), cached by
        the four values the tests read (`key`: their integer ids, as `KEY_ATTRS` orders them)."""
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            candidates = [
                *self._anchored.get(("TAG", tok.tag_), ()),
                *self._anchored.get(("LOWER", tok.lower_), ()),
                *self._unanchored,
            ]
            ids = tuple(sorted({r.attr_id for r in candidates if r.tests[0](tok)}))
            starts = tuple(k for k, r in enumerate(self._multi) if r.tests[0](tok))
            found = self._memo[key] = (ids, starts)
        return found


def compile_ruler(ruler: AttributeRuler) -> IndexedAttributeRuler:
    """The table-driven equivalent of `ruler`, or `UnsupportedPattern` if it cannot be exact."""
    return IndexedAttributeRuler(ruler)


@Language.factory("indexed_attribute_ruler")
def _make(nlp: Language, name: str, source: str) -> IndexedAttributeRuler:
    """Built from the pipeline's own ruler named `source` (its patterns come with the model)."""
    ruler = nlp.get_pipe(source)
    if not isinstance(ruler, AttributeRuler):
        raise UnsupportedPattern(f"{source} is not an AttributeRuler")
    return compile_ruler(ruler)
