"""Article metadata reaches the `articles` table, with its sources; articles loaded before it was read
are read once more, then skipped like any unchanged file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from flows.ingest import ingest
from infra.db import connect
from tests.unit.test_clean_text_dump import P1, P2, P3

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_harness")]

BODY = "\n\n".join([P1, P2, P3])
FILES = {
    "coastnews_2016-09-19_harbour-wall.txt": "Harbour wall to be rebuilt after storms.\n\n" + BODY,
    "header.txt": (
        "Headline: Harbour wall to be rebuilt\nSubtitle: A decade of dispute ends\nDate: 2021-03-03\n"
        "Author: Jane Roe\nPublisher: Northfield Daily\n\n" + BODY
    ),
    "dateline.txt": "Harbour wall to be rebuilt\n\nHARBOURTON, Oct. 4, 2021 (Coastwire) - " + BODY,
    "nothing.txt": BODY,
}
ROWS = "SELECT title, subtitle, author, published, outlet, dateline, metadata_source FROM articles a "
ROWS += "JOIN sources s USING (source_id) ORDER BY s.path"


def _rows(url: str) -> list[tuple[object, ...]]:
    with connect(url) as conn:
        return [tuple(r) for r in conn.execute(ROWS.encode()).fetchall()]


def test_metadata_columns_and_a_one_time_reread_of_older_articles(clean_db: str, tmp_path: Path) -> None:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ingest(paths=[str(tmp_path)], db_url=clean_db)
    rows = _rows(clean_db)
    assert rows == [
        (
            "Harbour wall to be rebuilt after storms",
            None,
            None,
            dt.date(2016, 9, 19),
            "coastnews",
            None,
            {"title": "first_line", "published": "file_name", "outlet": "file_name"},
        ),
        (
            "Harbour wall to be rebuilt",
            None,
            None,
            dt.date(2021, 10, 4),
            None,
            "HARBOURTON, Oct. 4, 2021 (Coastwire)",
            {"title": "page_text", "published": "dateline"},
        ),
        (
            "Harbour wall to be rebuilt",
            "A decade of dispute ends",
            "Jane Roe",
            dt.date(2021, 3, 3),
            "Northfield Daily",
            None,
            {k: "header" for k in ("title", "subtitle", "author", "published", "outlet")},
        ),
        (None, None, None, None, None, None, {}),
    ]
    with connect(clean_db) as conn:  # as loaded before migration 014: no metadata read
        conn.execute("UPDATE articles SET title = NULL, published = NULL, outlet = NULL, metadata_source = NULL")
    again = ingest(paths=[str(tmp_path)], db_url=clean_db)
    assert (again.files_changed, again.files_unchanged) == (len(FILES), 0)
    assert _rows(clean_db) == rows
    third = ingest(paths=[str(tmp_path)], db_url=clean_db)
    assert (third.files_new, third.files_changed, third.files_unchanged) == (0, 0, len(FILES))
