"""Transform stage: decoded files -> clean articles -> claims. Pure: no files, no database."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from schemas import Claim, CleanArticle, ExtractedArticle, RawFile
from tasks.clean import clean_document, junk_candidates
from tasks.extract import EXTRACTOR_VERSION, extract_batch
from tasks.read import FileBytes, ReadFailure, decode
from tasks.sites import learned_junk, site_of

log = logging.getLogger(__name__)


def transform(
    files: Sequence[FileBytes],
    *,
    max_bytes: int,
    known_junk: Mapping[str, frozenset[str]] | None = None,
    with_claims: bool = True,
) -> tuple[list[ExtractedArticle], list[ReadFailure]]:
    """Decode, clean and extract a batch. Bad files come back as failures; the batch never raises.

    `known_junk` maps a site (tasks/sites.py) to furniture lines the database has learned for it.
    """
    failures: list[ReadFailure] = []
    raws: list[RawFile] = []
    for file in files:
        raw = decode(file, max_bytes=max_bytes)
        if isinstance(raw, ReadFailure):
            failures.append(raw)
        else:
            raws.append(raw)
    candidates = [_candidates(raw) for raw in raws]
    junk = learned_junk(raws, candidates, known_junk or {})
    cleaned: list[tuple[RawFile, CleanArticle, tuple[str, ...]]] = []
    for raw, lines in zip(raws, candidates, strict=True):
        try:
            article = clean_document(raw, known_junk=junk.get(site_of(raw.source), frozenset()))
        except Exception as exc:  # a parser bug on one page must not stop the run
            log.exception("cleaning failed for %s", raw.source)
            failures.append(_failure(raw, "parse_error", f"cleaning failed: {type(exc).__name__}: {exc}"))
            continue
        if not article.text.strip():
            failures.append(_failure(raw, "no_body", "no article text found after removing page furniture"))
            continue
        cleaned.append((raw, article, tuple(lines)))
    claims: dict[int, list[Claim]] = (
        _extract([a for _, a, _ in cleaned], [r for r, _, _ in cleaned], failures)
        if with_claims
        else {i: [] for i in range(len(cleaned))}
    )
    done = [
        ExtractedArticle(
            raw=raw,
            article=article,
            claims=tuple(claims[i]),
            extractor_version=EXTRACTOR_VERSION,
            furniture_candidates=lines,
        )
        for i, (raw, article, lines) in enumerate(cleaned)
        if i in claims
    ]
    return done, failures


def _candidates(raw: RawFile) -> list[str]:
    try:
        return junk_candidates(raw)
    except Exception:  # counting furniture is an optimisation: never fail a file for it
        log.exception("furniture candidates failed for %s", raw.source)
        return []


def _extract(articles: list[CleanArticle], raws: list[RawFile], failures: list[ReadFailure]) -> dict[int, list[Claim]]:
    """Claims by position; on a batch error, retry one by one so only the culprit fails."""
    try:
        return dict(enumerate(extract_batch(articles)))
    except Exception:
        log.exception("batch extraction failed; retrying article by article")
    out: dict[int, list[Claim]] = {}
    for i, (raw, article) in enumerate(zip(raws, articles, strict=True)):
        try:
            out[i] = extract_batch([article])[0]
        except Exception as exc:
            failures.append(_failure(raw, "extract_error", f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


def _failure(raw: RawFile, error_class: str, message: str) -> ReadFailure:
    return ReadFailure(raw.source, error_class, message, sha256=raw.sha256, size=raw.size)
