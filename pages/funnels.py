"""Funnels (转化漏斗): the member funnel, AARRR and custom event funnels (SPEC §4)."""

import streamlit as st

from siyu import fmt
from siyu.charts.funnels import conversion_trend, funnel_breakdown, funnel_steps
from siyu.labels import PENDING_LABELS
from siyu.metrics.funnels import FunnelOptionError, open_trend_weeks, open_windows
from siyu.views import funnels as view
from siyu.web.address import choice
from siyu.web.cache import dataset_fact, metric, metric_preview
from siyu.web.frame import open_page
from siyu.web.tables import table_with_downloads
from siyu.web.widgets import period, pick

ctx = open_page("funnels")
has = {t: ctx.source.has(t) for t in ("orders", "members", "activity")}
member_ok = has["members"] and has["orders"]
start, end = period(ctx)

if not member_ok:
    st.info(ctx.t("funnels.needs_members"))
views = view.VIEWS if member_ok else {"event": view.VIEWS["event"]}
shown_view = pick(ctx, "funnels.view", views, key="funnel_view")

# -- member funnel -------------------------------------------------------------------------

if shown_view == "member":
    left, right = st.columns(2)
    x_days = left.slider(ctx.t("funnels.x_days"), 0, 14, 3, key="funnel_x", bind="query-params")
    y_days = right.slider(ctx.t("funnels.y_days"), 0, 30, 7, key="funnel_y", bind="query-params")
    windows = {"x_days": x_days, "y_days": y_days}
    labels = view.step_labels(ctx.t, view.STEPS, **windows)
    funnel = metric(ctx, "member_funnel", start=start, end=end, **windows)

    cards = st.columns(len(funnel))
    for box, row in zip(cards, funnel.itertuples(index=False), strict=True):
        box.metric(labels[row.step], fmt.show("count", row.count), border=True)
        if row.step != "joined":  # a share of the joiners, not a growth: no green pill
            box.caption(
                ctx.t("funnels.card.overall", rate=fmt.show("rate", row.conversion_overall))
            )
        if row.pending:  # people still inside this step's window: the count may grow
            count = fmt.show("count", row.pending)
            box.caption(ctx.t(PENDING_LABELS[row.step], n=count, **windows))
    shown = funnel.assign(step=funnel["step"].map(labels))
    st.plotly_chart(
        funnel_steps(shown, label="step", value="count", title=ctx.t("funnels.chart.member")),
        width="stretch",
    )
    table_with_downloads(
        ctx,
        shown,
        headers=view.COLUMNS,
        kinds=view.KINDS,
        stem="member-funnel",
        key="funnel-member",
    )
    st.caption(ctx.t("funnels.member.caption", **windows))
    # its repurchase step is not the overview's repurchase rate: say why they differ
    st.caption(ctx.t("metric.repurchase_rate_7d.vs_funnel", **windows))

    breakdown = pick(ctx, "funnels.breakdown", view.BREAKDOWNS, key="funnel_breakdown")
    split = metric(ctx, "member_funnel", start=start, end=end, breakdown=breakdown, **windows)
    split = split.assign(
        breakdown=view.breakdown_values(split["breakdown"], breakdown, ctx.t, ctx.campaign)
    )
    later = split.assign(open_window=open_windows(split))
    later = later[later["step"] != "joined"].assign(step_label=lambda f: f["step"].map(labels))
    title = ctx.t("funnels.chart.breakdown", breakdown=ctx.t(view.BREAKDOWNS[breakdown]))
    st.plotly_chart(
        funnel_breakdown(
            later,
            x="breakdown",
            y="conversion_overall",
            series="step_label",
            title=title,
            incomplete="open_window",
            incomplete_label=ctx.t("window.open"),
        ),
        width="stretch",
    )
    table_with_downloads(
        ctx,
        split.assign(step=split["step"].map(labels)).drop(columns=["median_hours_to_convert"]),
        headers=view.COLUMNS,
        kinds=view.KINDS,
        stem=f"funnel-{breakdown}",
        key="funnel-breakdown",
    )

    st.subheader(ctx.t("funnels.dropped"))
    missed = choice(
        st.selectbox,
        ctx.t("funnels.dropped_step"),
        [s for s in labels if s != "joined"],
        format_func=labels.__getitem__,
        key="funnel_dropped_step",
    )
    dropped_options = dict(start=start, end=end, step=missed, **windows)
    dropped, total = metric_preview(ctx, "member_funnel_dropped", **dropped_options)
    st.caption(ctx.t("funnels.dropped.count", n=total))
    table_with_downloads(
        ctx,
        dropped.drop(columns=["step"]),
        headers=view.COLUMNS,
        download=lambda: metric(ctx, "member_funnel_dropped", **dropped_options).drop(
            columns=["step"]
        ),
        total=total,
        stem=f"funnel-dropped-{missed}",
        key="funnel-dropped",
    )

# -- AARRR ---------------------------------------------------------------------------------

elif shown_view == "aarrr":
    if not has["activity"]:
        st.info(ctx.t("funnels.needs_activity"))
        st.stop()
    x_days = st.slider(ctx.t("funnels.x_days"), 0, 14, 3, key="funnel_x", bind="query-params")
    steps = metric(ctx, "aarrr", start=start, end=end, x_days=x_days)
    labels = view.step_labels(ctx.t, view.AARRR, x_days=x_days)
    shown = steps.assign(step=steps["step"].map(labels))
    st.plotly_chart(
        funnel_steps(shown, label="step", value="count", title=ctx.t("funnels.chart.aarrr")),
        width="stretch",
    )
    table_with_downloads(
        ctx, shown, headers=view.COLUMNS, kinds=view.KINDS, stem="aarrr", key="funnel-aarrr"
    )
    st.caption(ctx.t("funnels.aarrr.caption"))
    for row in steps.itertuples(index=False):
        if row.pending:
            count = fmt.show("count", row.pending)
            st.caption(ctx.t(PENDING_LABELS[row.step], n=count, x_days=x_days))

# -- custom event funnel -------------------------------------------------------------------

else:
    known = list(metric(ctx, "funnel_events", start=start, end=end)["event"])
    if not known:
        st.info(ctx.t("funnels.no_events"))
        st.stop()
    n_steps = st.slider(ctx.t("funnels.steps_count"), 2, 6, 3, key="funnel_n", bind="query-params")
    steps = []
    boxes = st.columns(n_steps)
    defaults = view.default_steps(known, n_steps)
    for n, (box, default) in enumerate(zip(boxes, defaults, strict=True), start=1):
        steps.append(
            choice(
                box.selectbox,
                ctx.t("funnels.step_n", n=n),
                known,
                index=known.index(default),
                format_func=lambda event: view.event_label(ctx.t, event),
                key=f"funnel_step_{n}",
            )
        )
    a, b, c, d = st.columns([1, 1, 2, 1])
    amount = a.number_input(
        ctx.t("funnels.window"), 1, 10_000, 7, key="funnel_window", bind="query-params"
    )
    unit = pick(
        ctx, "funnels.window_unit", view.WINDOW_UNITS, key="funnel_unit", widget=b.segmented_control
    )
    order = pick(ctx, "funnels.order", view.ORDERS, key="funnel_order", widget=c.segmented_control)
    count_by = pick(
        ctx, "funnels.count", view.COUNTS, key="funnel_count", widget=d.segmented_control
    )
    e, f = st.columns([1, 2])
    exclusion = choice(
        e.selectbox,
        ctx.t("funnels.exclude"),
        ["", *known],
        format_func=lambda x: view.event_label(ctx.t, x) if x else ctx.t("funnels.exclude.none"),
        key="funnel_exclude",
    )
    between = (1, 2)
    if exclusion:
        between = f.select_slider(
            ctx.t("funnels.exclude_between"),
            view.step_numbers(n_steps),
            value=(1, 2),
            key="funnel_exclude_steps",
            bind="query-params",
        )
    options = view.event_options(steps, amount, unit, order, count_by, exclusion, between)
    try:
        result = metric(ctx, "event_funnel", start=start, end=end, **options)
        trend = metric(ctx, "event_funnel_trend", start=start, end=end, **options)
    except FunnelOptionError as exc:
        st.error(exc.message(ctx.lang))
        st.stop()

    shown = result.assign(label=view.numbered_events(ctx.t, result["event"]))
    st.plotly_chart(
        funnel_steps(shown, label="label", value="count", title=ctx.t("funnels.chart.event")),
        width="stretch",
    )
    table_with_downloads(
        ctx, view.event_table(result, ctx.t), stem="event-funnel", key="funnel-event"
    )
    st.caption(ctx.t("funnels.event.caption"))

    if trend.empty:
        st.info(ctx.t("funnels.no_trend"))
    else:
        last_day = dataset_fact(ctx, "last_data_day")
        trend = trend.assign(open_week=open_trend_weeks(trend, end, options["window"], last_day))
        st.plotly_chart(
            conversion_trend(
                trend,
                x="week",
                y="conversion",
                title=ctx.t("funnels.chart.trend"),
                y_title=ctx.t("funnels.col.conversion"),
                incomplete="open_week",
                incomplete_label=ctx.t("window.open"),
            ),
            width="stretch",
        )

    st.subheader(ctx.t("funnels.dropped"))
    missable = view.missed_steps(ctx.t, steps)
    missed = choice(
        st.selectbox,
        ctx.t("funnels.dropped_step"),
        list(missable),
        format_func=missable.__getitem__,
        key="funnel_event_dropped_step",
    )
    people_options = dict(start=start, end=end, step=missed, **options)
    people, total = metric_preview(ctx, "event_funnel_dropped", **people_options)
    st.caption(ctx.t("funnels.dropped.count", n=total))
    table_with_downloads(
        ctx,
        people.drop(columns=["step"]),
        headers=view.COLUMNS,
        download=lambda: metric(ctx, "event_funnel_dropped", **people_options).drop(
            columns=["step"]
        ),
        total=total,
        stem=f"event-funnel-dropped-{missed}",
        key="event-dropped",
    )
