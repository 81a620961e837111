"""Lifetime value charts: holdout calibration, cumulative tracking, cohort value curves."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from siyu import fmt
from siyu.charts.style import (
    PALETTE,
    figure,
    hover_template,
    style_figure,
)


@figure
def clv_holdout_bars(
    frame: pd.DataFrame,
    *,
    group_labels: list[str],
    labels: dict[str, str],
    title: str,
    x_title: str,
) -> go.Figure:
    """Calibration against holdout: mean purchase days in the holdout of the people of each
    calibration-frequency group, actual against the model's prediction (FHL 2005, fig. 5).

    `frame`: a `clv_holdout` table; `labels` names `actual` and `predicted` (and the y axis
    as `y`); `group_labels` the groups (0 … 7+)."""
    fig = go.Figure()
    for i, col in enumerate(("actual", "predicted")):
        fig.add_trace(
            go.Bar(
                x=group_labels,
                y=[fmt.as_float(v) for v in frame[col]],
                name=labels[col],
                marker_color=PALETTE[i + 1] if i else PALETTE[0],
                hovertemplate=hover_template("number", name=labels[col]),
            )
        )
    fig.update_layout(barmode="group")
    style_figure(fig, title, labels["y"])
    fig.update_xaxes(title_text=x_title, type="category")
    return fig


@figure
def clv_tracking_lines(
    frame: pd.DataFrame, *, labels: dict[str, str], title: str, cut: dt.date, cut_label: str
) -> go.Figure:
    """Cumulative repeat purchase days over time, actual against the model, with the end of
    calibration marked (FHL 2005, fig. 3). `frame`: a `clv_tracking` table; `labels` names
    `actual`, `predicted` and the y axis `y`."""
    fig = go.Figure()
    for i, (col, name) in enumerate(
        (("cumulative_actual", labels["actual"]), ("cumulative_predicted", labels["predicted"]))
    ):
        fig.add_trace(
            go.Scatter(
                x=list(frame["period_end"]),
                y=[fmt.as_float(v) for v in frame[col]],
                mode="lines",
                name=name,
                line={
                    "color": PALETTE[0] if i == 0 else PALETTE[2],
                    "width": 2,
                    "dash": "dash" if i else "solid",
                },
                hovertemplate=hover_template("count", name=name),
            )
        )
    style_figure(fig, title, labels["y"])
    fig.add_vline(x=cut, line={"color": "#888", "dash": "dot", "width": 1})
    fig.add_annotation(
        x=cut, y=1, yref="paper", text=cut_label, showarrow=False, xanchor="left", yanchor="top"
    )
    return fig


@figure
def value_curves(
    table: pd.DataFrame, *, period_labels: list[str], title: str, y_title: str
) -> go.Figure:
    """Cumulative paid amount per person by period since the start, one line per cohort
    (observed cells only). `table`: a `cohort_value` table of one segment."""
    fig = go.Figure()
    for i, (cohort, rows) in enumerate(table.groupby("cohort", sort=True)):
        rows = rows.sort_values("period")
        name = str(cohort)
        fig.add_trace(
            go.Scatter(
                x=[period_labels[int(p)] for p in rows["period"]],
                y=[fmt.as_float(v) for v in rows["value"]],
                mode="lines+markers",
                name=name,
                line={"color": PALETTE[i % len(PALETTE)], "width": 2},
                hovertemplate=hover_template("money", name=name),
            )
        )
    style_figure(fig, title, y_title)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=period_labels)
    fig.update_yaxes(tickprefix=fmt.prefix("money"), tickformat=fmt.tick_format("money"))
    fig.update_layout(hovermode="closest")
    return fig
