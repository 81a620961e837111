"""Buyers charts: the weekly GMV of new and of returning buyers, stacked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from siyu import fmt
from siyu.charts.style import PALETTE, figure, hover_template, style_figure


@figure
def new_returning_bars(
    frame: pd.DataFrame,
    *,
    x: str,
    new: str,
    returning: str,
    title: str,
    new_label: str,
    returning_label: str,
    y_title: str = "",
) -> go.Figure:
    """One stacked bar per week: the GMV of new buyers under that of returning ones."""
    fig = go.Figure()
    for column, label, colour in (
        (new, new_label, PALETTE[0]),
        (returning, returning_label, PALETTE[1]),
    ):
        fig.add_bar(
            x=frame[x],
            y=frame[column],
            name=label,
            marker_color=colour,
            hovertemplate=hover_template("money", name=label),
        )
    fig = style_figure(fig, title, y_title)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(tickprefix=fmt.prefix("money"), tickformat=fmt.tick_format("money"))
    return fig
