"""What-if charts: cumulative GMV and profit with their band, the tornado, the discount fit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from siyu import fmt
from siyu.charts.style import (
    PALETTE,
    RATE_TICKS,
    figure,
    hover_template,
    rgba,
    style_figure,
)


@figure
def whatif_cumulative(
    frame: pd.DataFrame,
    *,
    band: pd.DataFrame,
    value: str,
    low: str,
    high: str,
    labels: dict[str, str],
    title: str,
    y_title: str,
    band_label: str,
) -> go.Figure:
    """Cumulative amount per week, one line per scenario with its shaded uncertainty band.

    `frame`: scenario, week, `value` (the line); `band`: scenario, week, `low`, `high`;
    `labels` maps each scenario key to its name (and sets the order and colours).
    """
    traces = []
    for i, (key, name) in enumerate(labels.items()):
        colour = PALETTE[i % len(PALETTE)]
        b = band[band["scenario"] == key]
        traces.append(
            go.Scatter(
                x=list(b["week"]) + list(b["week"])[::-1],
                y=list(b[high]) + list(b[low])[::-1],
                fill="toself",
                mode="lines",
                fillcolor=rgba(colour, 0.12),
                line={"width": 0},
                hoverinfo="skip",
                name=f"{name} · {band_label}",
                showlegend=False,
                legendgroup=key,
            )
        )
        f = frame[frame["scenario"] == key]
        traces.append(
            go.Scatter(
                x=f["week"],
                y=f[value],
                mode="lines+markers",
                name=name,
                legendgroup=key,
                line={"color": colour, "width": 2},
                hovertemplate=hover_template("money", name=name),
            )
        )
    fig = style_figure(go.Figure(traces), title, y_title)
    fig.update_xaxes(dtick=1, rangemode=None)
    fig.update_yaxes(
        rangemode=None, tickprefix=fmt.prefix("money"), tickformat=fmt.tick_format("money")
    )
    return fig


@figure
def whatif_tornado(
    frame: pd.DataFrame, *, labels: dict[str, str], title: str, low_label: str, high_label: str
) -> go.Figure:
    """Sensitivity: change of profit with each lever at -20% and +20%, biggest swing on top.

    `frame`: lever, profit (as set), low_profit, high_profit (ordered biggest swing first).
    """
    rows = frame.iloc[::-1]
    names = [labels.get(k, k) for k in rows["lever"]]
    fig = go.Figure(
        [
            go.Bar(
                y=names,
                x=rows["low_profit"] - rows["profit"],
                orientation="h",
                name=low_label,
                marker_color=PALETTE[4],
                hovertemplate="%{y}: ¥%{x:+,.0f}<extra>" + low_label + "</extra>",
            ),
            go.Bar(
                y=names,
                x=rows["high_profit"] - rows["profit"],
                orientation="h",
                name=high_label,
                marker_color=PALETTE[0],
                hovertemplate="%{y}: ¥%{x:+,.0f}<extra>" + high_label + "</extra>",
            ),
        ]
    )
    fig = style_figure(fig, title)
    fig.update_layout(barmode="overlay", hovermode="closest")
    fig.update_xaxes(
        showgrid=True,
        gridcolor="#eee",
        zeroline=True,
        zerolinecolor="#888",
        tickprefix=fmt.prefix("money"),
        tickformat=fmt.tick_format("money"),
    )
    fig.update_yaxes(rangemode=None, gridcolor=None)
    return fig


@figure
def whatif_discount_fit(
    buckets: pd.DataFrame,
    *,
    intercept: float | None,
    slope: float | None,
    title: str,
    x_title: str,
    y_title: str,
    fit_label: str,
) -> go.Figure:
    """Share of placed orders paid per discount depth (marker size ∝ orders) and the fitted line."""
    sizes = buckets["orders"].astype(float)
    scale = 28 / max(float(sizes.max()), 1.0) ** 0.5 if len(sizes) else 1.0
    traces = [
        go.Scatter(
            x=buckets["depth"],
            y=buckets["rate"],
            mode="markers",
            name=y_title,
            marker={"size": [max(6.0, scale * v**0.5) for v in sizes], "color": PALETTE[1]},
            customdata=buckets["orders"],
            hovertemplate=(
                f"%{{x:.0%}}: {fmt.hover('rate')} (n={fmt.hover('count', 'customdata')})"
                "<extra></extra>"
            ),
        )
    ]
    if intercept is not None and slope is not None and len(buckets):
        xs = [0.0, float(buckets["depth"].max())]
        traces.append(
            go.Scatter(
                x=xs,
                y=[intercept + slope * x for x in xs],
                mode="lines",
                name=fit_label,
                line={"color": PALETTE[2], "width": 2, "dash": "dash"},
                hoverinfo="skip",
            )
        )
    fig = style_figure(go.Figure(traces), title, y_title, y_format=RATE_TICKS)
    fig.update_xaxes(title_text=x_title, tickformat=".0%")
    fig.update_yaxes(rangemode=None)
    fig.update_layout(hovermode="closest")
    return fig
