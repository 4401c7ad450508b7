"""One article per file: the same folder under two path spellings, the same bytes under a second name,
and the duplicates a database filled before that are reported. Real CLI processes, real PostgreSQL."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from infra.db import connect
from tests.fixtures.articles import NEWS_SECOND, NEWS_WITH_QUOTES

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_harness")]


@pytest.fixture()
def cli_env(clean_db: str) -> Iterator[str]:
    yield clean_db


def _ingest(*paths: str | Path, url: str, cwd: Path | None = None) -> str:
    """`claims-etl ingest` in a real process, on the test harness's Prefect API (no server of its own)."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "DATABASE_URL": url, "PREFECT_API_URL": str(PREFECT_API_URL.value())}
    result = subprocess.run(
        [sys.executable, "-m", "claims_etl.cli", "ingest", *map(str, paths)],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _duplicates(url: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "claims_etl.cli", "duplicates"],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _rows(url: str, query: str) -> list[tuple[object, ...]]:
    with connect(url) as conn:
        return conn.execute(query).fetchall()


def _articles(tmp_path: Path) -> Path:
    folder = tmp_path / "repo" / "samples" / "articles"
    folder.mkdir(parents=True)
    (folder / "ferry.txt").write_text(NEWS_WITH_QUOTES, encoding="utf-8")
    (folder / "harvest.txt").write_text(NEWS_SECOND, encoding="utf-8")
    return folder


def test_one_folder_under_two_spellings_loads_each_article_once(cli_env: str, tmp_path: Path) -> None:
    folder = _articles(tmp_path)
    assert "2 files seen, 2 new" in _ingest("repo/samples/articles", url=cli_env, cwd=tmp_path)
    claims = _rows(cli_env, "SELECT count(*) FROM claims")[0][0]
    again = _ingest("samples/articles/", "./samples/../samples/articles/ferry.txt", url=cli_env, cwd=tmp_path / "repo")
    assert "2 files seen, 0 new, 0 changed, 2 unchanged, 0 copies" in again
    assert _rows(cli_env, "SELECT count(*) FROM articles")[0][0] == 2
    assert _rows(cli_env, "SELECT count(*) FROM claims")[0][0] == claims
    paths = {r[0] for r in _rows(cli_env, "SELECT path FROM sources")}
    assert paths == {str(folder.resolve() / "ferry.txt"), str(folder.resolve() / "harvest.txt")}


def test_the_same_bytes_under_a_second_name_are_one_article_with_both_paths(cli_env: str, tmp_path: Path) -> None:
    folder = _articles(tmp_path).resolve()
    shutil.copy(folder / "ferry.txt", folder / "ferry-copy.txt")  # a copy in the same run (and batch)
    first = _ingest(folder, url=cli_env)
    assert "3 files seen, 2 new, 0 changed, 0 unchanged, 1 copies" in first
    later = tmp_path.resolve() / "elsewhere"
    later.mkdir()
    shutil.copy(folder / "harvest.txt", later / "harvest (1).txt")  # a copy that arrives in a later run
    second = _ingest(folder, later, url=cli_env)
    assert "4 files seen, 0 new, 0 changed, 2 unchanged, 2 copies" in second
    assert _rows(cli_env, "SELECT count(*) FROM articles")[0][0] == 2
    paths = _rows(
        cli_env,
        "SELECT s.path, p.path FROM article_paths p JOIN articles USING (article_id) "
        "JOIN sources s USING (source_id) WHERE p.is_copy ORDER BY 1",
    )
    assert paths == [
        (str(folder / "ferry-copy.txt"), str(folder / "ferry.txt")),  # the first in path order is the article
        (str(folder / "harvest.txt"), str(later / "harvest (1).txt")),
    ]
    third = _ingest(folder, later, url=cli_env)  # nothing changed: a no-op run that counts the copies as seen
    assert "4 files seen, 0 new, 0 changed, 2 unchanged, 2 copies" in third
    assert _rows(cli_env, "SELECT params->>'no_op' FROM ingest_runs ORDER BY run_id DESC LIMIT 1") == [("true",)]
    # a copy edited into a text of its own becomes an article of its own
    (later / "harvest (1).txt").write_text(NEWS_SECOND + "\nA late correction was added.\n", encoding="utf-8")
    fourth = _ingest(later, url=cli_env)
    assert "1 files seen, 1 new" in fourth and _rows(cli_env, "SELECT count(*) FROM source_copies") == [(1,)]


def test_duplicates_already_in_a_database_are_reported(cli_env: str, tmp_path: Path) -> None:
    folder = _articles(tmp_path).resolve()
    _ingest(folder, url=cli_env)
    clean = _duplicates(cli_env)
    assert "(0 rows)" in clean and "0 article(s) duplicate" in clean
    with connect(cli_env) as conn:  # what a run before resolved paths left: one file loaded under two spellings
        conn.execute(
            "INSERT INTO sources (path, sha256, size_bytes) "
            "SELECT 'samples/articles/ferry.txt', sha256, size_bytes FROM sources WHERE path LIKE '%/ferry.txt'"
        )
        conn.execute(
            "INSERT INTO articles (source_id, source_sha256, title, author, published, language, body, body_sha256, "
            "extractor_version) SELECT (SELECT source_id FROM sources WHERE path = 'samples/articles/ferry.txt'), "
            "source_sha256, title, author, published, language, body, body_sha256, extractor_version FROM articles a "
            "JOIN sources s USING (source_id) WHERE s.path LIKE '/%/ferry.txt'"
        )
    found = _duplicates(cli_env)
    group = [line for line in found.splitlines() if "ferry.txt" in line]
    assert len(group) == 1 and "samples/articles/ferry.txt" in group[0] and str(folder / "ferry.txt") in group[0]
    assert "1 article(s) duplicate another" in found
