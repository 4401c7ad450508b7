"""Plain-text dump classification on invented pages: body kept, furniture gone, headings kept."""

from __future__ import annotations

import pytest

from tasks.clean.blocks import best_segment
from tasks.clean.text_dump import clean_text_dump

P1 = (
    "The town council of Northfield voted on Tuesday to rebuild the old harbour wall, ending a dispute "
    "that had divided residents for more than a decade and delayed repairs after two winter storms."
)
P2 = (
    "Engineers said the work would take about eighteen months and cost less than the previous plan, "
    "because the new design reuses much of the stone that was recovered from the damaged section."
)
P3 = (
    "Fishing families, who had campaigned for the repairs since the storms, welcomed the decision but "
    "warned that boats would have to use the smaller northern quay while the builders were at work."
)
P4 = (
    "The council expects the first stones to be laid in the spring, once the contract has been signed "
    "and the harbour master has agreed a timetable with the ferry operator and the lifeboat crew."
)
MENU = ["Home", "News", "Sport", "Weather", "Contact us", "Search"]
FOOTER = ["Leave a Reply", "Your email address will not be published. Required fields are marked *",
          "Follow us on social networks", "Back to top button", "© 2024 Example Media"]


def _page(*parts: list[str] | str, sep: str = "\n") -> str:
    lines: list[str] = []
    for part in parts:
        lines.extend([part] if isinstance(part, str) else part)
    return sep.join(lines)


@pytest.mark.parametrize(
    ("content", "body", "gone"),
    [
        # menu above, widgets below
        (_page(MENU, "Harbour wall to be rebuilt", P1, P2, P3, FOOTER), [P1, P2, P3], MENU + FOOTER),
        # blank-line separated dump, a heading inside the body is kept as its own paragraph
        (
            _page(MENU, P1, P2, "What happens next", P3, P4, FOOTER, sep="\n\n"),
            [P1, P2, "What happens next", P3, P4],
            FOOTER,
        ),
        # inline links split over lines are glued back into their sentence
        (
            _page(MENU, P1, "The plan was first reported by the", "Northfield Gazette",
                  "in March, before the vote.", P2, P3, FOOTER),
            [P1, "The plan was first reported by the Northfield Gazette in March, before the vote.", P2, P3],
            FOOTER,
        ),
        # a caption printed twice above the article and a rating below it
        (
            _page("Boats in the harbour. 2023", "Boats in the harbour. 2023", P1, P2, P3, "Average: 4 (3 votes)"),
            [P1, P2, P3],
            ["Boats in the harbour. 2023", "Average: 4 (3 votes)"],
        ),
        # a related-article link in another language after the body
        (
            _page(P1, P2, P3, "Leave a review",
                  "Le conseil municipal a décidé de reconstruire le vieux port de la ville – Jean Dupont"),
            [P1, P2, P3],
            ["Le conseil municipal a décidé de reconstruire le vieux port de la ville – Jean Dupont"],
        ),
        # a comment thread after the article is not body, however long
        (
            _page(P1, P2, P3, "3 Comments", "harbourfan", "2 days ago", P4, "oldsalt", P2 + " " + P4),
            [P1, P2, P3],
            [P4],
        ),
    ],
)
def test_clean_text_dump(content: str, body: list[str], gone: list[str]) -> None:
    res = clean_text_dump(content)
    assert res.body == body
    for line in gone:
        assert all(line not in p for p in res.body)


def test_known_junk_removes_corpus_furniture() -> None:
    content = _page(P1, "Northfield Daily – your local voice since 1901.", P2, P3)
    assert "Northfield Daily – your local voice since 1901." in clean_text_dump(content).body
    known = frozenset({"northfield daily – your local voice since 0"})
    assert clean_text_dump(content, known).body == [P1, P2, P3]


def test_short_sentences_between_paragraphs_are_kept() -> None:
    content = _page(MENU, P1, "It did not.", P2, P3)
    assert clean_text_dump(content).body == [P1, "It did not.", P2, P3]


def test_language_of_body() -> None:
    assert clean_text_dump(_page(P1, P2)).language == "en"
    assert clean_text_dump("Home\nNews").language == "und"


@pytest.mark.parametrize(
    ("scores", "bounds"),
    [
        ([-1, 5, -2, 6, -10, 3], (1, 4)),
        ([-1, -2], (0, 0)),
        ([4], (0, 1)),
    ],
)
def test_best_segment(scores: list[float], bounds: tuple[int, int]) -> None:
    assert best_segment(scores) == bounds


@pytest.mark.parametrize(
    ("content", "body"),
    [
        # the deck under the title survives, furniture between it and the body does not
        (
            _page("Harbour wall to be rebuilt", "A decade of dispute ends with a vote on the old stone wall",
                  "Jane Roe's picture", "account_circleJane Roeaccess_time3 Mar 2021", P1, P2, P3),
            ["A decade of dispute ends with a vote on the old stone wall", P1, P2, P3],
        ),
        # a caption followed by its photo credit is dropped, and does not cut the article in two
        (
            _page(MENU, P1, P2, "Boats wait outside the closed harbour on Monday.", "(AP Photo/Jane Roe)", P3, P4),
            [P1, P2, P3, P4],
        ),
        # ad labels inside the article are stepped over
        (_page(MENU, P1, "Advertisement", "Continue reading the main story", P2, P3), [P1, P2, P3]),
        # a headline opening the run is the title, not the first paragraph
        (_page(MENU, "Why the harbour wall matters?", P1, P2), [P1, P2]),
        # a "Source:" attribution does not turn the paragraph above it into a caption
        (_page(P1, P2, P3, "Source: Northfield council"), [P1, P2, P3]),
        # an embedded post's signature and its date line (printed on the next line) stay in the article
        (
            _page(MENU, P1, "The wall is finally coming back!", "— Harbour Friends (@harbourfriends)",
                  "March 3, 2021", P2, P3, FOOTER),
            [P1, "The wall is finally coming back!", "— Harbour Friends (@harbourfriends) March 3, 2021", P2, P3],
        ),
        # a short run between paragraphs (a verse, a reference) is part of the article; a long one is not
        (_page(MENU, P1, "Stone on stone", "The wall will stand", "[Harbour Songs, p. 4]", P2, P3, sep="\n\n"),
         [P1, "Stone on stone", "The wall will stand", "[Harbour Songs, p. 4]", P2, P3]),
        (_page(MENU, P1, "Home", "News", "Sport", "Weather", P2, P3), [P2, P3]),
    ],
)
def test_body_boundaries(content: str, body: list[str]) -> None:
    assert clean_text_dump(content).body == body
