"""20,000 tiny files (2,000 in the CI sample): the run completes, memory stays flat, time is stated."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from tests.faults.conftest import FULL, Cli, duplicates, record, scalar

pytestmark = pytest.mark.integration

TINY_FILES = 20_000 if FULL else 2_000
WORDS = [
    "ferry", "bridge", "school", "water", "library", "bus", "harbor", "market", "garden", "tunnel",
    "clinic", "depot", "station", "field", "orchard", "mill", "quarry", "pier", "road", "canal",
]
NAMES = ["Ilse Ambler", "Jonah Quint", "Priya Serrano", "Oskar Haddad", "Lena Novak", "Ravi Ferris"]


def test_many_tiny_files_complete_with_flat_memory(cli: Cli, db: str, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    rng = random.Random(7)
    for i in range(TINY_FILES):
        folder = inbox / f"{i // 1000:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        # words drawn per file: lines that recur in a third of a folder's files are learned as furniture
        a, b, c, d = (rng.choice(WORDS) for _ in range(4))
        (folder / f"note_{i:05d}.txt").write_text(
            f"Notice on the {a} {b}\n\nThe parish board met to discuss the {c} {a} near the {d}.\n\n"
            f'"The {b} {d} will be settled," said {rng.choice(NAMES)}, the board clerk.\n',
            encoding="utf-8",
        )
    started = time.monotonic()
    run = cli.run("ingest", str(inbox), timeout=3600)
    seconds = time.monotonic() - started
    assert run.returncode == 0, run.output[-3000:]
    assert scalar(db, "SELECT count(*) FROM articles") == TINY_FILES and duplicates(db) == 0
    assert scalar(db, "SELECT count(*) FROM ingest_failures") == 0
    # flat: the tree's RSS in the last third of the run is not above the middle third's by much
    samples = [rss for t, rss in run.samples if t > 0]
    third = max(1, len(samples) // 3)
    middle, last = max(samples[third : 2 * third] or samples), max(samples[2 * third :] or samples)
    assert last <= middle * 1.25 + 50 * 2**20, (middle, last)
    record(
        f"{TINY_FILES} tiny files: seconds / files per s / peak RSS MB / RSS middle vs last third MB",
        f"{seconds:.0f} / {TINY_FILES / seconds:.0f} / {run.peak_rss_mb} / {middle // 2**20} vs {last // 2**20}",
    )
    again = cli.run("ingest", str(inbox), timeout=3600)
    assert again.returncode == 0 and f"{TINY_FILES} unchanged" in again.output, again.output[-3000:]
