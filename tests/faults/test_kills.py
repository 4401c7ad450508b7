"""kill -9 at random moments: the next normal run gives the database of one clean run, nothing is
orphaned, and a kill during the analysis refresh leaves nothing unanalysed after the next run."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import psutil
import pytest
from psycopg import sql

from infra.db import connect
from tests.faults.conftest import FULL, Cli, Run, checksum, duplicates, record, scalar, wait_gone
from tests.fixtures.corpus import write_corpus
from tests.integration.conftest import DATA_TABLES
from tests.integration.dbcompare import snapshot

pytestmark = pytest.mark.integration

FILES = 150
BATCH = 5
KILLS = int(os.environ.get("CLAIMS_ETL_FAULTS_KILLS", "20" if FULL else "5"))
SEED = int(os.environ.get("CLAIMS_ETL_FAULTS_SEED", str(random.randrange(1_000_000))))
ANALYSIS_TABLES = ("claim_analysis", "statements", "claim_mentions", "speaker_merges", "claim_shingles", "entities")


def _empty(url: str) -> None:
    with connect(url, autocommit=True) as conn:
        tables = [*DATA_TABLES, *ANALYSIS_TABLES, "site_lines", "site_files"]
        conn.execute(
            sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(sql.SQL(", ").join(map(sql.Identifier, tables)))
        )


def _kill_group(run: Run) -> None:
    os.killpg(run.proc.pid, signal.SIGKILL)
    run.wait(60)


def _load_window(url: str, run: Run) -> tuple[float, float]:
    """(seconds to the run's first committed article, seconds to its exit), watched from outside."""
    started, first = time.monotonic(), None
    while run.proc.poll() is None:
        if first is None and scalar(url, "SELECT count(*) FROM articles") > 0:
            first = time.monotonic() - started
        time.sleep(0.05)
    end = time.monotonic() - started
    return (first if first is not None else end / 2), end


def _analysed(url: str) -> tuple[int, int]:
    """(claims, claims with an analysis row)."""
    return (
        scalar(url, "SELECT count(*) FROM claims"),
        scalar(url, "SELECT count(*) FROM claims c JOIN claim_analysis ca USING (claim_id)"),
    )


def test_kill_9_at_random_moments_then_a_normal_run_equals_one_clean_run(
    db: str, other_db: str, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    write_corpus(inbox, FILES)
    (tmp_path / "clean").mkdir()
    clean = Cli(other_db, tmp_path / "clean").start("ingest", str(inbox), "--batch-size", str(BATCH))
    first_load, clean_seconds = _load_window(other_db, clean)
    assert clean.wait() == 0, clean.output
    expected, expected_sum = snapshot(other_db, inbox), checksum(other_db)
    # Kill moments: a fifth during start-up (a random time before the first commit), the rest once a
    # random number of articles is committed, plus up to 0.3 s (mid-batch: reading, extracting, loading).
    # Chosen by progress, not by clock: start-up time varies by seconds on a shared machine.
    rng = random.Random(SEED)
    moments: list[tuple[str, float]] = [
        ("s", round(rng.uniform(0.2, first_load), 2)) if k % 5 == 0 else
        (str(rng.randint(1, FILES - 1)), round(rng.uniform(0, 0.3), 2))
        for k in range(KILLS)
    ]
    cli = Cli(db, tmp_path)
    survived, mid_run, orphans = 0, 0, 0
    for after, delay in moments:
        _empty(db)
        victim = cli.start("ingest", str(inbox), "--batch-size", str(BATCH))
        if after != "s":
            deadline = time.monotonic() + 600
            while scalar(db, "SELECT count(*) FROM articles") < int(after) and victim.proc.poll() is None:
                assert time.monotonic() < deadline, "the run stopped loading"
                time.sleep(0.02)
        time.sleep(delay)
        if victim.proc.poll() is None:
            _kill_group(victim)
        at = f"{delay}s after {after} articles" if after != "s" else f"{delay}s after start"
        loaded = scalar(db, "SELECT count(*) FROM articles")
        mid_run += 0 < loaded < FILES
        # never half an article: every loaded article has its claims (each corpus article has 2+)
        assert scalar(db, "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                          "(SELECT 1 FROM claims c WHERE c.article_id = a.article_id)") == 0
        left = wait_gone(victim.tag)
        orphans += len(left)
        assert not left, f"killed {at}: processes left behind: {[p.cmdline() for p in left]}"
        rerun = cli.run("ingest", str(inbox), "--batch-size", str(BATCH))
        assert rerun.returncode == 0, rerun.output
        assert snapshot(db, inbox) == expected, f"killed {at} (seed {SEED})"
        assert checksum(db) == expected_sum and duplicates(db) == 0
        assert scalar(db, "SELECT count(*) FROM ingest_runs WHERE status = 'running'") == 0
        assert _analysed(db)[0] == _analysed(db)[1]
        survived += 1
    assert mid_run >= KILLS // 2, f"too few kills landed mid-load ({moments}): the test would prove little"
    record("kill -9 (process group) survived / landed mid-load / orphans / duplicates",
           f"{survived} of {KILLS} / {mid_run} / {orphans} / 0 (seed {SEED})")
    record(f"150-file clean ingest (process runner, batches of {BATCH}): first commit / end, seconds",
           f"{first_load:.1f} / {clean_seconds:.1f}")


def test_kill_9_of_the_cli_alone_leaves_no_orphans(db: str, tmp_path: Path) -> None:
    """Only the CLI's pid is killed: its temporary Prefect server and worker processes must follow."""
    inbox = tmp_path / "inbox"
    write_corpus(inbox, 60)
    victim = Cli(db, tmp_path).start("ingest", str(inbox), "--batch-size", "2")
    deadline = time.monotonic() + 300
    while scalar(db, "SELECT count(*) FROM articles") < 4:
        assert victim.proc.poll() is None and time.monotonic() < deadline, victim.output
        time.sleep(0.1)
    children = [p.name() for p in psutil.Process(victim.proc.pid).children(recursive=True)]
    assert len(children) >= 3, children  # the API server and two workers at least
    os.kill(victim.proc.pid, signal.SIGKILL)
    victim.wait(60)
    left = wait_gone(victim.tag, timeout=30)
    assert not left, [p.cmdline() for p in left]
    record("kill -9 of the CLI pid alone: children then / left after 30 s", f"{len(children)} / 0")


def test_a_kill_during_the_analysis_refresh_is_repaired_by_the_next_run(db: str, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_corpus(inbox, 40)
    cli = Cli(db, tmp_path)
    victim = cli.start("ingest", str(inbox), "--batch-size", "10")
    deadline = time.monotonic() + 600
    # killed as soon as everything is loaded: the refresh (one transaction) has started or is about to
    while scalar(db, "SELECT count(*) FROM articles") < 40:
        assert victim.proc.poll() is None and time.monotonic() < deadline, victim.wait()
        time.sleep(0.02)
    assert victim.proc.poll() is None, "the run ended before the kill: nothing was tested"
    _kill_group(victim)
    claims, analysed = _analysed(db)
    assert claims > 0 and analysed < claims, "the kill must leave claims unanalysed"
    assert scalar(db, "SELECT count(*) FROM ingest_runs WHERE status = 'running'") == 1

    rerun = cli.run("ingest", str(inbox))  # nothing new to load: the no-op path must still analyse
    assert rerun.returncode == 0, rerun.output
    assert "40 unchanged" in rerun.output
    assert _analysed(db) == (claims, claims)
    assert scalar(db, "SELECT count(*) FROM statements") > 0
    assert scalar(db, "SELECT string_agg(status, ',' ORDER BY run_id) FROM ingest_runs") == "failed,succeeded"
    assert "abandoned" in scalar(db, "SELECT error FROM ingest_runs WHERE status = 'failed'")


def test_a_killed_worker_stops_the_run_in_one_line_and_the_next_run_completes_it(
    db: str, other_db: str, tmp_path: Path
) -> None:
    """kill -9 of one transform worker (as an out-of-memory kill would): the run stops with one line and
    is recorded failed, what it loaded is whole, and a normal run then gives one clean run's database."""
    inbox = tmp_path / "inbox"
    write_corpus(inbox, FILES)
    (tmp_path / "clean").mkdir()
    clean = Cli(other_db, tmp_path / "clean").run("ingest", str(inbox), "--batch-size", str(BATCH))
    assert clean.returncode == 0, clean.output
    expected = snapshot(other_db, inbox)
    cli = Cli(db, tmp_path)
    victim = cli.start("ingest", str(inbox), "--batch-size", str(BATCH))
    deadline = time.monotonic() + 300
    while scalar(db, "SELECT count(*) FROM articles") < BATCH:
        assert victim.proc.poll() is None and time.monotonic() < deadline, victim.wait()
        time.sleep(0.05)
    tree = psutil.Process(victim.proc.pid).children(recursive=True)
    workers = [p for p in tree if "spawn_main" in " ".join(p.cmdline())]
    assert workers, [p.cmdline() for p in tree]
    workers[0].kill()
    assert victim.wait(120) == 2, victim.output
    # the CLI's own last word; the temporary Prefect server, stopping, may still write after it
    errors = [ln for ln in victim.output.splitlines() if ln.startswith("claims-etl: error:")]
    assert len(errors) == 1 and "a transform worker process died" in errors[0], victim.output[-3000:]
    assert scalar(db, "SELECT status FROM ingest_runs") == "failed"
    assert "worker process died" in scalar(db, "SELECT error FROM ingest_runs")
    loaded = scalar(db, "SELECT count(*) FROM articles")
    assert scalar(db, "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                      "(SELECT 1 FROM claims c WHERE c.article_id = a.article_id)") == 0
    assert not wait_gone(victim.tag)
    rerun = cli.run("ingest", str(inbox), "--batch-size", str(BATCH))
    assert rerun.returncode == 0, rerun.output
    assert snapshot(db, inbox) == expected and duplicates(db) == 0
    record("kill -9 of one worker: articles loaded by the failed run / exit status", f"{loaded} of {FILES} / 2")
