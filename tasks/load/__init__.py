"""Load stage: extracted articles (clean text, metadata, claims) and failed files -> Postgres rows
(sources, articles, speakers and their name forms, claims, failures, learned site lines), plus the run
records. The only stage that writes the database; one transaction per batch.

articles.py   a batch: articles, copies, failures, site lines (its entry point, `load_batch`)
claims.py     an article's claims, replaced as a whole
speakers.py   speakers and name forms, upserted in key order
runs.py       `ingest_runs` rows and the advisory lock of a live run
backfill.py   stored articles to re-extract, and marking them extracted
"""

from tasks.load.articles import LoadResult, load_batch, record_failure, touch_sources
from tasks.load.claims import ClaimChange, replace_claims
from tasks.load.runs import finish_run, hold_run_lock, reap_abandoned_runs, start_run, top_speakers

__all__ = [
    "ClaimChange",
    "LoadResult",
    "finish_run",
    "hold_run_lock",
    "load_batch",
    "reap_abandoned_runs",
    "record_failure",
    "replace_claims",
    "start_run",
    "top_speakers",
    "touch_sources",
]
