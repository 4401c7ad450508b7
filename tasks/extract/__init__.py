"""Extract stage: clean article text -> attributed claims. Pure functions of the text, no I/O."""

from __future__ import annotations

from collections.abc import Sequence

from schemas import Claim, CleanArticle
from tasks.extract.extractor import extract_articles

# Bump whenever extraction output can change: backfills re-extract articles with an older version.
EXTRACTOR_VERSION = "0.7.0"

__all__ = ["EXTRACTOR_VERSION", "extract_batch", "extract_claims"]


def extract_batch(articles: Sequence[CleanArticle]) -> list[list[Claim]]:
    """Claims for each article, in order. Batched so the NLP model can stream (`nlp.pipe`)."""
    return extract_articles([(a.text, a.author, a.language) for a in articles])


def extract_claims(text: str, *, author: str | None = None, language: str = "en") -> list[Claim]:
    """Claims of one article's clean text (`author` signs opinion pieces; non-English yields none)."""
    return extract_articles([(text, author, language)])[0]
