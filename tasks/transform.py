"""Transform stage: decoded files -> clean articles -> claims. Pure: no files, no database."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from schemas import Claim, CleanArticle, ExtractedArticle, RawFile
from tasks.clean import clean_document
from tasks.extract import EXTRACTOR_VERSION, extract_batch
from tasks.read import FileBytes, ReadFailure, decode

log = logging.getLogger(__name__)


def transform(
    files: Sequence[FileBytes], *, max_bytes: int, known_junk: frozenset[str] = frozenset(), with_claims: bool = True
) -> tuple[list[ExtractedArticle], list[ReadFailure]]:
    """Decode, clean and extract a batch. Bad files come back as failures; the batch never raises."""
    failures: list[ReadFailure] = []
    cleaned: list[tuple[RawFile, CleanArticle]] = []
    for file in files:
        raw = decode(file, max_bytes=max_bytes)
        if isinstance(raw, ReadFailure):
            failures.append(raw)
            continue
        try:
            article = clean_document(raw, known_junk=known_junk)
        except Exception as exc:  # a parser bug on one page must not stop the run
            log.exception("cleaning failed for %s", raw.source)
            failures.append(_failure(raw, "parse_error", f"cleaning failed: {type(exc).__name__}: {exc}"))
            continue
        if not article.text.strip():
            failures.append(_failure(raw, "no_body", "no article text found after removing page furniture"))
            continue
        cleaned.append((raw, article))
    claims: dict[int, list[Claim]] = (
        _extract(cleaned, failures) if with_claims else {i: [] for i in range(len(cleaned))}
    )
    done = [
        ExtractedArticle(raw=raw, article=article, claims=tuple(claims[i]), extractor_version=EXTRACTOR_VERSION)
        for i, (raw, article) in enumerate(cleaned)
        if i in claims
    ]
    return done, failures


def _extract(cleaned: list[tuple[RawFile, CleanArticle]], failures: list[ReadFailure]) -> dict[int, list[Claim]]:
    """Claims by position; on a batch error, retry one by one so only the culprit fails."""
    articles = [a for _, a in cleaned]
    try:
        return dict(enumerate(extract_batch(articles)))
    except Exception:
        log.exception("batch extraction failed; retrying article by article")
    out: dict[int, list[Claim]] = {}
    for i, (raw, article) in enumerate(cleaned):
        try:
            out[i] = extract_batch([article])[0]
        except Exception as exc:
            failures.append(_failure(raw, "extract_error", f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


def _failure(raw: RawFile, error_class: str, message: str) -> ReadFailure:
    return ReadFailure(raw.source, error_class, message, sha256=raw.sha256, size=raw.size)
