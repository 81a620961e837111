"""Leaderboard charts: the top-N bars (postable as an image), fission, invitation trees."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from siyu import fmt
from siyu.charts.style import (
    PALETTE,
    figure,
    hover_template,
    style_figure,
    two_axes,
)


def image_config(filename: str) -> dict:
    """`st.plotly_chart(config=…)` for a chart meant to be posted: PNG from the toolbar."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }


def _value_text(value: object, kind: str) -> str:
    return fmt.show(kind, value)


@figure
def leaderboard_bars(
    frame: pd.DataFrame, *, label: str, ident: str, value: str, title: str, kind: str = "count"
) -> go.Figure:
    """A top-N board as horizontal bars, first place on top, each value printed on its bar.

    `label` names each row (a masked name; the id where it is empty), prefixed with the rank;
    two rows with the same label get the last 4 characters of their id to keep them apart.
    `kind` (count, money, rate) sets how the values read.
    """
    names = [
        str(n) if n is not None and not (isinstance(n, float) and pd.isna(n)) and str(n) else i
        for n, i in zip(frame[label], frame[ident], strict=True)
    ]
    shown = [f"{r}. {n}" for r, n in zip(frame["rank"], names, strict=True)]
    seen = pd.Series(shown).duplicated(keep=False)
    shown = [
        f"{s} · {str(i)[-4:]}" if dup else s
        for s, i, dup in zip(shown, frame[ident], seen, strict=True)
    ]
    values = [None if v is None else float(v) for v in frame[value]]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=shown,
            orientation="h",
            marker_color=PALETTE[0],
            text=[_value_text(v, kind) for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    style_figure(fig, title)
    fig.update_layout(
        height=max(260, 30 * len(shown) + 110),
        hovermode="closest",
        showlegend=False,
        bargap=0.3,
        margin={"l": 10, "r": 60, "t": 50, "b": 10},
    )
    fig.update_yaxes(autorange="reversed", type="category", showgrid=False, title_text="")
    fig.update_xaxes(visible=False, rangemode="tozero")
    return fig


@figure
def fission_weeks(
    frame: pd.DataFrame, *, title: str, invited: str, other: str, k_factor: str, y_title: str = ""
) -> go.Figure:
    """New members per week, invited stacked on the others, with the K-factor as a line."""
    fig = go.Figure()
    fig.add_bar(
        x=frame["week"],
        y=frame["invited_members"],
        name=invited,
        marker_color=PALETTE[0],
        hovertemplate=hover_template("count"),
    )
    fig.add_bar(
        x=frame["week"],
        y=frame["other_members"],
        name=other,
        marker_color=PALETTE[1],
        hovertemplate=hover_template("count"),
    )
    k_values = [None if v is None or pd.isna(v) else float(v) for v in frame["k_factor"]]
    fig.add_scatter(
        x=frame["week"],
        y=k_values,
        name=k_factor,
        mode="lines+markers",
        yaxis="y2",
        line={"color": PALETTE[2], "width": 2},
        hovertemplate="%{y:.3f}<extra></extra>",
    )
    style_figure(fig, title)
    fig.update_layout(
        barmode="stack", legend={"orientation": "h", "y": -0.15, "traceorder": "normal"}
    )
    stacked = sum(
        pd.to_numeric(frame[c], errors="coerce").fillna(0)
        for c in ("invited_members", "other_members")
    )
    members_title = y_title or f"{invited} + {other}"
    two_axes(fig, (stacked, "count", members_title), (k_values, "number", k_factor))
    fig.update_xaxes(tickvals=list(frame["week"]), tickformat="%m-%d")
    return fig


@figure
def lost_weeks(frame: pd.DataFrame, title: str, y_title: str, no_staff: str) -> go.Figure:
    """Members who left per week, stacked by staff member (`siyu.metrics.staff.lost_weekly`);
    members without a staff member read `no_staff`."""
    fig = go.Figure()
    staff = frame["staff"].map(lambda s: no_staff if s is None or pd.isna(s) else str(s))
    order = staff.groupby(staff).size().sort_values(ascending=False, kind="stable").index
    for i, name in enumerate(order):
        part = frame[staff == name]
        fig.add_bar(
            x=part["week"],
            y=part["lost"],
            name=name,
            marker_color=PALETTE[i % len(PALETTE)],
            hovertemplate=hover_template("count", name=name),
        )
    style_figure(fig, title, y_title, y_format=",.0f")
    fig.update_layout(barmode="stack")
    weeks = sorted(set(frame["week"]))
    fig.update_xaxes(tickvals=weeks, tickformat="%m-%d")
    return fig


@figure
def invitation_levels(frame: pd.DataFrame, *, title: str, x_title: str, y_title: str) -> go.Figure:
    """Members on each level of an invitation tree (level 1 = invited by the root)."""
    fig = go.Figure(
        go.Bar(
            x=frame["depth"],
            y=frame["members"],
            marker_color=PALETTE[3],
            text=frame["members"],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=hover_template("count", "y", "%{x}: "),
        )
    )
    style_figure(fig, title, y_title)
    fig.update_layout(hovermode="closest", showlegend=False)
    fig.update_xaxes(title_text=x_title, dtick=1)
    return fig
