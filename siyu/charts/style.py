"""The one place charts are styled: palette, font, layout, hovers and ticks by `siyu.fmt`,
two value axes on round steps, incomplete periods drawn hatched or dashed, and user text
escaped so it reads as the text it is.

Every figure builder of `siyu.charts` takes a tidy frame first and everything else by
keyword, and is decorated with `@figure` (its traces' text escaped, dates in every language).

Two value axes: a chart with a second value axis (people and a rate, members and messages)
gets round ticks on both axes, both axes titled and formatted by their kind, and gridlines
that fall on the ticks of both: each axis runs from 0 in the same number of round steps.

Incomplete periods: a period whose days or windows are not all observed yet (the week still
running, a join week whose members have not had their X days) is drawn as such, the way
PostHog and Amplitude do: a bar hatched and lighter, a line dashed into the point, an open
marker. A builder takes `incomplete`, the name of a boolean column of its frame, and
`incomplete_label`, the legend and hover words for it.

Plain text: Plotly reads a few HTML tags in text (<b>, <a href>, <br>): a product or group
name that holds markup would render as markup. `@figure` escapes the user data of the traces.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from siyu import fmt

# Twelve colours: a stacked chart of up to twelve staff members or channels never repeats one
# (with seven, the eighth staff member was drawn in the first one's green).
PALETTE = [
    "#07c160", "#1f77b4", "#ff7f0e", "#9467bd", "#d62728", "#8c564b", "#17becf",
    "#e377c2", "#bcbd22", "#7f7f7f", "#aec7e8", "#ffbb78",
]  # fmt: skip


FONT = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif"


# Numbers in hovers, texts and ticks read by siyu.fmt: separators, ¥ before amounts, rates
# with one decimal (ticks of rates without the decimals they do not need: 10%, 2.5%).
RATE_TICKS = "~%"


def hover_template(kind: str, var: str = "y", before: str = "", name: str = "") -> str:
    """A hover template showing `var` by the rules of `kind` (see `fmt.hover`)."""
    return f"{before}{fmt.hover(kind, var)}<extra>{name}</extra>"


def style_figure(
    fig: go.Figure, title: str, y_title: str = "", y_format: str | None = None
) -> go.Figure:
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


_NICE = (1.0, 2.0, 2.5, 5.0, 10.0)


def nice_step(top: float, intervals: int = 5, whole: bool = False) -> float:
    """A round step (1, 2, 2.5 or 5 × 10^k) that covers 0 … `top` in about `intervals`
    steps; at least 1 for whole numbers (people, messages)."""
    if not top or top <= 0 or not math.isfinite(top):
        return 1.0 if whole else 0.1
    raw = top / intervals
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in _NICE:
        step = m * magnitude
        if whole and step != round(step):
            continue
        if step >= raw * (1 - 1e-9):
            return max(step, 1.0) if whole else step
    return 10 * magnitude


def top_of(values: object) -> float:
    numbers = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce")  # type: ignore[call-overload]
    top = numbers.max()
    return 0.0 if pd.isna(top) else max(float(top), 0.0)


def two_axes(
    fig: go.Figure,
    left: tuple[object, str, str],
    right: tuple[object, str, str],
    intervals: int = 5,
) -> go.Figure:
    """Set both value axes of `fig`: `left` and `right` are (values, kind, title) with kind
    as in `siyu.fmt` (count, money, rate, number). Each axis starts at 0 and runs the same
    number of round steps, so the gridlines of the left axis fall on the ticks of the right."""
    axes = []
    for values, kind, title in (left, right):
        top = top_of(values) * 1.04  # a little room above the highest bar or point
        step = nice_step(top, intervals, whole=kind == "count")
        axes.append((kind, title, step, max(1, math.ceil(top / step - 1e-9))))
    steps = max(n for *_, n in axes)
    for name, (kind, title, step, _n) in zip(("yaxis", "yaxis2"), axes, strict=True):
        axis = {
            "title": {"text": title},
            "range": [0, step * steps],
            "tickmode": "linear",
            "tick0": 0,
            "dtick": step,
            "tickformat": fmt.tick_format(kind, step),
            "tickprefix": fmt.prefix(kind),
            "rangemode": None,
            "zeroline": False,
        }
        if name == "yaxis2":
            axis |= {"overlaying": "y", "side": "right", "showgrid": False}
        fig.update_layout({name: axis})
    return fig


_HATCH = "/"


def rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def incomplete_flags(frame: pd.DataFrame, incomplete: str | None) -> list[bool]:
    if not incomplete or incomplete not in frame:
        return [False] * len(frame)
    return [bool(v) if v is not None and not pd.isna(v) else False for v in frame[incomplete]]


def incomplete_legend(fig: go.Figure, label: str, colour: str, line: bool) -> None:
    """A legend entry saying what the hatched bars or dashed line mean."""
    if not label:
        return
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            name=label,
            mode="lines" if line else "markers",
            line={"color": colour, "width": 2, "dash": "dash"},
            marker={"color": rgba(colour, 0.45), "symbol": "square", "size": 12},
            hoverinfo="skip",
            showlegend=True,
        )
    )


def incomplete_bars(bar: go.Bar, flags: list[bool], colour: str, label: str) -> None:
    """Hatch and lighten the bars of incomplete periods; their hover says so."""
    if not any(flags):
        return
    bar.marker.color = [rgba(colour, 0.45) if f else colour for f in flags]
    bar.marker.pattern = {
        "shape": [_HATCH if f else "" for f in flags],
        "fgcolor": colour,
        "fillmode": "overlay",
        "size": 6,
    }
    bar.customdata = [f" · {label}" if f and label else "" for f in flags]
    if bar.hovertemplate:
        bar.hovertemplate = bar.hovertemplate.replace("<extra>", "%{customdata}<extra>", 1)


def incomplete_line(
    fig: go.Figure,
    frame: pd.DataFrame,
    x: str,
    y: str,
    flags: list[bool],
    name: str,
    colour: str,
    hover: str,
    label: str,
) -> None:
    """A line solid between complete periods and dashed into incomplete ones: markers and
    hover on one trace, the two kinds of segment on two line traces without hover."""
    xs, ys = list(frame[x]), list(frame[y])
    solid = [v if not f else None for v, f in zip(ys, flags, strict=True)]
    # a dashed segment joins each incomplete point to its neighbours
    dashed = [
        v if f or (i + 1 < len(flags) and flags[i + 1]) or (i > 0 and flags[i - 1]) else None
        for i, (v, f) in enumerate(zip(ys, flags, strict=True))
    ]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers",
            name=name,
            marker={
                "color": colour,
                "size": 7,
                "symbol": ["circle-open" if f else "circle" for f in flags],
            },
            customdata=[f" · {label}" if f and label else "" for f in flags],
            hovertemplate=hover.replace("<extra>", "%{customdata}<extra>", 1),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=solid,
            mode="lines",
            line={"color": colour, "width": 2},
            connectgaps=False,
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=dashed,
            mode="lines",
            line={"color": colour, "width": 2, "dash": "dash"},
            connectgaps=False,
            hoverinfo="skip",
            showlegend=False,
        )
    )


_TEXT_FIELDS = ("x", "y", "labels", "parents", "text", "hovertext", "customdata")


def _escape(value: object) -> object:
    if isinstance(value, str) and ("<" in value or ">" in value or "&" in value):
        return html.escape(value, quote=False)
    return value


def _escape_all(values: object) -> object:
    if values is None or isinstance(values, str | bytes):
        return _escape(values)
    try:
        items = list(values)  # type: ignore[call-overload]
    except TypeError:
        return values
    if not any(isinstance(v, str) for v in items) and not any(
        isinstance(v, list | tuple) for v in items
    ):
        return values
    return [_escape_all(v) if isinstance(v, list | tuple) else _escape(v) for v in items]


def plain_text(fig: go.Figure) -> go.Figure:
    for trace in fig.data:
        for field in _TEXT_FIELDS:
            if field in trace and trace[field] is not None:
                trace[field] = _escape_all(trace[field])
        if "name" in trace and isinstance(trace.name, str):
            trace.name = _escape(trace.name)
        if trace.type == "sankey" and trace.node.label is not None:
            trace.node.label = _escape_all(trace.node.label)
    # Dates read the same in every language (Plotly's own month names are English).
    first = fig.data[0] if fig.data else None
    xs = getattr(first, "x", None) if first is not None and "x" in first else None
    dated = xs is not None and len(xs) and isinstance(xs[0], dt.date | pd.Timestamp | np.datetime64)
    if dated and fig.layout.xaxis.tickformat is None:
        fig.update_xaxes(tickformat="%m-%d", hoverformat="%Y-%m-%d")
    for axis in ("xaxis", "yaxis"):
        layout_axis = fig.layout[axis]
        for field in ("categoryarray", "ticktext"):
            if layout_axis[field] is not None:
                layout_axis[field] = _escape_all(layout_axis[field])
    return fig


def figure(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        fig = fn(*args, **kwargs)
        return plain_text(fig) if isinstance(fig, go.Figure) else fig

    return wrapper
