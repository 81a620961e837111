"""Retention charts: the cohort heatmap, curves, segments, the 7-day method."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from siyu import fmt
from siyu.charts.style import (
    PALETTE,
    RATE_TICKS,
    figure,
    hover_template,
    style_figure,
    two_axes,
)

_RETENTION_BAND_FILL = "rgba(7, 193, 96, 0.10)"


def _retention_pct(value: object) -> str:
    return "" if value is None or pd.isna(value) else fmt.show("rate", value)


def cell_rate(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _retention_band(fig: go.Figure, band: tuple[int, int] | None, label: str) -> None:
    """Shade the periods band[0] … band[1] (category positions) — the D1…D7 of the 7-day view."""
    if band is None:
        return
    fig.add_vrect(
        x0=band[0] - 0.5,
        x1=band[1] + 0.5,
        fillcolor=_RETENTION_BAND_FILL,
        line={"color": PALETTE[0], "width": 1.5},
        layer="below",
        annotation_text=label,
        annotation_position="top left",
    )


@figure
def retention_heatmap(
    table: pd.DataFrame,
    *,
    period_labels: list[str],
    title: str,
    size_label: str,
    band: tuple[int, int] | None = None,
    band_label: str = "",
) -> go.Figure:
    """Cohort × period heatmap of a `cohort_retention` table (one segment).

    Percentages in the cells, the cohort size beside each row (right), unobserved cells left
    blank; `band` outlines periods band[0] … band[1] (D1…D7).
    """
    cohorts = sorted(table["cohort"].unique())
    periods = sorted(int(p) for p in table["period"].unique())
    cell = {(r.cohort, int(r.period)): cell_rate(r.rate) for r in table.itertuples()}
    sizes = table.drop_duplicates("cohort").set_index("cohort")["cohort_size"]
    z = [[cell.get((c, p)) for p in periods] for c in cohorts]
    y = [str(c) for c in cohorts]
    x = [period_labels[p] for p in periods]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            text=[[_retention_pct(v) for v in row] for row in z],
            texttemplate="%{text}",
            colorscale=[[0, "#f4fbf7"], [1, PALETTE[0]]],
            zmin=0,
            zmax=max([v for row in z for v in row if v is not None] + [0.01]),
            showscale=False,
            xgap=1,
            ygap=1,
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
        )
    )
    style_figure(fig, title)
    for c in cohorts:
        fig.add_annotation(
            x=1.0, y=str(c), xref="paper", yref="y", xanchor="left", showarrow=False,
            text=fmt.show("count", sizes[c]), font={"color": "#555"},
        )  # fmt: skip
    fig.add_annotation(
        x=1.0, y=1.0, xref="paper", yref="paper", xanchor="left", yanchor="bottom",
        showarrow=False, text=f"<b>{size_label}</b>",
    )  # fmt: skip
    if band is not None:
        fig.add_shape(
            type="rect",
            x0=band[0] - 0.5,
            x1=band[1] + 0.5,
            y0=0,
            y1=1,
            yref="paper",
            line={"color": PALETTE[2], "width": 2},
        )
        fig.add_annotation(
            x=(band[0] + band[1]) / 2, y=0, yref="paper", yanchor="top",
            showarrow=False, text=band_label, font={"color": PALETTE[2]},
        )  # fmt: skip
    fig.update_layout(
        hovermode="closest",
        height=max(340, 90 + 24 * len(cohorts)),
        margin={"l": 10, "r": 70, "t": 60, "b": 30},
    )
    fig.update_xaxes(side="top", type="category")
    fig.update_yaxes(autorange="reversed", type="category", title_text="")
    return fig


@figure
def retention_curves(
    table: pd.DataFrame,
    *,
    mean: pd.DataFrame,
    period_labels: list[str],
    title: str,
    mean_label: str,
    band: tuple[int, int] | None = None,
    band_label: str = "",
    cohorts_label: str = "",
) -> go.Figure:
    """One thin line per cohort (observed cells only) and the size-weighted mean in bold.

    `table` is a `cohort_retention` table of one segment, `mean` its `mean_curve`; the
    cohort lines share one legend entry, `cohorts_label`.
    """
    fig = go.Figure()
    for cohort, rows in table.groupby("cohort", sort=True):
        rows = rows.sort_values("period")
        fig.add_trace(
            go.Scatter(
                x=[period_labels[int(p)] for p in rows["period"]],
                y=[cell_rate(r) for r in rows["rate"]],
                mode="lines",
                name=str(cohort),
                legendgroup="cohorts",
                showlegend=False,
                line={"color": "rgba(31, 119, 180, 0.25)", "width": 1},
                hovertemplate=hover_template("rate", "y", f"{cohort}: "),
            )
        )
    if len(fig.data) and cohorts_label:
        fig.add_trace(  # a legend entry for all cohort lines
            go.Scatter(
                x=[None], y=[None], mode="lines", name=cohorts_label, legendgroup="cohorts",
                line={"color": "rgba(31, 119, 180, 0.5)", "width": 1}, hoverinfo="skip",
            )
        )  # fmt: skip
    mean = mean.sort_values("period")
    fig.add_trace(
        go.Scatter(
            x=[period_labels[int(p)] for p in mean["period"]],
            y=[cell_rate(r) for r in mean["rate"]],
            mode="lines+markers",
            name=mean_label,
            line={"color": PALETTE[0], "width": 3},
            hovertemplate=hover_template("rate", "y", f"{mean_label}: "),
        )
    )
    style_figure(fig, title, y_format=RATE_TICKS)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=period_labels)
    fig.update_layout(hovermode="closest")
    _retention_band(fig, band, band_label)
    return fig


@figure
def segment_curves(
    mean: pd.DataFrame,
    *,
    period_labels: list[str],
    title: str,
    unknown_label: str,
    band: tuple[int, int] | None = None,
    band_label: str = "",
) -> go.Figure:
    """The size-weighted mean retention of each segment (a `mean_curve` with `segment`)."""
    fig = go.Figure()
    for segment, rows in mean.groupby("segment", dropna=False, sort=True):
        name = unknown_label if segment is None or pd.isna(segment) else str(segment)
        rows = rows.sort_values("period")
        fig.add_trace(
            go.Scatter(
                x=[period_labels[int(p)] for p in rows["period"]],
                y=[cell_rate(r) for r in rows["rate"]],
                mode="lines+markers",
                name=name,
                hovertemplate=hover_template("rate", "y", f"{name}: "),
            )
        )
    style_figure(fig, title, y_format=RATE_TICKS)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=period_labels)
    _retention_band(fig, band, band_label)
    return fig


@figure
def seven_day_histogram(
    frame: pd.DataFrame, *, title: str, x_title: str, members_label: str, rate_label: str
) -> go.Figure:
    """People per first-week purchase-day count (bars) and their day 7–36 repurchase (line)."""
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=frame["purchase_days"],
            y=frame["members"],
            name=members_label,
            marker_color=PALETTE[1],
            hovertemplate=hover_template("count"),
        )
    )
    rates = [cell_rate(r) for r in frame["repurchase_30d_rate"]]
    fig.add_trace(
        go.Scatter(
            x=frame["purchase_days"],
            y=rates,
            name=rate_label,
            mode="lines+markers",
            yaxis="y2",
            line={"color": PALETTE[0], "width": 3},
            hovertemplate=hover_template("rate"),
        )
    )
    style_figure(fig, title, members_label)
    fig.update_layout(legend={"orientation": "h", "y": -0.3})
    two_axes(fig, (frame["members"], "count", members_label), (rates, "rate", rate_label))
    fig.update_xaxes(title_text=x_title, dtick=1)
    return fig


@figure
def rate_comparison(frame: pd.DataFrame, *, labels: dict[str, str], title: str) -> go.Figure:
    """Rates of groups as bars with their confidence interval (`ci_low`, `ci_high`)."""
    rows = frame[frame["group"].isin(labels)]
    rates = [cell_rate(r) or 0.0 for r in rows["rate"]]
    fig = go.Figure(
        go.Bar(
            x=[labels[g] for g in rows["group"]],
            y=rates,
            text=[_retention_pct(r) for r in rows["rate"]],
            textposition="inside",
            insidetextanchor="middle",
            marker_color=[PALETTE[0], PALETTE[1], PALETTE[2]][: len(rows)],
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [
                    (cell_rate(h) or r) - r for h, r in zip(rows["ci_high"], rates, strict=True)
                ],
                "arrayminus": [
                    r - (cell_rate(lo) or r) for lo, r in zip(rows["ci_low"], rates, strict=True)
                ],
            },
            hovertemplate=hover_template("rate", "y", "%{x}: "),
        )
    )
    style_figure(fig, title, y_format=RATE_TICKS)
    fig.update_layout(showlegend=False)
    return fig
