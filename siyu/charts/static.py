"""Static charts (the weekly report).

The weekly report is one HTML file that opens offline, prints and reads on a phone: its
charts are plain HTML and CSS, not Plotly (plotly.js alone is 4.6 MB). Each builder takes a
tidy frame and returns an HTML fragment styled by `STATIC_CSS`; text is escaped, numbers
read by siyu.fmt, and labels never wrap one character per line: on a narrow screen a label
takes its own line above its bar.
"""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd

from siyu import fmt
from siyu.charts.retention import cell_rate
from siyu.charts.style import (
    PALETTE,
)

STATIC_CSS = """
.sy-chart{margin:.8rem 0 1rem;break-inside:avoid}
.sy-chart figcaption{font-weight:600;color:#2a3f5f;margin-bottom:.5rem}
.sy-rows{display:grid;grid-template-columns:minmax(6em,max-content) minmax(8em,1fr) max-content;
gap:.35rem .7rem;align-items:center}
.sy-lbl{white-space:nowrap;word-break:keep-all}
.sy-track{background:#f1f3f2;border-radius:3px;height:1.5rem;overflow:hidden;display:flex;
flex-direction:column;justify-content:center;gap:2px}
.sy-track.sy-two{height:auto;min-height:1.6rem;padding:2px 0;background:none}
.sy-bar{height:100%;min-width:2px;border-radius:3px}
.sy-two .sy-bar{height:.7rem}
.sy-val{white-space:nowrap;font-variant-numeric:tabular-nums;text-align:right}
.sy-legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:.5rem 0 0;color:#555;font-size:.9em}
.sy-key{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.3em;
vertical-align:-.05em}
.sy-scroll{overflow-x:auto}
table.sy-heat{border-collapse:separate;border-spacing:2px;font-variant-numeric:tabular-nums;
font-size:.9em}
table.sy-heat th{font-weight:500;color:#2a3f5f;white-space:nowrap;padding:.2rem .35rem}
table.sy-heat td{text-align:center;white-space:nowrap;padding:.3rem .35rem;min-width:2.6em}
table.sy-heat th.sy-band{border-bottom:3px solid #ff7f0e}
table.sy-heat td.sy-size{color:#555;text-align:right}
table.sy-heat td.sy-empty{background:#fafafa}
.sy-chart *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@media (max-width:600px){
.sy-rows{grid-template-columns:minmax(0,1fr) max-content}
.sy-lbl{grid-column:1/-1;margin-top:.3rem;white-space:normal}
.sy-rows .sy-track{grid-column:1/2}
table.sy-heat{font-size:.78em;border-spacing:1px}
table.sy-heat th,table.sy-heat td{padding:.25rem .12rem;min-width:0}
}
"""


def _pct_width(value: float | None, top: float) -> str:
    share = 0.0 if value is None or not top else max(0.0, min(1.0, value / top))
    return f"{share * 100:.1f}%"


def _figure_html(title: str, body: str, legend: str = "") -> str:
    caption = f"<figcaption>{html.escape(title)}</figcaption>" if title else ""
    return f'<figure class="sy-chart">{caption}{body}{legend}</figure>'


def funnel_html(frame: pd.DataFrame, *, label: str, value: str, title: str) -> str:
    """A funnel as bars (one per step, width ∝ people), each with its people and share of
    step 1 (the weekly report's static `funnel_steps`)."""
    counts = [fmt.as_float(v) or 0.0 for v in frame[value]]
    first = counts[0] if counts else 0.0
    rows = []
    for i, (name, n) in enumerate(zip(frame[label], counts, strict=True)):
        share = fmt.show("rate", n / first) if first else "—"
        colour = PALETTE[i % len(PALETTE)]
        rows.append(
            f'<div class="sy-lbl">{html.escape(str(name))}</div>'
            f'<div class="sy-track"><div class="sy-bar" style="width:{_pct_width(n, first)};'
            f'background:{colour}"></div></div>'
            f'<div class="sy-val">{fmt.show("count", n)} · {share}</div>'
        )
    return _figure_html(title, f'<div class="sy-rows">{"".join(rows)}</div>')


def share_bars_html(
    frame: pd.DataFrame,
    *,
    label: str,
    shares: dict[str, str],
    title: str,
) -> str:
    """Two or more shares per row as thin bars side by side (the RFM segments' share of
    customers and of GMV): `shares` maps a column of fractions to its legend label."""
    colours = dict(zip(shares, [PALETTE[1], PALETTE[0], PALETTE[2], PALETTE[3]], strict=False))
    top = max([fmt.as_float(v) or 0.0 for col in shares for v in frame[col]] + [0.0])
    rows = []
    for _, row in frame.iterrows():
        bars = "".join(
            f'<div class="sy-bar" title="{html.escape(name)}" style="width:'
            f'{_pct_width(fmt.as_float(row[col]), top)};background:{colours[col]}"></div>'
            for col, name in shares.items()
        )
        values = " · ".join(fmt.show("rate", row[col]) for col in shares)
        rows.append(
            f'<div class="sy-lbl">{html.escape(str(row[label]))}</div>'
            f'<div class="sy-track sy-two">{bars}</div><div class="sy-val">{values}</div>'
        )
    legend = "".join(
        f'<span><i class="sy-key" style="background:{colours[col]}"></i>{html.escape(name)}</span>'
        for col, name in shares.items()
    )
    return _figure_html(
        title,
        f'<div class="sy-rows">{"".join(rows)}</div>',
        f'<div class="sy-legend">{legend}</div>',
    )


def _heat_colour(rate: float, top: float) -> tuple[str, str]:
    """Background and text colour of a heatmap cell: white to the brand green."""
    share = 0.0 if not top else max(0.0, min(1.0, rate / top))
    low, high = (244, 251, 247), (7, 193, 96)
    r, g, b = (round(lo + (hi - lo) * share) for lo, hi in zip(low, high, strict=True))
    return f"rgb({r},{g},{b})", "#fff" if share > 0.6 else "#222"


def retention_heatmap_html(
    table: pd.DataFrame,
    *,
    period_labels: list[str],
    title: str,
    size_label: str,
    cohort_label: str,
    band: tuple[int, int] | None = None,
    band_label: str = "",
) -> str:
    """Cohort × period retention as a table of coloured cells (the report's static
    `retention_heatmap`): one decimal percentages, unobserved cells blank, the cohort size
    at the right; the periods band[0] … band[1] (D1…D7) underlined and named."""
    cohorts = sorted(table["cohort"].unique())
    periods = sorted(int(p) for p in table["period"].unique())
    cell = {(r.cohort, int(r.period)): cell_rate(r.rate) for r in table.itertuples()}
    sizes = table.drop_duplicates("cohort").set_index("cohort")["cohort_size"]
    top = max([v for v in cell.values() if v is not None] + [0.01])

    # days of one year read as 10-26 (the report's heading names the year)
    days = [pd.Timestamp(c) for c in cohorts if isinstance(c, dt.date)]
    one_year = len(days) == len(cohorts) and len({d.year for d in days}) <= 1
    names = {
        c: pd.Timestamp(c).strftime("%m-%d" if one_year else "%Y-%m-%d")
        if isinstance(c, dt.date)
        else str(c)
        for c in cohorts
    }

    def banded(p: int) -> bool:
        return band is not None and band[0] <= p <= band[1]

    band_class = ' class="sy-band"'
    head = "".join(
        f'<th scope="col"{band_class if banded(p) else ""}>{html.escape(period_labels[p])}</th>'
        for p in periods
    )
    rows = []
    for c in cohorts:
        cells = []
        for p in periods:
            rate = cell.get((c, p))
            if rate is None:
                cells.append('<td class="sy-empty"></td>')
                continue
            back, ink = _heat_colour(rate, top)
            cells.append(f'<td style="background:{back};color:{ink}">{fmt.show("rate", rate)}</td>')
        rows.append(
            f'<tr><th scope="row">{html.escape(names[c])}</th>{"".join(cells)}'
            f'<td class="sy-size">{fmt.show("count", sizes[c])}</td></tr>'
        )
    note = (
        f'<div class="sy-legend"><span><i class="sy-key" style="background:{PALETTE[2]}"></i>'
        f"{html.escape(band_label)}</span></div>"
        if band is not None and band_label
        else ""
    )
    body = (
        '<div class="sy-scroll"><table class="sy-heat"><thead><tr>'
        f'<th scope="col">{html.escape(cohort_label)}</th>{head}'
        f'<th scope="col">{html.escape(size_label)}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return _figure_html(title, body, note)
