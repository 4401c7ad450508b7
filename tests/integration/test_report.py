"""`claims-etl report` on invented articles: undated claims kept off the time axis and said so, real
statements ranked before newswire non-statements, the merges section collapsed."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from claims_etl.report import build_report
from infra.db import connect
from schemas import ClaimKind, SpeakerKind
from tasks.analyse import refresh_analysis
from tasks.load import load_batch, start_run
from tests.fixtures.analysis_articles import A, C, build, build_all

pytestmark = pytest.mark.integration

NO_COMMENT = "Ostrava Freight did not respond to a request for comment"
REAL = "The ferry fares will rise by a tenth next spring"


def _wire(n: int, published: dt.date | None) -> A:
    """The same wire story in another outlet: one real statement and the usual non-statement, both repeated."""
    body = (
        f"Fares to rise\n\nHarbour master Ilse Brandvik spoke to outlet {n} on Friday.\n\n"
        f'"{REAL}," Brandvik said.\n\n{NO_COMMENT}.\n'
    )
    return A(
        f"corpus/outlet-{n}/fares.txt",
        published,
        "Fares to rise",
        body,
        (
            C("Ilse Brandvik", "Brandvik", REAL, role="harbour master"),
            C(
                "Ostrava Freight",
                "Ostrava Freight",
                NO_COMMENT,
                kind=SpeakerKind.ORGANIZATION,
                claim_kind=ClaimKind.AUTHORIAL,
            ),
        ),
    )


def _load(url: str, articles: list[A], with_corpus: bool) -> None:
    with connect(url) as conn:
        run_id = start_run(conn, "manual", {}, None)
        # more outlets carry the non-statement than the real one: ranking by articles alone would lead with it
        items = (build_all() if with_corpus else []) + [build(a) for a in articles]
        assert not load_batch(conn, run_id, items).failed
        refresh_analysis(conn)


def _statements(page: str) -> list[str]:
    section = page.split("<h2>Most repeated statements</h2>", 1)[1].split("<h2>", 1)[0]
    return re.findall(r'<td class="quote">“(.*?)”</td>', section)


def test_real_statements_lead_and_undated_claims_are_off_the_time_axis(clean_db: str) -> None:
    wires = [_wire(1, dt.date(2026, 3, 9)), _wire(2, None), _wire(3, None)]
    extra = A(  # a fourth outlet with only the non-statement
        "corpus/outlet-4/freight.txt",
        dt.date(2026, 3, 10),
        "Freight",
        f"Freight\n\n{NO_COMMENT}.\n",
        (
            C(
                "Ostrava Freight",
                "Ostrava Freight",
                NO_COMMENT,
                kind=SpeakerKind.ORGANIZATION,
                claim_kind=ClaimKind.AUTHORIAL,
            ),
        ),
    )
    _load(clean_db, [*wires, extra], with_corpus=True)
    with connect(clean_db) as conn:
        page = build_report(conn)
        undated = conn.execute("SELECT count(*) FROM claim_facts WHERE published IS NULL").fetchone()
        total = conn.execute("SELECT count(*) FROM claim_facts").fetchone()
        days = {r[0] for r in conn.execute("SELECT DISTINCT published FROM claim_facts WHERE published IS NOT NULL")}
    statements = _statements(page)
    assert statements.index(REAL) < statements.index(NO_COMMENT)
    assert f"{undated[0]} of {total[0]} claims" in page  # type: ignore[index]
    bars = re.findall(r"<title>(\d{4}-\d{2}-\d{2}): \d+ claims</title>", page)
    assert (
        bars and {dt.date.fromisoformat(b) for b in bars} <= {d - dt.timedelta(days=d.weekday()) for d in days} | days
    )
    assert str(dt.date.today()) not in bars  # nothing plotted at the ingest day
    assert "<details><summary>" in page and page.index("<details>") > page.index("<h2>Speaker merges</h2>")


def test_a_database_without_dates_says_so_instead_of_one_bar(clean_db: str) -> None:
    _load(clean_db, [_wire(1, None), _wire(2, None)], with_corpus=False)
    with connect(clean_db) as conn:
        page = build_report(conn)
    assert "<rect" not in page.split("<h2>Claims over time</h2>", 1)[1].split("<h2>", 1)[0]
    assert "No claim in scope comes from an article with a published date" in page
    assert "4 of 4 claims (100%) come from articles without a published date" in page
