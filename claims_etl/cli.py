"""`claims-etl` command line: ingest, extract, sql, db migrate/status, failures, demo."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Annotated, Any, cast, get_args

import psycopg
import typer
from typer._click import exceptions as click  # the click Typer bundles (its errors are these)

from claims_etl.cli_analysis import analysis_app
from claims_etl.cli_common import current_url, migrated_url, print_rows, say
from claims_etl.cli_sql import sql_app
from claims_etl.prefect_api import launch_temporary_api, shared_prefect_api
from claims_etl.progress import terminal_bar
from infra import migrations
from infra.config import RunnerKind, get_settings
from infra.db import connect, database_url, redact, scrub
from infra.errors import ClaimsEtlError
from schemas.run import RunMode

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

# No local variables in tracebacks: they would print the database URL, password included.
app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__, pretty_exceptions_show_locals=False)
db_app = typer.Typer(no_args_is_help=True, help="Schema migrations in sql/.")
app.add_typer(db_app, name="db")
app.add_typer(analysis_app)  # report, analyse, speakers {list,merge,unmerge,explain}
app.add_typer(sql_app)  # sql

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "articles"
EXTRACT_BATCH = 64


RunnerOption = Annotated[
    str | None, typer.Option("--task-runner", help="process | thread | dask [default: CLAIMS_ETL_TASK_RUNNER]")
]
WorkersOption = Annotated[int | None, typer.Option(min=1, help="Parallel workers [default: CLAIMS_ETL_WORKERS].")]
DaskOption = Annotated[str | None, typer.Option(help="Dask scheduler, e.g. tcp://HOST:8786 (with dask).")]
BatchOption = Annotated[int | None, typer.Option(min=1, help="Files per task run [default: settings].")]


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        from tasks.extract import EXTRACTOR_VERSION

        say(f"claims-etl {version('claims-etl')} (extractor {EXTRACTOR_VERSION})")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show Prefect's per-task log lines (else only its warnings).")
    ] = False,
) -> None:
    """Batch ETL: news article files -> a Postgres database of attributed claims and quotes."""
    # Read by Prefect's logging set-up, here and in worker processes (an explicit setting wins without -v).
    if verbose:
        os.environ["PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL"] = "INFO"
    else:
        os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL", "WARNING")


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
    started = time.monotonic()
    summary = _ingest([str(p) for p in paths], mode, batch_size, task_runner, workers, dask_address, analyse)
    _print_summary(summary, time.monotonic() - started)


@app.command("retry-failures")
def retry_failures(
    task_runner: RunnerOption = None, workers: WorkersOption = None, dask_address: DaskOption = None
) -> None:
    """Try every file with an open failure again (quarantined ones included)."""
    with connect(migrated_url()) as conn:
        paths = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT path FROM ingest_failures WHERE resolved_at IS NULL ORDER BY path"
            ).fetchall()
        ]
    if not paths:
        say("no open failures")
        return
    started = time.monotonic()
    summary = _ingest(paths, "retry", None, task_runner, workers, dask_address)
    _print_summary(summary, time.monotonic() - started)


@app.command()
def backfill(
    since: Annotated[str | None, typer.Option(help="YYYY-MM-DD: published (else ingested) on or after.")] = None,
    until: Annotated[str | None, typer.Option(help="YYYY-MM-DD: published (else ingested) on or before.")] = None,
    source: Annotated[str | None, typer.Option(help="Shell glob on the stored source path.")] = None,
    before_version: Annotated[str | None, typer.Option(help="Only articles extracted by an older version.")] = None,
    batch_size: BatchOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only say how many articles would be re-extracted.")
    ] = False,
) -> None:
    """Re-extract stored articles with the current extractor, replacing their claims atomically."""
    import datetime as dt

    from tasks.extract import EXTRACTOR_VERSION
    from tasks.load.backfill import BackfillFilter, count_matching

    def day(value: str | None, name: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(value) if value else None
        except ValueError as exc:
            raise typer.BadParameter(f"{value!r} is not YYYY-MM-DD", param_hint=name) from exc

    try:
        flt = BackfillFilter(day(since, "--since"), day(until, "--until"), source, before_version)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--before-version") from exc
    url = current_url() if dry_run else migrated_url()
    with connect(url) as conn:
        matching = count_matching(conn, flt, EXTRACTOR_VERSION)
    if dry_run or not matching:  # nothing to do costs a count, not a Prefect run
        verb = "would be" if dry_run else "need to be"
        say(f"backfill: {matching} article(s) {verb} re-extracted with extractor {EXTRACTOR_VERSION}")
        return
    from flows.backfill import backfill as backfill_flow

    summary = backfill_flow(
        since=flt.since,
        until=flt.until,
        source_glob=source,
        before_version=before_version,
        batch_size=batch_size or get_settings().claims_etl_batch_size,
    )
    say(
        f"backfill run {summary.run_id} {summary.status}: {summary.articles_loaded} articles re-extracted, "
        f"{summary.claims_added} claims added, {summary.claims_removed} removed, {summary.files_failed} failed"
    )
    if summary.changes:
        print_rows(["article", "claims added", "claims removed"], summary.changes)


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
        print("claims-etl: no input could be read", file=sys.stderr)
        raise typer.Exit(1)


@app.command()
def failures(all_: Annotated[bool, typer.Option("--all", help="Include resolved failures.")] = False) -> None:
    """List files that could not be loaded, with the reason."""
    where = "" if all_ else "WHERE resolved_at IS NULL"
    with connect(current_url()) as conn:
        cur = conn.execute(
            "SELECT path, error_class, message, attempts, last_failed_at::timestamp(0) AS last_failed, "
            f"resolved_at IS NOT NULL AS resolved FROM ingest_failures {where} ORDER BY path"
        )
        print_rows([c.name for c in cur.description or []], cur.fetchall())


@app.command()
def duplicates(
    copies: Annotated[bool, typer.Option("--copies", help="List the paths recorded as copies too.")] = False,
) -> None:
    """Articles loaded more than once from the same bytes (a database filled before paths were resolved)."""
    with connect(current_url()) as conn:
        cur = conn.execute(
            "SELECT left(a.source_sha256, 12) AS sha256, count(*) AS articles, "
            "string_agg(a.article_id::text, ', ' ORDER BY a.article_id) AS article_ids, "
            "string_agg(s.path, ' | ' ORDER BY a.article_id) AS paths "
            "FROM articles a JOIN sources s USING (source_id) GROUP BY a.source_sha256 HAVING count(*) > 1 "
            "ORDER BY min(a.article_id)"
        )
        groups = cur.fetchall()
        print_rows([c.name for c in cur.description or []], groups, title="Articles loaded from the same bytes")
        extra = sum(int(g[1]) - 1 for g in groups)
        say(f"{extra} article(s) duplicate another; keep one, e.g. by deleting the others' sources rows")
        cur = conn.execute(
            "SELECT p.path AS copy, p.article_id, s.path AS loaded_from, p.last_seen_at::timestamp(0) AS last_seen "
            "FROM article_paths p JOIN articles a USING (article_id) JOIN sources s USING (source_id) "
            "WHERE p.is_copy ORDER BY p.path"
        )
        recorded = cur.fetchall()
        if copies:
            print_rows([c.name for c in cur.description or []], recorded, title="Paths recorded as copies")
        else:
            say(f"{len(recorded)} path(s) recorded as copies of a loaded article (--copies lists them)")


@app.command()
def demo() -> None:
    """Ingest the bundled sample articles and show speakers with their claim counts."""
    started = time.monotonic()
    summary = _ingest([str(SAMPLES)], "manual", None, None, None, None)
    _print_summary(summary, time.monotonic() - started)
    with connect(migrated_url()) as conn:
        cur = conn.execute(
            "SELECT coalesce(speaker, '(unresolved)') AS speaker, speaker_kind, count(*) AS claims, "
            "count(*) FILTER (WHERE kind = 'direct') AS direct, count(*) FILTER (WHERE kind <> 'direct') AS other "
            "FROM claims_readable GROUP BY 1, 2 ORDER BY 3 DESC, 1"
        )
        print_rows([c.name for c in cur.description or []], cur.fetchall(), title="Speakers in the sample articles")


@db_app.command("migrate")
def db_migrate() -> None:
    """Apply pending migrations from sql/."""
    url = database_url()
    with connect(url) as conn:
        applied = migrations.migrate(conn)
    say(
        f"{redact(url)}: applied {len(applied)} migration(s)"
        + (": " + ", ".join(m.path.name for m in applied) if applied else " (schema is up to date)")
    )


@db_app.command("status")
def db_status() -> None:
    """Show which migrations are applied."""
    url = database_url()
    with connect(url) as conn:
        states = migrations.status(conn)
    say(f"database: {redact(url)}")
    print_rows(["migration", "applied_at"], [(s.migration.path.name, s.applied_at or "pending") for s in states])


# --- helpers ---------------------------------------------------------------------------------------


def _ingest(
    paths: list[str],
    mode: str,
    batch_size: int | None,
    runner: str | None,
    workers: int | None,
    dask: str | None,
    analyse: bool = True,
) -> Any:
    from claims_etl import startup
    from flows.noop import record_unchanged_run
    from tasks.plan import survey
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
    url = migrated_url()
    size = batch_size or settings.claims_etl_batch_size
    to_transform, whole, files = len(paths), None, None
    if mode != "retry":
        with connect(url) as conn:
            files = list(discover(paths, resolve=True))
            ahead = survey(conn, files, max_bytes=settings.claims_etl_max_file_bytes, limit=startup.IN_PROCESS_FILES)
        if ahead.noop is not None:
            return record_unchanged_run(url, paths, cast(RunMode, mode), size, ahead.noop, analyse=analyse)
        to_transform, whole = ahead.todo, ahead.whole
    small = startup.in_process(cast(RunnerKind, kind), to_transform, size)
    # Prefect is imported only when there is work: the no-op run above never pays for it. Its API
    # server (when none is configured) boots while the pool starts and the flow's modules import.
    api = launch_temporary_api()
    if api is not None and api.first_boot and not small and kind == "process":
        # Workers loading their models on every core would starve the server's first boot (a fresh
        # PREFECT_HOME sets up its database then, past the start-up timeout): the pool starts once it
        # answers. Any later boot takes ~4 s, which the workers' warm-up overlaps.
        api.wait_ready()
    with startup.started_runner(cast(RunnerKind, kind), n, dask_address, small=small) as task_runner:
        from flows.ingest import ingest as ingest_flow

        if small:
            startup.warm_flow_process(whole, settings.claims_etl_max_file_bytes, settings.claims_etl_file_seconds)
        elif files:
            startup.prefetch_first_batches(url, files, size, n, settings)
        with shared_prefect_api(api), terminal_bar():
            return ingest_flow.with_options(task_runner=task_runner)(
                paths=paths,
                mode=cast(RunMode, mode),
                batch_size=size,
                max_file_bytes=settings.claims_etl_max_file_bytes,
                file_seconds=settings.claims_etl_file_seconds,
                workers=1 if small else n,  # no db_url: the flow reads DATABASE_URL (no password in Prefect)
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
                "subtitle": a.article.subtitle,
                "outlet": a.article.outlet,
                "dateline": a.article.dateline,
                "metadata_source": a.article.metadata_source,
                "language": a.article.language,
                "text": a.article.text,
                "claims": [c.contract_dict() for c in a.claims],
            }
        for source in batch:
            yield by_source[source]


def _print_summary(summary: Any, wall_seconds: float) -> None:
    """One line; stage times are summed over batches that overlap on the workers, so they are labelled so."""
    say(
        f"run {summary.run_id} {summary.status}: {summary.files_seen} files seen, {summary.files_new} new, "
        f"{summary.files_changed} changed, {summary.files_unchanged} unchanged, {summary.files_copies} copies, "
        f"{summary.files_failed} failed, "
        f"{summary.files_quarantined} quarantined; "
        f"{summary.claims_loaded} claims loaded in {wall_seconds:.1f}s "
        f"(worker-seconds: read {summary.seconds_read:.1f}, extract {summary.seconds_extract:.1f}, "
        f"load {summary.seconds_load:.1f}, analyse {summary.seconds_analyse:.1f})"
    )
    if getattr(summary, "files_busy", 0):
        say(f"  {summary.files_busy} file(s) skipped: another live run was loading them")
    for path, error_class, message in summary.failures:
        say(f"  failed: {path}: {error_class}: {message}")


def main() -> None:
    """Every expected error is one line on stderr and exit status 2 (usage errors included)."""
    try:
        code = app(standalone_mode=False)
    except ClaimsEtlError as exc:
        _fail(str(exc))
    except psycopg.Error as exc:  # e.g. a reader running `db status`: the server's reason, in one line
        _fail(f"database error: {str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}")
    except click.NoArgsIsHelpError:
        sys.exit(2)  # the help was printed
    except click.UsageError as exc:
        where = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
        _fail(exc.format_message() + where)
    except click.ClickException as exc:
        _fail(exc.format_message())
    except (typer.Abort, KeyboardInterrupt):
        print("claims-etl: interrupted", file=sys.stderr)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str) -> None:
    # one line, never wrapped, never the password
    print(f"claims-etl: error: {' '.join(scrub(message).split())}", file=sys.stderr, flush=True)
    sys.exit(2)


if __name__ == "__main__":
    main()
