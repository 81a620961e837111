"""Funnel charts: steps, steps per breakdown value, conversion by week."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from siyu import fmt
from siyu.charts.style import (
    PALETTE,
    RATE_TICKS,
    figure,
    hover_template,
    incomplete_bars,
    incomplete_flags,
    incomplete_legend,
    incomplete_line,
    style_figure,
)


@figure
def funnel_steps(frame: pd.DataFrame, *, label: str, value: str, title: str) -> go.Figure:
    """A funnel: one bar per step, with the count and the share of step 1 and of the step before."""
    fig = go.Figure(
        go.Funnel(
            y=frame[label],
            x=frame[value],
            # numbers only (Plotly's own textinfo words are English): count, share of
            # step 1, share of the step before
            texttemplate=(
                f"{fmt.hover('count', 'value')}<br>{fmt.hover('rate', 'percentInitial')}"
                f" · {fmt.hover('rate', 'percentPrevious')}"
            ),
            marker={"color": PALETTE[: len(frame)] or PALETTE[0]},
            connector={"line": {"color": "#ccc"}},
            hovertemplate=hover_template("count", "x", "%{y}: "),
        )
    )
    fig = style_figure(fig, title)
    fig.update_layout(hovermode="closest", showlegend=False)
    fig.update_yaxes(title_text="", rangemode=None)
    return fig


@figure
def funnel_breakdown(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    series: str,
    title: str,
    y_title: str = "",
    incomplete: str | None = None,
    incomplete_label: str = "",
) -> go.Figure:
    """Grouped bars of a rate (fraction) per breakdown value, one colour per series (step);
    bars flagged in the boolean column `incomplete` (windows still open) are hatched."""
    fig = go.Figure()
    hatched = False
    for i, (name, part) in enumerate(frame.groupby(series, sort=False)):
        colour = PALETTE[(i + 1) % len(PALETTE)]
        bar = go.Bar(
            x=part[x],
            y=part[y],
            name=str(name),
            marker_color=colour,
            hovertemplate=hover_template("rate", "y", "%{x}: ", str(name)),
        )
        flags = incomplete_flags(part, incomplete)
        incomplete_bars(bar, flags, colour, incomplete_label)
        hatched = hatched or any(flags)
        fig.add_trace(bar)
    if hatched:
        incomplete_legend(fig, incomplete_label, "#888888", line=False)
    fig = style_figure(fig, title, y_title, y_format=RATE_TICKS)
    fig.update_layout(barmode="group", hovermode="closest")
    fig.update_xaxes(type="category")
    return fig


@figure
def conversion_trend(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    y_title: str = "",
    incomplete: str | None = None,
    incomplete_label: str = "",
) -> go.Figure:
    """One line of a conversion rate (fraction) per period (the event funnel by start week);
    dashed into the periods flagged in the boolean column `incomplete`."""
    flags = incomplete_flags(frame, incomplete)
    hover = hover_template("rate", "y", "%{x}: ")
    if any(flags):
        fig = go.Figure()
        incomplete_line(fig, frame, x, y, flags, y_title or y, PALETTE[2], hover, incomplete_label)
        incomplete_legend(fig, incomplete_label, PALETTE[2], line=True)
        return style_figure(fig, title, y_title, y_format=RATE_TICKS)
    fig = go.Figure(
        go.Scatter(
            x=frame[x],
            y=frame[y],
            mode="lines+markers",
            name=y_title or y,
            line={"color": PALETTE[2], "width": 2},
            hovertemplate=hover,
        )
    )
    return style_figure(fig, title, y_title, y_format=RATE_TICKS)
