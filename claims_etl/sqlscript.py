"""`claims-etl sql`: split a script into statements, run each, print every result in the chosen format.

Values are printed as PostgreSQL's own text (what psql shows: `t`/`f`, `{a,b}`, JSON as JSON), read
from the raw result rather than from Python objects, so `json_agg` prints JSON and not a Python dict.
Reading is the default: every statement runs in a read-only transaction, and writes need `--write`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any, Literal, get_args

import psycopg

from infra.errors import ClaimsEtlError

OutputFormat = Literal["table", "csv", "tsv", "json", "jsonl", "markdown"]
FORMATS: tuple[str, ...] = get_args(OutputFormat)
TABLE_NULL = "(null)"

_NUMBER_TYPES = {"int2", "int4", "int8", "float4", "float8", "numeric", "oid"}
_JSON_TYPES = {"json", "jsonb"}
_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$")
_COPY = re.compile(r"^\s*copy\b", re.IGNORECASE)
_TO_STDOUT = re.compile(r"\bto\s+stdout\b", re.IGNORECASE)
_FROM_STDIN = re.compile(r"\bfrom\s+stdin\b", re.IGNORECASE)


class SqlScriptError(ClaimsEtlError):
    """A statement failed or cannot be run here: one line naming the statement."""


def split_statements(script: str) -> list[str]:
    """The statements of a script, split on `;` outside quotes, comments and dollar quotes.

    A piece holding only comments and blanks is not a statement (a file may end with a comment).
    """
    pieces: list[str] = []
    start = i = 0
    n = len(script)
    while i < n:
        ch = script[i]
        if ch == "-" and script.startswith("--", i):
            end = script.find("\n", i)
            i = n if end < 0 else end + 1
        elif ch == "/" and script.startswith("/*", i):
            i = _block_comment_end(script, i)
        elif ch in "'\"":
            i = _quoted_end(script, i, ch)
        elif ch == "$" and (m := _DOLLAR_TAG.match(script, i)) and not _inside_word(script, i):
            end = script.find(m.group(0), m.end())
            i = n if end < 0 else end + len(m.group(0))
        elif ch == ";":
            pieces.append(script[start:i])
            i += 1
            start = i
        else:
            i += 1
    pieces.append(script[start:])
    return [p.strip() for p in pieces if _has_code(p)]


def _inside_word(script: str, i: int) -> bool:
    """`$1` parameters and identifiers like `a$b` do not open a dollar quote."""
    return i > 0 and (script[i - 1].isalnum() or script[i - 1] == "_")


def _block_comment_end(script: str, i: int) -> int:
    depth, i = 1, i + 2  # PostgreSQL block comments nest
    while i < len(script) and depth:
        if script.startswith("/*", i):
            depth, i = depth + 1, i + 2
        elif script.startswith("*/", i):
            depth, i = depth - 1, i + 2
        else:
            i += 1
    return i


def _quoted_end(script: str, i: int, quote: str) -> int:
    escapes = quote == "'" and i > 0 and script[i - 1] in "eE" and not _inside_word(script, i - 1)
    i += 1
    while i < len(script):
        if escapes and script[i] == "\\":
            i += 2
        elif script[i] == quote:
            if script.startswith(quote * 2, i):
                i += 2
            else:
                return i + 1
        else:
            i += 1
    return i


def _has_code(piece: str) -> bool:
    """True unless the piece is only blanks and comments."""
    i = 0
    while i < len(piece):
        if piece[i].isspace():
            i += 1
        elif piece.startswith("--", i):
            end = piece.find("\n", i)
            i = len(piece) if end < 0 else end + 1
        elif piece.startswith("/*", i):
            i = _block_comment_end(piece, i)
        else:
            return True
    return False


# --- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """One statement's rows as PostgreSQL text (None is NULL), with the column type names."""

    columns: list[str]
    types: list[str]
    rows: list[list[str | None]]
    loaded: list[tuple[Any, ...]]  # the same rows as Python values (arrays for JSON output)


def _result(cur: psycopg.Cursor[Any], encoding: str) -> Result:
    res = cur.pgresult
    assert res is not None and cur.description is not None
    rows = [
        [None if (v := res.get_value(r, c)) is None else v.decode(encoding) for c in range(res.nfields)]
        for r in range(res.ntuples)
    ]
    types = []
    for col in cur.description:
        info = cur.adapters.types.get(col.type_code)  # an array's oid finds its element's info
        types.append("" if info is None else info.name + ("[]" if col.type_code == info.array_oid else ""))
    return Result([c.name for c in cur.description], types, rows, cur.fetchall())


def _json_value(text: str | None, type_name: str, loaded: Any) -> str:
    """A cell as JSON: numbers, booleans and JSON stay typed; arrays become lists; the rest strings."""
    if text is None:
        return "null"
    if type_name in _NUMBER_TYPES and text not in ("NaN", "Infinity", "-Infinity"):
        return text
    if type_name == "bool":
        return "true" if text == "t" else "false"
    if type_name in _JSON_TYPES:
        return text
    if isinstance(loaded, list):
        return json.dumps(loaded, ensure_ascii=False, default=str)
    return json.dumps(text, ensure_ascii=False)


def _json_rows(result: Result) -> Iterator[str]:
    keys = [json.dumps(c, ensure_ascii=False) for c in result.columns]
    for row, loaded in zip(result.rows, result.loaded, strict=True):
        cells = (_json_value(v, t, py) for v, t, py in zip(row, result.types, loaded, strict=True))
        yield "{" + ", ".join(f"{k}: {v}" for k, v in zip(keys, cells, strict=True)) + "}"


def _csv_field(value: str | None) -> str:
    """psql --csv: NULL is an empty field, '' is `""`; quote only when needed."""
    if value is None:
        return ""
    if value == "" or any(ch in value for ch in ',"\r\n') or value != value.strip():
        return '"' + value.replace('"', '""') + '"'
    return value


def _tsv_field(value: str | None) -> str:
    """COPY's text format: NULL is `\\N`; backslash, tab and newlines escaped."""
    if value is None:
        return "\\N"
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def table_lines(columns: Sequence[str], rows: Sequence[Sequence[str | None]], null: str = TABLE_NULL) -> list[str]:
    """An aligned, psql-like table: never wrapped, so it greps and pipes well; NULL shown as `null`."""
    cells = [[null if v is None else str(v).replace("\r\n", " ").replace("\n", " ") for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return lines


def _markdown_lines(result: Result, null: str) -> list[str]:
    def cell(v: str | None) -> str:
        return null if v is None else v.replace("\n", " ").replace("|", "\\|")

    lines = ["| " + " | ".join(result.columns) + " |", "|" + "---|" * len(result.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in result.rows]
    return [*lines, "", f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})"]


def format_result(result: Result, fmt: OutputFormat, *, header: bool = True, null: str = TABLE_NULL) -> list[str]:
    """The lines to print for one result set."""
    if fmt == "table":
        lines = table_lines(result.columns, result.rows, null)
        return lines if header else lines[2:-1]
    if fmt == "markdown":
        return _markdown_lines(result, null)
    if fmt == "jsonl":
        return list(_json_rows(result))
    if fmt == "json":
        body = list(_json_rows(result))
        return ["[" + ",\n ".join(body) + "]"] if body else ["[]"]
    field, sep = (_csv_field, ",") if fmt == "csv" else (_tsv_field, "\t")
    lines = [sep.join(field(c) for c in result.columns)] if header else []
    return lines + [sep.join(field(v) for v in row) for row in result.rows]


# --- running -------------------------------------------------------------------------------------


@dataclass
class Printer:
    """Where results go: data on `out`; command tags (`DELETE 5`) on `out` for tables, else on `notes`."""

    out: IO[str]
    notes: IO[str]
    fmt: OutputFormat
    header: bool = True
    null: str = TABLE_NULL
    printed: int = 0

    @property
    def human(self) -> bool:
        return self.fmt in ("table", "markdown")

    def result(self, result: Result) -> None:
        if self.printed and self.human:
            self.out.write("\n")
        self.out.write(
            "".join(line + "\n" for line in format_result(result, self.fmt, header=self.header, null=self.null))
        )
        self.printed += 1

    def status(self, message: str) -> None:
        if self.human:
            if self.printed:
                self.out.write("\n")
            self.out.write(message + "\n")
            self.printed += 1
        else:
            self.notes.write(message + "\n")


def run_script(
    conn: psycopg.Connection[Any],
    statements: Sequence[str],
    printer: Printer,
    *,
    write: bool,
    copy_out: Callable[[bytes], None],
) -> None:
    """Run each statement in order, printing its result as soon as it is done.

    Without `write` every statement runs in a read-only transaction that has already taken its
    snapshot (so `SET TRANSACTION READ WRITE` cannot lift it), rolled back at the end. With
    `write` the whole script is one transaction, committed only if every statement succeeds.
    """
    conn.autocommit = False
    conn.read_only = not write
    encoding = conn.info.encoding
    try:
        for number, statement in enumerate(statements, 1):
            _check_supported(statement, number, write)
            try:
                if not write and conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
                    conn.execute("SELECT 1")  # BEGIN READ ONLY + a snapshot before the user's statement
                _run_one(conn, statement, printer, encoding, copy_out)
            except psycopg.Error as exc:
                conn.rollback()
                raise SqlScriptError(_failure(exc, number, len(statements), write)) from exc
        if write:
            conn.commit()
    finally:
        if not conn.closed and conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.rollback()


def _check_supported(statement: str, number: int, write: bool) -> None:
    where = f"statement {number}"
    if statement.startswith("\\"):
        raise SqlScriptError(f"{where}: psql meta-commands ({statement.split()[0]}) are not supported")
    if _COPY.match(statement) and not _TO_STDOUT.search(statement):
        if _FROM_STDIN.search(statement):
            raise SqlScriptError(f"{where}: COPY FROM STDIN is not supported (use psql, or INSERT with --write)")
        if not write:
            raise SqlScriptError(f"{where}: COPY to or from a server file writes: it needs --write")


def _run_one(
    conn: psycopg.Connection[Any],
    statement: str,
    printer: Printer,
    encoding: str,
    copy_out: Callable[[bytes], None],
) -> None:
    with conn.cursor() as cur:
        if _COPY.match(statement):
            with cur.copy(statement.encode(encoding)) as copy:
                for chunk in copy:
                    copy_out(bytes(chunk))
            printer.notes.write(f"{cur.statusmessage or 'COPY'}\n")
            return
        cur.execute(statement.encode(encoding))
        while True:  # a statement the splitter could not separate still shows every result
            if cur.description is not None:
                printer.result(_result(cur, encoding))
            else:
                printer.status(cur.statusmessage or "OK")
            if not cur.nextset():
                break


def _failure(exc: psycopg.Error, number: int, total: int, write: bool) -> str:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, psycopg.errors.ReadOnlySqlTransaction):
        reason += " (claims-etl sql reads by default: add --write to change data)"
    where = f"statement {number} of {total} failed" if total > 1 else "query failed"
    rolled = "; nothing was written (rolled back)" if write else ""
    return f"{where}: {reason}{rolled}"
