"""`claims-etl sql` and the reading commands through the real CLI against real PostgreSQL: files, stdin,
formats, every statement's result, COPY, read-only by default, a claims_reader login, a schema behind."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from infra import migrations
from infra.db import connect
from tasks.analyse import refresh_analysis
from tasks.load import load_batch, start_run
from tests.fixtures.analysis_articles import build_all
from tests.integration.conftest import fresh_database

pytestmark = pytest.mark.integration

QUERIES = sorted((migrations.SQL_DIR / "queries").glob("*.sql"))


@pytest.fixture(scope="module")
def corpus(server_url: str) -> Iterator[str]:
    """A database of its own with the invented corpus loaded and analysed (the tests here only read)."""
    for url in fresh_database(server_url):
        with connect(url) as conn:
            run_id = start_run(conn, "manual", {}, None)
            assert not load_batch(conn, run_id, build_all()).failed
            refresh_analysis(conn)
        yield url


def cli(url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "claims_etl.cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def claim_count(url: str) -> int:
    with connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM claims").fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_example_query_runs_from_its_file_from_stdin_and_as_an_argument(corpus: str, query: Path) -> None:
    by_file = cli(corpus, "sql", "-f", str(query))
    assert by_file.returncode == 0, by_file.stderr
    assert by_file.stdout.rstrip().endswith(("row)", "rows)")) and by_file.stderr == ""
    by_stdin = cli(corpus, "sql", "-", stdin=query.read_text(encoding="utf-8"))
    by_argument = cli(corpus, "sql", query.read_text(encoding="utf-8"))  # starts with a `--` comment
    assert by_stdin.stdout == by_file.stdout == by_argument.stdout


def test_csv_and_json_parse_and_keep_null_apart_from_empty(corpus: str) -> None:
    query = (
        "SELECT claim_id, speaker, NULL::text AS nothing, ''::text AS blank, "
        "jsonb_build_object('id', claim_id) AS doc FROM claim_facts ORDER BY claim_id LIMIT 3"
    )
    as_csv = cli(corpus, "sql", "--format", "csv", query)
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 3 and rows[0]["nothing"] == rows[0]["blank"] == ""
    assert as_csv.stdout.splitlines()[1].endswith(',,"",' + _csv_quoted(json.dumps({"id": int(rows[0]["claim_id"])})))
    as_json = json.loads(cli(corpus, "sql", "--format", "json", query).stdout)
    assert [r["nothing"] for r in as_json] == [None] * 3 and [r["blank"] for r in as_json] == [""] * 3
    assert as_json[0]["doc"] == {"id": as_json[0]["claim_id"]} and isinstance(as_json[0]["claim_id"], int)
    as_jsonl = cli(corpus, "sql", "--format", "jsonl", query).stdout.splitlines()
    assert [json.loads(line) for line in as_jsonl] == as_json
    as_table = cli(corpus, "sql", query).stdout.splitlines()
    assert "(null)" in as_table[2] and as_table[-1] == "(3 rows)"


def _csv_quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def test_every_statement_shows_its_result_and_reading_is_the_default(corpus: str) -> None:
    before = claim_count(corpus)
    script = (
        "SELECT count(*) AS n FROM claims; SELECT 2 AS two; "
        "DELETE FROM claims WHERE claim_id IN (SELECT min(claim_id) FROM claims)"
    )
    refused = cli(corpus, "sql", script)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    first, second = refused.stdout.split("\n\n")
    assert first.splitlines()[2::] == [str(before), "(1 row)"] and second == "two\n---\n2\n(1 row)\n"
    assert "statement 3 of 3 failed" in refused.stderr and "--write" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1 and claim_count(corpus) == before
    # lifting the read-only mode from inside the script is refused too
    sneaky = cli(corpus, "sql", "COMMIT; SET TRANSACTION READ WRITE; DELETE FROM claims")
    assert sneaky.returncode == 2 and claim_count(corpus) == before
    refused_ddl = cli(corpus, "sql", "CREATE TABLE scratch (x int)")
    assert refused_ddl.returncode == 2 and "read-only transaction" in refused_ddl.stderr


@pytest.fixture()
def scratch_db(server_url: str) -> Iterator[str]:
    yield from fresh_database(server_url)


def test_write_runs_the_script_as_one_transaction(scratch_db: str) -> None:
    url = scratch_db
    failed = cli(url, "sql", "--write", "CREATE TABLE scratch (x int); INSERT INTO scratch VALUES (1); SELECT 1/0")
    assert failed.returncode == 2 and "rolled back" in failed.stderr
    assert "INSERT 0 1" in failed.stdout  # each statement's result was shown before the failure
    done = cli(url, "sql", "--write", "CREATE TABLE scratch (x int); INSERT INTO scratch VALUES (1), (2)")
    assert done.returncode == 0 and done.stdout.split("\n\n") == ["CREATE TABLE", "INSERT 0 2\n"]
    assert cli(url, "sql", "--format", "csv", "--no-header", "SELECT sum(x) FROM scratch").stdout == "3\n"


def test_copy_to_stdout_is_streamed(corpus: str) -> None:
    copied = cli(
        corpus,
        "sql",
        "COPY (SELECT claim_id, speaker FROM claim_facts ORDER BY claim_id) TO STDOUT WITH (FORMAT csv, HEADER)",
    )
    assert copied.returncode == 0, copied.stderr
    rows = list(csv.reader(io.StringIO(copied.stdout)))
    assert rows[0] == ["claim_id", "speaker"] and len(rows) == claim_count(corpus) + 1
    to_file = cli(corpus, "sql", "COPY claims TO '/tmp/claims.csv'")
    assert to_file.returncode == 2 and "needs --write" in to_file.stderr


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["sql", "-- only a comment"], None, "no SQL statement given"),
        (["sql", "-f", "/nonexistent/q.sql"], None, "cannot read /nonexistent/q.sql"),
        (["sql", "select 1", "-f", "x.sql"], None, "not both"),
        (["sql", "--format", "xml", "select 1"], None, "must be one of"),
        (["sql", "-"], "\\d claims", "psql meta-commands"),
    ],
)
def test_bad_input_is_a_usage_error(corpus: str, args: list[str], stdin: str | None, message: str) -> None:
    result = cli(corpus, *args, stdin=stdin)
    assert result.returncode == 2 and message in " ".join(result.stderr.split()) and "Traceback" not in result.stderr


@pytest.fixture()
def analyst(corpus: str) -> Iterator[str]:
    """A real login granted claims_reader (a unique name: roles are cluster-wide, other runs share them)."""
    name = f"analyst_{uuid.uuid4().hex[:8]}"
    with connect(corpus, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN IN ROLE claims_reader").format(sql.Identifier(name)))
    try:
        yield make_conninfo(corpus, user=name)
    finally:
        with connect(corpus, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def test_a_claims_reader_login_runs_sql_and_speakers_list_and_cannot_write(corpus: str, analyst: str) -> None:
    before = claim_count(corpus)
    query = cli(analyst, "sql", "--format", "csv", "SELECT count(*) AS n FROM claims")
    assert query.returncode == 0, query.stderr
    assert query.stdout == f"n\n{before}\n"
    listed = cli(analyst, "speakers", "list", "--search", "Vashkelin")
    assert listed.returncode == 0 and "Teodor Vashkelin" in listed.stdout, listed.stderr
    for script in ("DELETE FROM claims", "SELECT * FROM ingest_runs"):
        refused = cli(analyst, "sql", "--write", script)
        assert refused.returncode == 2 and "permission denied" in refused.stderr
        assert len(refused.stderr.splitlines()) == 1
    assert claim_count(corpus) == before


def test_reading_commands_never_migrate_and_say_the_schema_is_behind(
    scratch_db: str, tmp_path: Path, analyst: str
) -> None:
    older = tmp_path / "sql"
    older.mkdir()
    for migration in migrations.available()[:-1]:
        shutil.copy(migration.path, older)
    url, latest = scratch_db, migrations.available()[-1].path.name
    with connect(url, autocommit=True) as conn:  # rebuild it one migration behind
        conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    with connect(url) as conn:
        migrations.migrate(conn, older)
    reader = make_conninfo(url, user=conninfo_to_dict(analyst)["user"])
    for who, args in [
        (url, ["sql", "SELECT 1"]),
        (url, ["speakers", "list"]),
        (url, ["failures"]),
        (reader, ["sql", "SELECT 1"]),
        (reader, ["speakers", "list"]),
    ]:
        result = cli(who, *args)
        assert result.returncode == 2, (args, result.stdout)
        assert "is behind" in result.stderr and latest in result.stderr
        assert len(result.stderr.splitlines()) == 1
    with connect(url) as conn:
        assert [m.path.name for m in migrations.pending(conn)] == [latest]
