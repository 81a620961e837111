"""Every chart of the app, built from tidy frames; styling lives here and nowhere else."""

from __future__ import annotations

import datetime as dt
import functools
import html
import inspect
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from siyu import fmt

PALETTE = ["#07c160", "#1f77b4", "#ff7f0e", "#9467bd", "#d62728", "#8c564b", "#17becf"]
FONT = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif"


# Numbers in hovers, texts and ticks read by siyu.fmt: separators, ¥ before amounts, rates
# with one decimal (ticks of rates without the decimals they do not need: 10%, 2.5%).
RATE_TICKS = "~%"


def _hover(kind: str, var: str = "y", before: str = "", name: str = "") -> str:
    """A hover template showing `var` by the rules of `kind` (see `fmt.hover`)."""
    return f"{before}{fmt.hover(kind, var)}<extra>{name}</extra>"


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


# -- two value axes ------------------------------------------------------------------------
# A chart with a second value axis (people and a rate, members and messages) gets round ticks
# on both axes, both axes titled and formatted by their kind, and gridlines that fall on the
# ticks of both: each axis runs from 0 in the same number of round steps.

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


def _top(values: object) -> float:
    numbers = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce")  # type: ignore[call-overload]
    top = numbers.max()
    return 0.0 if pd.isna(top) else max(float(top), 0.0)


def _two_axes(
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
        top = _top(values) * 1.04  # a little room above the highest bar or point
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


# -- incomplete periods ----------------------------------------------------------------------
# A period whose days or windows are not all observed yet (the week still running, a join
# week whose members have not had their X days) is drawn as such, the way PostHog and
# Amplitude do: a bar hatched and lighter, a line dashed into the point, an open marker. A
# builder takes `incomplete`, the name of a boolean column of its frame, and
# `incomplete_label`, the legend and hover words for it.

_HATCH = "/"


def _incomplete_flags(frame: pd.DataFrame, incomplete: str | None) -> list[bool]:
    if not incomplete or incomplete not in frame:
        return [False] * len(frame)
    return [bool(v) if v is not None and not pd.isna(v) else False for v in frame[incomplete]]


def _incomplete_legend(fig: go.Figure, label: str, colour: str, line: bool) -> None:
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
            marker={"color": _rgba(colour, 0.45), "symbol": "square", "size": 12},
            hoverinfo="skip",
            showlegend=True,
        )
    )


def _incomplete_bars(bar: go.Bar, flags: list[bool], colour: str, label: str) -> None:
    """Hatch and lighten the bars of incomplete periods; their hover says so."""
    if not any(flags):
        return
    bar.marker.color = [_rgba(colour, 0.45) if f else colour for f in flags]
    bar.marker.pattern = {
        "shape": [_HATCH if f else "" for f in flags],
        "fgcolor": colour,
        "fillmode": "overlay",
        "size": 6,
    }
    bar.customdata = [f" · {label}" if f and label else "" for f in flags]
    if bar.hovertemplate:
        bar.hovertemplate = bar.hovertemplate.replace("<extra>", "%{customdata}<extra>", 1)


def _incomplete_line(
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


def bars_over_time(
    frame: pd.DataFrame,
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
    flags = _incomplete_flags(frame, incomplete)
    bar = go.Bar(
        x=frame[x],
        y=frame[y],
        name=y_title or y,
        marker_color=PALETTE[0],
        hovertemplate=_hover("money" if money else "count"),
    )
    _incomplete_bars(bar, flags, PALETTE[0], incomplete_label)
    fig = go.Figure(bar)
    if any(flags):
        _incomplete_legend(fig, incomplete_label, PALETTE[0], line=False)
    fig = _style(fig, title, y_title)
    if money:
        fig.update_yaxes(tickprefix=fmt.prefix("money"), tickformat=fmt.tick_format("money"))
    return fig


def line_over_time(
    frame: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    y_title: str = "",
    incomplete: str | None = None,
    incomplete_label: str = "",
) -> go.Figure:
    """One line per period (new members by day or week …); the line runs dashed into the
    periods flagged in the boolean column `incomplete`, whose markers are open."""
    flags = _incomplete_flags(frame, incomplete)
    hover = _hover("count")
    if any(flags):
        fig = go.Figure()
        _incomplete_line(fig, frame, x, y, flags, y_title or y, PALETTE[1], hover, incomplete_label)
        _incomplete_legend(fig, incomplete_label, PALETTE[1], line=True)
        return _style(fig, title, y_title)
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
    return _style(fig, title, y_title)


# Each area of the app adds its chart builders under its own heading below.

# -- funnels -------------------------------------------------------------------------------


def funnel_steps(frame: pd.DataFrame, label: str, value: str, title: str) -> go.Figure:
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
            hovertemplate=_hover("count", "x", "%{y}: "),
        )
    )
    fig = _style(fig, title)
    fig.update_layout(hovermode="closest", showlegend=False)
    fig.update_yaxes(title_text="", rangemode=None)
    return fig


def funnel_breakdown(
    frame: pd.DataFrame,
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
            hovertemplate=_hover("rate", "y", "%{x}: ", str(name)),
        )
        flags = _incomplete_flags(part, incomplete)
        _incomplete_bars(bar, flags, colour, incomplete_label)
        hatched = hatched or any(flags)
        fig.add_trace(bar)
    if hatched:
        _incomplete_legend(fig, incomplete_label, "#888888", line=False)
    fig = _style(fig, title, y_title, y_format=RATE_TICKS)
    fig.update_layout(barmode="group", hovermode="closest")
    fig.update_xaxes(type="category")
    return fig


def conversion_trend(
    frame: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    y_title: str = "",
    incomplete: str | None = None,
    incomplete_label: str = "",
) -> go.Figure:
    """One line of a conversion rate (fraction) per period (the event funnel by start week);
    dashed into the periods flagged in the boolean column `incomplete`."""
    flags = _incomplete_flags(frame, incomplete)
    hover = _hover("rate", "y", "%{x}: ")
    if any(flags):
        fig = go.Figure()
        _incomplete_line(fig, frame, x, y, flags, y_title or y, PALETTE[2], hover, incomplete_label)
        _incomplete_legend(fig, incomplete_label, PALETTE[2], line=True)
        return _style(fig, title, y_title, y_format=RATE_TICKS)
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
    return _style(fig, title, y_title, y_format=RATE_TICKS)


# -- retention -----------------------------------------------------------------------------

_RETENTION_BAND_FILL = "rgba(7, 193, 96, 0.10)"


def _retention_pct(value: object) -> str:
    return "" if value is None or pd.isna(value) else fmt.show("rate", value)


def _retention_rate(value: object) -> float | None:
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


def retention_heatmap(
    table: pd.DataFrame,
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
    cell = {(r.cohort, int(r.period)): _retention_rate(r.rate) for r in table.itertuples()}
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
    _style(fig, title)
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


def retention_curves(
    table: pd.DataFrame,
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
                y=[_retention_rate(r) for r in rows["rate"]],
                mode="lines",
                name=str(cohort),
                legendgroup="cohorts",
                showlegend=False,
                line={"color": "rgba(31, 119, 180, 0.25)", "width": 1},
                hovertemplate=_hover("rate", "y", f"{cohort}: "),
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
            y=[_retention_rate(r) for r in mean["rate"]],
            mode="lines+markers",
            name=mean_label,
            line={"color": PALETTE[0], "width": 3},
            hovertemplate=_hover("rate", "y", f"{mean_label}: "),
        )
    )
    _style(fig, title, y_format=RATE_TICKS)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=period_labels)
    fig.update_layout(hovermode="closest")
    _retention_band(fig, band, band_label)
    return fig


def segment_curves(
    mean: pd.DataFrame,
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
                y=[_retention_rate(r) for r in rows["rate"]],
                mode="lines+markers",
                name=name,
                hovertemplate=_hover("rate", "y", f"{name}: "),
            )
        )
    _style(fig, title, y_format=RATE_TICKS)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=period_labels)
    _retention_band(fig, band, band_label)
    return fig


def seven_day_histogram(
    frame: pd.DataFrame, title: str, x_title: str, members_label: str, rate_label: str
) -> go.Figure:
    """People per first-week purchase-day count (bars) and their day 7–36 repurchase (line)."""
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=frame["purchase_days"],
            y=frame["members"],
            name=members_label,
            marker_color=PALETTE[1],
            hovertemplate=_hover("count"),
        )
    )
    rates = [_retention_rate(r) for r in frame["repurchase_30d_rate"]]
    fig.add_trace(
        go.Scatter(
            x=frame["purchase_days"],
            y=rates,
            name=rate_label,
            mode="lines+markers",
            yaxis="y2",
            line={"color": PALETTE[0], "width": 3},
            hovertemplate=_hover("rate"),
        )
    )
    _style(fig, title, members_label)
    fig.update_layout(legend={"orientation": "h", "y": -0.3})
    _two_axes(fig, (frame["members"], "count", members_label), (rates, "rate", rate_label))
    fig.update_xaxes(title_text=x_title, dtick=1)
    return fig


def rate_comparison(frame: pd.DataFrame, labels: dict[str, str], title: str) -> go.Figure:
    """Rates of groups as bars with their confidence interval (`ci_low`, `ci_high`)."""
    rows = frame[frame["group"].isin(labels)]
    rates = [_retention_rate(r) or 0.0 for r in rows["rate"]]
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
                    (_retention_rate(h) or r) - r
                    for h, r in zip(rows["ci_high"], rates, strict=True)
                ],
                "arrayminus": [
                    r - (_retention_rate(lo) or r)
                    for lo, r in zip(rows["ci_low"], rates, strict=True)
                ],
            },
            hovertemplate=_hover("rate", "y", "%{x}: "),
        )
    )
    _style(fig, title, y_format=RATE_TICKS)
    fig.update_layout(showlegend=False)
    return fig


# -- leaderboards --------------------------------------------------------------------------


def image_config(filename: str) -> dict:
    """`st.plotly_chart(config=…)` for a chart meant to be posted: PNG from the toolbar."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }


def _value_text(value: object, kind: str) -> str:
    return fmt.show(kind, value)


def leaderboard_bars(
    frame: pd.DataFrame, label: str, ident: str, value: str, title: str, kind: str = "count"
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
    _style(fig, title)
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


def fission_weeks(
    frame: pd.DataFrame, title: str, invited: str, other: str, k_factor: str, y_title: str = ""
) -> go.Figure:
    """New members per week, invited stacked on the others, with the K-factor as a line."""
    fig = go.Figure()
    fig.add_bar(
        x=frame["week"],
        y=frame["invited_members"],
        name=invited,
        marker_color=PALETTE[0],
        hovertemplate=_hover("count"),
    )
    fig.add_bar(
        x=frame["week"],
        y=frame["other_members"],
        name=other,
        marker_color=PALETTE[1],
        hovertemplate=_hover("count"),
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
    _style(fig, title)
    fig.update_layout(
        barmode="stack", legend={"orientation": "h", "y": -0.15, "traceorder": "normal"}
    )
    stacked = sum(
        pd.to_numeric(frame[c], errors="coerce").fillna(0)
        for c in ("invited_members", "other_members")
    )
    members_title = y_title or f"{invited} + {other}"
    _two_axes(fig, (stacked, "count", members_title), (k_values, "number", k_factor))
    fig.update_xaxes(tickvals=list(frame["week"]), tickformat="%m-%d")
    return fig


def invitation_levels(frame: pd.DataFrame, title: str, x_title: str, y_title: str) -> go.Figure:
    """Members on each level of an invitation tree (level 1 = invited by the root)."""
    fig = go.Figure(
        go.Bar(
            x=frame["depth"],
            y=frame["members"],
            marker_color=PALETTE[3],
            text=frame["members"],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=_hover("count", "y", "%{x}: "),
        )
    )
    _style(fig, title, y_title)
    fig.update_layout(hovermode="closest", showlegend=False)
    fig.update_xaxes(title_text=x_title, dtick=1)
    return fig


# -- members -------------------------------------------------------------------------------


def tier_bars(
    frame: pd.DataFrame,
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
            hovertemplate=_hover("count"),
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
            hovertemplate=_hover("rate"),
        )
    )
    _style(fig, title, members_title)
    _two_axes(fig, (frame[members], "count", members_title), (shares, "rate", share_title))
    return fig


def tier_sankey(
    frame: pd.DataFrame,
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
                "hovertemplate": _hover("count", "value", "%{source.label} → %{target.label}: "),
            },
        )
    )
    _style(fig, title)
    fig.update_layout(height=420)
    return fig


# One colour per RFM segment, in the segments' order (important ones first, general ones after).
SEGMENT_COLOURS = [*PALETTE, "#7f7f7f"]


def segment_treemap(
    frame: pd.DataFrame, label: str, value: str, share: str, title: str, share_title: str
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
    _style(fig, title)
    fig.update_layout(height=420)
    return fig


# -- groups --------------------------------------------------------------------------------


def rate_with_target(
    frame: pd.DataFrame,
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
            hovertemplate=_hover("rate"),
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
    return _style(fig, title, name, y_format=RATE_TICKS)


def group_counts(
    frame: pd.DataFrame,
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
                    hovertemplate=_hover("count"),
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
                    hovertemplate=_hover("count"),
                )
            )
    lines = [c for c in series if c != bars]
    fig = _style(fig, title, y_title or " · ".join(series[c] for c in lines))
    if bars is not None and bars in series:
        line_values = pd.concat([frame[c] for c in lines]) if lines else []
        _two_axes(
            fig,
            (line_values, "count", y_title or " · ".join(series[c] for c in lines)),
            (frame[bars], "count", bars_title or series[bars]),
        )
    return fig


def weekday_hour_heatmap(
    frame: pd.DataFrame,
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
            hovertemplate=_hover("count", "z", "%{y} %{x}:00 · "),
        )
    )
    fig = _style(fig, title)
    fig.update_layout(hovermode="closest")
    fig.update_xaxes(title_text=hour_title, dtick=2)
    fig.update_yaxes(autorange="reversed", gridcolor=None, rangemode=None)
    return fig


# -- what-if -------------------------------------------------------------------------------


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def whatif_cumulative(
    frame: pd.DataFrame,
    band: pd.DataFrame,
    value: str,
    low: str,
    high: str,
    labels: dict[str, str],
    title: str,
    y_title: str,
    band_label: str,
) -> go.Figure:
    """Cumulative amount per week, one line per scenario with its shaded uncertainty band.

    `frame`: scenario, week, `value` (the line); `band`: scenario, week, `low`, `high`;
    `labels` maps each scenario key to its name (and sets the order and colours).
    """
    traces = []
    for i, (key, name) in enumerate(labels.items()):
        colour = PALETTE[i % len(PALETTE)]
        b = band[band["scenario"] == key]
        traces.append(
            go.Scatter(
                x=list(b["week"]) + list(b["week"])[::-1],
                y=list(b[high]) + list(b[low])[::-1],
                fill="toself",
                mode="lines",
                fillcolor=_rgba(colour, 0.12),
                line={"width": 0},
                hoverinfo="skip",
                name=f"{name} · {band_label}",
                showlegend=False,
                legendgroup=key,
            )
        )
        f = frame[frame["scenario"] == key]
        traces.append(
            go.Scatter(
                x=f["week"],
                y=f[value],
                mode="lines+markers",
                name=name,
                legendgroup=key,
                line={"color": colour, "width": 2},
                hovertemplate=_hover("money", name=name),
            )
        )
    fig = _style(go.Figure(traces), title, y_title)
    fig.update_xaxes(dtick=1, rangemode=None)
    fig.update_yaxes(
        rangemode=None, tickprefix=fmt.prefix("money"), tickformat=fmt.tick_format("money")
    )
    return fig


def whatif_tornado(
    frame: pd.DataFrame, labels: dict[str, str], title: str, low_label: str, high_label: str
) -> go.Figure:
    """Sensitivity: change of profit with each lever at -20% and +20%, biggest swing on top.

    `frame`: lever, profit (as set), low_profit, high_profit (ordered biggest swing first).
    """
    rows = frame.iloc[::-1]
    names = [labels.get(k, k) for k in rows["lever"]]
    fig = go.Figure(
        [
            go.Bar(
                y=names,
                x=rows["low_profit"] - rows["profit"],
                orientation="h",
                name=low_label,
                marker_color=PALETTE[4],
                hovertemplate="%{y}: ¥%{x:+,.0f}<extra>" + low_label + "</extra>",
            ),
            go.Bar(
                y=names,
                x=rows["high_profit"] - rows["profit"],
                orientation="h",
                name=high_label,
                marker_color=PALETTE[0],
                hovertemplate="%{y}: ¥%{x:+,.0f}<extra>" + high_label + "</extra>",
            ),
        ]
    )
    fig = _style(fig, title)
    fig.update_layout(barmode="overlay", hovermode="closest")
    fig.update_xaxes(
        showgrid=True,
        gridcolor="#eee",
        zeroline=True,
        zerolinecolor="#888",
        tickprefix=fmt.prefix("money"),
        tickformat=fmt.tick_format("money"),
    )
    fig.update_yaxes(rangemode=None, gridcolor=None)
    return fig


def whatif_discount_fit(
    buckets: pd.DataFrame,
    intercept: float | None,
    slope: float | None,
    title: str,
    x_title: str,
    y_title: str,
    fit_label: str,
) -> go.Figure:
    """Share of placed orders paid per discount depth (marker size ∝ orders) and the fitted line."""
    sizes = buckets["orders"].astype(float)
    scale = 28 / max(float(sizes.max()), 1.0) ** 0.5 if len(sizes) else 1.0
    traces = [
        go.Scatter(
            x=buckets["depth"],
            y=buckets["rate"],
            mode="markers",
            name=y_title,
            marker={"size": [max(6.0, scale * v**0.5) for v in sizes], "color": PALETTE[1]},
            customdata=buckets["orders"],
            hovertemplate=(
                f"%{{x:.0%}}: {fmt.hover('rate')} (n={fmt.hover('count', 'customdata')})"
                "<extra></extra>"
            ),
        )
    ]
    if intercept is not None and slope is not None and len(buckets):
        xs = [0.0, float(buckets["depth"].max())]
        traces.append(
            go.Scatter(
                x=xs,
                y=[intercept + slope * x for x in xs],
                mode="lines",
                name=fit_label,
                line={"color": PALETTE[2], "width": 2, "dash": "dash"},
                hoverinfo="skip",
            )
        )
    fig = _style(go.Figure(traces), title, y_title, y_format=RATE_TICKS)
    fig.update_xaxes(title_text=x_title, tickformat=".0%")
    fig.update_yaxes(rangemode=None)
    fig.update_layout(hovermode="closest")
    return fig


# -- static charts (the weekly report) ------------------------------------------------------
# The weekly report is one HTML file that opens offline, prints and reads on a phone: its
# charts are plain HTML and CSS, not Plotly (plotly.js alone is 4.6 MB). Each builder takes a
# tidy frame and returns an HTML fragment styled by `STATIC_CSS`; text is escaped, numbers
# read by siyu.fmt, and labels never wrap one character per line: on a narrow screen a label
# takes its own line above its bar.

STATIC_CSS = """
.sy-chart{margin:.8rem 0 1rem;break-inside:avoid}
.sy-chart figcaption{font-weight:600;color:#2a3f5f;margin-bottom:.5rem}
.sy-rows{display:grid;grid-template-columns:minmax(6em,max-content) minmax(8em,1fr) max-content;
gap:.35rem .7rem;align-items:center}
.sy-lbl{white-space:nowrap;word-break:keep-all}
.sy-track{background:#f1f3f2;border-radius:3px;height:1.5rem;overflow:hidden;display:flex;
flex-direction:column;justify-content:center;gap:2px}
.sy-track.sy-two{height:auto;min-height:1.6rem;padding:2px 0;background:none}
.sy-bar{height:100%;min-width:2px;border-radius:3px}
.sy-two .sy-bar{height:.7rem}
.sy-val{white-space:nowrap;font-variant-numeric:tabular-nums;text-align:right}
.sy-legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:.5rem 0 0;color:#555;font-size:.9em}
.sy-key{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.3em;
vertical-align:-.05em}
.sy-scroll{overflow-x:auto}
table.sy-heat{border-collapse:separate;border-spacing:2px;font-variant-numeric:tabular-nums;
font-size:.9em}
table.sy-heat th{font-weight:500;color:#2a3f5f;white-space:nowrap;padding:.2rem .35rem}
table.sy-heat td{text-align:center;white-space:nowrap;padding:.3rem .35rem;min-width:2.6em}
table.sy-heat th.sy-band{border-bottom:3px solid #ff7f0e}
table.sy-heat td.sy-size{color:#555;text-align:right}
table.sy-heat td.sy-empty{background:#fafafa}
.sy-chart *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@media (max-width:600px){
.sy-rows{grid-template-columns:minmax(0,1fr) max-content}
.sy-lbl{grid-column:1/-1;margin-top:.3rem;white-space:normal}
.sy-rows .sy-track{grid-column:1/2}
table.sy-heat{font-size:.78em;border-spacing:1px}
table.sy-heat th,table.sy-heat td{padding:.25rem .12rem;min-width:0}
}
"""


# -- lifetime value ------------------------------------------------------------------------


def clv_holdout_bars(
    frame: pd.DataFrame, group_labels: list[str], labels: dict[str, str], title: str, x_title: str
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
                hovertemplate=_hover("number", name=labels[col]),
            )
        )
    fig.update_layout(barmode="group")
    _style(fig, title, labels["y"])
    fig.update_xaxes(title_text=x_title, type="category")
    return fig


def clv_tracking_lines(
    frame: pd.DataFrame, labels: dict[str, str], title: str, cut: dt.date, cut_label: str
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
                hovertemplate=_hover("count", name=name),
            )
        )
    _style(fig, title, labels["y"])
    fig.add_vline(x=cut, line={"color": "#888", "dash": "dot", "width": 1})
    fig.add_annotation(
        x=cut, y=1, yref="paper", text=cut_label, showarrow=False, xanchor="left", yanchor="top"
    )
    return fig


def value_curves(
    table: pd.DataFrame, period_labels: list[str], title: str, y_title: str
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
                hovertemplate=_hover("money", name=name),
            )
        )
    _style(fig, title, y_title)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=period_labels)
    fig.update_yaxes(tickprefix=fmt.prefix("money"), tickformat=fmt.tick_format("money"))
    fig.update_layout(hovermode="closest")
    return fig


def _pct_width(value: float | None, top: float) -> str:
    share = 0.0 if value is None or not top else max(0.0, min(1.0, value / top))
    return f"{share * 100:.1f}%"


def _figure_html(title: str, body: str, legend: str = "") -> str:
    caption = f"<figcaption>{html.escape(title)}</figcaption>" if title else ""
    return f'<figure class="sy-chart">{caption}{body}{legend}</figure>'


def funnel_html(frame: pd.DataFrame, label: str, value: str, title: str) -> str:
    """A funnel as bars (one per step, width ∝ people), each with its people and share of
    step 1 (the weekly report's static `funnel_steps`)."""
    counts = [fmt.as_float(v) or 0.0 for v in frame[value]]
    first = counts[0] if counts else 0.0
    rows = []
    for i, (name, n) in enumerate(zip(frame[label], counts, strict=True)):
        share = fmt.show("rate", n / first) if first else "—"
        colour = PALETTE[i % len(PALETTE)]
        rows.append(
            f'<div class="sy-lbl">{html.escape(str(name))}</div>'
            f'<div class="sy-track"><div class="sy-bar" style="width:{_pct_width(n, first)};'
            f'background:{colour}"></div></div>'
            f'<div class="sy-val">{fmt.show("count", n)} · {share}</div>'
        )
    return _figure_html(title, f'<div class="sy-rows">{"".join(rows)}</div>')


def share_bars_html(
    frame: pd.DataFrame,
    label: str,
    shares: dict[str, str],
    title: str,
) -> str:
    """Two or more shares per row as thin bars side by side (the RFM segments' share of
    customers and of GMV): `shares` maps a column of fractions to its legend label."""
    colours = dict(zip(shares, [PALETTE[1], PALETTE[0], PALETTE[2], PALETTE[3]], strict=False))
    top = max([fmt.as_float(v) or 0.0 for col in shares for v in frame[col]] + [0.0])
    rows = []
    for _, row in frame.iterrows():
        bars = "".join(
            f'<div class="sy-bar" title="{html.escape(name)}" style="width:'
            f'{_pct_width(fmt.as_float(row[col]), top)};background:{colours[col]}"></div>'
            for col, name in shares.items()
        )
        values = " · ".join(fmt.show("rate", row[col]) for col in shares)
        rows.append(
            f'<div class="sy-lbl">{html.escape(str(row[label]))}</div>'
            f'<div class="sy-track sy-two">{bars}</div><div class="sy-val">{values}</div>'
        )
    legend = "".join(
        f'<span><i class="sy-key" style="background:{colours[col]}"></i>{html.escape(name)}</span>'
        for col, name in shares.items()
    )
    return _figure_html(
        title,
        f'<div class="sy-rows">{"".join(rows)}</div>',
        f'<div class="sy-legend">{legend}</div>',
    )


def _heat_colour(rate: float, top: float) -> tuple[str, str]:
    """Background and text colour of a heatmap cell: white to the brand green."""
    share = 0.0 if not top else max(0.0, min(1.0, rate / top))
    low, high = (244, 251, 247), (7, 193, 96)
    r, g, b = (round(lo + (hi - lo) * share) for lo, hi in zip(low, high, strict=True))
    return f"rgb({r},{g},{b})", "#fff" if share > 0.6 else "#222"


def retention_heatmap_html(
    table: pd.DataFrame,
    period_labels: list[str],
    title: str,
    size_label: str,
    cohort_label: str,
    band: tuple[int, int] | None = None,
    band_label: str = "",
) -> str:
    """Cohort × period retention as a table of coloured cells (the report's static
    `retention_heatmap`): one decimal percentages, unobserved cells blank, the cohort size
    at the right; the periods band[0] … band[1] (D1…D7) underlined and named."""
    cohorts = sorted(table["cohort"].unique())
    periods = sorted(int(p) for p in table["period"].unique())
    cell = {(r.cohort, int(r.period)): _retention_rate(r.rate) for r in table.itertuples()}
    sizes = table.drop_duplicates("cohort").set_index("cohort")["cohort_size"]
    top = max([v for v in cell.values() if v is not None] + [0.01])

    # days of one year read as 10-26 (the report's heading names the year)
    days = [pd.Timestamp(c) for c in cohorts if isinstance(c, dt.date)]
    one_year = len(days) == len(cohorts) and len({d.year for d in days}) <= 1
    names = {
        c: pd.Timestamp(c).strftime("%m-%d" if one_year else "%Y-%m-%d")
        if isinstance(c, dt.date)
        else str(c)
        for c in cohorts
    }

    def banded(p: int) -> bool:
        return band is not None and band[0] <= p <= band[1]

    band_class = ' class="sy-band"'
    head = "".join(
        f'<th scope="col"{band_class if banded(p) else ""}>{html.escape(period_labels[p])}</th>'
        for p in periods
    )
    rows = []
    for c in cohorts:
        cells = []
        for p in periods:
            rate = cell.get((c, p))
            if rate is None:
                cells.append('<td class="sy-empty"></td>')
                continue
            back, ink = _heat_colour(rate, top)
            cells.append(f'<td style="background:{back};color:{ink}">{fmt.show("rate", rate)}</td>')
        rows.append(
            f'<tr><th scope="row">{html.escape(names[c])}</th>{"".join(cells)}'
            f'<td class="sy-size">{fmt.show("count", sizes[c])}</td></tr>'
        )
    note = (
        f'<div class="sy-legend"><span><i class="sy-key" style="background:{PALETTE[2]}"></i>'
        f"{html.escape(band_label)}</span></div>"
        if band is not None and band_label
        else ""
    )
    body = (
        '<div class="sy-scroll"><table class="sy-heat"><thead><tr>'
        f'<th scope="col">{html.escape(cohort_label)}</th>{head}'
        f'<th scope="col">{html.escape(size_label)}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return _figure_html(title, body, note)


# -- plain text ----------------------------------------------------------------------------
# Plotly reads a few HTML tags in text (<b>, <a href>, <br>): a product or group name that
# holds markup would render as markup. Every builder above hands its figure through
# `_plain_text`, which escapes the user data of the traces so it reads as the text it is.

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


def _plain_text(fig: go.Figure) -> go.Figure:
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


def _returns_plain_text(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        fig = fn(*args, **kwargs)
        return _plain_text(fig) if isinstance(fig, go.Figure) else fig

    return wrapper


for _name, _fn in list(globals().items()):
    if (
        not _name.startswith("_")
        and inspect.isfunction(_fn)
        and _fn.__module__ == __name__
        and inspect.signature(_fn).return_annotation in ("go.Figure", go.Figure)
    ):
        globals()[_name] = _returns_plain_text(_fn)
