"""Every chart of the app, built from tidy frames; styling lives here and nowhere else."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

PALETTE = ["#07c160", "#1f77b4", "#ff7f0e", "#9467bd", "#d62728", "#8c564b", "#17becf"]
FONT = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif"


def _style(fig: go.Figure, title: str, y_title: str = "", y_format: str | None = None) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        font={"family": FONT, "size": 13},
        colorway=PALETTE,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        hovermode="x unified",
        legend={"orientation": "h", "y": -0.15},
        plot_bgcolor="white",
        height=340,
    )
    fig.update_xaxes(showgrid=False)
    fig.update_yaxes(title_text=y_title, gridcolor="#eee", rangemode="tozero")
    if y_format:
        fig.update_yaxes(tickformat=y_format)
    return fig


def bars_over_time(
    frame: pd.DataFrame, x: str, y: str, title: str, y_title: str = "", money: bool = False
) -> go.Figure:
    """One bar per period (GMV by day or week …)."""
    fig = go.Figure(
        go.Bar(
            x=frame[x],
            y=frame[y],
            name=y_title or y,
            marker_color=PALETTE[0],
            hovertemplate="%{y:,.2f}<extra></extra>" if money else "%{y:,}<extra></extra>",
        )
    )
    return _style(fig, title, y_title)


def line_over_time(frame: pd.DataFrame, x: str, y: str, title: str, y_title: str = "") -> go.Figure:
    """One line per period (new members by day or week …)."""
    fig = go.Figure(
        go.Scatter(
            x=frame[x],
            y=frame[y],
            mode="lines+markers",
            name=y_title or y,
            line={"color": PALETTE[1], "width": 2},
            hovertemplate="%{y:,}<extra></extra>",
        )
    )
    return _style(fig, title, y_title)


# Each area of the app adds its chart builders under its own heading below.

# -- funnels -------------------------------------------------------------------------------

# -- retention -----------------------------------------------------------------------------

# -- leaderboards --------------------------------------------------------------------------

# -- members -------------------------------------------------------------------------------

# -- groups --------------------------------------------------------------------------------

# -- what-if -------------------------------------------------------------------------------
