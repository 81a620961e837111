"""Group health (社群健康): daily activity, interaction and conversion per group against the
targets, push times, group sizes, joins and leaves, and the follow-up lists (SPEC §4)."""

import datetime as dt

import pandas as pd
import streamlit as st

from siyu import fmt, ui
from siyu.charts.groups import group_counts, rate_with_target, weekday_hour_heatmap
from siyu.metrics.groups import (
    MAX_GROUP_SIZE,
    RATES,
    TARGETS,
    USUAL_PUSH_HOURS,
    health_basis,
    unavailable,
)

ctx = ui.frame("groups")
if ctx.source is None:
    ui.no_dataset(ctx)
    st.stop()
source = ctx.source
basis = health_basis(source)
if basis is None:
    st.info(ctx.t("groups.needs"))
    st.stop()

# -- period ----------------------------------------------------------------------------------
if any(source.has(t) for t in ("orders", "members", "activity")):
    period = ui.period_filter(ctx)
else:
    # only WeCom's statistics: the shared filter knows no stat_date, so it is bounded here
    span = ui.metric(ctx, "group_stats_range").iloc[0]
    if span["last_day"] is None:
        st.info(ctx.t("groups.needs"))
        st.stop()
    first, last = span["first_day"], span["last_day"]
    value = st.date_input(
        ctx.t("filter.period"),
        value=(max(first, last - dt.timedelta(days=27)), last),
        min_value=first - dt.timedelta(days=366),
        max_value=last + dt.timedelta(days=366),
        key="period",
        bind="query-params",
    )
    period = tuple(value) if isinstance(value, (tuple, list)) and len(value) == 2 else None
if period is None:
    st.stop()
start, end = period

if basis == "group_daily":
    st.info(ctx.t("groups.basis_stats"))
elif not source.has("activity"):
    st.info(ctx.t("groups.basis_no_activity"))
if basis == "members" and not source.has("orders"):
    st.info(ctx.t("groups.basis_no_orders"))
missing = set(unavailable(source))

summary = ui.metric(ctx, "group_summary", start=start, end=end)
is_total = summary["is_total"].astype(bool)
group_rows = summary[~is_total & summary["group_id"].notna()]
names = dict(zip(group_rows["group_id"], group_rows["name"], strict=True))


def group_label(group: object) -> str:
    if group == "all":
        return ctx.t("groups.all")
    if group is None:
        return ctx.t("groups.no_group")
    name = names.get(group)
    return f"{group} · {name}" if name else str(group)


group = ui.choice(
    st.selectbox,
    ctx.t("groups.group"),
    ["all", *sorted(group_rows["group_id"])],
    format_func=group_label,
    key="group",
)
group = group or "all"
chosen = summary[is_total] if group == "all" else summary[summary["group_id"] == group]

# -- cards -----------------------------------------------------------------------------------
if len(chosen):
    grid = ui.card_grid("group_cards", width_rem=9)
    columns = [grid.container(border=True) for _ in range(5)]
    card = chosen.iloc[0]
    for box, metric in zip(columns, RATES, strict=False):
        label = ctx.t(f"metric.{metric}")
        if metric in missing:
            box.metric(label, "—")
            box.caption(ctx.t("groups.unavailable", metric=label))
            continue
        box.metric(label, fmt.show("rate", card[metric]), help=ctx.t(f"metric.{metric}.help"))
        met = card[metric] is not None and card[metric] >= TARGETS[metric]
        box.caption(
            f"{ctx.t(f'target.{metric}')} · {ctx.t('target.met' if met else 'target.missed')}"
        )
    ui.card(columns[3], ctx, ctx.t("groups.size_now"), "count", card["size"])
    ui.card(
        columns[4],
        ctx,
        ctx.t("groups.messages_total"),
        "count",
        None if "messages" in missing else card["messages"],
    )

# -- daily lines -----------------------------------------------------------------------------
if group == "all":
    daily = ui.metric(ctx, "group_health_total", start=start, end=end)
else:
    health = ui.metric(ctx, "group_health", start=start, end=end)
    daily = health[health["group_id"] == group]
daily = daily.assign(**{c: daily[c].astype(float) for c in RATES})

left, right = st.columns(2)
for slot, metric in zip((left, right, left), RATES, strict=True):
    label = ctx.t(f"metric.{metric}")
    if metric in missing:
        slot.info(ctx.t("groups.unavailable", metric=label))
        continue
    slot.plotly_chart(
        rate_with_target(
            daily,
            x="date",
            y=metric,
            title=ctx.t(f"groups.chart.{metric}"),
            name=label,
            target=TARGETS[metric],
            target_label=ctx.t("groups.target_line", value=fmt.show("rate", TARGETS[metric])),
        ),
        width="stretch",
        key=f"chart-{metric}",
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
if len(oversize):
    st.warning(
        ctx.t(
            "groups.oversize",
            limit=MAX_GROUP_SIZE,
            groups=ctx.t("groups.sep").join(
                f"{group_label(g)} ({n})"
                for g, n in zip(oversize["group_id"], oversize["size"], strict=True)
            ),
        )
    )
else:
    st.caption(ctx.t("groups.no_oversize", limit=MAX_GROUP_SIZE))

table = summary[~is_total].drop(columns="is_total")
table = table.assign(
    group_id=[g if g is not None else ctx.t("groups.no_group") for g in table["group_id"]],
    oversize=[ctx.t("groups.yes") if v else "" for v in table["oversize"]],
    **{c: table[c].astype(float) for c in (*RATES, "shortfall")},
)
headers = {
    "group_id": ctx.t("groups.col.group"),
    "name": ctx.t("groups.col.name"),
    "size": ctx.t("groups.col.size"),
    "oversize": ctx.t("groups.col.oversize"),
    "defined_days": ctx.t("groups.col.days"),
    **{c: ctx.t(f"metric.{c}") for c in RATES},
    "messages": ctx.t("groups.col.messages"),
    "shortfall": ctx.t("groups.col.shortfall"),
}
table = table.rename(columns=headers)
ui.table(
    table,
    {
        **{ctx.t(f"metric.{c}"): "rate" for c in RATES},
        headers["size"]: "count",
        headers["defined_days"]: "count",
        headers["messages"]: "count",
        headers["shortfall"]: "number",
    },
    hide_index=True,
    key="groups-table",
)
ui.download_buttons(ctx, table, f"groups_{start}_{end}", "groups-table")

# -- push times ------------------------------------------------------------------------------
st.subheader(ctx.t("groups.push"))
if not (source.has("activity") or source.has("orders")):
    st.info(ctx.t("needs.activity"))
else:
    cells = ui.metric(ctx, "push_times", start=start, end=end, group=group)
    hours = ui.metric(ctx, "push_hours", start=start, end=end, group=group)
    weekdays = ctx.t("groups.weekdays").split(",")
    left, right = st.columns(2)
    for slot, kind in ((left, "activity"), (right, "orders")):
        if not source.has(kind):
            slot.info(ctx.t(f"needs.{kind}"))
            continue
        slot.plotly_chart(
            weekday_hour_heatmap(
                cells,
                value=kind,
                title=ctx.t(f"groups.heatmap.{kind}"),
                weekdays=weekdays,
                hour_title=ctx.t("groups.hour"),
                colorbar_title=ctx.t(f"groups.heatmap.{kind}"),
            ),
            width="stretch",
            key=f"heatmap-{kind}",
        )
        best = hours[hours[f"best_{kind}"].astype(bool)].sort_values(f"{kind}_rank")
        if best.empty:
            slot.caption(ctx.t("groups.push_empty"))
            continue
        inside = int(best["usual"].astype(bool).sum())
        slot.markdown(
            ctx.t(
                "groups.best",
                what=ctx.t(f"groups.what.{kind}"),
                hours=ctx.t("groups.sep").join(
                    ctx.t("groups.hour_label", hour=h) for h in best["hour"]
                ),
                inside=f"{inside}/{len(best)}",
                hours_share=fmt.show("rate", len(USUAL_PUSH_HOURS) / 24),
                share=fmt.show("rate", best[f"usual_{kind}_share"].iloc[0]),
            )
        )
        slot.caption(ctx.t("groups.agree" if inside == len(best) else "groups.disagree"))

# -- joins and leaves ------------------------------------------------------------------------
st.subheader(ctx.t("groups.changes"))
changes = ui.metric(ctx, "group_changes", start=start, end=end)
if group != "all":
    changes = changes[changes["group_id"] == group]
if changes.empty:
    st.caption(ctx.t("groups.changes_empty"))
else:
    shown = changes.assign(
        group_id=[g if g is not None else ctx.t("groups.no_group") for g in changes["group_id"]]
    ).rename(
        columns={
            "group_id": ctx.t("groups.col.group"),
            "name": ctx.t("groups.col.name"),
            "week": ctx.t("groups.col.week"),
            "joins": ctx.t("groups.col.joins"),
            "leaves": ctx.t("groups.col.leaves"),
            "net": ctx.t("groups.col.net"),
        }
    )
    ui.table(shown, hide_index=True, key="changes-table")
    ui.download_buttons(ctx, shown, f"group_changes_{start}_{end}", "changes-table")

# -- follow-up lists -------------------------------------------------------------------------
st.caption(ctx.t("groups.caption", start=start, end=end))
st.subheader(ctx.t("groups.follow_up"))
if not (source.has("members") and source.has("activity")):
    st.info(ctx.t("groups.lists_need"))
    st.stop()

last = ui.dataset_fact(ctx, "last_data_day")
ref = end if last is None else min(end, last)
people_headers = {
    "user_id": ctx.t("groups.col.user"),
    "group_id": ctx.t("groups.col.group"),
    "nickname": ctx.t("groups.col.nickname"),
    "phone": ctx.t("groups.col.phone"),
    "joined_at": ctx.t("groups.col.joined_at"),
    "last_active_at": ctx.t("groups.col.last_active_at"),
    "days_silent": ctx.t("groups.col.days_silent"),
    "active_days": ctx.t("groups.col.active_days"),
}


def people(frame: pd.DataFrame) -> pd.DataFrame:
    """Ids first, then the masked contact, then the list's own columns; translated headers."""
    order = ["user_id", "group_id", "nickname", "phone"]
    order += [c for c in frame.columns if c not in order]
    named = frame.assign(
        group_id=[g if g is not None else ctx.t("groups.no_group") for g in frame["group_id"]]
    )
    return named[order].rename(columns=people_headers)


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
        silent_options = dict(start=start, end=end, days=int(days), group=group, contact=True)
        silent, total = ui.metric_preview(ctx, "silent_members", **silent_options)
        st.caption(ctx.t("groups.silent.help", ref=ref, days=int(days), n=f"{total:,}"))
        ui.table(people(silent), hide_index=True, key="silent-table")
        ui.preview_note(ctx, len(silent), total)
        ui.download_buttons(
            ctx,
            lambda: people(ui.metric(ctx, "silent_members", **silent_options)),
            f"silent_members_{ref}",
            "silent-table",
        )
        st.caption(ctx.t("groups.masked"))

with tab_potential:
    if tab_potential.open:
        if not source.has("orders"):
            st.info(ctx.t("needs.orders"))
        else:
            window = 7
            potential_options = dict(start=start, end=end, window=window, group=group, contact=True)
            potential, total = ui.metric_preview(ctx, "high_potential", **potential_options)
            st.caption(
                ctx.t(
                    "groups.potential.help",
                    ref=ref,
                    window=window,
                    since=ref - dt.timedelta(days=window - 1),
                    n=f"{total:,}",
                )
            )
            ui.table(people(potential), hide_index=True, key="potential-table")
            ui.preview_note(ctx, len(potential), total)
            ui.download_buttons(
                ctx,
                lambda: people(ui.metric(ctx, "high_potential", **potential_options)),
                f"high_potential_{ref}",
                "potential-table",
            )
            st.caption(ctx.t("groups.masked"))
