"""Retention (留存分析): cohort tables and the 7-day method (七天留存法, SPEC §4)."""

import datetime as dt

import streamlit as st

from siyu import fmt, ui
from siyu.charts.retention import (
    rate_comparison,
    retention_curves,
    retention_heatmap,
    segment_curves,
    seven_day_histogram,
)
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

ctx = ui.frame("retention")
if ctx.source is None:
    ui.no_dataset(ctx)
    st.stop()
has = {t: ctx.source.has(t) for t in ("orders", "members", "activity")}
if not has["orders"] and not (has["members"] and has["activity"]):
    st.info(ctx.t("retention.needs_data"))
    st.stop()

period_slot = st.container()  # the period filter, drawn once the view is known
last_day = ui.dataset_fact(ctx, "last_data_day")
first_day = ui.dataset_fact(ctx, "data_range")[0]


def pick(label_key, options, key, prefix, container=st, on_change=None):
    """A URL-bound segmented control over `options`, labelled `<prefix>.<option>`."""
    value = ui.choice(
        container.segmented_control,
        ctx.t(label_key),
        options,
        default=options[0],
        format_func=lambda o: ctx.t(f"{prefix}.{o}"),
        key=key,
        on_change=on_change,
    )
    return value if value in options else options[0]


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
    moved = seven_day_period(first_day, last_day, (current[1] - current[0]).days + 1)
    if moved is not None:
        st.session_state["period"] = moved
        st.session_state["_retention_moved"] = moved


top = st.columns([2, 2, 3])
views = ["cohorts", "seven_day"] if has["orders"] else ["cohorts"]
view = pick("retention.view", views, "retention_view", "retention.view", top[0], to_observed_period)
with period_slot:
    # a link opening the 7-day method without a period opens on the latest observed one
    seven_default = seven_day_period(first_day, last_day) if view == "seven_day" else None
    period = ui.period_filter(ctx, default=seven_default)
if period is None:
    st.stop()
start, end = period
cohort_options = [c for c, ok in (("join", has["members"]), ("first_order", has["orders"])) if ok]
cohort_by = pick(
    "retention.cohort_by", cohort_options, "retention_cohort_by", "retention.cohort_by", top[1]
)
if not has["members"]:
    st.caption(ctx.t("retention.only_first_order"))
elif not has["orders"]:
    st.caption(ctx.t("retention.only_join"))

# -- 7-day method --------------------------------------------------------------------------

if view == "seven_day":
    st.caption(ctx.t("retention.seven.intro"))
    if (start, end) in (st.session_state.get("_retention_moved"), seven_default):
        st.caption(ctx.t("retention.seven.moved", start=start, end=end, last_day=last_day))
    group = pick(
        "retention.seven.col.group",
        ["all", "7day", "other"],
        "retention_seven_group",
        "retention.seven.filter",
        top[2],
    )
    hist = ui.metric(ctx, "seven_day", start=start, end=end, group=group, cohort_by=cohort_by)
    compare = ui.metric(ctx, "seven_day_compare", start=start, end=end, cohort_by=cohort_by)
    # people of the period whose day 36 is not in the data yet are left out: say how many
    starts = ui.metric(
        ctx, "cohort_retention", start=start, end=end, cohort_by=cohort_by, grain="day", periods=1
    )
    late = seven_day_pending(starts, last_day)
    if late:
        st.caption(
            ctx.t("window.pending.seven_day", n=fmt.show("count", late), days=SEVEN_DAY_LAST_DAY)
        )
    if int(compare["members"].iloc[:2].sum()) == 0:
        # a period picked by hand (or given by a link) too recent for day 36
        latest = last_day - dt.timedelta(days=SEVEN_DAY_LAST_DAY)
        st.warning(ctx.t("retention.seven.too_short", last_day=last_day, latest=latest))
        shift = seven_day_period(first_day, last_day, (end - start).days + 1)
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
    groups = ("7day", "other", "difference")
    labels = {g: ctx.t(f"retention.seven.group.{g}") for g in groups}
    right.plotly_chart(
        rate_comparison(
            compare,
            labels={g: labels[g] for g in groups[:2]},
            title=ctx.t("retention.seven.compare"),
        ),
        width="stretch",
    )
    diff = compare.iloc[2]
    if diff["rate"] is None:
        st.info(ctx.t("retention.seven.no_group"))
    else:

        def points(value: float) -> str:
            return ctx.t("retention.seven.pp", value=f"{value * 100:+.1f}")

        st.success(
            ctx.t(
                "retention.seven.verdict",
                diff=points(diff["rate"]),
                low=points(diff["ci_low"]),
                high=points(diff["ci_high"]),
            )
        )
    shown = compare.assign(
        group=[labels[g] for g in compare["group"]],
        members=[fmt.show("count", v) for v in compare["members"]],
        repurchased=[fmt.show("count", v) for v in compare["repurchased"]],
        rate=[fmt.show("rate", v) for v in compare["rate"]],
        ci=[
            "—" if lo is None else f"{fmt.show('rate', lo)} – {fmt.show('rate', hi)}"
            for lo, hi in zip(compare["ci_low"], compare["ci_high"], strict=True)
        ],
    )[["group", "members", "repurchased", "rate", "ci"]]
    ui.table(
        shown.rename(columns=lambda c: ctx.t(f"retention.seven.col.{c}")),
        hide_index=True,
        width="stretch",
    )
    st.caption(ctx.t("retention.seven.ci_method"))
    hist_columns = {
        "purchase_days": ctx.t("retention.seven.purchase_days"),
        "members": ctx.t("retention.seven.members"),
        "repurchase_30d_rate": ctx.t("retention.seven.rate"),
    }
    with left:
        ui.download_buttons(
            ctx, hist.rename(columns=hist_columns), "seven_day", "retention-seven-hist"
        )
    with right:
        ui.download_buttons(
            ctx,
            compare.assign(group=[labels[g] for g in compare["group"]]).rename(
                columns=lambda c: ctx.t(f"retention.seven.col.{c}")
            ),
            "seven_day_compare",
            "retention-seven-compare",
        )
    st.stop()

# -- cohort table --------------------------------------------------------------------------

row = st.columns([2, 2, 3])
events = [e for e, ok in (("order", has["orders"]), ("activity", has["activity"])) if ok]
event = pick("retention.event", events, "retention_event", "retention.event", row[0])
grain = pick("retention.cohort_grain", ["day", "week"], "retention_grain", "grain", row[1])
horizon = pick(
    "retention.horizon", list(HORIZONS), "retention_horizon", "retention.horizon", row[2]
)
row = st.columns([2, 2, 3], vertical_alignment="bottom")
breakdowns = ["none"] + [b for b, t in (("channel", "members"), ("campaign", "orders")) if has[t]]
breakdown = ui.choice(
    row[0].selectbox,
    ctx.t("retention.breakdown"),
    breakdowns,
    format_func=lambda b: ctx.t(f"retention.breakdown.{b}"),
    key="retention_breakdown",
)
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
    "breakdown": breakdown or "none",
}
table = ui.metric(ctx, "cohort_retention", start=start, end=end, periods=periods, **options)
if table.empty:
    st.info(ctx.t("retention.no_people"))
    st.stop()
if table["retained"].isna().all():
    st.warning(ctx.t("retention.too_short", last_day=last_day))
    st.stop()

labels = [ctx.t(f"retention.period.{unit}", n=n) for n in range(periods)]
band = (1, min(7, periods - 1)) if unit == "day" else None
band_label = ctx.t("retention.band")

segment = None
one = table
unknown = ctx.t("retention.segment.none")


def segment_name(value) -> str:
    """A segment as the reader names it: a campaign by its display name, unknown in words."""
    if value is None or value != value:
        return unknown
    return ctx.campaign(value) if options["breakdown"] == "campaign" else str(value)


if options["breakdown"] != "none":
    curves = mean_curve(table)
    curves["segment"] = [None if s is None else segment_name(s) for s in curves["segment"]]
    st.plotly_chart(
        segment_curves(
            curves, period_labels=labels, title=ctx.t("retention.curves_by_segment"), unknown_label=unknown, band=band, band_label=band_label,
        ),
        width="stretch",
    )  # fmt: skip
    sizes = segment_sizes(table)
    names = ["" if s is None else s for s in sizes["segment"]]
    people = dict(zip(names, sizes["people"], strict=True))
    chosen = ui.choice(
        st.selectbox,
        ctx.t("retention.segment"),
        names,
        format_func=lambda s: ctx.t(
            "retention.segment.option", segment=segment_name(s or None), people=f"{people[s]:,}"
        ),
        key="retention_segment",
    )
    segment = chosen or None
    one = table[table["segment"].map(lambda s: s == segment)].drop(columns="segment")

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
    st.caption(ctx.t("window.pending.cohorts", n=fmt.show("count", pending_people(one))))

st.subheader(ctx.t("retention.table"))
wide = wide_table(one)
columns = {"cohort": ctx.t("retention.col.cohort"), "cohort_size": ctx.t("retention.size")}
columns.update({p: labels[p] for p in range(periods)})
ui.table(
    wide.rename(columns=columns),
    {ctx.t("retention.size"): "count", **{labels[p]: "rate" for p in range(periods)}},
    hide_index=True,
    width="stretch",
)
download_columns = {
    "segment": ctx.t("retention.col.segment"),
    "cohort": ctx.t("retention.col.cohort"),
    "cohort_size": ctx.t("retention.col.cohort_size"),
    "period": ctx.t("retention.col.period"),
    "retained": ctx.t("retention.col.retained_people"),
    "rate": ctx.t("retention.col.rate"),
}
downloaded = table.assign(period=[labels[p] for p in table["period"]])
if "segment" in downloaded:
    downloaded["segment"] = [segment_name(s) for s in downloaded["segment"]]
ui.download_buttons(
    ctx, downloaded.rename(columns=download_columns), "retention", "retention-table"
)

st.subheader(ctx.t("retention.members"))
pick_left, pick_right = st.columns(2)
cohorts = [str(c) for c in wide["cohort"]]
cell_cohort = pick_left.selectbox(
    ctx.t("retention.pick_cohort"), cohorts, key="retention_cell_cohort", bind="query-params"
)
cell_period = ui.choice(
    pick_right.selectbox,
    ctx.t("retention.pick_period"),
    list(range(periods)),
    format_func=lambda p: labels[p],
    key="retention_cell_period",
)
people_list = ui.metric(
    ctx,
    "retention_members",
    start=start,
    end=end,
    cohort=cell_cohort,
    period=cell_period,
    segment=segment,
    **options,
)
summary = {
    "cohort": cell_cohort,
    "people": f"{len(people_list):,}",
    "period": labels[cell_period],
    "retained": f"{int(people_list['retained'].eq(True).sum()):,}",
}
observed = people_list["retained"].notna().all()
st.caption(
    ctx.t("retention.members_summary" if observed else "retention.members_unobserved", **summary)
)
if options["breakdown"] == "none":
    people_list = people_list.drop(columns="segment")
else:
    people_list["segment"] = [segment_name(s) for s in people_list["segment"]]
people_list = people_list.rename(columns=lambda c: ctx.t(f"retention.col.{c}"))
ui.table(people_list, hide_index=True, width="stretch")
ui.download_buttons(
    ctx, people_list, f"retention_{cell_cohort}_p{cell_period}", "retention-members"
)
