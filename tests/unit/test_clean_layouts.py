"""Metadata from every layout, on invented files: header blocks, datelines, dates in paths and file names,
a first-line headline, bylines at the top or the end, HTML with and without meta tags. A file that has
none of these gives null, never a wrong value."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas import CleanArticle, RawFile
from tasks.clean import clean_document
from tasks.clean.dateline import find_dateline
from tasks.clean.header import header_date, read_header
from tasks.clean.source_path import read_path
from tests.unit.test_clean_text_dump import P1, P2, P3

BODY = "\n\n".join([P1, P2, P3])


def _clean(content: str, source: str = "inbox/story.txt", media: str = "text") -> CleanArticle:
    raw = RawFile(source=source, sha256="0" * 64, size=len(content), media_type=media,  # type: ignore[arg-type]
                  content=content, encoding="utf-8")
    return clean_document(raw)


def _fields(art: CleanArticle) -> tuple[str | None, str | None, dt.date | None, str | None, str | None]:
    return art.title, art.author, art.published, art.outlet, art.subtitle


HEADER_A = "Title: Harbour wall to be rebuilt\nAuthor: Jane Roe\nDate: 2021-03-03\nPublisher: Northfield Daily\n\n"
HEADER_B = (
    "PUBLISHED: March 3, 2021\nsource: Northfield Daily\nSubtitle: A decade of dispute ends with a vote\n"
    "URL: https://example.org/harbour\nHeadline: Harbour wall to be rebuilt\nby: By Jane Roe\n\n"
)
FRONT_MATTER = "---\nheadline: Harbour wall to be rebuilt\npublished: 2021-03-03T09:30:00Z\n---\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (HEADER_A + BODY, ("Harbour wall to be rebuilt", "Jane Roe", dt.date(2021, 3, 3), "Northfield Daily", None)),
        # any order and case, unknown fields skipped, "By" dropped from the author, subtitle kept apart
        (
            HEADER_B + BODY,
            (
                "Harbour wall to be rebuilt",
                "Jane Roe",
                dt.date(2021, 3, 3),
                "Northfield Daily",
                "A decade of dispute ends with a vote",
            ),
        ),
        (FRONT_MATTER + BODY, ("Harbour wall to be rebuilt", None, dt.date(2021, 3, 3), None, None)),
    ],
)
def test_header_block(content: str, expected: tuple[object, ...]) -> None:
    art = _clean(content)
    assert _fields(art) == expected
    assert art.text == BODY  # the header (and its subtitle) is metadata, not body
    assert set(art.metadata_source.values()) == {"header"}


@pytest.mark.parametrize(
    "content",
    [
        "Source: Northfield council\n\n" + BODY,  # one field line is no header block
        "Note: the figures below are provisional.\nThey may change.\n\n" + BODY,
        BODY,
    ],
)
def test_no_header_block(content: str) -> None:
    assert read_header(content).fields == {}
    assert read_header(content).rest == content


@pytest.mark.parametrize(
    ("paragraph", "place", "date", "wire"),
    [
        ("HARBOURTON, Oct. 4 (Coastwire) - The council voted.", "HARBOURTON", None, "Coastwire"),
        ("HARBOURTON, Oct. 4, 2021 (Coastwire) — The council voted.", "HARBOURTON", dt.date(2021, 10, 4),
         "Coastwire"),
        ("PORT ELLEN, Northshire — The council voted.", "PORT ELLEN, Northshire", None, None),
        ("NORTHFIELD (Coastwire) -- The council voted.", "NORTHFIELD", None, "Coastwire"),
        ("NORTHFIELD—The council voted.", "NORTHFIELD", None, None),
        ("NEWS HARBOUR, Northshire — The council voted.", "NEWS HARBOUR, Northshire", None, None),  # a place
    ],
)
def test_dateline(paragraph: str, place: str, date: dt.date | None, wire: str | None) -> None:
    dl = find_dateline(paragraph)
    assert dl is not None
    assert (dl.place, dl.date, dl.wire) == (place, date, wire)
    assert paragraph[dl.length :] == "The council voted."


@pytest.mark.parametrize(
    "paragraph",
    [
        "NATO ministers met on Monday - and agreed.",  # no dash right after the place
        "Northfield, Oct. 4 - The council voted.",  # a dateline's place is printed in capitals
        "The council voted - again.",
        "A - B",
        "BREAKING NEWS — The harbour wall has collapsed.",  # a label, not a place
        "ROE--Jane Anne, 98, of Northfield, passed away on Friday.",  # a death notice's surname
    ],
)
def test_not_a_dateline(paragraph: str) -> None:
    assert find_dateline(paragraph) is None


def test_dateline_is_cut_from_the_body_and_is_no_speaker() -> None:
    art = _clean("Harbour wall to be rebuilt\n\nHARBOURTON, Oct. 4, 2021 (Coastwire) - " + BODY)
    assert art.text == BODY  # neither the place nor the wire is left for the extractor to read as a speaker
    assert art.dateline == "HARBOURTON, Oct. 4, 2021 (Coastwire)"
    assert (art.published, art.metadata_source["published"]) == (dt.date(2021, 10, 4), "dateline")
    assert art.outlet is None  # the wire is not the publisher


@pytest.mark.parametrize(
    ("source", "published", "origin", "outlet"),
    [
        ("crawl/northfield-daily/2024/08/29/harbour-wall.txt", dt.date(2024, 8, 29), "folder_path", None),
        ("inbox/coastnews_2016-09-19_harbour-wall-to-be-reb.txt", dt.date(2016, 9, 19), "file_name", "coastnews"),
        ("inbox/harbour_2016_09_19.txt.gz", dt.date(2016, 9, 19), "file_name", "harbour"),
        ("inbox/2024/13/29/story.txt", None, None, None),  # month 13: not a date
        ("inbox/report-2016-02-30.txt", None, None, None),  # impossible day
        ("inbox/story-20160919123456.txt", None, None, None),  # digits without separators are an id
        ("inbox/story.txt", None, None, None),
        ("crawl/2024-08-29/story.txt", dt.date(2024, 8, 29), "folder_path", None),
        ("inbox/article_2016-09-19_harbour.txt", dt.date(2016, 9, 19), "file_name", None),  # a kind, not an outlet
    ],
)
def test_read_path(source: str, published: dt.date | None, origin: str | None, outlet: str | None) -> None:
    got = read_path(source)
    assert (got.published, got.published_from, got.outlet) == (published, origin, outlet)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-03-03T09:30:00Z", dt.date(2021, 3, 3)),
        ("Wed, 03 Mar 2021 09:30:00 GMT", dt.date(2021, 3, 3)),
        ("2021/03/03", dt.date(2021, 3, 3)),
        ("29/08/2024", dt.date(2024, 8, 29)),  # day first: 29 is no month
        ("08/29/2024", dt.date(2024, 8, 29)),  # month first
        ("03/04/2024", None),  # 3 April or 4 March: not guessed
        ("last Tuesday", None),
    ],
)
def test_header_dates(value: str, expected: dt.date | None) -> None:
    assert header_date(value) == expected


def test_markdown_headline() -> None:
    assert _clean("# Harbour wall to be rebuilt\n\n" + BODY, "x.md").title == "Harbour wall to be rebuilt"


def test_plain_text_headline_and_file_name_date() -> None:
    art = _clean("Harbour wall to be rebuilt after storms.\n\n" + BODY, "in/coastnews_2016-09-19_harbour.txt")
    assert _fields(art)[:4] == ("Harbour wall to be rebuilt after storms", None, dt.date(2016, 9, 19), "coastnews")
    assert art.metadata_source == {"title": "first_line", "published": "file_name", "outlet": "file_name"}


@pytest.mark.parametrize(
    ("content", "author"),
    [
        ("Harbour wall to be rebuilt\n\nBy Jane Roe\n\n" + BODY, "Jane Roe"),  # byline at the top
        (BODY + "\n\nBy Jane Roe", "Jane Roe"),  # byline at the end
        (BODY + "\n\nReporting by Jane Roe; editing by John Doe", "Jane Roe"),
        (BODY + "\n\nPhoto by Jane Roe", None),  # a picture credit names no author
        (BODY + "\n\n— Jane Roe", "Jane Roe"),  # a signature set off by a dash
        ("Harbour wall to be rebuilt\n\nBy Jane Roe and John Doe\n\n" + BODY, "Jane Roe and John Doe"),
        ("# Harbour wall to be rebuilt\n\n**By Jane Roe**\n\n" + BODY, "Jane Roe"),  # markdown
        ("Harbour wall to be rebuilt\n\nBy the harbour and the quay\n\n" + BODY, None),
    ],
)
def test_bylines(content: str, author: str | None) -> None:
    assert _clean(content).author == author


@pytest.mark.parametrize(
    "content",
    [
        BODY,  # the first line is a long paragraph, not a headline
        P1 + " " + P2,  # one paragraph
        "Boats in the harbour. 2021\n\nBoats in the harbour. 2021\n\n" + BODY,  # a caption printed twice
        "Jane Roe\n\n" + BODY,  # a name is a byline, not a headline
        "Harbour wall to be rebuilt\n\nThe vote was close.",  # too little text after it to be a headline
    ],
)
def test_files_without_metadata_give_null(content: str) -> None:
    art = _clean(content)
    assert art.title is None
    assert (art.published, art.outlet, art.subtitle, art.dateline) == (None, None, None, None)
    assert "title" not in art.metadata_source and "published" not in art.metadata_source


HTML_BODY = "".join(f"<p>{p}</p>" for p in [P1, P2, P3])
HTML_META = f"""<html><head><title>Harbour wall to be rebuilt | Northfield Daily</title>
<meta name="description" content="A decade of dispute ends with a vote">
<meta property="og:site_name" content="Northfield Daily"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2021-03-03T08:00:00Z"></head>
<body><article><h1>Harbour wall to be rebuilt</h1>{HTML_BODY}</article></body></html>"""
HTML_BARE = f"<html><body><h1>Harbour wall to be rebuilt</h1><p>By Jane Roe</p>{HTML_BODY}</body></html>"
HTML_NOTHING = f"<html><body>{HTML_BODY}</body></html>"
# a description that repeats the lede is a teaser, not a subtitle
HTML_TEASER = f'<html><head><meta name="description" content="{P1[:90]}"></head><body>{HTML_BODY}</body></html>'


@pytest.mark.parametrize(
    ("content", "source", "expected"),
    [
        (HTML_META, "x.html", ("Harbour wall to be rebuilt", "Jane Roe", dt.date(2021, 3, 3), "Northfield Daily",
                               "A decade of dispute ends with a vote")),
        (HTML_BARE, "site/2021/03/03/x.html", ("Harbour wall to be rebuilt", "Jane Roe", dt.date(2021, 3, 3), None,
                                               None)),
        (HTML_NOTHING, "x.html", (None, None, None, None, None)),
        (HTML_TEASER, "x.html", (None, None, None, None, None)),
    ],
)
def test_html_with_and_without_meta_tags(content: str, source: str, expected: tuple[object, ...]) -> None:
    art = _clean(content, source, "html")
    assert _fields(art) == expected
    assert art.text == BODY


ABSTRACT_EXPORT = f"Harbour wall to be rebuilt.\n\nABSTRACT.\n\nA decade of dispute ends.\n\nFULL TEXT.\n\n{BODY}"
SUMMARY_LABEL = f"Harbour wall to be rebuilt\n\nSummary:\nA decade of dispute ends.\n\n{BODY}"
SUMMARY_HEADING = f"Harbour wall to be rebuilt\n\n{P1}\n\n{P2}\n\n{P3}\n\nSummary\n\n{P1}"


@pytest.mark.parametrize(
    ("content", "subtitle"),
    [
        # labelled abstract, then a body label: both labels and the abstract leave the body
        (ABSTRACT_EXPORT, "A decade of dispute ends."),
        # no body label: the abstract is the one paragraph under its label
        (SUMMARY_LABEL, "A decade of dispute ends."),
        # a "Summary" heading deep in the article is a heading, not a deck
        (SUMMARY_HEADING, None),
    ],
)
def test_labelled_abstract_is_metadata(content: str, subtitle: str | None) -> None:
    art = _clean(content)
    assert art.subtitle == subtitle
    assert art.title == "Harbour wall to be rebuilt"
    if subtitle is not None:
        assert art.text.endswith(BODY)
        assert "ABSTRACT" not in art.text and "FULL TEXT" not in art.text and subtitle not in art.text
        assert art.metadata_source["subtitle"] == "abstract_label"


def test_no_claim_takes_its_speaker_from_the_dateline() -> None:
    """Fishing crews say ...: the speaker mention must not start inside 'HARBOURTON, Oct. 4 (Coastwire) -'."""
    from tasks.extract import extract_batch

    content = (
        "Harbour quay too small, crews say\n\nHARBOURTON, Oct. 4 (Coastwire) - Fishing crews say the new quay is too "
        "small for the larger boats.\n\n" + BODY
    )
    art = _clean(content)
    assert art.dateline == "HARBOURTON, Oct. 4 (Coastwire)"
    claims = extract_batch([art])[0]
    assert any(c.speaker_mention and "crews" in c.speaker_mention.text for c in claims)
    for c in claims:
        said_by = " ".join(x for x in (c.speaker, c.speaker_role, c.speaker_mention and c.speaker_mention.text) if x)
        assert "Coastwire" not in said_by and "HARBOURTON" not in said_by
