"""Overview (首页): the KPI cards against targets, GMV and new members over time."""

import streamlit as st

from siyu import charts, fmt, report, ui
from siyu.metrics.overview import incomplete_periods

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

windows = {"x_days": 3, "y_days": 7}
grid = ui.card_grid()
for row in cards.itertuples(index=False):
    box = grid.container(border=True)
    label = ctx.t(f"metric.{row.metric}", **windows)
    help_text = ctx.t(f"metric.{row.metric}.help", **windows)
    if row.needs:
        box.metric(label, "—", help=help_text)
        box.caption(ctx.t(f"needs.{row.needs}"))
        continue
    # the change is like for like (the previous period as it stood n days ago, see
    # siyu.metrics.overview.kpi_cards); people still inside a window are said, not hidden
    ui.card(
        box,
        ctx,
        label,
        row.kind,
        row.value,
        delta=fmt.show_change(row.kind, row.change),
        help=help_text,
    )
    if row.pending:
        box.caption(
            ctx.t(f"window.pending.{row.metric}", n=fmt.show("count", row.pending), **windows)
        )
    if row.target is not None:
        met = row.value is not None and row.value >= row.target
        box.caption(
            f"{ctx.t(f'target.{row.metric}')} · {ctx.t('target.met' if met else 'target.missed')}"
        )
st.caption(ctx.t("window.compare.cards", n=(end - start).days + 1))

grain = ui.choice(
    st.segmented_control,
    ctx.t("filter.grain"),
    ["day", "week"],
    default="day",
    format_func=lambda g: ctx.t(f"grain.{g}"),
    key="grain",
)
series = incomplete_periods(
    ui.metric(ctx, "timeseries", start=start, end=end, grain=grain or "day"),
    grain or "day",
    start,
    end,
    ui.dataset_fact(ctx, "last_data_day"),
)
incomplete = {"incomplete": "incomplete", "incomplete_label": ctx.t("window.incomplete")}
left, right = st.columns(2)
left.plotly_chart(
    charts.bars_over_time(
        series, "period", "gmv", ctx.t("chart.gmv"), ctx.t("metric.gmv"), money=True, **incomplete
    ),
    width="stretch",
)
if ctx.source.has("members"):
    right.plotly_chart(
        charts.line_over_time(
            series,
            "period",
            "new_members",
            ctx.t("chart.new_members"),
            ctx.t("metric.new_members"),
            **incomplete,
        ),
        width="stretch",
    )
else:
    right.info(ctx.t("needs.members"))
st.caption(ctx.t("overview.caption", start=start, end=end))

with st.expander(ctx.t("report.title"), icon=":material/summarize:"):
    week = st.date_input(
        ctx.t("report.week"),
        value=report.week_of(ui.dataset_fact(ctx, "default_period")[1])[0],
        key="report_week",
        bind="query-params",
    )
    st.download_button(
        ctx.t("report.download"),
        data=lambda: ui.weekly_report(ctx, week),
        file_name=f"siyu-weekly-{ctx.dataset}-{report.week_of(week)[0]}.html",
        mime="text/html",
        on_click="ignore",
        key="report_download",
        icon=":material/download:",
    )
