"""Language identification (py3langid: small bundled model, ~0.1 ms a call, no download) and stopwords."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Below this many letters a guess is noise: report "und".
MIN_LETTERS_FOR_LANGUAGE = 40
# Normalised probability below which a document's language is reported as "und".
MIN_DOC_CONFIDENCE = 0.6
# A single line is called foreign only when the model is this sure (short lines are hard).
MIN_LINE_CONFIDENCE = 0.95
# Characters of body text sent to the model: enough to be sure, cheap on long pages.
MAX_CHARS_FOR_LANGUAGE = 2000

# English function words: their share separates running prose from menus, tags and headlines.
STOPWORDS_EN: frozenset[str] = frozenset(
    {
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "said",
        "says",
        "say",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "don't",
        "doesn't",
        "didn't",
        "won't",
        "wouldn't",
        "can't",
        "couldn't",
        "shouldn't",
        "hasn't",
        "haven't",
        "hadn't",
        "it's",
        "he's",
        "she's",
        "that's",
        "there's",
        "they're",
        "we're",
        "you're",
        "i'm",
        "i've",
        "we've",
        "they've",
        "i'd",
        "he'd",
        "she'd",
        "we'd",
        "they'd",
        "i'll",
        "we'll",
        "they'll",
        "let's",
    }
)
# Words after which an English sentence cannot end: a line ending on one continues on the next line.
DANGLING_EN: frozenset[str] = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "into",
        "onto",
        "via",
        "and",
        "or",
        "but",
        "nor",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whose",
        "whom",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "this",
        "these",
        "those",
    }
)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """The py3langid model with normalised probabilities, loaded once per process (from the cached
    uncompressed copy: tasks/clean/langid_model.py)."""
    from infra.config import get_settings
    from tasks.clean.langid_model import load_identifier

    return load_identifier(get_settings().claims_etl_home / "cache")


_NON_LETTERS = re.compile(r"[\W\d_]+")


def _letters(text: str) -> int:
    return len(_NON_LETTERS.sub("", text))


def detect_language(text: str) -> str:
    """ISO 639-1 code of `text`, or "und" when too short or the model is unsure."""
    sample = text[:MAX_CHARS_FOR_LANGUAGE]
    if _letters(sample) < MIN_LETTERS_FOR_LANGUAGE:
        return "und"
    lang, prob = _identifier().classify(sample)
    return str(lang) if prob >= MIN_DOC_CONFIDENCE else "und"


def line_language(line: str) -> tuple[str, float]:
    """Language guess for one line with its probability (for spotting foreign-language link lists)."""
    lang, prob = _identifier().classify(line)
    return str(lang), float(prob)


def stopword_share(words: list[str]) -> float:
    """Share of English function words among `words` (0 for an empty list)."""
    if not words:
        return 0.0
    return sum(w.lower().replace("’", "'").strip(".,;:!?\"'“”‘’()") in STOPWORDS_EN for w in words) / len(words)
