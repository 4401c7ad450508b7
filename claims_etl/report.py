"""`claims-etl report`: one self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched).

Scope is the whole database or one ingest run (the articles that run loaded). Sections: totals, claims
over time (an SVG bar chart of published dates; undated claims are counted in a note, not plotted at
their ingest day), top speakers, most repeated statements (non-statements last), and the speaker merges
with their reasons (a collapsed <details>).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg

from infra.errors import ClaimsEtlError

Conn = psycopg.Connection[Any]

TOP_SPEAKERS = 15
TOP_STATEMENTS = 10
_SCOPE = "(%(run)s::bigint IS NULL OR f.run_id = %(run)s::bigint)"
# Newswire formulas that say nobody said anything ("did not respond to a request for comment",
# "declined to comment", "could not be reached"): repeated in many articles, rarely what a reader
# wants first. Ranked after the statements proper, not hidden. A rule about English, not a corpus.
_NON_STATEMENT = (
    r"\m(request(s|ed)? for (comment|comments)|(declined|refused|declining|refusing) to comment"
    r"|(did not|didn't|has not|hasn't|have not|haven't) (immediately )?(respond|reply|return|comment)"
    r"|(could|can) ?not (immediately )?be reached|no (immediate )?comment|without comment)"
)


@dataclass(frozen=True)
class Bucket:
    start: dt.date
    claims: int  # claims whose article was published in this bucket


def build_report(conn: Conn, run_id: int | None = None, *, now: dt.datetime | None = None) -> str:
    """The report as an HTML string."""
    params = {"run": run_id}
    scope = "the whole database"
    if run_id is not None:
        run = conn.execute(
            "SELECT mode, status, started_at, finished_at, files_seen, articles_loaded, claims_loaded "
            "FROM ingest_runs WHERE run_id = %s",
            (run_id,),
        ).fetchone()
        if run is None:
            raise ClaimsEtlError(f"no ingest run {run_id}")
        scope = (
            f"run {run_id} ({run[0]}, {run[1]}, started {run[2]:%Y-%m-%d %H:%M} UTC): "
            f"{run[4]} files seen, {run[5]} articles loaded, {run[6]} claims loaded"
        )
    totals = conn.execute(
        f"""
        SELECT count(*), count(DISTINCT f.statement_id), count(DISTINCT f.speaker_id),
               count(DISTINCT f.article_id), count(DISTINCT f.outlet), min(f.published), max(f.published),
               count(*) FILTER (WHERE f.published IS NULL)
          FROM claim_facts f WHERE {_SCOPE}
        """,
        params,
    ).fetchone()
    assert totals is not None
    speakers = conn.execute(
        f"""
        SELECT f.speaker, f.speaker_kind, count(*) AS claims, count(DISTINCT f.statement_id) AS statements,
               count(DISTINCT f.article_id) AS articles, min(f.published), max(f.published)
          FROM claim_facts f WHERE {_SCOPE} AND f.speaker_id IS NOT NULL
         GROUP BY f.speaker_id, f.speaker, f.speaker_kind
         ORDER BY claims DESC, f.speaker LIMIT {TOP_SPEAKERS}
        """,
        params,
    ).fetchall()
    repeated = conn.execute(
        f"""
        SELECT r.statement, array_to_string(r.speakers, ', '), r.articles, array_to_string(r.outlet_names, ', '),
               p.first, p.last
          FROM repeated_statements r
          CROSS JOIN LATERAL (SELECT min(f.published) AS first, max(f.published) AS last FROM claim_facts f
                               WHERE f.statement_id = r.statement_id) p
         WHERE EXISTS (SELECT 1 FROM claim_facts f WHERE f.statement_id = r.statement_id AND {_SCOPE})
         ORDER BY r.statement ~* %(non_statement)s, r.articles DESC, r.claims DESC, r.first_day
         LIMIT {TOP_STATEMENTS}
        """,
        {**params, "non_statement": _NON_STATEMENT},
    ).fetchall()
    merges = conn.execute(
        f"""
        SELECT m.from_name, m.into_name, m.rule, m.method, m.article_id, m.reason,
               coalesce(m.evidence -> 'evidence', '[]'::jsonb)
          FROM speaker_merge_log m
         WHERE m.active AND EXISTS (SELECT 1 FROM claim_facts f
                                     WHERE f.speaker_id = speaker_root(m.into_speaker_id) AND {_SCOPE})
         ORDER BY m.merged_at, m.merge_id
        """,
        params,
    ).fetchall()
    buckets, unit = _buckets(conn, params)
    generated = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        _HEAD,
        "<h1>Claims report</h1>",
        f'<p class="meta">Scope: {_e(scope)}. Generated {generated}.</p>',
        _totals(totals),
        "<h2>Claims over time</h2>",
        _chart(buckets, unit),
        _undated_note(int(totals[7]), int(totals[0])),
        "<h2>Top speakers</h2>",
        _speakers_table(speakers),
        "<h2>Most repeated statements</h2>",
        _statements_table(repeated),
        "<h2>Speaker merges</h2>",
        f"<details><summary>{len(merges)} merge(s) of name forms into speakers, with their evidence</summary>",
        _merges_table(merges),
        "</details>",
        "</main></body></html>",
    ]
    return "\n".join(parts)


def _buckets(conn: Conn, params: dict[str, Any]) -> tuple[list[Bucket], str]:
    """Claims per day, week or month of their article's published date (a readable number of bars).

    Claims of undated articles are not on the time axis: their ingest day says when a file arrived,
    not when anything was said (a database loaded in one night would show one tall bar that day).
    """
    span = conn.execute(
        f"SELECT max(f.published) - min(f.published) FROM claim_facts f WHERE {_SCOPE}", params
    ).fetchone()
    days = int(span[0]) if span and span[0] is not None else 0
    unit = "day" if days <= 31 else "week" if days <= 7 * 40 else "month"
    rows = conn.execute(
        f"""
        WITH b AS (SELECT date_trunc(%(unit)s, f.published)::date AS start
                     FROM claim_facts f WHERE {_SCOPE} AND f.published IS NOT NULL),
             r AS (SELECT min(start) AS lo, max(start) AS hi FROM b)
        SELECT g::date, count(b.start)
          FROM r CROSS JOIN generate_series(r.lo, r.hi, ('1 ' || %(unit)s)::interval) g
          LEFT JOIN b ON b.start = g::date
         GROUP BY g ORDER BY g
        """,
        {**params, "unit": unit},
    ).fetchall()
    return [Bucket(r[0], int(r[1])) for r in rows if r[0] is not None], unit


def _undated_note(undated: int, total: int) -> str:
    if not undated:
        return ""
    share = f"{100 * undated / total:.0f}%" if total else "all"
    return (
        f'<p class="note">{undated} of {total} claims ({share}) come from articles without a published date: '
        "they are counted everywhere else in this report but not placed on the time axis.</p>"
    )


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _span(first: object, last: object) -> str:
    """Published dates first – last; claims of undated articles have none (their ingest day is not shown)."""
    if first is None:
        return '<span class="empty">no date</span>'
    return _e(first) if first == last else f"{_e(first)} – {_e(last)}"


def _totals(t: Sequence[Any]) -> str:
    cards = [
        ("claims", t[0]),
        ("distinct statements", t[1]),
        ("speakers", t[2]),
        ("articles", t[3]),
        ("outlets", t[4]),
        ("published", (f"{t[5]} – {t[6]}" if t[5] != t[6] else str(t[5])) if t[5] else "no dates"),
    ]
    html_cards = []
    for label, value in cards:
        size = "big small" if label == "published" else "big"
        html_cards.append(
            f'<div class="card"><div class="{size}">{_e(value)}</div><div class="lbl">{_e(label)}</div></div>'
        )
    return '<div class="cards">' + "".join(html_cards) + "</div>"


def _chart(buckets: Sequence[Bucket], unit: str) -> str:
    """A bar chart in SVG: one bar per bucket of published dates."""
    if not buckets:
        return '<p class="empty">No claim in scope comes from an article with a published date.</p>'
    width, height, left, bottom, top = 1000, 280, 44, 48, 16
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak, tick = _nice_scale(max(b.claims for b in buckets))
    step = plot_w / len(buckets)
    bar_w = max(2.0, min(48.0, step * 0.7))
    label_every = max(1, round(len(buckets) / 12))
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="claims per {unit}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for value in range(0, peak + 1, tick):  # gridlines
        y = top + plot_h - plot_h * value / peak
        out.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" class="axis" text-anchor="end">{value}</text>')
    for i, b in enumerate(buckets):
        x = left + i * step + (step - bar_w) / 2
        h = plot_h * b.claims / peak
        y0 = top + plot_h
        if b.claims:
            out.append(
                f'<rect x="{x:.1f}" y="{y0 - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'class="bar"><title>{_e(f"{b.start}: {b.claims} claims")}</title></rect>'
            )
        if b.claims and bar_w >= 14:
            out.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{y0 - h - 4:.1f}" class="val" text-anchor="middle">{b.claims}</text>'
            )
        if i % label_every == 0:
            label = b.start.strftime("%Y-%m" if unit == "month" else "%m-%d")
            out.append(f'<text x="{x + bar_w / 2:.1f}" y="{y0 + 16}" class="axis" text-anchor="middle">{label}</text>')
    out.append(f'<line x1="{left}" x2="{width - 10}" y1="{top + plot_h}" y2="{top + plot_h}" class="base"/>')
    legend_y = height - 10
    out.append(f'<text x="{left}" y="{legend_y}" class="axis">by the article&#8217;s published date</text>')
    out.append(f'<text x="{width - 10}" y="{legend_y}" class="axis" text-anchor="end">claims per {unit}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _nice_scale(peak: int) -> tuple[int, int]:
    """An axis maximum and integer tick step (1, 2, 5 x 10^n) giving at most about five gridlines."""
    peak = max(peak, 1)
    step = 1
    while True:
        for m in (1, 2, 5):
            if peak <= m * step * 5:
                tick = m * step
                return -(-peak // tick) * tick, tick
        step *= 10


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], empty: str, classes: Sequence[str] = ()) -> str:
    if not rows:
        return f'<p class="empty">{_e(empty)}</p>'
    cls = list(classes) + [""] * (len(headers) - len(classes))
    head = "".join(f'<th class="{c}">{_e(h)}</th>' for h, c in zip(headers, cls, strict=True))
    body = "".join(
        "<tr>" + "".join(f'<td class="{c}">{v}</td>' for v, c in zip(r, cls, strict=True)) + "</tr>" for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _speakers_table(rows: Sequence[Sequence[Any]]) -> str:
    peak = max((int(r[2]) for r in rows), default=1)
    cells = [
        [
            _e(r[0]),
            _e(r[1]),
            f'<span class="meter" style="width:{100 * int(r[2]) / peak:.0f}px"></span> {_e(r[2])}',
            _e(r[3]),
            _e(r[4]),
            _span(r[5], r[6]),
        ]
        for r in rows
    ]
    return _table(
        ["speaker", "kind", "claims", "statements", "articles", "published first – last"],
        cells,
        "No attributed claims in scope.",
        ["", "", "num", "num", "num", ""],
    )


def _statements_table(rows: Sequence[Sequence[Any]]) -> str:
    cells = [[f"“{_e(r[0])}”", _e(r[1]), _e(r[2]), _e(r[3]), _span(r[4], r[5])] for r in rows]
    return _table(
        ["statement", "speaker", "articles", "outlets", "published first – last"],
        cells,
        "No statement was carried by more than one article.",
        ["quote", "", "num", "", ""],
    )


def _merges_table(rows: Sequence[Sequence[Any]]) -> str:
    cells = [
        [
            _e(r[0]),
            _e(r[1]),
            _e(f"{r[2]} ({r[3]})" + (f", article {r[4]} only" if r[4] is not None else "")),
            _e("; ".join(str(x) for x in (r[6] or [])) or r[5]),
        ]
        for r in rows
    ]
    return _table(["name form", "merged into", "rule", "evidence"], cells, "No speaker merges in scope.")


_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Claims report</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d232b; margin: 0;
       background: #f6f7f9; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 10px; border-bottom: 1px solid #e3e6ea;
       padding-bottom: 4px; }
.meta { color: #5b6570; margin: 0 0 18px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { flex: 1 1 140px; border: 1px solid #e3e6ea; border-radius: 8px; padding: 10px 14px; background: #fafbfc; }
.big { font-size: 24px; font-weight: 600; } .big.small { font-size: 16px; padding-top: 6px; }
.lbl { color: #5b6570; font-size: 13px; }
.chart { width: 100%; height: auto; }
.chart .bar { fill: #2f6db5; }
.chart .grid { stroke: #eceef1; } .chart .base { stroke: #8a939c; }
.chart .axis { fill: #5b6570; font-size: 12px; } .chart .val { fill: #1d232b; font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eceef1; vertical-align: top; }
th { color: #5b6570; font-weight: 600; } td.num, th.num { text-align: right; white-space: nowrap; }
td.quote { font-style: italic; max-width: 560px; }
.meter { display: inline-block; height: 10px; background: #2f6db5; border-radius: 2px; vertical-align: middle; }
.empty { color: #5b6570; font-style: italic; } .note { color: #5b6570; font-size: 13px; margin: 4px 0 0; }
summary { cursor: pointer; color: #2f6db5; }
</style></head><body><main>"""
