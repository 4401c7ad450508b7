"""Pure parts of the analysis layer: name forms, transliteration keys, quote shingles, chart scale."""

from __future__ import annotations

import pytest

from claims_etl.report import _nice_scale
from tasks.analyse.names import acronym, name_parts, same_person_name, strip_article, translit_token
from tasks.analyse.statements import normalise, shingles


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ismayil", "ismail"),
        ("aliyev", "aliev"),
        ("quliyev", "guliev"),
        ("shahin", "sahin"),
        ("vasshkelin", "vaskelin"),
    ],
)
def test_transliteration_variants_share_a_key(a: str, b: str) -> None:
    assert translit_token(a) == translit_token(b)


@pytest.mark.parametrize(("a", "b"), [("morrow", "marrow"), ("lena", "lana"), ("berg", "burg")])
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert translit_token(a) != translit_token(b)


def test_titles_are_stripped_and_tell_gender() -> None:
    p = name_parts("Mr. Teodor Vashkelin")
    assert p.tokens == ("teodor", "vashkelin") and p.gender == "m" and p.is_full
    q = name_parts("Ms. Morrow")
    assert q.tokens == ("morrow",) and q.gender == "f" and not q.is_full and q.surname == "morrow"
    assert name_parts("President").tokens == ("president",)  # never strips a name to nothing


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        ("Dr. Lena Morrow", "Lena Morrow", "same_name"),
        ("Toğrul Ismayıl", "Togrul Ismail", "transliteration"),
        ("Ramiz Quliyev", "Ramiz Guliev", "transliteration"),
        ("Anna Maria Holt", "Anna Holt", "same_name"),
        ("Lena Morrow", "Pavel Morrow", None),
        ("Anna Maria Holt", "Anna Greta Holt", None),
        ("Morrow", "Lena Morrow", None),
    ],
)
def test_full_name_matching(a: str, b: str, verdict: str | None) -> None:
    assert same_person_name(name_parts(a), name_parts(b)) == verdict


def test_acronym_and_article() -> None:
    assert acronym("Rivermouth Port Authority") == "rpa"
    assert acronym("Centre for the Study of Tides") == "cst"
    assert strip_article("the kremlin palace") == "kremlin palace"


def test_quote_normalisation_ignores_case_quotes_and_punctuation() -> None:
    assert normalise("“We’ll  BUILD it,” — he said.") == normalise("we ll build it he said")


def test_partial_quote_shingles_are_contained_in_the_full_quote() -> None:
    full = shingles(normalise("The new quay will double the tonnage we can handle, and soon"))
    part = shingles(normalise("will double the tonnage we can handle"))
    assert part <= full and len(part) == 5
    assert len(shingles("two words")) == 1 and shingles("") == set()


@pytest.mark.parametrize(
    ("peak", "expected"), [(0, (1, 1)), (4, (4, 1)), (9, (10, 2)), (37, (40, 10)), (130, (150, 50))]
)
def test_chart_scale_has_round_ticks(peak: int, expected: tuple[int, int]) -> None:
    assert _nice_scale(peak) == expected
