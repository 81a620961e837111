"""Retention (留存分析): cohort tables and the 7-day method (七天留存法, SPEC §4)."""

import streamlit as st

from siyu import fmt
from siyu.charts.retention import (
    rate_comparison,
    retention_curves,
    retention_heatmap,
    segment_curves,
    seven_day_histogram,
)
from siyu.labels import GRAIN_LABELS, PENDING_LABELS
from siyu.metrics.base import period_days
from siyu.metrics.retention import (
    HORIZONS,
    SEVEN_DAY_LAST_DAY,
    mean_curve,
    pending_people,
    segment_sizes,
    seven_day_observed,
    seven_day_pending,
    seven_day_period,
    wide_table,
)
from siyu.views import retention as view
from siyu.web.address import choice
from siyu.web.cache import dataset_fact, metric
from siyu.web.frame import open_page
from siyu.web.tables import download_buttons, headed, table, table_with_downloads
from siyu.web.widgets import period, pick

ctx = open_page("retention")
has = {t: ctx.source.has(t) for t in ("orders", "members", "activity")}
if not has["orders"] and not (has["members"] and has["activity"]):
    st.info(ctx.t("retention.needs_data"))
    st.stop()

period_slot = st.container()  # the period filter, drawn once the view is known
last_day = dataset_fact(ctx, "last_data_day")
first_day = dataset_fact(ctx, "data_range")[0]


def to_observed_period() -> None:
    """Switching to the 7-day method: a period in which nobody has reached day 36 yet moves
    to the latest one of the same length that has them (the view never opens empty)."""
    if st.session_state.get("retention_view") != "seven_day":
        return
    current = st.session_state.get("period")
    if not (isinstance(current, (tuple, list)) and len(current) == 2):
        return
    if seven_day_observed(current[0], last_day):
        return
    moved = seven_day_period(first_day, last_day, period_days(*current))
    if moved is not None:
        st.session_state["period"] = moved
        st.session_state["_retention_moved"] = moved


top = st.columns([2, 2, 3])
views = view.VIEWS if has["orders"] else {"cohorts": view.VIEWS["cohorts"]}
shown_view = pick(
    ctx,
    "retention.view",
    views,
    key="retention_view",
    widget=top[0].segmented_control,
    on_change=to_observed_period,
)
with period_slot:
    # a link opening the 7-day method without a period opens on the latest observed one
    seven_default = seven_day_period(first_day, last_day) if shown_view == "seven_day" else None
    start, end = period(ctx, default=seven_default)
cohort_by = pick(
    ctx,
    "retention.cohort_by",
    {c: key for c, key in view.COHORT_BY.items() if has["members" if c == "join" else "orders"]},
    key="retention_cohort_by",
    widget=top[1].segmented_control,
)
if not has["members"]:
    st.caption(ctx.t("retention.only_first_order"))
elif not has["orders"]:
    st.caption(ctx.t("retention.only_join"))

# -- 7-day method --------------------------------------------------------------------------

if shown_view == "seven_day":
    st.caption(ctx.t("retention.seven.intro"))
    if (start, end) in (st.session_state.get("_retention_moved"), seven_default):
        st.caption(ctx.t("retention.seven.moved", start=start, end=end, last_day=last_day))
    group = pick(
        ctx,
        "retention.seven.col.group",
        view.SEVEN_FILTERS,
        key="retention_seven_group",
        widget=top[2].segmented_control,
    )
    hist = metric(ctx, "seven_day", start=start, end=end, group=group, cohort_by=cohort_by)
    compare = metric(ctx, "seven_day_compare", start=start, end=end, cohort_by=cohort_by)
    # people of the period whose day 36 is not in the data yet are left out: say how many
    starts = metric(
        ctx, "cohort_retention", start=start, end=end, cohort_by=cohort_by, grain="day", periods=1
    )
    late = seven_day_pending(starts, last_day)
    if late:
        count = fmt.show("count", late)
        st.caption(ctx.t(PENDING_LABELS["seven_day"], n=count, days=SEVEN_DAY_LAST_DAY))
    if view.nobody_observed(compare):
        # a period picked by hand (or given by a link) too recent for day 36
        latest = view.latest_observed_start(last_day)
        st.warning(ctx.t("retention.seven.too_short", last_day=last_day, latest=latest))
        shift = seven_day_period(first_day, last_day, period_days(start, end))
        if shift is not None and shift != (start, end):

            def use_observed_period() -> None:
                st.session_state["period"] = shift

            st.button(
                ctx.t("retention.seven.use_period", start=shift[0], end=shift[1]),
                on_click=use_observed_period,
                key="retention_seven_shift",
            )
        st.stop()
    left, right = st.columns(2)
    left.plotly_chart(
        seven_day_histogram(
            hist,
            title=ctx.t("retention.seven.histogram"),
            x_title=ctx.t("retention.seven.purchase_days"),
            members_label=ctx.t("retention.seven.members"),
            rate_label=ctx.t("retention.seven.rate"),
        ),
        width="stretch",
    )
    groups = view.seven_groups(ctx.t)
    right.plotly_chart(
        rate_comparison(
            compare,
            labels={g: groups[g] for g in ("7day", "other")},
            title=ctx.t("retention.seven.compare"),
        ),
        width="stretch",
    )
    difference = compare.iloc[2]
    if difference["rate"] is None:
        st.info(ctx.t("retention.seven.no_group"))
    else:
        st.success(view.verdict(ctx.t, difference))
    table(headed(ctx, view.compare_table(ctx.t, compare), view.SEVEN_COLUMNS), hide_index=True)
    st.caption(ctx.t("retention.seven.ci_method"))
    with left:
        download_buttons(
            ctx, headed(ctx, hist, view.HISTOGRAM_COLUMNS), "seven_day", "retention-seven-hist"
        )
    with right:
        download_buttons(
            ctx,
            headed(ctx, view.compare_download(ctx.t, compare), view.SEVEN_COLUMNS),
            "seven_day_compare",
            "retention-seven-compare",
        )
    st.stop()

# -- cohort table --------------------------------------------------------------------------

row = st.columns([2, 2, 3])
events = {e: key for e, key in view.EVENTS.items() if has["orders" if e == "order" else e]}
event = pick(ctx, "retention.event", events, key="retention_event", widget=row[0].segmented_control)
grain = pick(
    ctx,
    "retention.cohort_grain",
    GRAIN_LABELS,
    key="retention_grain",
    widget=row[1].segmented_control,
)
horizon = pick(
    ctx,
    "retention.horizon",
    view.HORIZON_LABELS,
    key="retention_horizon",
    widget=row[2].segmented_control,
)
row = st.columns([2, 2, 3], vertical_alignment="bottom")
breakdowns = ["none", *(b for b, t in (("channel", "members"), ("campaign", "orders")) if has[t])]
breakdown = choice(
    row[0].selectbox,
    ctx.t("retention.breakdown"),
    breakdowns,
    format_func=lambda b: ctx.t(view.BREAKDOWNS[b]),
    key="retention_breakdown",
)
breakdown = breakdown or "none"
on_or_after = row[1].toggle(
    ctx.t("retention.on_or_after"),
    help=ctx.t("retention.on_or_after.help"),
    key="retention_on_or_after",
    bind="query-params",
)
if not has["activity"]:
    st.caption(ctx.t("retention.no_activity"))

unit, periods = HORIZONS[horizon]
options = {
    "cohort_by": cohort_by,
    "grain": grain,
    "unit": unit,
    "event": event,
    "mode": "on_or_after" if on_or_after else "on",
    "breakdown": breakdown,
}
cells = metric(ctx, "cohort_retention", start=start, end=end, periods=periods, **options)
if cells.empty:
    st.info(ctx.t("retention.no_people"))
    st.stop()
if cells["retained"].isna().all():
    st.warning(ctx.t("retention.too_short", last_day=last_day))
    st.stop()

labels = view.period_labels(ctx.t, unit, periods)
band = view.band(unit, periods)
band_label = ctx.t("retention.band")


def segment_name(value) -> str:
    return view.segment_name(ctx.t, ctx.campaign, breakdown, value)


segment = None
one = cells
if breakdown != "none":
    curves = mean_curve(cells)
    curves["segment"] = [None if s is None else segment_name(s) for s in curves["segment"]]
    st.plotly_chart(
        segment_curves(
            curves, period_labels=labels, title=ctx.t("retention.curves_by_segment"),
            unknown_label=ctx.t("retention.segment.none"), band=band, band_label=band_label,
        ),
        width="stretch",
    )  # fmt: skip
    sizes = segment_sizes(cells)
    names = ["" if s is None else s for s in sizes["segment"]]
    people = dict(zip(names, sizes["people"], strict=True))
    chosen = choice(
        st.selectbox,
        ctx.t("retention.segment"),
        names,
        format_func=lambda s: ctx.t(
            "retention.segment.option",
            segment=segment_name(s or None),
            people=fmt.show("count", people[s]),
        ),
        key="retention_segment",
    )
    segment = chosen or None
    one = cells[cells["segment"].map(lambda s: s == segment)].drop(columns="segment")

st.plotly_chart(
    retention_heatmap(
        one,
        period_labels=labels,
        title=ctx.t("retention.heatmap"),
        size_label=ctx.t("retention.size"),
        band=band,
        band_label=band_label,
    ),
    width="stretch",
)
st.plotly_chart(
    retention_curves(
        one, mean=mean_curve(one), period_labels=labels, title=ctx.t("retention.curves"), mean_label=ctx.t("retention.mean"), band=band,
        band_label=band_label, cohorts_label=ctx.t("retention.cohorts"),
    ),
    width="stretch",
)  # fmt: skip
st.caption(ctx.t("retention.rules"))
if one["retained"].isna().any():
    st.caption(ctx.t("retention.partly_observed", last_day=last_day))
    st.caption(ctx.t(PENDING_LABELS["cohorts"], n=fmt.show("count", pending_people(one))))

st.subheader(ctx.t("retention.table"))
wide = wide_table(one)
table(*view.wide_shown(ctx.t, wide, labels), hide_index=True)
download_buttons(
    ctx,
    headed(
        ctx, view.long_table(ctx.t, ctx.campaign, cells, labels, breakdown), view.DOWNLOAD_COLUMNS
    ),
    "retention",
    "retention-table",
)

st.subheader(ctx.t("retention.members"))
pick_left, pick_right = st.columns(2)
cell_cohort = pick_left.selectbox(
    ctx.t("retention.pick_cohort"),
    [str(c) for c in wide["cohort"]],
    key="retention_cell_cohort",
    bind="query-params",
)
cell_period = choice(
    pick_right.selectbox,
    ctx.t("retention.pick_period"),
    list(range(periods)),
    format_func=labels.__getitem__,
    key="retention_cell_period",
)
people_list = metric(
    ctx,
    "retention_members",
    start=start,
    end=end,
    cohort=cell_cohort,
    period=cell_period,
    segment=segment,
    **options,
)
summary = view.cell_summary(people_list, cell_cohort, labels[cell_period])
observed = people_list["retained"].notna().all()
st.caption(
    ctx.t("retention.members_summary" if observed else "retention.members_unobserved", **summary)
)
table_with_downloads(
    ctx,
    view.cell_people(ctx.t, ctx.campaign, people_list, breakdown),
    headers=view.COLUMNS,
    stem=f"retention_{cell_cohort}_p{cell_period}",
    key="retention-members",
)
