"""The database side: unreachable or misconfigured servers, dropped connections, and the password."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from infra.db import connect
from tests.faults.conftest import Cli, checksum, duplicates, record, scalar
from tests.fixtures.corpus import write_corpus
from tests.integration.dbcompare import snapshot

pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def password_server() -> Iterator[tuple[str, str]]:
    """A private PostgreSQL cluster that checks passwords (scram-sha-256): the shared server trusts
    every login, so a wrong password can only be refused by a server of our own. Yields (url, password)."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    assert initdb and pg_ctl, "the wrong-password case needs PostgreSQL's initdb and pg_ctl on PATH"
    base = Path(tempfile.mkdtemp(prefix="claims-etl-pw-"))
    password = f"pw-{uuid.uuid4().hex[:12]}"
    (base / "pw").write_text(password + "\n")
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(base, "postgres")
        shutil.chown(base / "pw", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = base / "data"
    subprocess.run([*as_user, initdb, "-D", str(data), "-U", "postgres", "--auth=scram-sha-256",
                    f"--pwfile={base / 'pw'}"], check=True, capture_output=True)
    opts = f"-p {port} -k {base} -c listen_addresses=127.0.0.1"
    subprocess.run([*as_user, pg_ctl, "-D", str(data), "-o", opts, "-l", str(base / "log"), "-w", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql://postgres:{password}@127.0.0.1:{port}/postgres", password
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def test_the_private_server_accepts_the_right_password(password_server: tuple[str, str]) -> None:
    """Proves the wrong-password case below is refused for its password, not for anything else."""
    with connect(password_server[0]) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


@pytest.mark.parametrize("case", ["wrong password", "unknown host", "refused port", "missing database"])
def test_connection_failures_are_one_line_exit_2_and_create_nothing(
    case: str, password_server: tuple[str, str], server_url: str, tmp_path: Path
) -> None:
    secret = f"Secret-{uuid.uuid4().hex[:8]}"
    missing = f"claims_etl_missing_{uuid.uuid4().hex[:8]}"
    url = {
        "wrong password": make_conninfo(password_server[0], password=secret),
        "unknown host": f"postgresql://postgres:{secret}@no-such-host.invalid:5432/claims",
        "refused port": f"postgresql://postgres:{secret}@127.0.0.1:{_free_port()}/claims",
        "missing database": make_conninfo(server_url, dbname=missing, password=secret),
    }[case]
    params = conninfo_to_dict(url)
    host, port, dbname = params["host"], params.get("port", "5432"), params["dbname"]
    inbox = tmp_path / "inbox"
    write_corpus(inbox, 2)
    run = Cli(url, tmp_path).run("ingest", str(inbox), timeout=120)
    lines = [line for line in run.output.splitlines() if line.strip()]
    assert run.returncode == 2, run.output
    assert len(lines) == 1 and lines[0].startswith("claims-etl: error: cannot connect to"), run.output
    assert f'database "{dbname}"' in lines[0] and f"host {host}" in lines[0] and f"port {port}" in lines[0], lines
    assert secret not in run.output and "Traceback" not in run.output
    assert not (tmp_path / "claims-etl-home").exists() and not (tmp_path / "prefect-home").exists()
    with connect(server_url) as conn:
        assert conn.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (missing,)).fetchone() == (0,)


def test_a_url_that_cannot_be_parsed_does_not_print_its_password(tmp_path: Path) -> None:
    secret = f"s3cr%zz{uuid.uuid4().hex[:6]}"  # '%zz' is not a valid percent-escape
    run = Cli(f"postgresql://postgres:{secret}@127.0.0.1:5432/postgres", tmp_path).run("ingest", str(tmp_path))
    assert run.returncode == 2 and len(run.output.strip().splitlines()) == 1, run.output
    assert secret not in run.output and secret.split("%")[0] not in run.output and "%25" in run.output


def _terminate(url: str) -> int:
    dbname = conninfo_to_dict(url)["dbname"]
    with connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid() AND application_name = 'claims-etl'",
            (dbname,),
        ).fetchone()
    return int(row[0]) if row else 0


def test_connections_terminated_mid_run_are_retried(cli: Cli, db: str, other_db: str, tmp_path: Path) -> None:
    """pg_terminate_backend of every run connection (the idle lock connection too), three times."""
    inbox = tmp_path / "inbox"
    write_corpus(inbox, 150)
    run = cli.start("ingest", str(inbox), "--batch-size", "5")
    dropped, rounds = 0, 0
    for threshold in (15, 60, 110):
        deadline = time.monotonic() + 600
        while scalar(db, "SELECT count(*) FROM articles") < threshold and run.proc.poll() is None:
            assert time.monotonic() < deadline, "the run stopped loading"
            time.sleep(0.05)
        if run.proc.poll() is not None:
            break
        n = _terminate(db)
        dropped += n
        rounds += n > 0
    assert run.wait() == 0, run.output
    assert rounds >= 2, "the terminations must land mid-run for this test to mean anything"
    (tmp_path / "clean").mkdir()
    clean = Cli(other_db, tmp_path / "clean").run("ingest", str(inbox), "--batch-size", "5")
    assert clean.returncode == 0, clean.output
    assert snapshot(db, inbox) == snapshot(other_db, inbox)
    assert checksum(db) == checksum(other_db) and duplicates(db) == 0
    assert scalar(db, "SELECT string_agg(status, ',') FROM ingest_runs") == "succeeded"
    record("pg_terminate_backend: rounds mid-run / connections dropped / duplicates", f"{rounds} / {dropped} / 0")


def test_the_password_appears_nowhere(db: str, tmp_path: Path) -> None:
    """A password in DATABASE_URL (trusted here, so the run works) is searched for everywhere afterwards."""
    password = f"Pw%{uuid.uuid4().hex}"  # a '%' in the password: it once printed in a traceback
    url = make_conninfo(db, user="postgres", password=password)
    url_form = db.replace("postgresql://postgres@", f"postgresql://postgres:{quote(password, safe='')}@")
    inbox = tmp_path / "inbox"
    write_corpus(inbox, 3)
    (inbox / "empty.txt").write_text("")
    outputs = []
    for form in (url, url_form):
        run = Cli(form, tmp_path).run("ingest", str(inbox))
        assert run.returncode == 0, run.output
        outputs.append(run.output)
    write_corpus(inbox, 4)  # one new file: a second real (not no-op) run with the URL form
    run = Cli(url_form, tmp_path).run("ingest", str(inbox))
    assert run.returncode == 0, run.output
    outputs.append(run.output)

    needles = [password.encode(), quote(password, safe="").encode()]
    prefect_files = [p for p in (tmp_path / "prefect-home").rglob("*") if p.is_file()]
    assert any(p.name.endswith(".db") for p in prefect_files), prefect_files
    haystacks = {str(p): p.read_bytes() for p in prefect_files}
    haystacks["cli output"] = "\n".join(outputs).encode()
    with connect(db) as conn:
        for table, column in [("ingest_runs", "params::text"), ("ingest_runs", "coalesce(error, '')"),
                              ("ingest_failures", "message")]:
            rows = conn.execute(f"SELECT {column} FROM {table}".encode()).fetchall()
            haystacks[f"{table}.{column}"] = "\n".join(str(r[0]) for r in rows).encode()
    found = [name for name, data in haystacks.items() if any(n in data for n in needles)]
    assert found == []
    # the search is able to find a flow parameter in Prefect's database: the paths are there
    assert any(str(inbox).encode() in data for name, data in haystacks.items() if name.endswith(".db"))
    record("password search (Prefect DB, logs, artifacts, CLI output, ingest_runs, ingest_failures)",
           f"{len(haystacks)} places searched, 0 hits")
