"""The example queries' section of docs/queries.md: rendered from a database, parsed back, regenerated.

The test (test_query_docs.py) loads `samples/articles` into a fresh database, pins the ingest day,
runs every `sql/queries/*.sql` with `claims-etl sql -f FILE --format markdown` and compares with the doc.
Regenerate the doc after the extractor changes what the samples give (DATABASE_URL: a server to use):

    .venv/bin/python -m tests.integration.query_docs
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "queries.md"
QUERIES = sorted((ROOT / "sql" / "queries").glob("*.sql"))
SAMPLES = ROOT / "samples" / "articles"
# Undated articles are dated by their ingest day: pinned so that the months and days shown do not
# depend on when the doc was made. `first_seen` (a speaker's first load) is shown as this day too.
PINNED_DAY = "2026-11-24"
_FIRST_SECTION = "### `01_"


def pin_ingest_day(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE articles SET ingested_at = %s::date + time '12:00'", (PINNED_DAY,))


def run_query(url: str, query: Path) -> str:
    """What the documented command prints, with today's date shown as the pinned day."""
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "claims_etl.cli", "sql", "-f", str(query), "--format", "markdown"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout.replace(dt.date.today().isoformat(), PINNED_DAY).rstrip("\n")


def render(url: str) -> str:
    """The doc's example sections: each file's SQL and what it prints."""
    parts = []
    for query in QUERIES:
        text = query.read_text(encoding="utf-8").rstrip("\n")
        parts.append(f"### `{query.name}`\n\n```sql\n{text}\n```\n\n{run_query(url, query)}\n")
    return "\n".join(parts)


def documented() -> dict[str, str]:
    """Each query file's output as the doc shows it, by file name."""
    text = DOC.read_text(encoding="utf-8")
    sections = re.split(r"^### `([^`]+)`\n", text[text.index(_FIRST_SECTION) :], flags=re.MULTILINE)[1:]
    shown = {}
    for name, body in zip(sections[::2], sections[1::2], strict=True):
        shown[name] = body.split("```\n", 2)[-1].strip("\n") if body.count("```") >= 2 else ""
    return shown


def regenerate(url: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(text[: text.index(_FIRST_SECTION)] + render(url), encoding="utf-8")


def main() -> None:
    """Load the samples into a new database on DATABASE_URL's server, rewrite the doc, drop the database."""
    server = os.environ["DATABASE_URL"]
    name = f"claims_etl_docs_{uuid.uuid4().hex[:8]}"
    admin = make_conninfo(server, dbname="postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = make_conninfo(server, dbname=name)
    try:
        env = {**os.environ, "DATABASE_URL": url}
        subprocess.run([sys.executable, "-m", "claims_etl.cli", "ingest", str(SAMPLES)], env=env, check=True)
        pin_ingest_day(url)
        regenerate(url)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


if __name__ == "__main__":
    main()
