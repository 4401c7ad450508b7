"""Corpus-level furniture: which lines count as junk for a site."""

from __future__ import annotations

from schemas import RawFile
from tasks.common.sites import SITE_JUNK_MIN_FILES, SITE_JUNK_MIN_SHARE, learned_junk, site_of


def _raw(path: str) -> RawFile:
    return RawFile(source=path, sha256="0" * 64, size=1, media_type="text", content="x", encoding="utf-8")


def test_site_is_the_folder() -> None:
    assert site_of("/crawl/outlet-a/2024/page.html") == "/crawl/outlet-a/2024"


def test_lines_repeated_in_enough_files_of_one_site_are_junk() -> None:
    n = SITE_JUNK_MIN_FILES
    raws = [_raw(f"/a/{i}.txt") for i in range(n)] + [_raw(f"/b/{i}.txt") for i in range(n - 1)]
    candidates = [["share this", f"unique {i}"] for i in range(n)] + [["share this"] for _ in range(n - 1)]
    junk = learned_junk(raws, candidates, {"/c": frozenset({"known line"})})
    assert junk["/a"] == {"share this"}
    assert junk["/b"] == frozenset()  # one file short of the threshold
    assert junk["/c"] == {"known line"}


def test_a_line_repeated_inside_one_file_counts_once() -> None:
    raws = [_raw("/a/1.txt")]
    junk = learned_junk(raws, [["menu"] * (SITE_JUNK_MIN_FILES + 1)], {})
    assert junk["/a"] == frozenset()


def test_a_line_in_too_small_a_share_of_the_site_is_not_junk() -> None:
    n = SITE_JUNK_MIN_FILES
    total = int(n / SITE_JUNK_MIN_SHARE) + 5
    raws = [_raw(f"/a/{i}.txt") for i in range(total)]
    candidates = [["we will not back down"] if i < n else [] for i in range(total)]
    assert learned_junk(raws, candidates, {})["/a"] == frozenset()
