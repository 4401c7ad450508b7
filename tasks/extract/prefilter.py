"""The cheap text test that decides which paragraphs are worth parsing.

In: a paragraph's raw text. Out: whether it could hold an attribution (a quote mark, a colon ending a
clause, or an inflected form of a cue lemma from `cues`). Parsing is the extractor's main cost, so
paragraphs that fail this test are never sent to spaCy.
"""

from __future__ import annotations

import re

from tasks.extract.cues import ALL_VERB_CUES, EXPECTATION_VERBS, FINDING_NOUNS, IRREGULAR_FORMS, PORTRAYAL_VERBS

VOWELS = "aeiou"


def inflections(lemma: str) -> set[str]:
    """Regular English verb forms of a lemma (say -> says, saying; note -> noted; admit -> admitted)."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if len(lemma) >= 3 and lemma[-1] not in VOWELS + "wxy" and lemma[-2] in VOWELS and lemma[-3] not in VOWELS:
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _cue_words() -> frozenset[str]:
    words = set(IRREGULAR_FORMS) | FINDING_NOUNS | {n + "s" for n in FINDING_NOUNS}
    for lemma in EXPECTATION_VERBS:
        words |= inflections(lemma)
    for lemma in ALL_VERB_CUES | PORTRAYAL_VERBS:
        words |= inflections(lemma)
    return frozenset(words)


# Every inflected cue form (lower-case ASCII words), and the marks that make any paragraph a candidate.
CUE_WORDS: frozenset[str] = _cue_words()
MARKS = '“”"«»„‘―'
MARK_PATTERN: re.Pattern[str] = re.compile(rf"[{re.escape(MARKS)}]|''|:(?:\s|$)")
WORD_RUN: re.Pattern[str] = re.compile(r"\w+")


def _prefilter_pattern() -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in sorted(CUE_WORDS, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b|{MARK_PATTERN.pattern}", re.IGNORECASE)


# Matches any text span that could hold an attribution (quote mark, colon, cue word form).
CUE_PREFILTER: re.Pattern[str] = _prefilter_pattern()


def may_hold_claim(paragraph: str) -> bool:
    """Cheap test used to skip parsing paragraphs that cannot hold an attribution.

    The same answer as `CUE_PREFILTER.search`: a cue form bounded by word boundaries is a whole run of
    word characters, so on ASCII text a set lookup per word decides it (the regex tries its ~900
    alternatives at every word start: ~4 % of an extraction's CPU). Other text, where Unicode case
    folding may match differently from `str.lower`, takes the regex.
    """
    if MARK_PATTERN.search(paragraph) is not None:
        return True
    if not paragraph.isascii():
        return CUE_PREFILTER.search(paragraph) is not None
    return not CUE_WORDS.isdisjoint(WORD_RUN.findall(paragraph.lower()))
