"""docs/queries.md is true: each example file, run as documented on the samples, prints what the doc shows.

When the extractor changes what the samples give, this fails: regenerate the doc (see query_docs.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.ingest import ingest
from tests.integration import query_docs
from tests.integration.conftest import fresh_database

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_harness")]


@pytest.fixture(scope="module")
def samples_db(server_url: str) -> Iterator[str]:
    for url in fresh_database(server_url):
        run = ingest(paths=[str(query_docs.SAMPLES)], db_url=url)
        assert run.files_failed == 0 and run.claims_loaded > 0
        query_docs.pin_ingest_day(url)
        yield url


def test_the_doc_shows_every_example_file() -> None:
    assert sorted(query_docs.documented()) == [q.name for q in query_docs.QUERIES]


@pytest.mark.parametrize("query", query_docs.QUERIES, ids=[q.name for q in query_docs.QUERIES])
def test_example_query_prints_what_the_doc_shows(samples_db: str, query: Path) -> None:
    assert query_docs.run_query(samples_db, query) == query_docs.documented()[query.name]
