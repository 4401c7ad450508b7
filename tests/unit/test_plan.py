"""Guided batches: every file once, in order, never above the batch size, smaller towards the end."""

from __future__ import annotations

import pytest

from tasks.plan import MIN_GUIDED_BATCH, guided_batches


@pytest.mark.parametrize(
    ("n", "size", "workers", "expected_first", "expected_count"),
    [
        (0, 200, 2, None, 0),
        (1, 200, 2, 1, 1),
        (5, 200, 2, 5, 1),  # a handful of files: one batch
        (45, 200, 2, 12, 5),  # small runs are split so both workers get some
        (1000, 200, 2, 200, 16),
        (1000, 200, 1, 200, 10),
    ],
)
def test_guided_batches(n: int, size: int, workers: int, expected_first: int | None, expected_count: int) -> None:
    items = [f"f{i}" for i in range(n)]
    sizes = [len(b) for b in guided_batches(items, size, workers)]
    assert [x for b in guided_batches(items, size, workers) for x in b] == items
    assert len(sizes) == expected_count
    if expected_first is not None:
        assert sizes[0] == expected_first
    assert all(s <= size for s in sizes)
    assert sizes == sorted(sizes, reverse=True)  # never grows again
    assert all(s >= MIN_GUIDED_BATCH for s in sizes[:-1])
