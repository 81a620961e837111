"""Values over time: bars and lines per day or week, incomplete periods marked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from siyu import fmt
from siyu.charts.style import (
    PALETTE,
    figure,
    hover_template,
    incomplete_bars,
    incomplete_flags,
    incomplete_legend,
    incomplete_line,
    style_figure,
)


@figure
def bars_over_time(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    y_title: str = "",
    money: bool = False,
    incomplete: str | None = None,
    incomplete_label: str = "",
) -> go.Figure:
    """One bar per period (GMV by day or week …); periods flagged in the boolean column
    `incomplete` are hatched and lighter."""
    flags = incomplete_flags(frame, incomplete)
    bar = go.Bar(
        x=frame[x],
        y=frame[y],
        name=y_title or y,
        marker_color=PALETTE[0],
        hovertemplate=hover_template("money" if money else "count"),
    )
    incomplete_bars(bar, flags, PALETTE[0], incomplete_label)
    fig = go.Figure(bar)
    if any(flags):
        incomplete_legend(fig, incomplete_label, PALETTE[0], line=False)
    fig = style_figure(fig, title, y_title)
    if money:
        fig.update_yaxes(tickprefix=fmt.prefix("money"), tickformat=fmt.tick_format("money"))
    return fig


@figure
def line_over_time(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    y_title: str = "",
    incomplete: str | None = None,
    incomplete_label: str = "",
) -> go.Figure:
    """One line per period (new members by day or week …); the line runs dashed into the
    periods flagged in the boolean column `incomplete`, whose markers are open."""
    flags = incomplete_flags(frame, incomplete)
    hover = hover_template("count")
    if any(flags):
        fig = go.Figure()
        incomplete_line(fig, frame, x, y, flags, y_title or y, PALETTE[1], hover, incomplete_label)
        incomplete_legend(fig, incomplete_label, PALETTE[1], line=True)
        return style_figure(fig, title, y_title)
    fig = go.Figure(
        go.Scatter(
            x=frame[x],
            y=frame[y],
            mode="lines+markers",
            name=y_title or y,
            line={"color": PALETTE[1], "width": 2},
            hovertemplate=hover,
        )
    )
    return style_figure(fig, title, y_title)
