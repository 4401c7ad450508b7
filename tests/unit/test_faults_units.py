"""Units behind the fault suite: the time budget, the nesting check, strict reads, UTF-8 repair, and
what the database helpers say (never the password)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from infra.budget import OverBudget, time_budget
from infra.db import checked_db_url, describe, has_password, scrub
from schemas import RawFile
from tasks.clean.nesting import MAX_NESTING, nesting_depth, nesting_failure
from tasks.read import FileBytes, ReadFailure, _decode_text, read_bytes


def test_a_block_over_its_budget_is_stopped() -> None:
    started = time.monotonic()
    with pytest.raises(OverBudget), time_budget(0.2):
        while True:  # pure Python: interrupted between bytecodes
            sum(range(1000))
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("seconds", [None, 0, 5.0])
def test_a_block_within_its_budget_returns_and_nothing_fires_later(seconds: float | None) -> None:
    with time_budget(seconds):
        value = sum(range(1000))
    time.sleep(0.05)
    assert value == 499500


def test_the_budget_works_in_a_worker_thread() -> None:
    outcome: list[str] = []

    def work() -> None:
        try:
            with time_budget(0.1):
                while True:
                    sum(range(100))
        except OverBudget:
            outcome.append("stopped")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert outcome == ["stopped"]


@pytest.mark.parametrize(
    ("html", "depth"),
    [
        ("<html><body><div><p>text</p></div></body></html>", 3),
        ("<div><br><img src=x><hr/><input></div>", 1),
        ("<p>one<p>two<p>three", 0),  # unclosed paragraphs do not nest
        ("<div>" * 10 + "</div>" * 10, 10),
        ("no markup at all", 0),
    ],
)
def test_nesting_depth(html: str, depth: int) -> None:
    assert nesting_depth(html) == depth


@pytest.mark.parametrize(("depth", "refused"), [(MAX_NESTING, False), (MAX_NESTING + 1, True)])
def test_deep_html_is_refused_with_a_reason(depth: int, refused: bool) -> None:
    raw = RawFile(source="x.html", sha256="0", size=1, media_type="html", content="<div>" * depth, encoding="utf-8")
    failure = nesting_failure(raw)
    assert (failure is not None) == refused
    if failure:
        assert failure.error_class == "too_deeply_nested" and str(depth) in failure.message


def test_deep_text_files_are_not_checked() -> None:
    raw = RawFile(source="x.txt", sha256="0", size=1, media_type="text", content="<div>" * 10_000, encoding="utf-8")
    assert nesting_failure(raw) is None


def test_a_fifo_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    got = read_bytes(str(tmp_path / "pipe.txt"), max_bytes=100)  # would block forever if opened
    assert isinstance(got, ReadFailure) and got.error_class == "not_regular_file" and "FIFO" in got.message


def test_a_symlink_to_dev_zero_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    got = read_bytes(str(tmp_path / "zero.txt"), max_bytes=100)
    assert isinstance(got, ReadFailure) and got.error_class == "not_regular_file"


def test_a_symlink_loop_has_its_own_reason(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    got = read_bytes(str(tmp_path / "loop.txt"), max_bytes=100)
    assert isinstance(got, ReadFailure) and got.error_class == "symlink_loop"


def test_a_regular_file_at_the_limit_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"x" * 100)
    assert isinstance(read_bytes(str(tmp_path / "a.txt"), max_bytes=100), FileBytes)


CURLY = "\u201cWe will win,\u201d she said. \u201cNo doubt.\u201d "


@pytest.mark.parametrize(
    ("data", "encoding", "invalid"),
    [
        ((CURLY * 5).encode("utf-8"), "utf-8", 0),
        ((CURLY * 5).encode("utf-8")[:10] + b"\xff\xfe" + (CURLY * 5).encode("utf-8")[10:], "utf-8", 2),
        (("caf\u00e9 na\u00efve " + CURLY).encode("cp1252") * 3, "a code page", 0),  # lone bytes: not UTF-8
    ],
)
def test_almost_valid_utf8_is_repaired_and_counted(data: bytes, encoding: str, invalid: int) -> None:
    text, got, replaced = _decode_text(data)
    assert text is not None and replaced == invalid
    assert (got == "utf-8") == (encoding == "utf-8"), got  # a code page file is still detected as one
    assert "\u201c" in text  # the curly quotes survive either way


@pytest.mark.parametrize(
    ("url", "secret"),
    [
        ("postgresql://u:Sekrit99@db.example:6543/claims", "Sekrit99"),
        ("postgresql://u:Se%25krit@db.example/claims", "Se%krit"),
        ("host=db.example port=6543 dbname=claims user=u password=Sekrit99", "Sekrit99"),
    ],
)
def test_descriptions_and_scrubbing_never_show_the_password(url: str, secret: str) -> None:
    text = describe(url)
    assert 'database "claims"' in text and "host db.example" in text and secret not in text
    assert has_password(url)
    assert secret not in scrub(f"failed for {secret} and {url}", url)
    with pytest.raises(ValueError, match="must not hold a password") as err:
        checked_db_url(url)
    assert secret not in str(err.value)


def test_a_url_without_a_password_passes() -> None:
    assert checked_db_url("postgresql://u@h/d") == "postgresql://u@h/d" and checked_db_url(None) is None
