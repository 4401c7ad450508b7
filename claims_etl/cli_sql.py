"""`claims-etl sql`: psql habits without psql (files, stdin, formats), reading unless told `--write`.

Registered in claims_etl/cli.py with `app.add_typer(sql_app)` (a top-level command).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, cast

import typer

from claims_etl.cli_common import current_url, migrated_url
from claims_etl.sqlscript import FORMATS, TABLE_NULL, OutputFormat, Printer, run_script, split_statements
from infra.db import connect

sql_app = typer.Typer(add_completion=False)

# A query that starts with a `--` comment is an argument, not an unknown option.
_CONTEXT = {"ignore_unknown_options": True}


@sql_app.command("sql", context_settings=_CONTEXT)
def run_sql(
    query: Annotated[str | None, typer.Argument(help="SQL to run; `-` or nothing: read it from stdin.")] = None,
    file: Annotated[Path | None, typer.Option("-f", "--file", help="Read the SQL from FILE (`-`: stdin).")] = None,
    fmt: Annotated[str, typer.Option("--format", help=" | ".join(FORMATS))] = "table",
    write: Annotated[
        bool, typer.Option("--write", help="Allow changes; the whole input is then one transaction.")
    ] = False,
    header: Annotated[bool, typer.Option(help="Print column names (table, csv, tsv).")] = True,
    null: Annotated[str, typer.Option("--null", help="How NULL looks in table and markdown output.")] = TABLE_NULL,
) -> None:
    """Run SQL and print every statement's result; read-only unless --write."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(FORMATS)}", param_hint="--format")
    script = _script(query, file)
    statements = split_statements(script)
    if not statements:
        raise typer.BadParameter("no SQL statement given (only blanks or comments)")
    url = migrated_url() if write else current_url()
    printer = Printer(sys.stdout, sys.stderr, cast(OutputFormat, fmt), header=header, null=null)

    def copy_out(data: bytes) -> None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)

    with connect(url) as conn:
        try:
            run_script(conn, statements, printer, write=write, copy_out=copy_out)
        finally:
            sys.stdout.flush()


def _script(query: str | None, file: Path | None) -> str:
    """The SQL text from the argument, `-f FILE`, or stdin (`-`, or nothing given and stdin not a terminal)."""
    if query is not None and file is not None:
        raise typer.BadParameter("give the SQL as an argument or with -f FILE, not both")
    if file is not None and str(file) != "-":
        try:
            return file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise typer.BadParameter(f"cannot read {file}: {exc}", param_hint="-f") from exc
    if query is not None and query != "-":
        return query
    if file is None and query is None and sys.stdin.isatty():
        raise typer.BadParameter("give SQL as an argument, with -f FILE, or on stdin")
    return sys.stdin.read()
