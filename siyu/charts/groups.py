"""Group health charts: rates against their targets, counts, push-time heatmaps."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from siyu.charts.style import (
    PALETTE,
    RATE_TICKS,
    figure,
    hover_template,
    style_figure,
    two_axes,
)


@figure
def rate_with_target(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    name: str,
    target: float,
    target_label: str,
) -> go.Figure:
    """A daily rate as a line, with its target as a dashed line across the same days."""
    fig = go.Figure(
        go.Scatter(
            x=frame[x],
            y=frame[y],
            mode="lines+markers",
            name=name,
            line={"color": PALETTE[1], "width": 2},
            connectgaps=False,
            hovertemplate=hover_template("rate"),
        )
    )
    if len(frame):
        fig.add_trace(
            go.Scatter(
                x=[frame[x].min(), frame[x].max()],
                y=[target, target],
                mode="lines",
                name=target_label,
                line={"color": PALETTE[4], "width": 1.5, "dash": "dash"},
                hoverinfo="skip",
            )
        )
    return style_figure(fig, title, name, y_format=RATE_TICKS)


@figure
def group_counts(
    frame: pd.DataFrame,
    *,
    x: str,
    series: dict[str, str],
    title: str,
    bars: str | None = None,
    y_title: str = "",
    bars_title: str = "",
) -> go.Figure:
    """Counts per day as lines (`series`: column → label); `bars` (a column of `series`) is
    drawn as bars on a second axis (messages beside members). The axes are titled `y_title`
    and `bars_title` (by default the labels of their series)."""
    fig = go.Figure()
    for i, (col, label) in enumerate(series.items()):
        if col == bars:
            fig.add_trace(
                go.Bar(
                    x=frame[x],
                    y=frame[col],
                    name=label,
                    yaxis="y2",
                    marker_color=PALETTE[0],
                    opacity=0.35,
                    hovertemplate=hover_template("count"),
                )
            )
        else:
            fig.add_trace(
                go.Scatter(
                    x=frame[x],
                    y=frame[col],
                    mode="lines",
                    name=label,
                    line={"color": PALETTE[(i + 1) % len(PALETTE)], "width": 2},
                    hovertemplate=hover_template("count"),
                )
            )
    lines = [c for c in series if c != bars]
    fig = style_figure(fig, title, y_title or " · ".join(series[c] for c in lines))
    if bars is not None and bars in series:
        line_values = pd.concat([frame[c] for c in lines]) if lines else []
        two_axes(
            fig,
            (line_values, "count", y_title or " · ".join(series[c] for c in lines)),
            (frame[bars], "count", bars_title or series[bars]),
        )
    return fig


@figure
def weekday_hour_heatmap(
    frame: pd.DataFrame,
    *,
    value: str,
    title: str,
    weekdays: list[str],
    hour_title: str,
    colorbar_title: str,
) -> go.Figure:
    """A weekday × hour heatmap from rows (weekday 1 = Monday … 7, hour 0 … 23, value)."""
    grid = (
        frame.pivot(index="weekday", columns="hour", values=value)
        .reindex(index=range(1, 8), columns=range(24))
        .astype(float)
    )
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=list(range(24)),
            y=weekdays,
            colorscale=[[0, "#f4fbf7"], [1, PALETTE[0]]],
            colorbar={"title": {"text": colorbar_title}},
            hovertemplate=hover_template("count", "z", "%{y} %{x}:00 · "),
        )
    )
    fig = style_figure(fig, title)
    fig.update_layout(hovermode="closest")
    fig.update_xaxes(title_text=hour_title, dtick=2)
    fig.update_yaxes(autorange="reversed", gridcolor=None, rangemode=None)
    return fig
