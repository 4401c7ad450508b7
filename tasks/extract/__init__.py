"""Extract stage: clean article text -> attributed claims. Pure functions of the text, no I/O."""

from __future__ import annotations

from collections.abc import Sequence

from schemas import Claim, CleanArticle
from tasks.extract import chunks

# Bump whenever extraction output can change: backfills re-extract articles with an older version.
EXTRACTOR_VERSION = "0.9.6"

__all__ = ["EXTRACTOR_VERSION", "extract_batch", "extract_claims"]


def extract_batch(articles: Sequence[CleanArticle]) -> list[list[Claim]]:
    """Claims for each article, in order. Batched so the NLP model can stream (`nlp.pipe`)."""
    return _extract([(a.text, a.author, a.language) for a in articles])


def extract_claims(text: str, *, author: str | None = None, language: str = "en") -> list[Claim]:
    """Claims of one article's clean text (`author` signs opinion pieces; non-English yields none)."""
    return _extract([(text, author, language)])[0]


def _extract(items: Sequence[tuple[str, str | None, str]]) -> list[list[Claim]]:
    """Very long texts go through in article-sized chunks (tasks/extract/chunks.py), mapped back."""
    pieces: list[tuple[int, int]] = []  # (item index, chunk offset), one per chunk
    chunked: list[tuple[str, str | None, str]] = []
    for i, (text, author, language) in enumerate(items):
        for offset, chunk in chunks.split_long(text, chunks.MAX_CHUNK_CHARS):
            pieces.append((i, offset))
            chunked.append((chunk, author, language))
    # Imported on first use: the extractor imports spaCy (~2 s), which the flow process and the
    # analysis stage (they import sibling modules such as tasks.extract.gender) never need.
    from tasks.extract.extractor import extract_articles

    results: list[list[Claim]] = [[] for _ in items]
    for (i, offset), claims in zip(pieces, extract_articles(chunked), strict=True):
        base = len(results[i])
        results[i].extend(chunks.shift(c, offset, base) for c in claims)
    return results
