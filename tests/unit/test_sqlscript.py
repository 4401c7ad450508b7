"""Splitting SQL scripts into statements and printing results: (input, expected) cases, negatives included."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claims_etl.sqlscript import Result, format_result, split_statements


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("select 1", ["select 1"]),
        ("select 1; select 2;", ["select 1", "select 2"]),
        ("-- a leading comment\nselect 1;\n-- a trailing comment\n", ["-- a leading comment\nselect 1"]),
        ("select ';' as semi; select 2", ["select ';' as semi", "select 2"]),
        ("select 'it''s; here'", ["select 'it''s; here'"]),
        ("select E'a\\'; b'; select 3", ["select E'a\\'; b'", "select 3"]),
        ('select 1 as "a;b"', ['select 1 as "a;b"']),
        ("select $$a; b$$, $t$c;$t$; select 4", ["select $$a; b$$, $t$c;$t$", "select 4"]),
        ("select 1 /* a; /* nested; */ still */; select 5", ["select 1 /* a; /* nested; */ still */", "select 5"]),
        ("select 1 -- not; a split\n; select 6", ["select 1 -- not; a split", "select 6"]),
        (";;  ;\n-- only a comment", []),
        ("", []),
        # not a quote: a positional parameter and a dollar inside an identifier
        ("select a$b from t; select 7", ["select a$b from t", "select 7"]),
    ],
)
def test_split_statements(script: str, expected: list[str]) -> None:
    assert split_statements(script) == expected


RESULT = Result(
    columns=["n", "text", "empty", "doc", "tags", "flag", "bad"],
    types=["int4", "text", "text", "jsonb", "text[]", "bool", "float8"],
    rows=[
        ["1", None, "", '{"a": [1, 2]}', "{x,y}", "t", "NaN"],
        ["2", 'comma, "quote"\nline', "x", None, None, "f", "1.5"],
    ],
    loaded=[(1, None, "", {"a": [1, 2]}, ["x", "y"], True, float("nan")), (2, "", "x", None, None, False, 1.5)],
)


def test_csv_parses_and_keeps_null_apart_from_empty() -> None:
    lines = format_result(RESULT, "csv")
    assert lines[1].split(",")[1:3] == ["", '""']  # NULL is an empty field, '' is quoted (psql --csv)
    rows = list(csv.reader(io.StringIO("\n".join(lines) + "\n")))
    assert rows[0] == RESULT.columns and rows[2][1] == 'comma, "quote"\nline'


def test_tsv_escapes_and_marks_null() -> None:
    lines = format_result(RESULT, "tsv")
    assert lines[1].split("\t")[1:3] == ["\\N", ""]
    assert lines[2].split("\t")[1] == 'comma, "quote"\\nline' and len(lines) == 3


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_keeps_types(fmt: str) -> None:
    text = "\n".join(format_result(RESULT, fmt))  # type: ignore[arg-type]
    rows = json.loads(text) if fmt == "json" else [json.loads(line) for line in text.splitlines()]
    assert rows[0] == {
        "n": 1,
        "text": None,
        "empty": "",
        "doc": {"a": [1, 2]},
        "tags": ["x", "y"],
        "flag": True,
        "bad": "NaN",
    }
    assert rows[1]["flag"] is False and rows[1]["bad"] == 1.5 and rows[1]["doc"] is None


def test_table_shows_null_distinctly_and_never_wraps() -> None:
    lines = format_result(RESULT, "table")
    assert [c.strip() for c in lines[2].split(" | ")[1:3]] == ["(null)", ""] and lines[-1] == "(2 rows)"
    assert len(lines) == 5  # a newline in a value does not break the row
    assert format_result(RESULT, "table", header=False)[0].startswith("1 ")


def test_empty_json_result_is_an_empty_array() -> None:
    empty = Result(columns=["n"], types=["int4"], rows=[], loaded=[])
    assert format_result(empty, "json") == ["[]"] and format_result(empty, "jsonl") == []
