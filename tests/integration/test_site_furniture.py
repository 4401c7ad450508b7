"""Lines that recur across a site's files are learned in the database and removed from its articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.ingest import ingest
from infra.db import connect
from schemas import RawFile
from tasks.clean import clean_document, normalise_line
from tasks.common.sites import SITE_JUNK_MIN_FILES

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_harness")]

WIDGET = "This story is brought to you by the Harbor Arts Fund."
PLACES = ["Northgate", "Elmswood", "Harrow Lane", "Cedar Point", "Millbrook", "Stonebridge", "Ashford"]


def _article(i: int) -> str:
    """Articles differ in words, not only in numbers (normalisation folds digits, so numbers alone don't)."""
    place = PLACES[i % len(PLACES)]
    return (
        f"{place} library extends its opening hours\n\n"
        f"The {place} library will open until nine in the evening from next month, the city said on Friday.\n\n"
        f"{WIDGET}\n\n"
        f"Volunteers in {place} will run reading groups for children on Saturdays.\n"
    )


def test_the_widget_line_alone_looks_like_body_text() -> None:
    """Guard for the test below: without corpus counts, the cleaner keeps the line."""
    raw = RawFile(
        source="/x/one.txt", sha256="0" * 64, size=1, media_type="text", content=_article(1), encoding="utf-8"
    )
    assert "Arts Fund" in clean_document(raw).text


def test_recurring_line_is_learned_and_stripped_from_later_files(clean_db: str, tmp_path: Path) -> None:
    site = tmp_path / "outlet"
    site.mkdir()
    for i in range(SITE_JUNK_MIN_FILES):
        (site / f"a{i}.txt").write_text(_article(i), encoding="utf-8")
    ingest(paths=[str(site)], db_url=clean_db)
    (site / "later.txt").write_text(_article(SITE_JUNK_MIN_FILES + 1), encoding="utf-8")
    ingest(paths=[str(site)], db_url=clean_db)  # one new file: only the database knows the widget now

    with connect(clean_db) as conn:
        bodies = [r[0] for r in conn.execute("SELECT body FROM articles").fetchall()]
        files = conn.execute(
            "SELECT files FROM site_lines WHERE site = %s AND line_key = %s", (str(site), normalise_line(WIDGET))
        ).fetchone()
    assert len(bodies) == SITE_JUNK_MIN_FILES + 1
    assert all("reading groups" in b for b in bodies)
    assert not any("Arts Fund" in b for b in bodies)
    assert files == (SITE_JUNK_MIN_FILES + 1,)
