"""The weekly review report (每周数据复盘): one self-contained HTML file that opens offline.

Sections, for the week (Monday … Sunday) against the week before: the overview KPIs against
their targets, the member funnel, a 7-day retention heatmap of the week's cohorts, the top
leaderboards and the RFM split. Every number comes from the same `siyu.metrics` functions the
pages call; Plotly figures come from `siyu.charts` and are embedded with plotly.js inline.
User text (nicknames, product names) is escaped: it reads as text, never as HTML.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from siyu import charts, fmt, metrics
from siyu.db import Source
from siyu.i18n import t
from siyu.metrics.base import NeedsTable

Date = dt.date
TOP = 10


def week_of(day: Date) -> tuple[Date, Date]:
    """The Monday … Sunday week that holds `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def default_week(source: Source) -> Date:
    """The Monday of the week holding the last day of data (today's week without data)."""
    return week_of(metrics.default_period(source)[1])[0]


def _table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, border=0, classes="grid", na_rep="—")


def _figure(fig) -> str:
    return pio.to_html(fig, full_html=False, include_plotlyjs=False, config={"responsive": True})


def _needs(source: Source, tables: tuple[str, ...], lang: str) -> str | None:
    for table in tables:
        if not source.has(table):
            return f'<p class="note">{html.escape(t(f"needs.{table}", lang))}</p>'
    return None


def _kpis(source: Source, start: Date, end: Date, lang: str) -> str:
    cards = metrics.kpi_cards(source, start, end)
    windows = {"x_days": 3, "y_days": 7}
    rows = []
    for r in cards.itertuples(index=False):
        status = ""
        if r.target is not None and r.value is not None:
            status = t("target.met" if r.value >= r.target else "target.missed", lang)
        rows.append(
            {
                t("report.col.metric", lang): t(f"metric.{r.metric}", lang, **windows),
                t("report.col.this_week", lang): (
                    t(f"needs.{r.needs}", lang) if r.needs else fmt.show(r.kind, r.value)
                ),
                t("report.col.last_week", lang): fmt.show(r.kind, r.previous),
                # like for like: last week as it stood 7 days ago (see kpi_cards)
                t("report.col.change", lang): fmt.show_change(r.kind, r.change) or "—",
                t("window.col.pending", lang): (
                    t(f"window.pending.{r.metric}", lang, n=fmt.show("count", r.pending), **windows)
                    if r.pending
                    else ""
                ),
                t("report.col.target", lang): t(f"target.{r.metric}", lang)
                if r.target is not None
                else "",
                t("report.col.status", lang): status,
            }
        )
    note = t("window.compare.cards", lang, n=(end - start).days + 1)
    return _table(pd.DataFrame(rows)) + f'<p class="note">{html.escape(note)}</p>'


def _funnel(source: Source, start: Date, end: Date, lang: str) -> str:
    missing = _needs(source, ("members", "orders"), lang)
    if missing:
        return missing
    windows = {"x_days": 3, "y_days": 7}
    this = metrics.lookup("member_funnel")(source, start, end, **windows)
    prev = metrics.lookup("member_funnel")(source, *metrics.previous_period(start, end), **windows)
    labels = [t(f"funnels.step.{s}", lang, **windows) for s in this["step"]]
    fig = charts.funnel_steps(this.assign(label=labels), "label", "count", t("report.funnel", lang))
    table = pd.DataFrame(
        {
            t("report.col.step", lang): labels,
            t("report.col.this_week", lang): [fmt.show("count", v) for v in this["count"]],
            t("report.col.overall", lang): [
                fmt.show("rate", v) for v in this["conversion_overall"]
            ],
            t("report.col.last_week", lang): [fmt.show("count", v) for v in prev["count"]],
        }
    )
    return _figure(fig) + _table(table)


def _retention(source: Source, start: Date, end: Date, lang: str) -> str:
    if not source.has("orders"):
        return _needs(source, ("orders",), lang) or ""
    cohort_by = "join" if source.has("members") else "first_order"
    try:
        table = metrics.lookup("retention")(
            source, start, end, cohort_by=cohort_by, grain="day", periods=8
        )
    except NeedsTable as exc:
        return f'<p class="note">{html.escape(t(f"needs.{exc.table}", lang))}</p>'
    if "segment" in table:
        table = table.drop(columns="segment")
    if table.empty:
        return f'<p class="note">{html.escape(t("report.no_cohorts", lang))}</p>'
    labels = [t("retention.period.day", lang, n=n) for n in range(8)]
    fig = charts.retention_heatmap(
        table, labels, t("report.retention", lang), t("retention.size", lang), (1, 7), "D1–D7"
    )
    note = t("report.retention_note", lang)
    return _figure(fig) + f'<p class="note">{html.escape(note)}</p>'


def _board(
    fn: Callable[..., pd.DataFrame],
    source: Source,
    start: Date,
    end: Date,
    lang: str,
    columns: dict[str, str],
    kinds: dict[str, str],
) -> str:
    board = fn(source, start, end, top=TOP, names=True)
    if board.empty:
        return f'<p class="note">{html.escape(t("report.empty_board", lang))}</p>'
    tied = len(board) - TOP  # ties at the cut: the page lists them all, the report does not
    board = board.head(TOP)
    shown = pd.DataFrame()
    for col, key in columns.items():
        if col not in board:
            continue
        values = board[col]
        if col in kinds:
            values = [fmt.show(kinds[col], v) for v in values]
        shown[t(key, lang)] = list(values)
    more = (
        f'<p class="note">{html.escape(t("report.more_tied", lang, n=tied))}</p>'
        if tied > 0
        else ""
    )
    return _table(shown) + more


def _boards(source: Source, start: Date, end: Date, lang: str) -> str:
    parts = []
    lb = metrics.lookup
    specs = [
        (
            "leaderboard_buyers",
            ("orders",),
            {
                "rank": "leaderboards.col.rank",
                "name": "leaderboards.col.name",
                "user_id": "leaderboards.col.user_id",
                "gmv": "leaderboards.col.gmv",
                "orders": "leaderboards.col.orders",
                "rank_change": "report.col.rank_change",
            },
            {"gmv": "money", "orders": "count"},
            "leaderboards.board.buyers",
        ),
        (
            "leaderboard_products",
            ("orders",),
            {
                "rank": "leaderboards.col.rank",
                "product": "leaderboards.col.product",
                "units": "leaderboards.col.units",
                "gmv": "leaderboards.col.gmv",
                "buyers": "leaderboards.col.buyers",
                "rank_change": "report.col.rank_change",
            },
            {"gmv": "money", "units": "count", "buyers": "count"},
            "leaderboards.board.products",
        ),
        (
            "leaderboard_inviters",
            ("members",),
            {
                "rank": "leaderboards.col.rank",
                "name": "leaderboards.col.name",
                "user_id": "leaderboards.col.user_id",
                "invites": "leaderboards.col.invites",
                "effective_invites": "leaderboards.col.effective_invites",
                "rank_change": "report.col.rank_change",
            },
            {"invites": "count", "effective_invites": "count"},
            "leaderboards.board.inviters",
        ),
    ]
    for name, needs, columns, kinds, title in specs:
        parts.append(f"<h3>{html.escape(t(title, lang))}</h3>")
        missing = _needs(source, needs, lang)
        parts.append(missing or _board(lb(name), source, start, end, lang, columns, kinds))
    return "".join(parts)


def _rfm(source: Source, start: Date, end: Date, lang: str) -> str:
    if not source.has("orders"):
        return _needs(source, ("orders",), lang) or ""
    seg = metrics.lookup("rfm")(source, start, end)
    names = [t(f"members.segment.{s}", lang) for s in seg["segment"]]
    fig = charts.segment_treemap(
        seg.assign(label=names),
        "label",
        "customers",
        "gmv_share",
        t("report.rfm", lang),
        t("report.col.gmv_share", lang),
    )
    table = pd.DataFrame(
        {
            t("report.col.segment", lang): names,
            t("report.col.customers", lang): [fmt.show("count", v) for v in seg["customers"]],
            t("report.col.gmv_share", lang): [fmt.show("rate", v) for v in seg["gmv_share"]],
        }
    )
    return _figure(fig) + _table(table)


STYLE = """
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2rem auto;
max-width:1100px;color:#222;padding:0 1rem}
h1{margin-bottom:.2rem} h2{margin-top:2.2rem;border-bottom:2px solid #07c160;padding-bottom:.3rem}
.meta,.note{color:#666} table.grid{border-collapse:collapse;width:100%;margin:.6rem 0}
table.grid th,table.grid td{padding:.35rem .6rem;border-bottom:1px solid #eee;text-align:left}
table.grid th{background:#f6f8f7}
"""


def build(source: Source, week: Date, lang: str, dataset: str = "") -> str:
    """The report of the week holding `week`, in `lang`, as one HTML document."""
    start, end = week_of(week)
    prev_start, prev_end = metrics.previous_period(start, end)
    sections = [
        ("report.kpis", _kpis),
        ("report.funnel", _funnel),
        ("report.retention", _retention),
        ("report.boards", _boards),
        ("report.rfm", _rfm),
    ]
    body = []
    for key, part in sections:
        body.append(f'<section id="{key.split(".")[1]}"><h2>{html.escape(t(key, lang))}</h2>')
        missing = _needs(source, ("orders",), lang)
        body.append(missing or part(source, start, end, lang))
        body.append("</section>")
    title = t("report.title", lang)
    meta = t(
        "report.meta",
        lang,
        dataset=dataset or source.meta.get("dataset", ""),
        start=start,
        end=end,
        prev_start=prev_start,
        prev_end=prev_end,
    )
    return (
        f'<!DOCTYPE html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script></head><body>'
        f'<h1>{html.escape(title)}</h1><p class="meta">{html.escape(meta)}</p>'
        + "".join(body)
        + "</body></html>"
    )
