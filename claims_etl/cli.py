"""`claims-etl` command line: ingest, extract, sql, db migrate/status, failures, demo."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Annotated, Any, cast, get_args

import typer
from rich.console import Console

from claims_etl import migrations
from claims_etl.cli_analysis import analysis_app
from claims_etl.config import RunnerKind, get_settings
from claims_etl.db import connect, database_url, redact, scrub
from claims_etl.errors import ClaimsEtlError
from claims_etl.prefect_api import launch_temporary_api, shared_prefect_api
from schemas.run import RunMode

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

# No local variables in tracebacks: they would print the database URL, password included.
app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__, pretty_exceptions_show_locals=False)
db_app = typer.Typer(no_args_is_help=True, help="Schema migrations in sql/.")
app.add_typer(db_app, name="db")
app.add_typer(analysis_app)  # report, analyse, speakers {list,merge,unmerge,explain}
out = Console()
err = Console(stderr=True)

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "articles"
EXTRACT_BATCH = 64


RunnerOption = Annotated[
    str | None, typer.Option("--task-runner", help="process | thread | dask [default: CLAIMS_ETL_TASK_RUNNER]")
]
WorkersOption = Annotated[int | None, typer.Option(min=1, help="Parallel workers [default: CLAIMS_ETL_WORKERS].")]
DaskOption = Annotated[str | None, typer.Option(help="Dask scheduler, e.g. tcp://HOST:8786 (with dask).")]
BatchOption = Annotated[int | None, typer.Option(min=1, help="Files per task run [default: settings].")]


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive) of article files.")],
    batch_size: BatchOption = None,
    mode: Annotated[str, typer.Option(help="Recorded in ingest_runs: manual or nightly.")] = "manual",
    task_runner: RunnerOption = None,
    workers: WorkersOption = None,
    dask_address: DaskOption = None,
    analyse: Annotated[
        bool,
        typer.Option(help="Refresh the analysis layer after loading (big backfills: --no-analyse, then `analyse`)."),
    ] = True,
) -> None:
    """Load article files into Postgres: read, clean, extract claims, load. Unchanged files are skipped."""
    summary = _ingest([str(p) for p in paths], mode, batch_size, task_runner, workers, dask_address, analyse)
    _print_summary(summary)


@app.command("retry-failures")
def retry_failures(
    task_runner: RunnerOption = None, workers: WorkersOption = None, dask_address: DaskOption = None
) -> None:
    """Try every file with an open failure again (quarantined ones included)."""
    with connect(_migrated_url()) as conn:
        paths = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT path FROM ingest_failures WHERE resolved_at IS NULL ORDER BY path"
            ).fetchall()
        ]
    if not paths:
        out.print("no open failures")
        return
    _print_summary(_ingest(paths, "retry", None, task_runner, workers, dask_address))


@app.command()
def backfill(
    since: Annotated[str | None, typer.Option(help="YYYY-MM-DD: published (else ingested) on or after.")] = None,
    until: Annotated[str | None, typer.Option(help="YYYY-MM-DD: published (else ingested) on or before.")] = None,
    source: Annotated[str | None, typer.Option(help="Shell glob on the stored source path.")] = None,
    before_version: Annotated[str | None, typer.Option(help="Only articles extracted by an older version.")] = None,
    batch_size: BatchOption = None,
) -> None:
    """Re-extract stored articles with the current extractor, replacing their claims atomically."""
    import datetime as dt

    from flows.backfill import backfill as backfill_flow

    def day(value: str | None, name: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(value) if value else None
        except ValueError as exc:
            raise typer.BadParameter(f"{value!r} is not YYYY-MM-DD", param_hint=name) from exc

    _migrated_url()  # the flow reads DATABASE_URL itself: no URL (no password) as a Prefect parameter
    summary = backfill_flow(
        since=day(since, "--since"),
        until=day(until, "--until"),
        source_glob=source,
        before_version=before_version,
        batch_size=batch_size or get_settings().claims_etl_batch_size,
    )
    out.print(
        f"backfill run {summary.run_id} {summary.status}: {summary.articles_loaded} articles re-extracted, "
        f"{summary.claims_added} claims added, {summary.claims_removed} removed, {summary.files_failed} failed"
    )
    if summary.changes:
        _print_rows(["article", "claims added", "claims removed"], summary.changes)


@app.command()
def serve(
    cron: Annotated[str | None, typer.Option(help="Cron schedule [default: CLAIMS_ETL_NIGHTLY_CRON].")] = None,
    inbox: Annotated[Path | None, typer.Option(help="Folder to ingest [default: CLAIMS_ETL_INBOX].")] = None,
) -> None:
    """Serve the nightly deployment: ingest new and changed files from the inbox on a cron schedule."""
    from flows.nightly import serve_nightly

    settings = get_settings()
    serve_nightly(cron or settings.claims_etl_nightly_cron, str((inbox or settings.claims_etl_inbox).resolve()))


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive) of article files.")],
    fmt: Annotated[str, typer.Option("--format", help="Output format (jsonl).")] = "jsonl",
    no_claims: Annotated[bool, typer.Option("--no-claims", help="Skip NLP: body and metadata only.")] = False,
) -> None:
    """Print what the pipeline extracts, one JSON object per article, without a database."""
    if fmt != "jsonl":
        raise typer.BadParameter("only --format jsonl is supported", param_hint="--format")
    from tasks.read import discover

    readable = 0
    for record in _extract_records(list(discover(str(p) for p in paths)), with_claims=not no_claims):
        readable += "error" not in record
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if readable == 0:
        err.print("claims-etl: no input could be read")
        raise typer.Exit(1)


@app.command("sql")
def run_sql(query: Annotated[str, typer.Argument(help="SQL to run against the configured database.")]) -> None:
    """Run a query and print the result as a table (no psql needed)."""
    import psycopg

    with connect(_migrated_url(), autocommit=True) as conn:
        try:
            cur = conn.execute(query.encode("utf-8"))
        except psycopg.Error as exc:
            raise ClaimsEtlError(f"query failed: {str(exc).strip()}") from exc
        if cur.description is None:
            out.print(f"OK ({cur.rowcount} rows affected)")
            return
        _print_rows([c.name for c in cur.description], cur.fetchall())


@app.command()
def failures(all_: Annotated[bool, typer.Option("--all", help="Include resolved failures.")] = False) -> None:
    """List files that could not be loaded, with the reason."""
    where = "" if all_ else "WHERE resolved_at IS NULL"
    with connect(_migrated_url()) as conn:
        cur = conn.execute(
            "SELECT path, error_class, message, attempts, last_failed_at::timestamp(0) AS last_failed, "
            f"resolved_at IS NOT NULL AS resolved FROM ingest_failures {where} ORDER BY path"
        )
        _print_rows([c.name for c in cur.description or []], cur.fetchall())


@app.command()
def demo() -> None:
    """Ingest the bundled sample articles and show speakers with their claim counts."""
    summary = _ingest([str(SAMPLES)], "manual", None, None, None, None)
    _print_summary(summary)
    with connect(_migrated_url()) as conn:
        cur = conn.execute(
            "SELECT coalesce(speaker, '(unresolved)') AS speaker, speaker_kind, count(*) AS claims, "
            "count(*) FILTER (WHERE kind = 'direct') AS direct, count(*) FILTER (WHERE kind <> 'direct') AS other "
            "FROM claims_readable GROUP BY 1, 2 ORDER BY 3 DESC, 1"
        )
        _print_rows([c.name for c in cur.description or []], cur.fetchall(), title="Speakers in the sample articles")


@db_app.command("migrate")
def db_migrate() -> None:
    """Apply pending migrations from sql/."""
    url = database_url()
    with connect(url) as conn:
        applied = migrations.migrate(conn)
    out.print(
        f"{redact(url)}: applied {len(applied)} migration(s)"
        + (": " + ", ".join(m.path.name for m in applied) if applied else " (schema is up to date)")
    )


@db_app.command("status")
def db_status() -> None:
    """Show which migrations are applied."""
    url = database_url()
    with connect(url) as conn:
        states = migrations.status(conn)
    out.print(f"database: {redact(url)}")
    _print_rows(["migration", "applied_at"], [(s.migration.path.name, s.applied_at or "pending") for s in states])


# --- helpers ---------------------------------------------------------------------------------------


def _migrated_url() -> str:
    """The database URL, with pending migrations applied (a fresh database just works)."""
    url = database_url()
    with connect(url) as conn:
        migrations.migrate(conn)
    return url


def _ingest(
    paths: list[str],
    mode: str,
    batch_size: int | None,
    runner: str | None,
    workers: int | None,
    dask: str | None,
    analyse: bool = True,
) -> Any:
    from tasks.noop import record_unchanged_run
    from tasks.plan import nothing_to_do
    from tasks.read import discover

    settings = get_settings()
    if mode not in get_args(RunMode):
        raise typer.BadParameter(f"mode must be one of {get_args(RunMode)}", param_hint="--mode")
    kind = runner or settings.claims_etl_task_runner
    if kind not in get_args(RunnerKind):
        raise typer.BadParameter(f"task runner must be one of {get_args(RunnerKind)}", param_hint="--task-runner")
    n = workers or settings.claims_etl_workers
    dask_address = dask or settings.claims_etl_dask_address
    if dask_address and kind != "dask":
        raise typer.BadParameter("--dask-address needs --task-runner dask")
    url = _migrated_url()
    if mode != "retry":
        with connect(url) as conn:
            unchanged = nothing_to_do(conn, discover(paths), max_bytes=settings.claims_etl_max_file_bytes)
        if unchanged is not None:
            size = batch_size or settings.claims_etl_batch_size
            return record_unchanged_run(url, paths, cast(RunMode, mode), size, unchanged, analyse=analyse)
    # Prefect is imported only when there is work: the no-op run above never pays for it. Its API
    # server (when none is configured) boots while the flow's modules import.
    api = launch_temporary_api()
    from flows.ingest import ingest as ingest_flow
    from flows.runners import make_task_runner

    task_runner = make_task_runner(cast(RunnerKind, kind), n, dask_address)
    with shared_prefect_api(api):
        return ingest_flow.with_options(task_runner=task_runner)(
            paths=paths,
            mode=cast(RunMode, mode),
            batch_size=batch_size or settings.claims_etl_batch_size,
            max_file_bytes=settings.claims_etl_max_file_bytes,
            file_seconds=settings.claims_etl_file_seconds,
            workers=n,  # no db_url: the flow reads DATABASE_URL from its environment (no password in Prefect)
            analyse=analyse,
        )


def _extract_records(sources: Sequence[str], *, with_claims: bool) -> Iterator[dict[str, Any]]:
    """Contract records in input order, processed in batches so the NLP model can stream."""
    from tasks.read import FileBytes, read_bytes
    from tasks.transform import transform

    max_bytes, budget = get_settings().claims_etl_max_file_bytes, get_settings().claims_etl_file_seconds
    it = iter(sources)
    while batch := list(islice(it, EXTRACT_BATCH)):
        read = [read_bytes(s, max_bytes=max_bytes) for s in batch]
        done, failed = transform(
            [r for r in read if isinstance(r, FileBytes)],
            max_bytes=max_bytes,
            with_claims=with_claims,
            file_seconds=budget,
        )
        by_source: dict[str, dict[str, Any]] = {}
        for f in [r for r in read if not isinstance(r, FileBytes)] + failed:
            by_source[f.source] = {"source": f.source, "error": f"{f.error_class}: {f.message}"}
        for a in done:
            by_source[a.raw.source] = {
                "source": a.raw.source,
                "sha256": a.raw.sha256,
                "title": a.article.title,
                "author": a.article.author,
                "published": a.article.published.isoformat() if a.article.published else None,
                "language": a.article.language,
                "text": a.article.text,
                "claims": [c.contract_dict() for c in a.claims],
            }
        for source in batch:
            yield by_source[source]


def _print_summary(summary: Any) -> None:
    out.print(
        f"run {summary.run_id} {summary.status}: {summary.files_seen} files seen, {summary.files_new} new, "
        f"{summary.files_changed} changed, {summary.files_unchanged} unchanged, {summary.files_failed} failed, "
        f"{summary.files_quarantined} quarantined; "
        f"{summary.claims_loaded} claims loaded "
        f"(read {summary.seconds_read:.1f}s, extract {summary.seconds_extract:.1f}s, load {summary.seconds_load:.1f}s, "
        f"analyse {summary.seconds_analyse:.1f}s)"
    )
    if getattr(summary, "files_busy", 0):
        out.print(f"  {summary.files_busy} file(s) skipped: another live run was loading them")
    for path, error_class, message in summary.failures:
        out.print(f"  failed: {path}: {error_class}: {message}")


def _print_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> None:
    """An aligned, psql-like table: never wrapped, so it greps and pipes well."""
    cells = [["" if v is None else str(v).replace("\n", " ") for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    if title:
        print(title)
    print(" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for r in cells:
        print(" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def main() -> None:
    try:
        app()
    except ClaimsEtlError as exc:
        # one line, never wrapped, never the password
        print(f"claims-etl: error: {' '.join(scrub(str(exc)).split())}", file=sys.stderr, flush=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
