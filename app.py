"""Overview (首页): the KPI cards against targets, GMV and new members over time."""

import streamlit as st

from siyu import report
from siyu.charts.series import bars_over_time, line_over_time
from siyu.labels import GRAIN_LABELS
from siyu.metrics.base import period_days
from siyu.metrics.overview import incomplete_periods
from siyu.web.cache import dataset_fact, metric, weekly_report
from siyu.web.frame import open_page
from siyu.web.widgets import card_grid, kpi_card, period, pick

ctx = open_page("overview", needs=("orders",))
start, end = period(ctx)

# the change is like for like (the previous period as it stood n days ago, see
# siyu.metrics.overview.kpi_cards); people still inside a window are said, not hidden
windows = {"x_days": 3, "y_days": 7}
grid = card_grid()
for row in metric(ctx, "kpi_cards", start=start, end=end).itertuples(index=False):
    kpi_card(
        grid.container(border=True),
        ctx,
        row.metric,
        row.kind,
        row.value,
        change=row.change,
        target=row.target,
        pending=row.pending,
        needs=row.needs,
        windows=windows,
    )
st.caption(ctx.t("window.compare.cards", n=period_days(start, end)))

grain = pick(ctx, "filter.grain", GRAIN_LABELS, key="grain")
series = incomplete_periods(
    metric(ctx, "timeseries", start=start, end=end, grain=grain),
    grain,
    start,
    end,
    dataset_fact(ctx, "last_data_day"),
)
incomplete = {"incomplete": "incomplete", "incomplete_label": ctx.t("window.incomplete")}
left, right = st.columns(2)
left.plotly_chart(
    bars_over_time(
        series,
        x="period",
        y="gmv",
        title=ctx.t("chart.gmv"),
        y_title=ctx.t("metric.gmv"),
        money=True,
        **incomplete,
    ),
    width="stretch",
)
if ctx.source.has("members"):
    right.plotly_chart(
        line_over_time(
            series,
            x="period",
            y="new_members",
            title=ctx.t("chart.new_members"),
            y_title=ctx.t("metric.new_members"),
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
        value=report.week_of(dataset_fact(ctx, "default_period")[1])[0],
        key="report_week",
        bind="query-params",
    )
    st.download_button(
        ctx.t("report.download"),
        data=lambda: weekly_report(ctx, week),
        file_name=f"siyu-weekly-{ctx.dataset}-{report.week_of(week)[0]}.html",
        mime="text/html",
        on_click="ignore",
        key="report_download",
        icon=":material/download:",
    )
