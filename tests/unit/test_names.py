from __future__ import annotations

import pytest

from tasks.common.name_keys import is_pronoun, name_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Toğrul  Ismayıl", "togrul ismayil"),
        ("O’Brien", "o brien"),
        ("Dr. Ana-María López", "dr ana maria lopez"),
        ("  ", ""),
    ],
)
def test_name_key_folds_case_accents_and_punctuation(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(("text", "expected"), [("He", True), ("they", True), ("Helen", False), ("The", False)])
def test_pronouns(text: str, expected: bool) -> None:
    assert is_pronoun(text) is expected
