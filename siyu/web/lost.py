"""The lost customers (members who deleted the staff member or left the group, SPEC §4
"Staff and channels") as the staff and members pages draw them: cards, the lost per week and
staff member, staff and channel filters and the list with its downloads."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from siyu.charts.leaderboards import lost_weeks
from siyu.metrics import staff as sm
from siyu.web.address import choice
from siyu.web.cache import metric
from siyu.web.frame import Context
from siyu.web.tables import table_with_downloads
from siyu.web.widgets import card, card_grid


def lost_customers(
    ctx: Context, start: dt.date, end: dt.date, *, tag: str | None, key: str = "lost"
) -> None:
    """Draw the lost customers of [start, end] (members carrying `tag`; None: everyone);
    widget keys start with `key`."""

    def label(column: str) -> str:
        return ctx.t(sm.COLUMN_LABELS[column], x_days=sm.X_DAYS, y_days=sm.Y_DAYS)

    st.caption(ctx.t("staff.lost.help"))
    lost = metric(ctx, "lost_customers", start=start, end=end, tag=tag, names=True)
    summary = sm.lost_summary(lost)
    grid = card_grid(f"{key}_cards")
    card(grid.container(border=True), ctx, ctx.t("staff.lost.count"), "count", summary["count"])
    card(grid.container(border=True), ctx, ctx.t("staff.lost.buyers"), "count", summary["buyers"])
    card(
        grid.container(border=True),
        ctx,
        ctx.t("staff.lost.amount"),
        "money",
        summary["amount"] if ctx.source.has("orders") else None,
    )
    if lost.empty:
        st.info(ctx.t("staff.lost.none", start=start, end=end))
        return
    st.plotly_chart(
        lost_weeks(
            metric(ctx, "lost_weekly", start=start, end=end, tag=tag),
            title=ctx.t("staff.lost.chart", start=start, end=end),
            y_title=ctx.t("staff.lost.count"),
            no_staff=ctx.t("staff.no_staff"),
        ),
        width="stretch",
    )
    left, right = st.columns(2)
    everyone = ctx.t("staff.filter.all")
    who = choice(
        left.selectbox,
        label("staff"),
        ["", *sm.distinct(lost["staff"])],
        format_func=lambda v: v or everyone,
        key=f"{key}_staff",
    )
    via = choice(
        right.selectbox,
        label("channel"),
        ["", *sm.distinct(lost["channel"])],
        format_func=lambda v: v or everyone,
        key=f"{key}_channel",
    )
    table_with_downloads(
        ctx,
        sm.lost_filtered(lost, who, via).rename(columns=label),
        stem=f"lost-customers-{start}-{end}",
        key=f"{key}_list",
        kinds={label(c): k for c, k in sm.LOST_KINDS.items()},
    )
    st.caption(ctx.t("staff.lost.caption"))
