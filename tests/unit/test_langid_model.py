"""The language model's uncompressed cache: same answers as py3langid's own loader, or that loader."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from tasks.clean.langid_model import load_identifier

SAMPLES = [
    "The council approved the budget after a long debate on Tuesday evening.",
    "Der Stadtrat hat den Haushalt nach einer langen Debatte am Dienstag verabschiedet.",
    "Le conseil a approuvé le budget après un long débat mardi soir.",
    "Home | News | Sport | Weather",
    "ok",
]


@pytest.fixture(scope="module")
def packaged() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def test_the_cached_copy_gives_the_packaged_models_answers(tmp_path: Path, packaged: LanguageIdentifier) -> None:
    first = load_identifier(tmp_path)  # writes the copy
    copies = list(tmp_path.glob("*.npz"))
    assert len(copies) == 1 and not list(tmp_path.glob(".langid-*"))  # no temporary file left behind
    written = copies[0].stat().st_mtime_ns
    second = load_identifier(tmp_path)  # reads it
    assert copies[0].stat().st_mtime_ns == written
    for text in SAMPLES:
        assert first.classify(text) == packaged.classify(text) == second.classify(text)


def test_an_unusable_cache_folder_falls_back_to_the_packaged_model(
    tmp_path: Path, packaged: LanguageIdentifier
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    identifier = load_identifier(blocker / "cache")
    assert identifier.classify(SAMPLES[1]) == packaged.classify(SAMPLES[1])


def test_a_damaged_copy_is_reported_and_not_used(
    tmp_path: Path, packaged: LanguageIdentifier, caplog: pytest.LogCaptureFixture
) -> None:
    load_identifier(tmp_path)
    (copy,) = tmp_path.glob("*.npz")
    copy.write_bytes(b"not a model")
    with caplog.at_level(logging.WARNING):
        identifier = load_identifier(tmp_path)
    assert identifier.classify(SAMPLES[2]) == packaged.classify(SAMPLES[2])
    assert "language model cache" in caplog.text


def test_the_copy_is_readable_by_others(tmp_path: Path) -> None:
    load_identifier(tmp_path)
    (copy,) = tmp_path.glob("*.npz")
    assert os.stat(copy).st_mode & 0o044 == 0o044
