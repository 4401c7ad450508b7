"""HTML flattening and the trafilatura + classifier merge (invented pages)."""

from __future__ import annotations

import pytest

from tasks.clean.html import clean_html, flatten, parse

PARAS = [
    f"Paragraph {i}: the harbour council discussed the repairs to the old wall and the cost of the stone, "
    f"which engineers said could be reused from the damaged section of the northern pier." for i in range(1, 7)
]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # inline links stay inside their sentence
        ("<p>The <a href='#'>mayor</a> said <b>no</b>.</p>", ["The mayor said no."]),
        # block elements start new lines; scripts and styles vanish
        ("<div>One</div><script>var x=1;</script><div>Two<br>Three</div>", ["One", "Two", "Three"]),
        # captions, navigation and share bars are not body lines
        ("<nav>Home News</nav><figure><img><figcaption>A boat.</figcaption></figure>"
         "<div class='share-bar'>Share</div><p>Text.</p>", ["Text."]),
    ],
)
def test_flatten(html: str, expected: list[str]) -> None:
    assert flatten(parse(f"<html><body>{html}</body></html>")) == expected


def test_flatten_keeps_everything_for_candidates() -> None:
    html = "<html><body><nav>Home</nav><p>Text.</p><footer>Contact us</footer></body></html>"
    assert flatten(parse(html), skip_non_body=False) == ["Home", "Text.", "Contact us"]


def test_clean_html_body_without_furniture() -> None:
    article = "".join(f"<p>{p}</p>" for p in PARAS[:3])
    html = (
        "<html><head><title>Harbour wall</title></head><body><nav><a>Home</a><a>News</a></nav>"
        f"<article>{article}<p>Follow us on social networks</p></article>"
        "<footer><p>All rights reserved.</p></footer></body></html>"
    )
    res = clean_html(html)
    assert res.body == PARAS[:3]


@pytest.mark.parametrize("html", ["", "<html></html>", "<?xml version='1.0'?><html><body></body></html>", "<<<"])
def test_clean_html_tolerates_empty_and_broken_pages(html: str) -> None:
    assert clean_html(html).body == []
