"""Stored paths: absolute and normalised, one path per file however the input spelt it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tasks.read import discover, resolve_source


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("in/a.txt", "in/a.txt"),
        ("./in/a.txt", "in/a.txt"),
        ("in/../in/./a.txt", "in/a.txt"),
        ("in//a.txt", "in/a.txt"),
        ("linked/a.txt", "in/a.txt"),  # a symlinked folder is its target
        ("in/link.txt", "in/link.txt"),  # a symlinked file keeps its own name (and suffix)
        ("other/a.txt", "other/a.txt"),  # a different folder stays different
    ],
)
def test_resolve_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str, expected: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "in" / "a.txt").write_text("x")
    (tmp_path / "linked").symlink_to(tmp_path / "in")
    (tmp_path / "in" / "link.txt").symlink_to(tmp_path / "in" / "a.txt")
    monkeypatch.chdir(tmp_path)
    assert resolve_source(given) == str(tmp_path.resolve() / expected)


def test_discover_resolved_yields_each_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "repo" / "samples"
    folder.mkdir(parents=True)
    for name in ("b.txt", "a.md"):
        (folder / name).write_text("x")
    monkeypatch.chdir(tmp_path / "repo")
    spellings = ["samples", str(folder) + os.sep, "../repo/samples/a.md"]
    assert list(discover(spellings, resolve=True)) == [str(folder.resolve() / n) for n in ("a.md", "b.txt")]
    assert len(list(discover(spellings))) == 5  # as given (the extract contract): every spelling
