"""Analysis commands: `report`, `analyse`, and `speakers list|merge|unmerge|explain`.

Registered in claims_etl/cli.py with `app.add_typer(analysis_app)` (commands at the top level).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from claims_etl.cli_common import current_url, migrated_url, print_rows, say
from infra.db import connect
from infra.errors import ClaimsEtlError

analysis_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Analysis: identity, statements, report.")
speakers_app = typer.Typer(no_args_is_help=True, help="Speakers across articles: list, merge, unmerge, explain.")
analysis_app.add_typer(speakers_app, name="speakers")


@analysis_app.command()
def report(
    run: Annotated[int | None, typer.Option("--run", help="Only the articles this ingest run loaded.")] = None,
    out_file: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("claims-report.html"),
) -> None:
    """Write a self-contained HTML report: top speakers, claims over time, repeated statements."""
    from claims_etl.report import build_report
    from tasks.analyse.refresh import refresh_analysis

    with connect(migrated_url()) as conn:
        refresh_analysis(conn)
        page = build_report(conn, run)
    try:
        out_file.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise ClaimsEtlError(f"cannot write the report to {out_file}: {exc.strerror or exc}") from exc
    say(f"report written to {out_file}")


@analysis_app.command()
def analyse(
    full: Annotated[bool, typer.Option("--full", help="Rebuild statements and mentions from scratch.")] = False,
) -> None:
    """Refresh the analysis (statements, mentions, speaker identity); ingest runs do this themselves."""
    from tasks.analyse.refresh import refresh_analysis

    with connect(migrated_url()) as conn:
        result = refresh_analysis(conn, full=full, always_resolve=True)
    say(result.summary())
    for line in result.undecided:
        say(f"  undecided: {line}")


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
    with connect(current_url()) as conn:
        cur = conn.execute(query, params)
        print_rows([c.name for c in cur.description or []], cur.fetchall())


@speakers_app.command("merge")
def speakers_merge(
    source: Annotated[str, typer.Argument(help="Speaker to fold in: id or exact name form.")],
    into: Annotated[str, typer.Argument(help="Speaker it is: id or exact name form.")],
    reason: Annotated[str, typer.Option("--reason", help="Why (kept with the merge).")],
    article: Annotated[int | None, typer.Option("--article", help="Only SOURCE's claims in this article.")] = None,
) -> None:
    """Merge SOURCE into INTO: SOURCE's claims (and future ones) become INTO's. Undo with `unmerge`."""
    from tasks.analyse.operator import find_speaker, operator_merge

    with connect(migrated_url()) as conn:
        src, dst = find_speaker(conn, source), find_speaker(conn, into)
        merge_id = operator_merge(conn, src, dst, reason, article)
    say(f"merge {merge_id}: speaker {src} merged into {dst}" + (f" in article {article}" if article else ""))


@speakers_app.command("unmerge")
def speakers_unmerge(
    speaker: Annotated[
        str | None, typer.Argument(help="Undo every active merge into or out of this speaker (id or name).")
    ] = None,
    merge_id: Annotated[list[int] | None, typer.Option("--merge", help="Undo this merge id (repeatable).")] = None,
    reason: Annotated[str, typer.Option("--reason", help="Why (kept with the merge).")] = "operator unmerge",
) -> None:
    """Undo merges; the automatic rules will not redo them."""
    from tasks.analyse.operator import active_merges_of, operator_unmerge, speaker_rows

    with connect(migrated_url()) as conn:
        ids = list(merge_id or [])
        if speaker is not None:
            found = {m for row in speaker_rows(conn, speaker) for m in active_merges_of(conn, row)}
            ids += sorted(found - set(ids))
        if not ids:
            raise typer.BadParameter("nothing to undo: give a merged speaker or --merge ID")
        moved = operator_unmerge(conn, ids, reason)
    say(f"undid merge(s) {', '.join(map(str, ids))}: {moved} claim(s) changed speaker")


@speakers_app.command("explain")
def speakers_explain(speaker: Annotated[str, typer.Argument(help="Speaker id or name form.")]) -> None:
    """Why a speaker is what it is: the merges into and out of it, with their evidence."""
    from tasks.analyse.operator import find_speaker

    with connect(current_url()) as conn:
        sid = find_speaker(conn, speaker)
        cur = conn.execute(
            "SELECT merge_id, from_speaker_id AS from_id, from_name, into_speaker_id AS into_id, into_name, "
            "article_id, method, rule, score, active, reason, evidence -> 'evidence' AS evidence "
            "FROM speaker_merge_log "
            "WHERE speaker_root(into_speaker_id) = speaker_root(%s) OR from_speaker_id = %s ORDER BY merge_id",
            (sid, sid),
        )
        rows = [tuple(json.dumps(v) if isinstance(v, list) else v for v in r) for r in cur.fetchall()]
        print_rows([c.name for c in cur.description or []], rows)
