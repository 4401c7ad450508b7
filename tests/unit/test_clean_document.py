"""clean_document end to end on invented text and HTML files."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas import RawFile
from tasks.clean import clean_document, junk_candidates, normalise_line

BODY = [
    "The town council of Northfield voted on Tuesday to rebuild the old harbour wall, ending a dispute "
    "that had divided residents for more than a decade and delayed repairs after two winter storms.",
    "Engineers said the work would take about eighteen months and cost less than the previous plan, "
    "because the new design reuses much of the stone that was recovered from the damaged section.",
    "Fishing families, who had campaigned for the repairs since the storms, welcomed the decision but "
    "warned that boats would have to use the smaller northern quay while the builders were at work.",
]


def _raw(content: str, media: str = "text") -> RawFile:
    return RawFile(source=f"x.{'html' if media == 'html' else 'txt'}", sha256="0" * 64, size=len(content),
                   media_type=media, content=content, encoding="utf-8")  # type: ignore[arg-type]


TEXT_PAGE = "\n".join(
    ["Home", "News", "Harbour wall to be rebuilt", "Jane Roe's picture",
     "account_circleJane Roeaccess_time3 Mar 2021remove_red_eye42", *BODY, "Average: 4 (3 votes)"]
)
HTML_PAGE = f"""<html><head><title>Harbour wall to be rebuilt - Northfield Daily</title>
<meta name="author" content="Jane Roe"><meta property="article:published_time" content="2021-03-03"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour wall to be rebuilt</h1>{"".join(f"<p>{p}</p>" for p in BODY)}</article>
<footer><p>Follow us on social networks</p><p>© 2021 Northfield Daily</p></footer></body></html>"""


@pytest.mark.parametrize(
    ("raw", "title", "author", "published"),
    [
        (_raw(TEXT_PAGE), "Harbour wall to be rebuilt", "Jane Roe", dt.date(2021, 3, 3)),
        (_raw(HTML_PAGE, "html"), "Harbour wall to be rebuilt", "Jane Roe", dt.date(2021, 3, 3)),
    ],
)
def test_clean_document(raw: RawFile, title: str, author: str, published: dt.date) -> None:
    art = clean_document(raw)
    assert art.text == "\n\n".join(BODY)
    assert (art.title, art.author, art.published, art.language) == (title, author, published, "en")


def test_non_english_article_gets_its_language() -> None:
    text = (
        "Le conseil municipal a voté mardi la reconstruction du vieux mur du port, mettant fin à un "
        "différend qui divisait les habitants depuis plus de dix ans et retardait les réparations."
    )
    assert clean_document(_raw(text)).language == "fr"


def test_empty_inputs() -> None:
    assert clean_document(_raw("")).text == ""
    assert clean_document(_raw("", "html")).text == ""
    assert clean_document(_raw("<html><body></body></html>", "html")).language == "und"


def test_junk_candidates_are_short_normalised_lines() -> None:
    cands = junk_candidates(_raw(TEXT_PAGE))
    assert "home" in cands and normalise_line("Average: 4 (3 votes)") in cands
    assert all(len(c.split()) <= 12 for c in cands)
    assert not any(c.startswith("the town council") for c in cands)
    assert "follow us on social networks" in junk_candidates(_raw(HTML_PAGE, "html"))
