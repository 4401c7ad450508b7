"""Attribution cue lexicons (by lemma), read once from `data/cues.toml`.

In: the word lists of the data file, each with the comment that says what it is for. Out: one frozenset
(or lemma -> words table) per list, under the names the rules import, and the unions they share. The
lists are about English reporting language, never about particular articles; they live in a data file
so that adding a word is a data change, and the code that uses them stays short.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

CUES_FILE = "cues.toml"


def _load() -> dict[str, Any]:
    text = resources.files("tasks.extract").joinpath("data", CUES_FILE).read_text(encoding="utf-8")
    return tomllib.loads(text)


_DATA = _load()


def _words(key: str) -> frozenset[str]:
    return frozenset(str(w) for w in _DATA[key])


def _table(key: str) -> dict[str, frozenset[str]]:
    return {str(lemma): frozenset(str(w) for w in words) for lemma, words in _DATA[key].items()}


# What each list holds is said next to it in data/cues.toml.
SPEECH_VERBS: frozenset[str] = _words("speech_verbs")
VOICE_VERBS: frozenset[str] = _words("voice_verbs")
COGNITION_VERBS: frozenset[str] = _words("cognition_verbs")
EVIDENCE_VERBS: frozenset[str] = _words("evidence_verbs")
NP_CONTENT_VERBS: frozenset[str] = _words("np_content_verbs")
CONTENT_PREPOSITIONS: frozenset[str] = _words("content_prepositions")
NEEDS_PREPOSITION: dict[str, frozenset[str]] = _table("needs_preposition")
OPTIONAL_PREPOSITION: dict[str, frozenset[str]] = _table("optional_preposition")
NAMING_VERBS: frozenset[str] = _words("naming_verbs")
PORTRAYAL_VERBS: frozenset[str] = _words("portrayal_verbs")
RECIPIENT_VERBS: frozenset[str] = _words("recipient_verbs")
PARTICLE_CUES: dict[str, frozenset[str]] = _table("particle_cues")
STATEMENT_NOUNS: frozenset[str] = _words("statement_nouns")
CLAIM_NOUNS: frozenset[str] = _words("claim_nouns")
LIGHT_VERBS: frozenset[str] = _words("light_verbs")
SOURCE_NOUNS: frozenset[str] = _words("source_nouns")
SPEAKER_NOUNS: frozenset[str] = _words("speaker_nouns")
QUANTITY_SUBJECTS: frozenset[str] = _words("quantity_subjects")
FINDING_NOUNS: frozenset[str] = _words("finding_nouns")
EXPECTATION_VERBS: frozenset[str] = _words("expectation_verbs")
VIEW_NOUNS: frozenset[str] = _words("view_nouns")
GOVERNMENT_WORDS: frozenset[str] = _words("government_words")
ATTITUDE_VERBS: frozenset[str] = _words("attitude_verbs")
STANCE_VERBS: frozenset[str] = _words("stance_verbs")
REFUSAL_VERBS: frozenset[str] = _words("refusal_verbs")
INTENTION_VERBS: frozenset[str] = _words("intention_verbs")
# Verbs whose content may be a to-infinitive: the listed ones, refusals and intentions.
XCOMP_CONTENT_VERBS: frozenset[str] = REFUSAL_VERBS | _words("xcomp_content_verbs") | INTENTION_VERBS
IRREGULAR_FORMS: frozenset[str] = _words("irregular_forms")

ALL_VERB_CUES: frozenset[str] = (
    SPEECH_VERBS | COGNITION_VERBS | EVIDENCE_VERBS | ATTITUDE_VERBS | STANCE_VERBS | REFUSAL_VERBS | INTENTION_VERBS
)
# Verbs whose direct object can be the reported content ('X endorsed Y', 'the poll shows Z ahead').
NP_OBJECT_VERBS: frozenset[str] = NP_CONTENT_VERBS | EVIDENCE_VERBS | ATTITUDE_VERBS | STANCE_VERBS
