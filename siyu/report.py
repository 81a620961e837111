"""The weekly review report (每周数据复盘): one self-contained HTML file that opens offline.

Sections, for the week (Monday … Sunday) against the week before: the overview KPIs against
their targets, the member funnel, a 7-day retention heatmap of the week's cohorts, the top
leaderboards and the RFM split. Every number comes from the same `siyu.metrics` functions the
pages call and reads by `siyu.fmt`. The week holds only days with data: a week the data ends
inside is cut at the data's last day (and compared with as many days before it).

The file reads on a phone and prints: no script at all (plotly.js alone weighs 4.6 MB), the
charts are the static HTML ones of `siyu.charts`, tables turn into one card per row on a
narrow screen, and print keeps rows and charts whole. User text (nicknames, product names)
is escaped: it reads as text, never as HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable

import pandas as pd

from siyu import fmt, metrics
from siyu.charts.static import STATIC_CSS, funnel_html, retention_heatmap_html, share_bars_html
from siyu.db import Source
from siyu.i18n import t
from siyu.labels import KPI_LABELS, PENDING_LABELS, TARGET_LABELS, TARGET_MET
from siyu.metrics.base import NeedsTable
from siyu.metrics.leaderboards import rank_change_arrow
from siyu.schema import TABLE_NEEDS
from siyu.views.funnels import STEPS
from siyu.views.members import SEGMENTS

Date = dt.date
TOP = 10


def week_of(day: Date) -> tuple[Date, Date]:
    """The Monday … Sunday week that holds `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def default_week(source: Source) -> Date:
    """The Monday of the week holding the last day of data (today's week without data)."""
    return week_of(metrics.default_period(source)[1])[0]


def period(source: Source, week: Date) -> tuple[Date, Date]:
    """The days the report of the week holding `week` covers: Monday … Sunday, cut at the
    last day of data when the data ends inside the week (no empty last days)."""
    start, end = week_of(week)
    last = metrics.last_data_day(source)
    if last is not None and start <= last < end:
        end = last
    return start, end


# A cell that reads as a number (¥1,234.50, 21.7%, +4.2 pp, -3, —) is right-aligned.
_NUMERIC = re.compile(r"^[-+]?¥?[-+]?[\d,]+(\.\d+)?\s?(%|pp)?$|^—$")


SHORT = 12  # characters of a cell kept on one line


def _table(frame: pd.DataFrame) -> str:
    """A table of shown values: each cell carries its column's name, so a narrow screen
    shows one card per row (see STYLE); cells that read as numbers are right-aligned."""
    heads = [str(c) for c in frame.columns]
    texts = [
        ["—" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in row]
        for row in frame.itertuples(index=False)
    ]
    # a column whose every filled cell reads as a number is right-aligned, heading included
    numeric = [
        any(row[i] for row in texts) and all(not row[i] or _NUMERIC.match(row[i]) for row in texts)
        for i in range(len(heads))
    ]
    right = [' class="num"' if num else "" for num in numeric]
    head = "".join(
        f'<th scope="col"{attr}>{html.escape(h)}</th>' for h, attr in zip(heads, right, strict=True)
    )

    def cls(text: str, num: bool) -> str:
        # a short text (a name, 未达标) keeps to one line; sentences wrap
        names = (["num"] if num else []) + (["nw"] if len(text) <= SHORT else [])
        return f' class="{" ".join(names)}"' if names else ""

    rows = []
    for row in texts:
        cells = [
            f'<td data-label="{html.escape(name, quote=True)}"{cls(text, num)}>'
            f"{html.escape(text)}</td>"
            for name, text, num in zip(heads, row, numeric, strict=True)
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="grid"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _needs(source: Source, tables: tuple[str, ...], lang: str) -> str | None:
    for table in tables:
        if not source.has(table):
            return f'<p class="note">{html.escape(t(TABLE_NEEDS[table], lang))}</p>'
    return None


def _kpis(source: Source, start: Date, end: Date, lang: str) -> str:
    cards = metrics.kpi_cards(source, start, end)
    windows = {"x_days": 3, "y_days": 7}
    rows = []
    for r in cards.itertuples(index=False):
        status = ""
        if r.target is not None and r.value is not None:
            status = t(TARGET_MET[r.value >= r.target], lang)
        rows.append(
            {
                t("report.col.metric", lang): t(KPI_LABELS[r.metric], lang, **windows),
                t("report.col.this_week", lang): (
                    t(TABLE_NEEDS[r.needs], lang) if r.needs else fmt.show(r.kind, r.value)
                ),
                t("report.col.last_week", lang): fmt.show(r.kind, r.previous),
                # like for like: last week as it stood 7 days ago (see kpi_cards)
                t("report.col.change", lang): fmt.show_change(r.kind, r.change) or "—",
                t("window.col.pending", lang): (
                    t(PENDING_LABELS[r.metric], lang, n=fmt.show("count", r.pending), **windows)
                    if r.pending
                    else ""
                ),
                t("report.col.target", lang): t(TARGET_LABELS[r.metric], lang)
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
    funnel = metrics.lookup("member_funnel")
    this = funnel(source, start, end, **windows)
    # like for like: last week's members as they stood 7 days ago, at the age of this week's
    prev_start, prev_end = metrics.previous_period(start, end)
    last = metrics.last_data_day(source)
    read_until = last - (start - prev_start) if last is not None else None
    prev = funnel(source, prev_start, prev_end, read_until=read_until, **windows)
    labels = [t(STEPS[s], lang, **windows) for s in this["step"]]
    chart = funnel_html(this.assign(label=labels), label="label", value="count", title="")
    table = pd.DataFrame(
        {
            t("report.col.step", lang): labels,
            t("report.col.this_week", lang): [fmt.show("count", v) for v in this["count"]],
            t("funnels.col.conversion_from_previous", lang): [
                fmt.show("rate", v) for v in this["conversion_from_previous"]
            ],
            t("report.col.overall", lang): [
                fmt.show("rate", v) for v in this["conversion_overall"]
            ],
            t("report.col.last_week", lang): [fmt.show("count", v) for v in prev["count"]],
            t("window.col.pending", lang): [
                t(PENDING_LABELS[step], lang, n=fmt.show("count", n), **windows) if n else ""
                for step, n in zip(this["step"], this["pending"], strict=True)
            ],
        }
    )
    note = t("window.compare.cards", lang, n=(start - prev_start).days)
    return chart + _table(table) + f'<p class="note">{html.escape(note)}</p>'


def _retention(source: Source, start: Date, end: Date, lang: str) -> str:
    if not source.has("orders"):
        return _needs(source, ("orders",), lang) or ""
    cohort_by = "join" if source.has("members") else "first_order"
    try:
        table = metrics.lookup("retention")(
            source, start, end, cohort_by=cohort_by, grain="day", periods=8
        )
    except NeedsTable as exc:
        return f'<p class="note">{html.escape(t(TABLE_NEEDS[exc.table], lang))}</p>'
    if "segment" in table:
        table = table.drop(columns="segment")
    if table.empty:
        return f'<p class="note">{html.escape(t("report.no_cohorts", lang))}</p>'
    labels = [t("retention.period.day", lang, n=n) for n in range(8)]
    band = f"{labels[1]}–{labels[7]}"
    chart = retention_heatmap_html(
        table,
        period_labels=labels,
        title="",
        size_label=t("retention.size", lang),
        cohort_label=t("retention.col.cohort", lang),
        band=(1, 7),
        band_label=band,
    )
    note = t("report.retention_note", lang)
    return chart + f'<p class="note">{html.escape(note)}</p>'


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
        elif col == "rank_change":  # as the page reads it: ↑3, ↓1, –, 新上榜
            values = [rank_change_arrow(v, t("leaderboards.new", lang)) for v in values]
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
    names = [t(SEGMENTS[s], lang) for s in seg["segment"]]
    customers = pd.to_numeric(seg["customers"], errors="coerce").fillna(0)
    total = float(customers.sum())
    shares = seg.assign(label=names, customer_share=customers / total if total else 0.0)
    chart = share_bars_html(
        shares,
        label="label",
        shares={
            "customer_share": t("report.col.customer_share", lang),
            "gmv_share": t("report.col.gmv_share", lang),
        },
        title="",
    )
    table = pd.DataFrame(
        {
            t("report.col.segment", lang): names,
            t("report.col.customers", lang): [fmt.show("count", v) for v in seg["customers"]],
            t("report.col.customer_share", lang): [
                fmt.show("rate", v) for v in shares["customer_share"]
            ],
            t("report.col.gmv_share", lang): [fmt.show("rate", v) for v in seg["gmv_share"]],
        }
    )
    return chart + _table(table)


STYLE = """
*{box-sizing:border-box}
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2rem auto;
max-width:1100px;color:#222;padding:0 1rem;line-height:1.45;-webkit-text-size-adjust:100%}
h1{margin-bottom:.2rem} h2{margin-top:2.2rem;border-bottom:2px solid #07c160;padding-bottom:.3rem}
.meta,.note{color:#666} table.grid{border-collapse:collapse;width:100%;margin:.6rem 0}
table.grid th,table.grid td{padding:.35rem .6rem;border-bottom:1px solid #eee;text-align:left;
vertical-align:top}
table.grid th{background:#f6f8f7;white-space:nowrap;word-break:keep-all}
table.grid .num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
table.grid td{overflow-wrap:anywhere} table.grid td.nw{white-space:nowrap}
@media (max-width:640px){
body{margin:1rem auto;padding:0 .75rem;font-size:15px}
h1{font-size:1.5rem} h2{font-size:1.2rem;margin-top:1.6rem}
table.grid thead{display:none}
table.grid,table.grid tbody,table.grid tr,table.grid td{display:block;width:100%}
table.grid tr{border:1px solid #e3e7e5;border-radius:6px;margin:0 0 .6rem;padding:.2rem .6rem}
table.grid td{display:flex;justify-content:space-between;gap:1rem;border-bottom:1px dashed #eee;
padding:.3rem 0;text-align:right}
table.grid td:last-child{border-bottom:0} table.grid td:empty{display:none}
table.grid td:first-child:not(.num){font-weight:600;justify-content:flex-start;text-align:left}
table.grid td:first-child:not(.num)::before{content:none}
table.grid td::before{content:attr(data-label);color:#666;text-align:left;flex:0 0 auto;
max-width:50%;white-space:normal}
table.grid td.num{white-space:normal}
}
@media print{
@page{size:A4;margin:14mm 12mm}
body{margin:0;max-width:none;padding:0;font-size:10.5pt;color:#000}
h2{break-after:avoid;page-break-after:avoid;margin-top:1.4rem}
h3{break-after:avoid;page-break-after:avoid}
table.grid{font-size:9.5pt} table.grid tr,.note{break-inside:avoid;page-break-inside:avoid}
table.grid thead{display:table-header-group}
table.grid th{background:#eef2f0;-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""


def build(source: Source, week: Date, lang: str, dataset: str = "") -> str:
    """The report of the week holding `week`, in `lang`, as one HTML document: no script,
    well under 1 MB (see the module's docstring)."""
    start, end = period(source, week)
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
    last = metrics.last_data_day(source)
    notes = []
    if last is not None and last < start:
        notes.append(t("report.no_data", lang, last=last))
    elif end < week_of(week)[1]:
        days = (end - start).days + 1
        notes.append(t("report.cut", lang, last=last, days=days, start=start, end=end))
    cut = "".join(f'<p class="note">{html.escape(n)}</p>' for n in notes)
    return (
        f'<!DOCTYPE html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{STYLE}{STATIC_CSS}</style></head>"
        f'<body><h1>{html.escape(title)}</h1><p class="meta">{html.escape(meta)}</p>{cut}'
        + "".join(body)
        + "</body></html>"
    )
