"""Line repair: blind fixed-width cuts, soft wraps and inline-link fragments (invented text)."""

from __future__ import annotations

import pytest

from tasks.clean.wrap import continues, cut_width, join_fragments, repair_cuts, unwrap_soft

LONG = "word " * 300  # 1500 characters of filler


def _cut(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


@pytest.mark.parametrize(
    ("text", "width", "expected_fragment"),
    [
        # cut mid-word: the two halves are glued with no space
        (LONG[:1020] + "the harbour's own ships sailed" + LONG[:100], 1024, "harbour's own ships"),
        # cut exactly at a space: the space survives on one side
        (LONG[:1019] + "gulls flew over the pier at dawn" + LONG[:50], 1024, "gulls flew over the pier"),
        # a 512-character buffer
        (LONG[:505] + "lighthouse keepers" + LONG[:600], 512, "lighthouse keepers"),
    ],
)
def test_repair_cuts_rejoins_blind_cuts(text: str, width: int, expected_fragment: str) -> None:
    lines = _cut(text, width)
    assert cut_width(lines) == width
    assert repair_cuts(lines) == [text]
    assert expected_fragment in repair_cuts(lines)[0]


@pytest.mark.parametrize(
    "lines",
    [
        ["A short line.", "Another short line."],  # nothing long: no cut width
        ["x" * 700, "y" * 300, "z" * 950],  # long lines of different lengths are real paragraphs
    ],
)
def test_repair_cuts_leaves_ordinary_lines(lines: list[str]) -> None:
    assert repair_cuts(lines) == lines


def test_unwrap_soft_joins_email_style_wrapping() -> None:
    para = (
        "The committee met on a grey morning to weigh the harbour budget and the\n"
        "repairs needed on the northern breakwater, which storms had damaged twice\n"
        "in the past winter. Members agreed that the work could not wait another\n"
        "season and asked the treasurer to find the money before the spring tides\n"
        "arrived. A vote is expected at the next meeting of the full council in\n"
        "March."
    )
    out = unwrap_soft(para.split("\n"))
    assert len(out) == 1
    assert "the\nrepairs" not in out[0] and "and the repairs" in out[0]


def test_unwrap_soft_keeps_menus() -> None:
    menu = ["Home", "World", "Sport", "Weather", "Contact"]
    assert unwrap_soft(menu) == menu


@pytest.mark.parametrize(
    ("prev", "line", "expected"),
    [
        ("The mayor", "announced", True),  # lowercase continuation (link text)
        ("announced", "on Tuesday that the bridge would close.", True),
        ("The plan was reported by the", "Harbour Gazette", True),  # dangling article
        ("Funding came from the regional council and", "Northfield Trust", True),
        ("closed the road", ", which upset drivers.", True),  # punctuation continuation
        ("The bridge will close.", "Drivers are angry.", False),  # finished sentence
        ("Sections", "Weather", False),  # menu items
        ("Home", "World", False),
        ("Jane Roe's picture", "account_circle Jane Roe", False),  # avatar + icon strip stay apart
        ("A report on the future of the town's old harbour", "Leave a Reply", False),  # widget
    ],
)
def test_continues(prev: str, line: str, expected: bool) -> None:
    assert continues(prev, line) is expected


def test_join_fragments_glues_link_lines_but_not_across_blank_lines() -> None:
    lines = ["The mayor", "announced", "on Tuesday that the bridge would close.", "", "next paragraph here."]
    assert join_fragments(lines) == [
        "The mayor announced on Tuesday that the bridge would close.",
        "next paragraph here.",
    ]
