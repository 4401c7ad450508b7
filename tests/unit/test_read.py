"""Read stage: discovery order, decoding and the failure reasons for bad files."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tasks.read import FileBytes, ReadFailure, decode, discover, media_type_of, read_bytes, read_file

MAX = 1_000_000


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "text"),
        ("a.md", "text"),
        ("a.HTML", "html"),
        ("a.htm.gz", "html"),
        ("a.txt.gz", "text"),
        ("a.pdf", None),
        ("a.gz", None),
        ("noext", None),
        ("a.tar.gz", None),
    ],
)
def test_media_type_by_suffix(name: str, expected: str | None) -> None:
    assert media_type_of(Path(name)) == expected


def test_discover_walks_folders_sorted_and_keeps_input_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for rel in ["b/2.txt", "b/1.html", "a.md", "skip.pdf", ".hidden/x.txt", ".dot.txt"]:
        (tmp_path / rel).write_text("x")
    single = tmp_path / "z.txt"
    single.write_text("x")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in discover([single, tmp_path / "b", tmp_path])]
    # a folder's own files come before its subfolders'
    assert found == ["z.txt", "b/1.html", "b/2.txt", "a.md", "z.txt", "b/1.html", "b/2.txt"]


@pytest.mark.parametrize(
    ("content", "error_class"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"PK\x03\x04\x00\x00binary\x00zip", "binary"),
        (bytes(range(1, 32)) * 50, "binary"),
    ],
)
def test_bad_content_becomes_a_failure_with_a_reason(tmp_path: Path, content: bytes, error_class: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    got = read_file(str(path), max_bytes=MAX)
    assert isinstance(got, ReadFailure)
    assert got.error_class == error_class and got.message


def test_oversized_and_missing_files_fail_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 101)
    too_large = read_bytes(str(big), max_bytes=100)
    missing = read_bytes(str(tmp_path / "gone.txt"), max_bytes=100)
    assert isinstance(too_large, ReadFailure) and too_large.error_class == "too_large"
    assert isinstance(missing, ReadFailure) and missing.error_class == "not_found"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Совет утвердил новое расписание паромов на весну и лето.", "cp1251"),
        ("Le conseil a approuvé le nouvel horaire des traversées été.", "latin-1"),
        ("Plain ASCII text is UTF-8 too.", "utf-8"),
        ("Curly “quotes” and the Russia’s apostrophe.", "utf-8"),
    ],
)
def test_decoding_utf8_first_then_detected(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(((text + "\n") * 5).encode(encoding))
    got = read_file(str(path), max_bytes=MAX)
    assert not isinstance(got, ReadFailure), got
    assert got.content.splitlines()[0] == text


def test_gzip_is_undone_and_hash_is_of_raw_bytes(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    raw = gzip.compress(b"<html><body><p>Hello</p></body></html>")
    path.write_bytes(raw)
    got = read_file(str(path), max_bytes=MAX)
    assert not isinstance(got, ReadFailure)
    assert got.media_type == "html" and "<p>Hello</p>" in got.content
    import hashlib

    assert got.sha256 == hashlib.sha256(raw).hexdigest()


def test_corrupt_gzip_is_a_failure() -> None:
    got = decode(FileBytes("x.txt.gz", b"not gzip at all", "0" * 64), max_bytes=MAX)
    assert isinstance(got, ReadFailure) and got.error_class == "bad_gzip"
