"""Concurrent ingests: the same folder twice at once, and overlapping folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.faults.conftest import Cli, checksum, duplicates, record, scalar
from tests.fixtures.corpus import write_corpus
from tests.integration.dbcompare import snapshot

pytestmark = pytest.mark.integration


def _runs(url: str) -> list[tuple[int, int, int, int]]:
    from infra.db import connect

    with connect(url) as conn:
        rows = conn.execute(
            "SELECT files_new, files_changed, files_unchanged, files_busy FROM ingest_runs ORDER BY run_id"
        ).fetchall()
    return [tuple(int(v) for v in r) for r in rows]  # type: ignore[misc]


def test_the_same_folder_twice_at_once_extracts_each_file_once(db: str, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_corpus(inbox, 60)
    cli = Cli(db, tmp_path)
    runs = [cli.start("ingest", str(inbox), "--batch-size", "3") for _ in range(2)]
    for run in runs:
        run.wait()
    assert [r.returncode for r in runs] == [0, 0], [r.output for r in runs]
    stats = _runs(db)
    assert sum(s[0] for s in stats) == 60 and sum(s[1] for s in stats) == 0, stats  # none loaded twice
    assert scalar(db, "SELECT count(*) FROM articles") == 60 and duplicates(db) == 0
    record("same folder twice at once: (new, changed, unchanged, busy) per run / duplicates", f"{stats} / 0")


def test_overlapping_folders_at_once_load_each_article_once(db: str, other_db: str, tmp_path: Path) -> None:
    corpus = tmp_path / "all"
    files = write_corpus(corpus, 90)
    parts = {name: tmp_path / "in" / name for name in "abc"}
    for i, path in enumerate(files):
        folder = parts["abc"[i // 30]]
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, folder / path.name)
    cli = Cli(db, tmp_path)
    runs = [
        cli.start("ingest", str(parts["a"]), str(parts["b"]), "--batch-size", "3"),
        cli.start("ingest", str(parts["b"]), str(parts["c"]), "--batch-size", "3"),
    ]
    for run in runs:
        run.wait()
    assert [r.returncode for r in runs] == [0, 0], [r.output for r in runs]
    (tmp_path / "clean").mkdir()
    clean = Cli(other_db, tmp_path / "clean").run("ingest", *(str(p) for p in parts.values()))
    assert clean.returncode == 0, clean.output
    assert snapshot(db, tmp_path / "in") == snapshot(other_db, tmp_path / "in")
    assert checksum(db) == checksum(other_db) and duplicates(db) == 0
    assert "deadlock" not in " ".join(r.output for r in runs).lower()
    record("overlapping folders at once: (new, changed, unchanged, busy) per run / duplicates", f"{_runs(db)} / 0")
