"""Very long texts are extracted in article-sized chunks whose claims index the whole text."""

from __future__ import annotations

import pytest

from tasks.extract import chunks, extract_claims
from tasks.extract.chunks import split_long


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short text", 100, ["short text"]),
        ("aaaa bbbb.\n\ncccc dddd.\n\neeee", 14, ["aaaa bbbb.\n\n", "cccc dddd.\n\n", "eeee"]),
        ("one line. two line. three line.", 22, ["one line. two line. ", "three line."]),
        ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),  # no break anywhere: a hard cut
    ],
)
def test_split_long_cuts_at_the_best_break(text: str, limit: int, expected: list[str]) -> None:
    pieces = split_long(text, limit)
    assert [chunk for _, chunk in pieces] == expected
    assert all(text[offset : offset + len(chunk)] == chunk for offset, chunk in pieces)


def test_claims_of_a_long_text_index_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunks, "MAX_CHUNK_CHARS", 4_000)
    paragraphs = [
        f"Ruth Okafor, the harbour master, said the bridge number {i} would reopen in May. "
        f"Traffic on the eastern road was light on Tuesday, and most shops stayed open late." * 3
        for i in range(60)
    ]
    text = "\n\n".join(paragraphs)
    assert len(text) > 4 * 4_000  # five chunks or more
    claims = extract_claims(text)
    reopen = [c for c in claims if "would reopen" in c.text]
    assert len(reopen) == 60 * 3
    for c in reopen:
        assert text[c.start : c.end] == c.text
        assert c.speaker == "Ruth Okafor"
        assert c.cue is not None and text[c.cue.start : c.cue.end] == c.cue.text
        assert c.speaker_mention is not None and text[c.speaker_mention.start : c.speaker_mention.end] == "Ruth Okafor"
        assert c.statement is not None
        assert c.statement.start <= c.speaker_mention.start and c.end <= c.statement.end
