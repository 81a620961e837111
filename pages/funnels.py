"""Funnels (转化漏斗): the member funnel, AARRR and custom event funnels (SPEC §4)."""

import pandas as pd
import streamlit as st

from siyu import charts, fmt, i18n, ui
from siyu.metrics.funnels import (
    AARRR_STEPS,
    MEMBER_STEPS,
    FunnelOptionError,
    open_trend_weeks,
    open_windows,
)

ctx = ui.frame("funnels")
if ctx.source is None:
    ui.no_dataset(ctx)
    st.stop()
has = {t: ctx.source.has(t) for t in ("orders", "members", "activity")}
member_ok = has["members"] and has["orders"]

period = ui.period_filter(ctx)
if period is None:
    st.stop()
start, end = period


def pick(label_key, options, key, prefix, container=st, default=None):
    """A URL-bound segmented control over `options`, labelled `<prefix>.<option>`."""
    value = ui.choice(
        container.segmented_control,
        ctx.t(label_key),
        options,
        default=default or options[0],
        format_func=lambda o: ctx.t(f"{prefix}.{o}"),
        key=key,
    )
    return value if value in options else (default or options[0])


def columns(frame: pd.DataFrame) -> pd.DataFrame:
    """A result frame with translated column headings, for display and download."""
    return frame.rename(columns={c: ctx.t(f"funnels.col.{c}") for c in frame.columns})


# How the numeric columns of the funnel tables read (siyu.fmt; downloads keep the numbers).
KINDS = {
    "count": "count",
    "pending": "count",
    "conversion_from_previous": "rate",
    "conversion_overall": "rate",
    "median_hours_to_convert": "number",
}


def kinds(frame: pd.DataFrame) -> dict[str, str]:
    """The kinds of `frame`'s columns under their translated headings (see `columns`)."""
    return {ctx.t(f"funnels.col.{c}"): KINDS[c] for c in frame.columns if c in KINDS}


def duration(seconds) -> str:
    if seconds is None or pd.isna(seconds):
        return "—"
    minutes = round(float(seconds) / 60)
    return ctx.t(
        "funnels.duration", days=minutes // 1440, hours=minutes % 1440 // 60, minutes=minutes % 60
    )


def event_label(event: str) -> str:
    key = f"funnels.event.{event}"
    return ctx.t(key) if i18n.has(key) else event  # a kind of the user's own: as the data has it


views = ["member", "aarrr", "event"] if member_ok else ["event"]
if not member_ok:
    st.info(ctx.t("funnels.needs_members"))
view = pick("funnels.view", views, "funnel_view", "funnels.view")

# -- member funnel -------------------------------------------------------------------------

if view == "member":
    left, right = st.columns(2)
    x_days = left.slider(ctx.t("funnels.x_days"), 0, 14, 3, key="funnel_x", bind="query-params")
    y_days = right.slider(ctx.t("funnels.y_days"), 0, 30, 7, key="funnel_y", bind="query-params")
    windows = {"x_days": x_days, "y_days": y_days}
    labels = {s: ctx.t(f"funnels.step.{s}", **windows) for s in MEMBER_STEPS}
    funnel = ui.metric(ctx, "member_funnel", start=start, end=end, **windows)

    cards = st.columns(len(funnel))
    for box, row in zip(cards, funnel.itertuples(index=False), strict=True):
        box.metric(labels[row.step], fmt.show("count", row.count), border=True)
        if row.step != "joined":  # a share of the joiners, not a growth: no green pill
            box.caption(
                ctx.t("funnels.card.overall", rate=fmt.show("rate", row.conversion_overall))
            )
        if row.pending:  # people still inside this step's window: the count may grow
            box.caption(
                ctx.t(f"window.pending.{row.step}", n=fmt.show("count", row.pending), **windows)
            )
    st.plotly_chart(
        charts.funnel_steps(
            funnel.assign(label=[labels[s] for s in funnel["step"]]),
            "label",
            "count",
            ctx.t("funnels.chart.member"),
        ),
        width="stretch",
    )
    shown = funnel.assign(step=[labels[s] for s in funnel["step"]])
    ui.table(columns(shown), kinds(shown), hide_index=True, width="stretch")
    ui.download_buttons(ctx, columns(shown), "member-funnel", "funnel-member")
    st.caption(ctx.t("funnels.member.caption", **windows))
    # its repurchase step is not the overview's repurchase rate: say why they differ
    st.caption(ctx.t("metric.repurchase_rate_7d.vs_funnel", **windows))

    breakdown = pick(
        "funnels.breakdown",
        ["channel", "group", "join_week", "campaign"],
        "funnel_breakdown",
        "funnels.breakdown",
    )
    split = ui.metric(
        ctx, "member_funnel", start=start, end=end, breakdown=breakdown, **windows
    ).copy()
    split["breakdown"] = [
        ctx.t("funnels.breakdown.unknown")
        if b is None
        else ctx.campaign(b)
        if breakdown == "campaign"
        else str(b)
        for b in split["breakdown"]
    ]
    later = split.assign(open_window=open_windows(split))
    later = later[later["step"] != "joined"].assign(
        step_label=lambda f: [labels[s] for s in f["step"]]
    )
    st.plotly_chart(
        charts.funnel_breakdown(
            later,
            "breakdown",
            "conversion_overall",
            "step_label",
            ctx.t("funnels.chart.breakdown", breakdown=ctx.t(f"funnels.breakdown.{breakdown}")),
            incomplete="open_window",
            incomplete_label=ctx.t("window.open"),
        ),
        width="stretch",
    )
    table = split.assign(step=[labels[s] for s in split["step"]])
    table = table.drop(columns=["median_hours_to_convert"])
    ui.table(columns(table), kinds(table), hide_index=True, width="stretch")
    ui.download_buttons(ctx, columns(table), f"funnel-{breakdown}", "funnel-breakdown")

    st.subheader(ctx.t("funnels.dropped"))
    missed = ui.choice(
        st.selectbox,
        ctx.t("funnels.dropped_step"),
        list(MEMBER_STEPS[1:]),
        format_func=labels.__getitem__,
        key="funnel_dropped_step",
    )
    dropped_options = dict(start=start, end=end, step=missed, **windows)
    dropped, total = ui.metric_preview(ctx, "member_funnel_dropped", **dropped_options)
    st.caption(ctx.t("funnels.dropped.count", n=total))
    ui.table(columns(dropped.drop(columns=["step"])), hide_index=True, width="stretch")
    ui.preview_note(ctx, len(dropped), total)
    ui.download_buttons(
        ctx,
        lambda: columns(
            ui.metric(ctx, "member_funnel_dropped", **dropped_options).drop(columns=["step"])
        ),
        f"funnel-dropped-{missed}",
        "funnel-dropped",
    )

# -- AARRR ---------------------------------------------------------------------------------

elif view == "aarrr":
    if not has["activity"]:
        st.info(ctx.t("funnels.needs_activity"))
        st.stop()
    x_days = st.slider(ctx.t("funnels.x_days"), 0, 14, 3, key="funnel_x", bind="query-params")
    steps = ui.metric(ctx, "aarrr", start=start, end=end, x_days=x_days)
    labels = {s: ctx.t(f"funnels.aarrr.{s}", x_days=x_days) for s in AARRR_STEPS}
    shown = steps.assign(step=[labels[s] for s in steps["step"]])
    st.plotly_chart(
        charts.funnel_steps(shown, "step", "count", ctx.t("funnels.chart.aarrr")),
        width="stretch",
    )
    ui.table(columns(shown), kinds(shown), hide_index=True, width="stretch")
    ui.download_buttons(ctx, columns(shown), "aarrr", "funnel-aarrr")
    st.caption(ctx.t("funnels.aarrr.caption"))
    for row in steps.itertuples(index=False):
        if row.pending:
            st.caption(
                ctx.t(f"window.pending.{row.step}", n=fmt.show("count", row.pending), x_days=x_days)
            )

# -- custom event funnel -------------------------------------------------------------------

else:
    known = list(ui.metric(ctx, "funnel_events", start=start, end=end)["event"])
    if not known:
        st.info(ctx.t("funnels.no_events"))
        st.stop()
    activity_kinds = [e for e in known if e not in ("join", "order")]
    preferred = [e for e in ("join", *activity_kinds[:1], "order") if e in known]
    n_steps = st.slider(ctx.t("funnels.steps_count"), 2, 6, 3, key="funnel_n", bind="query-params")
    steps = []
    for i, box in enumerate(st.columns(n_steps)):
        default = preferred[i] if i < len(preferred) else known[i % len(known)]
        steps.append(
            ui.choice(
                box.selectbox,
                ctx.t("funnels.step_n", n=i + 1),
                known,
                index=known.index(default),
                format_func=event_label,
                key=f"funnel_step_{i + 1}",
            )
        )
    a, b, c, d = st.columns([1, 1, 2, 1])
    amount = a.number_input(
        ctx.t("funnels.window"), 1, 10_000, 7, key="funnel_window", bind="query-params"
    )
    unit = pick("funnels.window_unit", ["d", "h", "m"], "funnel_unit", "funnels.unit", b)
    order = pick(
        "funnels.order", ["ordered", "strict", "unordered"], "funnel_order", "funnels.order", c
    )
    count_by = pick("funnels.count", ["people", "conversions"], "funnel_count", "funnels.count", d)
    e, f = st.columns([1, 2])
    exclusion = ui.choice(
        e.selectbox,
        ctx.t("funnels.exclude"),
        ["", *known],
        format_func=lambda x: ctx.t("funnels.exclude.none") if not x else event_label(x),
        key="funnel_exclude",
    )
    exclude = None
    if exclusion:
        lo, hi = f.select_slider(
            ctx.t("funnels.exclude_between"),
            list(range(1, n_steps + 1)),
            value=(1, 2),
            key="funnel_exclude_steps",
            bind="query-params",
        )
        exclude = f"{exclusion}:{lo}-{hi}"
    options = {
        "steps": ",".join(steps),
        "window": f"{int(amount)}{unit}",
        "order": order,
        "exclude": exclude,
        "count": count_by,
    }
    try:
        result = ui.metric(ctx, "event_funnel", start=start, end=end, **options)
        trend = ui.metric(ctx, "event_funnel_trend", start=start, end=end, **options)
    except FunnelOptionError as exc:
        st.error(exc.message(ctx.lang))
        st.stop()

    shown = result.assign(
        label=[
            f"{k}. {event_label(ev)}" for k, ev in zip(result["step"], result["event"], strict=True)
        ]
    )
    st.plotly_chart(
        charts.funnel_steps(shown, "label", "count", ctx.t("funnels.chart.event")),
        width="stretch",
    )
    table = pd.DataFrame(
        {
            ctx.t("funnels.col.step"): result["step"],
            ctx.t("funnels.col.event"): [event_label(ev) for ev in result["event"]],
            ctx.t("funnels.col.count"): result["count"],
            ctx.t("funnels.col.mean_time"): [
                duration(v) for v in result["mean_seconds_to_convert"]
            ],
            ctx.t("funnels.col.median_time"): [
                duration(v) for v in result["median_seconds_to_convert"]
            ],
        }
    )
    ui.table(table, hide_index=True, width="stretch")
    ui.download_buttons(ctx, table, "event-funnel", "funnel-event")
    st.caption(ctx.t("funnels.event.caption"))

    if trend.empty:
        st.info(ctx.t("funnels.no_trend"))
    else:
        last_day = ui.dataset_fact(ctx, "last_data_day")
        trend = trend.assign(open_week=open_trend_weeks(trend, end, options["window"], last_day))
        st.plotly_chart(
            charts.conversion_trend(
                trend,
                "week",
                "conversion",
                ctx.t("funnels.chart.trend"),
                ctx.t("funnels.col.conversion"),
                incomplete="open_week",
                incomplete_label=ctx.t("window.open"),
            ),
            width="stretch",
        )

    st.subheader(ctx.t("funnels.dropped"))
    missed = ui.choice(
        st.selectbox,
        ctx.t("funnels.dropped_step"),
        list(range(2, len(steps) + 1)),
        format_func=lambda k: f"{k}. {event_label(steps[k - 1])}",
        key="funnel_event_dropped_step",
    )
    people_options = dict(start=start, end=end, step=missed, **options)
    people, total = ui.metric_preview(ctx, "event_funnel_dropped", **people_options)
    st.caption(ctx.t("funnels.dropped.count", n=total))
    ui.table(columns(people.drop(columns=["step"])), hide_index=True, width="stretch")
    ui.preview_note(ctx, len(people), total)
    ui.download_buttons(
        ctx,
        lambda: columns(
            ui.metric(ctx, "event_funnel_dropped", **people_options).drop(columns=["step"])
        ),
        f"event-funnel-dropped-{missed}",
        "event-dropped",
    )
