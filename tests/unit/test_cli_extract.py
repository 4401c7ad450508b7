"""`claims-etl extract`: the JSON Lines contract that the scorers and tooling read."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from claims_etl.cli import app
from tests.fixtures.articles import NEWS_SECOND, NEWS_WITH_QUOTES

ARTICLE_KEYS = {
    "source", "sha256", "title", "author", "published", "subtitle", "outlet", "dateline", "metadata_source",
    "language", "text", "claims",
}
CLAIM_KEYS = {
    "speaker",
    "speaker_kind",
    "speaker_role",
    "speaker_affiliation",
    "speaker_mention",
    "cue",
    "kind",
    "text",
    "start",
    "end",
    "statement",
    "confidence",
}


def _run(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(app, ["extract", "--format", "jsonl", *args])
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_one_record_per_file_in_input_order_with_errors_inline(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(NEWS_WITH_QUOTES, encoding="utf-8")
    (tmp_path / "a.txt").write_text(NEWS_SECOND, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    code, records = _run(str(tmp_path / "b.txt"), str(tmp_path))
    assert code == 0
    assert [Path(str(r["source"])).name for r in records] == ["b.txt", "a.txt", "b.txt", "empty.txt"]
    assert set(records[-1]) == {"source", "error"} and str(records[-1]["error"]).startswith("empty")
    for record in records[:3]:
        assert set(record) == ARTICLE_KEYS
        text = str(record["text"])
        for claim in record["claims"]:  # type: ignore[attr-defined]
            assert set(claim) - {"nested_in"} == CLAIM_KEYS
            assert 0 <= claim["start"] <= claim["end"] <= len(text)
            statement = claim["statement"]
            assert statement["start"] <= claim["start"] <= claim["end"] <= statement["end"] <= len(text)
            for part in ("speaker_mention", "cue"):
                if claim[part]:
                    assert text[claim[part]["start"] : claim[part]["end"]] == claim[part]["text"]


def test_no_claims_skips_extraction(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NEWS_WITH_QUOTES, encoding="utf-8")
    code, records = _run("--no-claims", str(tmp_path))
    assert code == 0 and records[0]["claims"] == [] and "ferry schedule" in str(records[0]["text"])


def test_exit_status_is_1_when_nothing_could_be_read(tmp_path: Path) -> None:
    code, records = _run(str(tmp_path / "missing.txt"))
    assert code == 1 and records == [{"source": str(tmp_path / "missing.txt"), "error": "not_found: no such file"}]
