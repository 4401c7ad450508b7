"""Hostile input through the real CLI: every file ends loaded or recorded with a reason, the run goes on,
memory stays bounded, and a second run changes nothing."""

from __future__ import annotations

import gzip
import os
import threading
import time
from pathlib import Path

import pytest

from tasks.read import FileBytes, ReadFailure, discover, read_bytes
from tests.faults.conftest import Cli, checksum, duplicates, record, scalar
from tests.fixtures.corpus import write_corpus

pytestmark = pytest.mark.integration

POLNEAR_TRAIN = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "polnear" / "train"
NESTED_TAGS = 200_000
BOMB_BYTES = 1_000_000_000  # what the gzip bomb expands to; the default size limit is 20 MB
PROSE_BYTES = 15_000_000
CURLY = (
    "Harbor board delays the ferry vote\n\n"
    "The harbor board met on Tuesday to discuss the winter ferry timetable.\n\n"
    "\u201cWe will not cut the early crossing,\u201d said Marta Kellison, the board\u2019s chair.\n\n"
    "\u201cRiders told us what they need,\u201d Kellison said. \u201cWe listened.\u201d\n"
)


def _gzip_bomb(path: Path, expanded: int) -> None:
    chunk = b"a" * 1_000_000
    with gzip.open(path, "wb", compresslevel=9) as fh:
        for _ in range(expanded // len(chunk)):
            fh.write(chunk)


def _nested_html(path: Path, depth: int) -> None:
    path.write_text(
        "<html><head><title>Deep page</title></head><body>"
        + "<div>" * depth
        + "<p>The harbor board met on Tuesday, said Marta Kellison.</p>"
        + "</div>" * depth
        + "</body></html>",
        encoding="utf-8",
    )


def _prose(path: Path, size: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR_TRAIN.glob("*.txt"))]
    assert texts, f"the 15 MB prose case needs the PolNeAR train texts under {POLNEAR_TRAIN} (../shared)"
    with path.open("w", encoding="utf-8") as fh:
        written, i = 0, 0
        while written < size:
            chunk = texts[i % len(texts)] + "\n\n"
            fh.write(chunk)
            written += len(chunk.encode("utf-8"))
            i += 1


def _failures(url: str) -> dict[str, tuple[str, str]]:
    from infra.db import connect

    with connect(url) as conn:
        rows = conn.execute("SELECT path, error_class, message FROM ingest_failures WHERE resolved_at IS NULL")
        return {os.path.basename(str(r[0])): (str(r[1]), str(r[2])) for r in rows.fetchall()}


def test_hostile_files_are_recorded_with_reasons_and_the_run_goes_on(cli: Cli, db: str, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_corpus(inbox, 3)
    os.mkfifo(inbox / "fifo.txt")
    (inbox / "zero.txt").symlink_to("/dev/zero")
    (inbox / "loop.txt").symlink_to(inbox / "loop.txt")
    (inbox / "dangling.txt").symlink_to(inbox / "deleted-before-reading.txt")
    (inbox / "new\nline.txt").write_text(CURLY + "\n", encoding="utf-8")  # not the twin's bytes: no copy
    repaired = CURLY.encode("utf-8")
    cut = repaired.index(b"early")
    (inbox / "repaired.txt").write_bytes(repaired[:cut] + b"\xff\xfe\xff\xfe" + repaired[cut:])
    (inbox / "clean_twin.md").write_text(CURLY, encoding="utf-8")
    _gzip_bomb(inbox / "bomb.txt.gz", BOMB_BYTES)
    _nested_html(inbox / "nested.html", NESTED_TAGS)

    run = cli.run("ingest", str(inbox))
    assert run.returncode == 0, run.output
    record("hostile folder ingest: peak RSS MB (process tree)", run.peak_rss_mb)

    failures = _failures(db)
    assert {name: cls for name, (cls, _) in failures.items()} == {
        "fifo.txt": "not_regular_file",
        "zero.txt": "not_regular_file",
        "loop.txt": "symlink_loop",
        "dangling.txt": "not_found",
        "bomb.txt.gz": "too_large",
        "nested.html": "too_deeply_nested",
    }, failures
    assert "nests elements" in failures["nested.html"][1]
    assert scalar(db, "SELECT count(*) FROM articles") == 3 + 3  # corpus, the newline path, repaired, twin
    assert scalar(db, "SELECT count(*) FROM sources WHERE path LIKE %s", ("%new\nline.txt",)) == 1
    # the repaired file keeps its curly quotes: as many direct quotes as its clean twin, 4 bytes recorded
    quotes = "SELECT count(*) FROM claims JOIN articles USING (article_id) JOIN sources USING (source_id) " \
        "WHERE kind = 'direct' AND path LIKE %s"
    twin = scalar(db, quotes, ("%clean_twin.md",))
    assert twin >= 1 and scalar(db, quotes, ("%repaired.txt",)) == twin
    assert scalar(db, "SELECT invalid_bytes FROM articles JOIN sources USING (source_id) WHERE path LIKE %s",
                  ("%repaired.txt",)) == 4
    assert "\u00e2\u20ac" not in scalar(db, "SELECT string_agg(body, '') FROM articles")  # no mojibake

    before = checksum(db)
    again = cli.run("ingest", str(inbox))
    assert again.returncode == 0, again.output
    assert checksum(db) == before and duplicates(db) == 0
    assert "0 new, 0 changed" in again.output


def test_a_file_over_its_time_budget_fails_too_slow_and_the_batch_goes_on(cli: Cli, db: str, tmp_path: Path) -> None:
    """A 15 MB file of real prose under a tiny per-file budget: recorded `too_slow`, its batch loads."""
    inbox = tmp_path / "inbox"
    write_corpus(inbox, 4)
    _prose(inbox / "prose.txt", PROSE_BYTES)
    run = cli.run("ingest", str(inbox), "--batch-size", "10", CLAIMS_ETL_FILE_SECONDS="3")
    assert run.returncode == 0, run.output
    record("15 MB prose (3 s budget): peak RSS MB (process tree)", run.peak_rss_mb)
    failures = _failures(db)
    assert list(failures) == ["prose.txt"] and failures["prose.txt"][0] == "too_slow", failures
    assert "budget of 3 s" in failures["prose.txt"][1]
    assert scalar(db, "SELECT count(*) FROM articles") == 4
    again = cli.run("ingest", str(inbox), CLAIMS_ETL_FILE_SECONDS="3")
    assert again.returncode == 0 and "4 unchanged" in again.output and "1 quarantined" in again.output, again.output


@pytest.mark.parametrize("case", ["gzip bomb", "200,000 nested tags"])
def test_large_inputs_have_bounded_memory(cli: Cli, tmp_path: Path, case: str) -> None:
    """Each large input alone through `claims-etl extract` (no database): refused, memory bounded."""
    path = tmp_path / ("bomb.txt.gz" if case == "gzip bomb" else "nested.html")
    _gzip_bomb(path, BOMB_BYTES) if case == "gzip bomb" else _nested_html(path, NESTED_TAGS)
    run = cli.run("extract", str(path))
    assert run.returncode == 1, run.output  # nothing readable
    expected = "too_large" if case == "gzip bomb" else "too_deeply_nested"
    assert f'"error": "{expected}:' in run.output
    record(f"{case} ({path.stat().st_size} bytes on disk): peak RSS MB", run.peak_rss_mb)
    assert run.peak_rss < 1_500 * 2**20


def test_a_file_deleted_between_listing_and_reading(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").write_text("text")
    listed = list(discover([str(tmp_path)]))
    (tmp_path / "gone.txt").unlink()
    got = read_bytes(listed[0], max_bytes=1000)
    assert isinstance(got, ReadFailure) and got.error_class == "not_found"


def test_a_file_growing_while_read_is_refused_until_it_settles(tmp_path: Path) -> None:
    path = tmp_path / "growing.txt"
    path.write_text("The harbor board met on Tuesday.\n" * 1000)
    stop = threading.Event()

    def grow() -> None:
        with path.open("a") as fh:
            while not stop.is_set():
                fh.write("More text arrives while the file is read.\n")
                fh.flush()

    writer = threading.Thread(target=grow, daemon=True)
    writer.start()
    results: list[FileBytes | ReadFailure] = []
    try:
        while path.stat().st_size < 40_000:  # the writer is under way
            time.sleep(0.001)
        # Read until one read lands on a write (bounded): whether a given read does is up to the scheduler.
        for _ in range(2_000):
            results.append(read_bytes(str(path), max_bytes=50_000_000))
            if isinstance(results[-1], ReadFailure):
                break
    finally:
        stop.set()
        writer.join()
    classes = {r.error_class for r in results if isinstance(r, ReadFailure)}
    assert classes == {"changed_while_read"}, classes  # some reads may land between writes: never another class
    time.sleep(0.05)
    assert isinstance(read_bytes(str(path), max_bytes=50_000_000), FileBytes)
