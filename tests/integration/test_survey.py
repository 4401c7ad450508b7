"""The CLI's survey before a run: how many files need transforming, read only as far as it must."""

from __future__ import annotations

from pathlib import Path

import pytest

from infra.db import connect
from tasks.plan import survey
from tasks.read import discover
from tests.fixtures.articles import NEWS_WITH_QUOTES

pytestmark = pytest.mark.integration


def _files(folder: Path, n: int) -> list[str]:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"ferry_{i:02d}.txt").write_text(f"Ferry notice {i}\n\n{NEWS_WITH_QUOTES}", encoding="utf-8")
    return list(discover([str(folder)], resolve=True))


def test_survey_counts_files_to_transform_and_stops_past_its_limit(clean_db: str, tmp_path: Path) -> None:
    paths = _files(tmp_path / "in", 12)
    with connect(clean_db) as conn:
        everything = survey(conn, paths, max_bytes=10**6, limit=20, batch_size=5)
        stopped = survey(conn, paths, max_bytes=10**6, limit=3, batch_size=5)
        none = survey(conn, [], max_bytes=10**6, limit=3)
    assert (everything.noop, everything.todo) == (None, 12)
    assert (stopped.noop, stopped.todo) == (None, 5)  # the first batch of 5 is past the limit: no more read
    assert none.noop is not None and none.todo == 0
