"""Members charts: tiers, tier movement, RFM segments."""

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


@figure
def tier_bars(
    frame: pd.DataFrame,
    *,
    x: str,
    members: str,
    share: str,
    title: str,
    members_title: str,
    share_title: str,
) -> go.Figure:
    """People per tier (bars, left axis) and the tier's GMV share (line, right axis)."""
    shares = pd.to_numeric(frame[share], errors="coerce")
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=frame[x],
            y=frame[members],
            name=members_title,
            marker_color=PALETTE[0],
            hovertemplate=hover_template("count"),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=frame[x],
            y=shares,
            name=share_title,
            yaxis="y2",
            mode="lines+markers",
            line={"color": PALETTE[2], "width": 2},
            hovertemplate=hover_template("rate"),
        )
    )
    style_figure(fig, title, members_title)
    two_axes(fig, (frame[members], "count", members_title), (shares, "rate", share_title))
    return fig


@figure
def tier_sankey(
    frame: pd.DataFrame,
    *,
    source: str,
    target: str,
    value: str,
    order: list[str],
    labels: dict[str, str],
    title: str,
) -> go.Figure:
    """Flows between tiers on two days: left nodes the first day, right nodes the second.

    `order` lists the tier keys top to bottom (also fixes each tier's colour); `labels` maps
    a key to its shown name. Every tier that holds people on a side is a node labelled with
    its name and its people (`金卡 111`), so the right side reads as the tier table.
    """
    rank = {k: i for i, k in enumerate(order)}
    left = sorted(set(frame[source]), key=lambda k: (rank.get(k, len(rank)), str(k)))
    right = sorted(set(frame[target]), key=lambda k: (rank.get(k, len(rank)), str(k)))
    nodes = [(k, 0) for k in left] + [(k, 1) for k in right]
    index = {node: i for i, node in enumerate(nodes)}
    people = {
        **{(k, 0): n for k, n in frame.groupby(source)[value].sum().items()},
        **{(k, 1): n for k, n in frame.groupby(target)[value].sum().items()},
    }

    def colour(key: str, alpha: float = 1.0) -> str:
        hex_ = PALETTE[rank.get(key, len(rank)) % len(PALETTE)].lstrip("#")
        r, g, b = (int(hex_[i : i + 2], 16) for i in (0, 2, 4))
        return f"rgba({r},{g},{b},{alpha})"

    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={
                "label": [
                    f"{labels.get(k, k)} {fmt.show('count', people[(k, side)])}"
                    for k, side in nodes
                ],
                "color": [colour(k) for k, _ in nodes],
                "pad": 18,
                "thickness": 16,
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": [index[(k, 0)] for k in frame[source]],
                "target": [index[(k, 1)] for k in frame[target]],
                "value": list(frame[value]),
                "color": [colour(k, 0.35) for k in frame[source]],
                "hovertemplate": hover_template(
                    "count", "value", "%{source.label} → %{target.label}: "
                ),
            },
        )
    )
    style_figure(fig, title)
    fig.update_layout(height=420)
    return fig


# One colour per RFM segment, in the segments' order (important ones first, general ones after).
SEGMENT_COLOURS = [*PALETTE, "#7f7f7f"]


@figure
def segment_treemap(
    frame: pd.DataFrame, *, label: str, value: str, share: str, title: str, share_title: str
) -> go.Figure:
    """One tile per RFM segment, sized by its customers; hover shows its GMV share."""
    shares = pd.to_numeric(frame[share], errors="coerce").fillna(0.0)
    fig = go.Figure(
        go.Treemap(
            labels=list(frame[label]),
            parents=[""] * len(frame),
            values=list(frame[value]),
            customdata=list(shares),
            marker={
                "colors": [SEGMENT_COLOURS[i % len(SEGMENT_COLOURS)] for i in range(len(frame))]
            },
            texttemplate=(
                f"%{{label}}<br>{fmt.hover('count', 'value')}<br>{fmt.hover('rate', 'percentRoot')}"
            ),
            hovertemplate=(
                f"%{{label}}<br>{fmt.hover('count', 'value')}<br>{share_title} "
                f"{fmt.hover('rate', 'customdata')}<extra></extra>"
            ),
            sort=False,
        )
    )
    style_figure(fig, title)
    fig.update_layout(height=420)
    return fig
