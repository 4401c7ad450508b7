"""The analysts' side: a claims_reader login's privileges, and find_speakers honouring its limit."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from infra.db import connect
from tests.faults.conftest import Cli
from tests.fixtures.corpus import write_corpus

pytestmark = pytest.mark.integration

DOCUMENTED_VIEWS = ["claims_readable", "claim_facts", "speaker_directory", "speaker_roles", "speaker_merge_log",
                    "claims_per_speaker_month", "claim_subjects", "speaker_claims_about", "repeated_statements",
                    "new_speakers_this_week"]


@pytest.fixture(scope="module")
def loaded(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.integration.conftest import fresh_database

    for url in fresh_database(server_url):
        home = tmp_path_factory.mktemp("reader")
        write_corpus(home / "inbox", 30)
        run = Cli(url, home).run("ingest", str(home / "inbox"))
        assert run.returncode == 0, run.output
        yield url


@pytest.fixture(scope="module")
def analyst(loaded: str) -> Iterator[psycopg.Connection[Any]]:
    """A real login role granted claims_reader (unique name: roles are cluster-wide)."""
    name = f"analyst_{uuid.uuid4().hex[:8]}"
    with connect(loaded, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN IN ROLE claims_reader").format(sql.Identifier(name)))
    try:
        with psycopg.connect(make_conninfo(loaded, user=name), autocommit=True) as conn:
            yield conn
    finally:
        with connect(loaded, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
            admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


@pytest.mark.parametrize("view", DOCUMENTED_VIEWS)
def test_a_reader_login_reads_every_documented_view(analyst: psycopg.Connection[Any], view: str) -> None:
    analyst.execute(sql.SQL("SELECT * FROM {} LIMIT 1").format(sql.Identifier(view))).fetchall()


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO speakers (name_key, canonical_name, kind) VALUES ('x', 'X', 'person')",
        "UPDATE claims SET text = 'changed'",
        "DELETE FROM articles",
        "TRUNCATE claims",
        "CREATE TABLE public.scratch (x int)",
        "CREATE FUNCTION public.scratch() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        "CREATE SCHEMA scratch",
        "SELECT * FROM ingest_runs",
        "SELECT * FROM ingest_failures",
        "SELECT * FROM schema_migrations",
        "SELECT * FROM claim_shingles",
        "SELECT merge_speakers(1, 2, 'no')",
        "SELECT unmerge_speakers(1, 'no')",
        "SELECT speakers_reresolve_claims(ARRAY[1]::bigint[])",
    ],
)
def test_a_reader_login_cannot_write_create_read_operations_or_merge(
    analyst: psycopg.Connection[Any], statement: str
) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        analyst.execute(statement.encode())


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_find_speakers_honours_its_limit(loaded: str, limit: int) -> None:
    with connect(loaded) as conn:
        everyone = conn.execute("SELECT * FROM find_speakers('Kellison', 1000)").fetchall()
        assert len(everyone) > 5, everyone  # the corpus has ten invented Kellisons (Marta, Tomas, ...)
        limited = conn.execute("SELECT * FROM find_speakers('Kellison', %s)", (limit,)).fetchall()
    assert len(limited) == limit
    assert [r[4] for r in limited] == sorted((r[4] for r in limited), reverse=True)  # best first
    assert limited[0][4] == max(r[4] for r in everyone)


def test_the_documented_error_classes_are_every_class_the_code_records() -> None:
    root = Path(__file__).resolve().parents[2]
    code = "".join(p.read_text() for d in ("tasks", "flows", "claims_etl", "infra") for p in (root / d).rglob("*.py"))
    recorded = set(re.findall(r'(?:ReadFailure\(\s*[^,()]+,|\bfail\(|_failure\(\s*\w+,)\s*"([a-z_]+)"', code))
    assert {"too_slow", "not_regular_file", "load_error", "unreadable"} <= recorded  # the scan sees multi-line calls
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", (root / "docs" / "errors.md").read_text(), re.M))
    assert recorded == documented, (sorted(recorded - documented), sorted(documented - recorded))
