"""Overview (首页): the KPI cards against targets, GMV and new members over time."""

import streamlit as st

from siyu import charts, fmt, ui

ctx = ui.frame("overview")
if ctx.source is None:
    ui.no_dataset(ctx)
    st.stop()
if not ctx.source.has("orders"):
    st.info(ctx.t("needs.orders"))
    st.stop()

period = ui.period_filter(ctx)
if period is None:
    st.stop()
start, end = period
cards = ui.metric(ctx, "kpi_cards", start=start, end=end)

columns = st.columns(4)
for i, row in enumerate(cards.itertuples(index=False)):
    box = columns[i % 4].container(border=True)
    if row.needs:
        box.metric(ctx.t(f"kpi.{row.metric}"), "—", help=ctx.t(f"kpi.{row.metric}.help"))
        box.caption(ctx.t(f"needs.{row.needs}"))
        continue
    box.metric(
        ctx.t(f"kpi.{row.metric}"),
        fmt.show(row.metric, row.value),
        delta=fmt.show_delta(row.metric, row.value, row.previous),
        help=ctx.t(f"kpi.{row.metric}.help"),
    )
    if row.target is not None and row.target == row.target:
        box.caption(ctx.t("kpi.target", target=fmt.show(row.metric, row.target)))

grain = st.segmented_control(
    ctx.t("filter.grain"),
    ["day", "week"],
    default="day",
    format_func=lambda g: ctx.t(f"grain.{g}"),
    key="grain",
    bind="query-params",
)
series = ui.metric(ctx, "timeseries", start=start, end=end, grain=grain or "day")
left, right = st.columns(2)
left.plotly_chart(
    charts.bars_over_time(series, "period", "gmv", ctx.t("chart.gmv"), ctx.t("kpi.gmv"), money=True),
    width="stretch",
)
if ctx.source.has("members"):
    right.plotly_chart(
        charts.line_over_time(
            series, "period", "new_members", ctx.t("chart.new_members"), ctx.t("kpi.members")
        ),
        width="stretch",
    )
else:
    right.info(ctx.t("needs.members"))
st.caption(ctx.t("overview.caption", start=start, end=end))
