"""`claims-etl report`: one self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched).

Scope is the whole database or one ingest run (the articles that run loaded). Sections: totals, claims
over time (an SVG bar chart), top speakers, most repeated statements, speaker merges with their reasons.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg

from claims_etl.errors import ClaimsEtlError

Conn = psycopg.Connection[Any]

TOP_SPEAKERS = 15
TOP_STATEMENTS = 10
_SCOPE = "(%(run)s::bigint IS NULL OR f.run_id = %(run)s::bigint)"


@dataclass(frozen=True)
class Bucket:
    start: dt.date
    dated: int  # claims whose article has a published date
    undated: int  # claims placed at their ingest date


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
               count(DISTINCT f.article_id), count(DISTINCT f.outlet), min(f.day), max(f.day)
          FROM claim_facts f WHERE {_SCOPE}
        """,
        params,
    ).fetchone()
    assert totals is not None
    speakers = conn.execute(
        f"""
        SELECT f.speaker, f.speaker_kind, count(*) AS claims, count(DISTINCT f.statement_id) AS statements,
               count(DISTINCT f.article_id) AS articles, min(f.day), max(f.day)
          FROM claim_facts f WHERE {_SCOPE} AND f.speaker_id IS NOT NULL
         GROUP BY f.speaker_id, f.speaker, f.speaker_kind
         ORDER BY claims DESC, f.speaker LIMIT {TOP_SPEAKERS}
        """,
        params,
    ).fetchall()
    repeated = conn.execute(
        f"""
        SELECT r.statement, array_to_string(r.speakers, ', '), r.articles, array_to_string(r.outlet_names, ', '),
               r.first_day, r.last_day
          FROM repeated_statements r
         WHERE EXISTS (SELECT 1 FROM claim_facts f WHERE f.statement_id = r.statement_id AND {_SCOPE})
         ORDER BY r.articles DESC, r.claims DESC, r.first_day LIMIT {TOP_STATEMENTS}
        """,
        params,
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
        "<h2>Top speakers</h2>",
        _speakers_table(speakers),
        "<h2>Most repeated statements</h2>",
        _statements_table(repeated),
        "<h2>Speaker merges</h2>",
        _merges_table(merges),
        "</main></body></html>",
    ]
    return "\n".join(parts)


def _buckets(conn: Conn, params: dict[str, Any]) -> tuple[list[Bucket], str]:
    """Claims per day, week or month (whichever gives a readable number of bars), dated and undated apart."""
    span = conn.execute(f"SELECT max(f.day) - min(f.day) FROM claim_facts f WHERE {_SCOPE}", params).fetchone()
    days = int(span[0]) if span and span[0] is not None else 0
    unit = "day" if days <= 31 else "week" if days <= 7 * 40 else "month"
    rows = conn.execute(
        f"""
        WITH b AS (SELECT date_trunc(%(unit)s, f.day)::date AS start, f.day_is_published
                     FROM claim_facts f WHERE {_SCOPE}),
             r AS (SELECT min(start) AS lo, max(start) AS hi FROM b)
        SELECT g::date, count(b.start) FILTER (WHERE b.day_is_published),
               count(b.start) FILTER (WHERE NOT b.day_is_published)
          FROM r CROSS JOIN generate_series(r.lo, r.hi, ('1 ' || %(unit)s)::interval) g
          LEFT JOIN b ON b.start = g::date
         GROUP BY g ORDER BY g
        """,
        {**params, "unit": unit},
    ).fetchall()
    return [Bucket(r[0], int(r[1]), int(r[2])) for r in rows if r[0] is not None], unit


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _totals(t: Sequence[Any]) -> str:
    cards = [
        ("claims", t[0]),
        ("distinct statements", t[1]),
        ("speakers", t[2]),
        ("articles", t[3]),
        ("outlets", t[4]),
        ("dates", f"{t[5]} – {t[6]}" if t[5] else "–"),
    ]
    html_cards = []
    for label, value in cards:
        size = "big small" if label == "dates" else "big"
        html_cards.append(
            f'<div class="card"><div class="{size}">{_e(value)}</div><div class="lbl">{_e(label)}</div></div>'
        )
    return '<div class="cards">' + "".join(html_cards) + "</div>"


def _chart(buckets: Sequence[Bucket], unit: str) -> str:
    """A bar chart in SVG: one bar per bucket, published dates dark, ingest-dated claims light on top."""
    if not buckets:
        return '<p class="empty">No claims in scope.</p>'
    width, height, left, bottom, top = 1000, 280, 44, 48, 16
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak, tick = _nice_scale(max(b.dated + b.undated for b in buckets))
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
        h_dated = plot_h * b.dated / peak
        h_undated = plot_h * b.undated / peak
        y0 = top + plot_h
        title = f"{b.start}: {b.dated + b.undated} claims ({b.undated} dated by ingest)"
        if b.dated:
            out.append(
                f'<rect x="{x:.1f}" y="{y0 - h_dated:.1f}" width="{bar_w:.1f}" height="{h_dated:.1f}" '
                f'class="bar"><title>{_e(title)}</title></rect>'
            )
        if b.undated:
            out.append(
                f'<rect x="{x:.1f}" y="{y0 - h_dated - h_undated:.1f}" width="{bar_w:.1f}" height="{h_undated:.1f}" '
                f'class="bar undated"><title>{_e(title)}</title></rect>'
            )
        if b.dated + b.undated and bar_w >= 14:
            out.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{y0 - h_dated - h_undated - 4:.1f}" class="val" '
                f'text-anchor="middle">{b.dated + b.undated}</text>'
            )
        if i % label_every == 0:
            label = b.start.strftime("%Y-%m" if unit == "month" else "%m-%d")
            out.append(f'<text x="{x + bar_w / 2:.1f}" y="{y0 + 16}" class="axis" text-anchor="middle">{label}</text>')
    out.append(f'<line x1="{left}" x2="{width - 10}" y1="{top + plot_h}" y2="{top + plot_h}" class="base"/>')
    legend_y = height - 10
    out.append(f'<rect x="{left}" y="{legend_y - 9}" width="10" height="10" class="bar"/>')
    out.append(f'<text x="{left + 14}" y="{legend_y}" class="axis">by published date</text>')
    out.append(f'<rect x="{left + 140}" y="{legend_y - 9}" width="10" height="10" class="bar undated"/>')
    out.append(f'<text x="{left + 154}" y="{legend_y}" class="axis">no published date: ingest date</text>')
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
            f"{_e(r[5])} – {_e(r[6])}",
        ]
        for r in rows
    ]
    return _table(
        ["speaker", "kind", "claims", "statements", "articles", "first – last"],
        cells,
        "No attributed claims in scope.",
        ["", "", "num", "num", "num", ""],
    )


def _statements_table(rows: Sequence[Sequence[Any]]) -> str:
    cells = [[f"“{_e(r[0])}”", _e(r[1]), _e(r[2]), _e(r[3]), f"{_e(r[4])} – {_e(r[5])}"] for r in rows]
    return _table(
        ["statement", "speaker", "articles", "outlets", "first – last"],
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
.chart .bar { fill: #2f6db5; } .chart .bar.undated { fill: #9dbde3; }
.chart .grid { stroke: #eceef1; } .chart .base { stroke: #8a939c; }
.chart .axis { fill: #5b6570; font-size: 12px; } .chart .val { fill: #1d232b; font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eceef1; vertical-align: top; }
th { color: #5b6570; font-weight: 600; } td.num, th.num { text-align: right; white-space: nowrap; }
td.quote { font-style: italic; max-width: 560px; }
.meter { display: inline-block; height: 10px; background: #2f6db5; border-radius: 2px; vertical-align: middle; }
.empty { color: #5b6570; font-style: italic; }
</style></head><body><main>"""
