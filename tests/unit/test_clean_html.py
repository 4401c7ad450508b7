"""HTML flattening and the trafilatura + classifier merge (invented pages)."""

from __future__ import annotations

import pytest

import tasks.clean.html as html_mod
from tasks.clean.html import HtmlMeta, clean_html, flatten, parse

PARAS = [
    "The harbour council discussed the repairs to the old wall on Tuesday and agreed that the stone "
    "recovered from the damaged section could be used again.",
    "Engineers told members that the work would take eighteen months, and that the northern quay would "
    "stay open for the fishing boats during the whole period.",
    "Several residents who attended the meeting asked why the plan had taken so long, and the chairman "
    "said that the insurers had only paid out in the autumn.",
    "A contractor from the county town is expected to win the tender, although two local firms have "
    "said they will also bid for a share of the work.",
    "The ferry operator welcomed the decision but warned that its timetable might change for a few weeks "
    "while cranes were working near the slipway.",
    "Councillors will review the budget again in March, when the first invoices for the survey and the "
    "temporary moorings are due to be paid.",
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


def _article_page() -> str:
    paras = "".join(f"<p>{p}</p>" for p in PARAS[:3]) + "<p>Advertisement</p>" + "".join(
        f"<p>{p}</p>" for p in PARAS[3:]
    )
    return f"<html><body><nav><a>Home</a><a>News</a></nav><div>{paras}</div><p>Related stories</p></body></html>"


def test_classifier_takes_over_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_mod, "trafilatura_extract", lambda content: HtmlMeta())
    assert clean_html(_article_page()).body == PARAS


def test_body_extended_when_trafilatura_stops_early(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura stopped at the ad label: the rest of the article is taken from the classifier."""
    monkeypatch.setattr(html_mod, "trafilatura_extract", lambda content: HtmlMeta(body="\n".join(PARAS[:3])))
    assert clean_html(_article_page()).body == PARAS


def test_furniture_in_trafilatura_output_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n".join([*PARAS, "Follow us on social networks", "Leave a Reply"])
    monkeypatch.setattr(html_mod, "trafilatura_extract", lambda content: HtmlMeta(body=text))
    res = clean_html(_article_page())
    assert res.body == PARAS
    assert res.removed == ["Follow us on social networks", "Leave a Reply"]
