"""Group health (社群健康): daily activity, interaction and conversion per group against the
targets, push times, group sizes, joins and leaves, and the follow-up lists (SPEC §4)."""

import streamlit as st

from siyu import fmt
from siyu.charts.groups import group_counts, rate_with_target, weekday_hour_heatmap
from siyu.labels import KPI_LABELS
from siyu.metrics.groups import MAX_GROUP_SIZE, RATES, TARGETS, health_basis, unavailable
from siyu.schema import TABLE_NEEDS
from siyu.views import groups as view
from siyu.web.address import choice
from siyu.web.cache import dataset_fact, metric, metric_preview
from siyu.web.frame import open_page
from siyu.web.tables import table_with_downloads
from siyu.web.widgets import card, card_grid, kpi_card, period, tag_filter

ctx = open_page("groups")
source = ctx.source
basis = health_basis(source)
if basis is None:
    st.info(ctx.t("groups.needs"))
    st.stop()
start, end = period(ctx)  # the data's range covers WeCom's statistics days too

if basis == "group_daily":
    st.info(ctx.t("groups.basis_stats"))
elif not source.has("activity"):
    st.info(ctx.t("groups.basis_no_activity"))
if basis == "members" and not source.has("orders"):
    st.info(ctx.t("groups.basis_no_orders"))
missing = set(unavailable(source))

summary = metric(ctx, "group_summary", start=start, end=end)
is_total = summary["is_total"].astype(bool)
group_rows = summary[~is_total & summary["group_id"].notna()]
names = dict(zip(group_rows["group_id"], group_rows["name"], strict=True))
group = choice(
    st.selectbox,
    ctx.t("groups.group"),
    ["all", *sorted(group_rows["group_id"])],
    format_func=lambda g: view.group_label(ctx.t, names, g),
    key="group",
)
group = group or "all"
chosen = summary[is_total] if group == "all" else summary[summary["group_id"] == group]

# -- cards -----------------------------------------------------------------------------------
if not chosen.empty:
    grid = card_grid("group_cards", width_rem=9)
    boxes = [grid.container(border=True) for _ in range(5)]
    row = chosen.iloc[0]
    for box, rate in zip(boxes, RATES, strict=False):
        if rate in missing:
            box.metric(ctx.t(KPI_LABELS[rate]), "—")
            box.caption(ctx.t("groups.unavailable", metric=ctx.t(KPI_LABELS[rate])))
        else:
            kpi_card(box, ctx, rate, "rate", row[rate], target=TARGETS[rate])
    card(boxes[3], ctx, ctx.t("groups.size_now"), "count", row["size"])
    messages = None if "messages" in missing else row["messages"]
    card(boxes[4], ctx, ctx.t("groups.messages_total"), "count", messages)

# -- daily lines -----------------------------------------------------------------------------
if group == "all":
    daily = metric(ctx, "group_health_total", start=start, end=end)
else:
    health = metric(ctx, "group_health", start=start, end=end)
    daily = health[health["group_id"] == group]
daily = daily.assign(**{c: daily[c].astype(float) for c in RATES})

left, right = st.columns(2)
for slot, rate in zip((left, right, left), RATES, strict=True):
    label = ctx.t(KPI_LABELS[rate])
    if rate in missing:
        slot.info(ctx.t("groups.unavailable", metric=label))
        continue
    slot.plotly_chart(
        rate_with_target(
            daily,
            x="date",
            y=rate,
            title=ctx.t(view.RATE_CHARTS[rate]),
            name=label,
            target=TARGETS[rate],
            target_label=ctx.t("groups.target_line", value=fmt.show("rate", TARGETS[rate])),
        ),
        width="stretch",
        key=f"chart-{rate}",
    )
counts = {"members": ctx.t("groups.members"), "active": ctx.t("groups.active")}
if "messages" not in missing:
    counts["messages"] = ctx.t("groups.messages")
right.plotly_chart(
    group_counts(
        daily, x="date", series=counts, title=ctx.t("groups.chart.counts"), bars="messages"
    ),
    width="stretch",
    key="chart-counts",
)
if basis == "members":
    st.caption(ctx.t("groups.definitions"))

# -- groups compared -------------------------------------------------------------------------
st.subheader(ctx.t("groups.table"))
st.caption(ctx.t("groups.table.help"))
oversize = group_rows[group_rows["oversize"].astype(bool)]
if oversize.empty:
    st.caption(ctx.t("groups.no_oversize", limit=MAX_GROUP_SIZE))
else:
    groups = view.oversize_words(ctx.t, names, oversize)
    st.warning(ctx.t("groups.oversize", limit=MAX_GROUP_SIZE, groups=groups))
table_with_downloads(
    ctx,
    view.summary_table(ctx.t, summary),
    headers=view.SUMMARY_COLUMNS,
    kinds=view.SUMMARY_KINDS,
    stem=f"groups_{start}_{end}",
    key="groups-table",
    table_key="groups-table",
)

# -- push times ------------------------------------------------------------------------------
st.subheader(ctx.t("groups.push"))
if not (source.has("activity") or source.has("orders")):
    st.info(ctx.t("needs.activity"))
else:
    cells = metric(ctx, "push_times", start=start, end=end, group=group)
    hours = metric(ctx, "push_hours", start=start, end=end, group=group)
    weekdays = ctx.t("groups.weekdays").split(",")
    left, right = st.columns(2)
    for slot, kind in ((left, "activity"), (right, "orders")):
        if not source.has(kind):
            slot.info(ctx.t(TABLE_NEEDS[kind]))
            continue
        slot.plotly_chart(
            weekday_hour_heatmap(
                cells,
                value=kind,
                title=ctx.t(view.HEATMAPS[kind]),
                weekdays=weekdays,
                hour_title=ctx.t("groups.hour"),
                colorbar_title=ctx.t(view.HEATMAPS[kind]),
            ),
            width="stretch",
            key=f"heatmap-{kind}",
        )
        best = view.best_hours(ctx.t, hours, kind)
        if best is None:
            slot.caption(ctx.t("groups.push_empty"))
            continue
        slot.markdown(best[0])
        slot.caption(ctx.t("groups.agree" if best[1] else "groups.disagree"))

# -- joins and leaves ------------------------------------------------------------------------
st.subheader(ctx.t("groups.changes"))
changes = metric(ctx, "group_changes", start=start, end=end)
if group != "all":
    changes = changes[changes["group_id"] == group]
if changes.empty:
    st.caption(ctx.t("groups.changes_empty"))
else:
    table_with_downloads(
        ctx,
        view.changes_table(ctx.t, changes),
        headers=view.CHANGE_COLUMNS,
        stem=f"group_changes_{start}_{end}",
        key="changes-table",
        table_key="changes-table",
    )

# -- follow-up lists -------------------------------------------------------------------------
st.caption(ctx.t("groups.caption", start=start, end=end))
st.subheader(ctx.t("groups.follow_up"))
if not (source.has("members") and source.has("activity")):
    st.info(ctx.t("groups.lists_need"))
    st.stop()
ref = view.list_day(end, dataset_fact(ctx, "last_data_day"))
tag = tag_filter(ctx, start, end)

# Lazy tabs: only the list on screen is computed (each is a query over every member).
tab_silent, tab_potential = st.tabs(
    [ctx.t("groups.silent"), ctx.t("groups.potential")], key="list_tab", on_change="rerun"
)
with tab_silent:
    if tab_silent.open:
        days = st.number_input(
            ctx.t("groups.silent_days"),
            min_value=1,
            max_value=365,
            value=3,
            step=1,
            key="silent_days",
            bind="query-params",
        )
        silent_options = dict(
            start=start, end=end, days=int(days), group=group, contact=True, tag=tag
        )
        silent, total = metric_preview(ctx, "silent_members", **silent_options)
        n = fmt.show("count", total)
        st.caption(ctx.t("groups.silent.help", ref=ref, days=int(days), n=n))
        table_with_downloads(
            ctx,
            view.people(ctx.t, silent),
            headers=view.PEOPLE_COLUMNS,
            download=lambda: view.people(ctx.t, metric(ctx, "silent_members", **silent_options)),
            total=total,
            stem=f"silent_members_{ref}",
            key="silent-table",
            table_key="silent-table",
        )
        st.caption(ctx.t("groups.masked"))

with tab_potential:
    if tab_potential.open:
        if not source.has("orders"):
            st.info(ctx.t("needs.orders"))
        else:
            window = 7
            potential_options = dict(
                start=start, end=end, window=window, group=group, contact=True, tag=tag
            )
            potential, total = metric_preview(ctx, "high_potential", **potential_options)
            since = view.window_start(ref, window)
            n = fmt.show("count", total)
            st.caption(ctx.t("groups.potential.help", ref=ref, window=window, since=since, n=n))
            table_with_downloads(
                ctx,
                view.people(ctx.t, potential),
                headers=view.PEOPLE_COLUMNS,
                download=lambda: view.people(
                    ctx.t, metric(ctx, "high_potential", **potential_options)
                ),
                total=total,
                stem=f"high_potential_{ref}",
                key="potential-table",
                table_key="potential-table",
            )
