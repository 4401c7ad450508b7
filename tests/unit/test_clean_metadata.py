"""Title, author and date from the lines around an invented article body."""

from __future__ import annotations

import datetime as dt

import pytest

from tasks.clean.dates import parse_date
from tasks.clean.metadata import (
    find_author,
    find_bio_author,
    find_date,
    find_title,
    is_person_name,
    strip_site_name,
    tidy_markup_author,
    tidy_name,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("account_circleJane Roeaccess_time3 Mar 2021remove_red_eye12", dt.date(2021, 3, 3)),
        ("Updated 10:02 am, Friday, March 5th, 2021", dt.date(2021, 3, 5)),
        ("Sept. 9, 2020 at 4 pm", dt.date(2020, 9, 9)),
        ("Posted 2019-07-14T10:00:00Z", dt.date(2019, 7, 14)),
        ("The meeting on April 22 was tense.", None),  # no year: not a publication date
        ("31 Feb 2020", None),  # impossible date
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jane Roe", True),
        ("Mary J. Smith-Jones", True),
        ("Иван Петров", True),
        ("News Line", False),
        ("Story Timeline", False),  # widget labels under a body are no signature
        ("Harbour Newsletter", False),
        ("Most Popular", False),
        ("Harbour wall to be rebuilt", False),
        ("Jane", False),
        ("Room 101", False),
    ],
)
def test_is_person_name(line: str, expected: bool) -> None:
    assert is_person_name(line) is expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (["news", "Harbour wall to be rebuilt after storms"], "Harbour wall to be rebuilt after storms"),
        (["Harbour wall to be rebuilt - Northfield Daily"], "Harbour wall to be rebuilt"),
        (["Boats in the harbour. 2023", "Boats in the harbour. 2023"], None),  # caption printed twice
        (["Leave a Reply", "By Jane Roe", "3 March 2021"], None),
        ([], None),
    ],
)
def test_find_title(head: list[str], expected: str | None) -> None:
    assert find_title(head) == expected


@pytest.mark.parametrize(
    ("head", "tail", "expected"),
    [
        (["Harbour wall", "Jane Roe's picture"], [], "Jane Roe"),
        (["account_circleJane Roeaccess_time3 Mar 2021"], [], "Jane Roe"),
        (["Harbour wall", "By Jane Roe | 3 March 2021"], [], "Jane Roe"),
        (["Harbour wall", "By", "Jane Roe"], [], "Jane Roe"),
        (["Harbour wall"], ["Jane Roe"], "Jane Roe"),  # signature under the body
        (["Harbour wall"], ["News Line"], None),
        (["Harbour wall"], ["Leave a review", "Jane Roe"], None),  # not right under the body
        (["By the harbour, a new wall"], [], None),
    ],
)
def test_find_author(head: list[str], tail: list[str], expected: str | None) -> None:
    assert find_author(head, tail) == expected


def test_find_date_prefers_header() -> None:
    assert find_date(["Harbour wall", "3 March 2021"], ["1 April 2022"]) == dt.date(2021, 3, 3)
    assert find_date(["Harbour wall"], ["Published 1 April 2022"]) == dt.date(2022, 4, 1)
    assert find_date(["Harbour wall"], []) is None


def test_strip_site_name_keeps_titles_with_dashes() -> None:
    assert strip_site_name("Wall - or no wall?") == "Wall - or no wall?"
    assert strip_site_name("Opinion | Why the harbour wall matters to us all - Daily") == (
        "Why the harbour wall matters to us all"
    )


ESSAY = [
    "I grew up in a small town. I know all about it.",
    "My father ran the shop, and I helped him every summer.",
    "Nora Lindqvist is a playwright-in-residence at Westfield College.",
]
REPORT = [
    "The council met on Monday. \"I think we will vote in May,\" the mayor said.",
    "Budget talks continue this week.",
    "Anna Holt is expected to present the plan at the next meeting.",
]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (ESSAY, "Nora Lindqvist"),
        (REPORT, None),  # a closing sentence about someone, in a report, is not a signature
        (ESSAY[:2], None),  # no biography
        (["I wrote this.", "I mean it.", "I do.", "The weather is fine at the coast."], None),
    ],
)
def test_bio_author_signs_only_first_person_essays(paragraphs: list[str], expected: str | None) -> None:
    assert find_bio_author(paragraphs) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("John Weinbrecht.", "John Weinbrecht"), ("Joseph R. Biden Jr.", "Joseph R. Biden Jr."), ("Ann B.", "Ann B.")],
)
def test_byline_names_lose_a_sentence_full_stop_only(name: str, expected: str) -> None:
    assert tidy_name(name) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jane Roe", "Jane Roe"),
        ("Jane Roe; Harbour Auto Writer", "Jane Roe"),  # a role entry is no author
        ("Jane Roe; John Doe", "Jane Roe; John Doe"),
        ("Coast Wire", "Coast Wire"),  # an organisation byline
        ("Admin", None),  # CMS placeholders
        ("siteadmin", None),
        ("Northfield News Bureau", None),
        ("The harbour authorities; coastal defence ministries", None),
        ("", None),
        (None, None),
    ],
)
def test_markup_author_keeps_authors_only(value: str | None, expected: str | None) -> None:
    assert tidy_markup_author(value) == expected
