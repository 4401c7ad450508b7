"""Analysis commands: `report`, `analyse`, and `speakers list|merge|unmerge|explain`.

Registered in claims_etl/cli.py with `app.add_typer(analysis_app)` (commands at the top level).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from claims_etl import migrations
from claims_etl.db import connect, database_url

analysis_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Analysis: identity, statements, report.")
speakers_app = typer.Typer(no_args_is_help=True, help="Speakers across articles: list, merge, unmerge, explain.")
analysis_app.add_typer(speakers_app, name="speakers")
out = Console()


def _url() -> str:
    """The database URL with pending migrations applied."""
    url = database_url()
    with connect(url) as conn:
        migrations.migrate(conn)
    return url


@analysis_app.command()
def report(
    run: Annotated[int | None, typer.Option("--run", help="Only the articles this ingest run loaded.")] = None,
    out_file: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("claims-report.html"),
) -> None:
    """Write a self-contained HTML report: top speakers, claims over time, repeated statements."""
    from claims_etl.analysis.refresh import refresh_analysis
    from claims_etl.analysis.report import build_report

    with connect(_url()) as conn:
        refresh_analysis(conn)
        page = build_report(conn, run)
    out_file.write_text(page, encoding="utf-8")
    out.print(f"report written to {out_file}")


@analysis_app.command()
def analyse(
    full: Annotated[bool, typer.Option("--full", help="Rebuild statements and mentions from scratch.")] = False,
) -> None:
    """Refresh the analysis (statements, mentions, speaker identity); ingest runs do this themselves."""
    from claims_etl.analysis.refresh import refresh_analysis

    with connect(_url()) as conn:
        result = refresh_analysis(conn, full=full, always_resolve=True)
    out.print(result.summary())
    for line in result.undecided:
        out.print(f"  undecided: {line}", markup=False)


@speakers_app.command("list")
def speakers_list(
    search: Annotated[str | None, typer.Option("--search", help="Names like this (trigram match).")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include speakers with no claims left.")] = False,
    limit: Annotated[int, typer.Option(min=1)] = 50,
) -> None:
    """Speakers (merged name forms folded in) with their claim counts."""
    query = (
        "SELECT d.speaker_id AS id, d.canonical_name AS speaker, d.kind, d.claims, d.articles, d.statements, "
        "array_to_string(d.name_forms, ' | ') AS name_forms, d.first_day, d.last_day FROM speaker_directory d "
    )
    params: list[Any] = []
    if search:
        query += "JOIN find_speakers(%s, %s) fs ON fs.speaker_id = d.speaker_id "
        params += [search, limit]
    query += "WHERE %s OR d.claims > 0 ORDER BY d.claims DESC, d.canonical_name LIMIT %s"
    params += [all_, limit]
    with connect(_url()) as conn:
        cur = conn.execute(query, params)
        _print_rows([c.name for c in cur.description or []], cur.fetchall())


@speakers_app.command("merge")
def speakers_merge(
    source: Annotated[str, typer.Argument(help="Speaker to fold in: id or exact name form.")],
    into: Annotated[str, typer.Argument(help="Speaker it is: id or exact name form.")],
    reason: Annotated[str, typer.Option("--reason", help="Why (kept with the merge).")],
    article: Annotated[int | None, typer.Option("--article", help="Only SOURCE's claims in this article.")] = None,
) -> None:
    """Merge SOURCE into INTO: SOURCE's claims (and future ones) become INTO's. Undo with `unmerge`."""
    from claims_etl.analysis.operator import find_speaker, operator_merge

    with connect(_url()) as conn:
        src, dst = find_speaker(conn, source), find_speaker(conn, into)
        merge_id = operator_merge(conn, src, dst, reason, article)
    out.print(f"merge {merge_id}: speaker {src} merged into {dst}" + (f" in article {article}" if article else ""))


@speakers_app.command("unmerge")
def speakers_unmerge(
    speaker: Annotated[
        str | None, typer.Argument(help="Undo every active merge into or out of this speaker (id or name).")
    ] = None,
    merge_id: Annotated[list[int] | None, typer.Option("--merge", help="Undo this merge id (repeatable).")] = None,
    reason: Annotated[str, typer.Option("--reason", help="Why (kept with the merge).")] = "operator unmerge",
) -> None:
    """Undo merges; the automatic rules will not redo them."""
    from claims_etl.analysis.operator import active_merges_of, operator_unmerge, speaker_rows

    with connect(_url()) as conn:
        ids = list(merge_id or [])
        if speaker is not None:
            found = {m for row in speaker_rows(conn, speaker) for m in active_merges_of(conn, row)}
            ids += sorted(found - set(ids))
        if not ids:
            raise typer.BadParameter("nothing to undo: give a merged speaker or --merge ID")
        moved = operator_unmerge(conn, ids, reason)
    out.print(f"undid merge(s) {', '.join(map(str, ids))}: {moved} claim(s) changed speaker")


@speakers_app.command("explain")
def speakers_explain(speaker: Annotated[str, typer.Argument(help="Speaker id or name form.")]) -> None:
    """Why a speaker is what it is: the merges into and out of it, with their evidence."""
    from claims_etl.analysis.operator import find_speaker

    with connect(_url()) as conn:
        sid = find_speaker(conn, speaker)
        cur = conn.execute(
            "SELECT merge_id, from_speaker_id AS from_id, from_name, into_speaker_id AS into_id, into_name, "
            "article_id, method, rule, score, active, reason, evidence -> 'evidence' AS evidence "
            "FROM speaker_merge_log "
            "WHERE speaker_root(into_speaker_id) = speaker_root(%s) OR from_speaker_id = %s ORDER BY merge_id",
            (sid, sid),
        )
        rows = [tuple(json.dumps(v) if isinstance(v, list) else v for v in r) for r in cur.fetchall()]
        _print_rows([c.name for c in cur.description or []], rows)


def _print_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """An aligned, psql-like table (same format as `claims-etl sql`)."""
    cells = [["" if v is None else str(v).replace("\n", " ") for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    print(" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for r in cells:
        print(" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
