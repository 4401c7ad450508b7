"""Transform stage: decoded files -> clean articles -> claims. Pure: no files, no database."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from infra.budget import OverBudget, time_budget
from schemas import Claim, CleanArticle, ExtractedArticle, RawFile
from tasks.clean import clean_document, junk_candidates
from tasks.clean.language import line_language
from tasks.clean.nesting import nesting_failure
from tasks.common.sites import learned_junk, site_of
from tasks.extract import EXTRACTOR_VERSION, extract_batch
from tasks.extract.nlp import get_nlp
from tasks.read import FileBytes, ReadFailure, batch_key, decode

log = logging.getLogger(__name__)
T = TypeVar("T")
Transformed = tuple[list[ExtractedArticle], list[ReadFailure]]
# A warm-up started in the background (`warm_up(background=True)`); a transform waits for it.
_warming: list[threading.Thread] = []
WARM_UP_THREAD = "claims-etl-warm-up"
# A batch transformed ahead by the warm-up (`warm_up(ahead=...)`), by the arguments it was made with.
_ahead: dict[tuple[object, ...], Transformed] = {}


@dataclass(frozen=True)
class Ahead:
    """A batch the run is known to transform first, with the arguments `transform` will get."""

    files: Sequence[FileBytes]
    max_bytes: int
    known_junk: Mapping[str, frozenset[str]]
    file_seconds: float | None


def warm_up(*, background: bool = False, ahead: Ahead | None = None) -> None:
    """Load what every batch needs once per process (the spaCy pipeline ~1.5 s, the language model
    ~1 s) before the first batch arrives: a pool worker at its start, or the flow process of a small
    run while Prefect's API boots. `background`: in a thread, so the caller goes on meanwhile.
    `ahead`: then transform that batch too; `transform` called with the same arguments (files by
    path and hash) returns it instead of doing the work again, any other call works as usual."""
    work = _load_models if ahead is None else lambda: _transform_ahead(ahead)
    if not background:
        work()
        return
    thread = threading.Thread(target=work, name=WARM_UP_THREAD, daemon=True)
    _warming.append(thread)
    thread.start()


def _load_models() -> None:
    try:
        line_language("warm up")  # loads the language model
        get_nlp()
    except Exception:  # the batch that needs the model will report the error for its files
        log.exception("warming up the models failed")


def _transform_ahead(ahead: Ahead) -> None:
    _load_models()
    try:
        done = transform(
            ahead.files, max_bytes=ahead.max_bytes, known_junk=ahead.known_junk, file_seconds=ahead.file_seconds
        )
    except Exception:  # transform reports per file and never raises; if it did, the real call will too
        log.exception("transforming ahead failed")
        return
    _ahead[batch_key(ahead.files, ahead.max_bytes, ahead.known_junk, ahead.file_seconds)] = done


def _await_warm_up() -> None:
    """Wait for a background warm-up: loading the model twice at once would cost twice."""
    if threading.current_thread().name == WARM_UP_THREAD:
        return  # the warm-up's own transform ahead
    while _warming:
        _warming.pop().join()


class _Budget:
    """Seconds each file has spent in this batch's stages, against the per-file budget."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds if seconds and seconds > 0 else None
        self.spent: dict[str, float] = {}

    def run(self, raw: RawFile, fn: Callable[[], T]) -> T:
        """`fn()` within what is left of `raw`'s budget; `OverBudget` once it is spent."""
        left = None if self.seconds is None else self.seconds - self.spent.get(raw.source, 0.0)
        if left is not None and left <= 0:
            raise OverBudget(f"over the budget of {self.seconds:g} s")
        t0 = time.monotonic()
        try:
            with time_budget(left):
                return fn()
        finally:
            self.spent[raw.source] = self.spent.get(raw.source, 0.0) + time.monotonic() - t0

    def failure(self, raw: RawFile, stage: str) -> ReadFailure:
        log.warning("%s: over the time budget of %s s per file while %s", raw.source, self.seconds, stage)
        return _failure(
            raw,
            "too_slow",
            f"{stage} took longer than the budget of {self.seconds:g} s per file (CLAIMS_ETL_FILE_SECONDS); "
            "the batch went on without it",
        )


def transform(
    files: Sequence[FileBytes],
    *,
    max_bytes: int,
    known_junk: Mapping[str, frozenset[str]] | None = None,
    with_claims: bool = True,
    file_seconds: float | None = None,
) -> Transformed:
    """Decode, clean and extract a batch. Bad files come back as failures; the batch never raises.

    `known_junk` maps a site (tasks/common/sites.py) to furniture lines the database has learned for it.
    `file_seconds` is each file's time budget for cleaning and extraction (None: no limit); a file
    over it fails with `too_slow` and the others go on.
    """
    _await_warm_up()
    if _ahead:  # made for the first batch only: any other call finds nothing and frees it
        made = _ahead.pop(batch_key(files, max_bytes, known_junk, file_seconds, with_claims=with_claims), None)
        _ahead.clear()
        if made is not None:
            return made
    failures: list[ReadFailure] = []
    decoded: list[RawFile] = []
    for file in files:
        raw = decode(file, max_bytes=max_bytes)
        if isinstance(raw, ReadFailure):
            failures.append(raw)
        elif (deep := nesting_failure(raw)) is not None:
            failures.append(deep)
        else:
            if raw.invalid_bytes:
                log.warning("%s: %d invalid UTF-8 byte(s) replaced by U+FFFD", raw.source, raw.invalid_bytes)
            decoded.append(raw)
    budget = _Budget(file_seconds)
    raws: list[RawFile] = []
    candidates: list[list[str]] = []
    for raw in decoded:
        try:
            candidates.append(budget.run(raw, lambda raw=raw: _candidates(raw)))  # type: ignore[misc]
            raws.append(raw)
        except OverBudget:
            failures.append(budget.failure(raw, "reading the page layout"))
    junk = learned_junk(raws, candidates, known_junk or {})
    cleaned: list[tuple[RawFile, CleanArticle, tuple[str, ...]]] = []
    for raw, lines in zip(raws, candidates, strict=True):
        site_junk = junk.get(site_of(raw.source), frozenset())
        try:
            article = budget.run(raw, lambda raw=raw, j=site_junk: clean_document(raw, known_junk=j))  # type: ignore[misc]
        except OverBudget:
            failures.append(budget.failure(raw, "cleaning"))
            continue
        except Exception as exc:  # a parser bug on one page must not stop the run
            log.exception("cleaning failed for %s", raw.source)
            failures.append(_failure(raw, "parse_error", f"cleaning failed: {type(exc).__name__}: {exc}"))
            continue
        if not article.text.strip():
            failures.append(_failure(raw, "no_body", "no article text found after removing page furniture"))
            continue
        cleaned.append((raw, article, tuple(lines)))
    claims: dict[int, list[Claim]] = (
        _extract([a for _, a, _ in cleaned], [r for r, _, _ in cleaned], failures, budget)
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


def _extract(
    articles: list[CleanArticle], raws: list[RawFile], failures: list[ReadFailure], budget: _Budget
) -> dict[int, list[Claim]]:
    """Claims by position, one article at a time: each within its own time budget, and an error fails
    only its own file (measured: no slower than one `nlp.pipe` over the batch, 4.7 s vs 4.9 s for 59)."""
    out: dict[int, list[Claim]] = {}
    if articles and budget.seconds is not None:
        get_nlp()  # loaded once per process, outside any file's budget
    for i, (raw, article) in enumerate(zip(raws, articles, strict=True)):
        try:
            out[i] = budget.run(raw, lambda a=article: extract_batch([a])[0])  # type: ignore[misc]
        except OverBudget:
            failures.append(budget.failure(raw, "extraction"))
        except Exception as exc:
            log.exception("extraction failed for %s", raw.source)
            failures.append(_failure(raw, "extract_error", f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


def _failure(raw: RawFile, error_class: str, message: str) -> ReadFailure:
    return ReadFailure(raw.source, error_class, message, sha256=raw.sha256, size=raw.size)
