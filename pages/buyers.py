"""New and returning buyers (新老客): each week's GMV from first-time and from returning buyers,
as 有赞's member analysis splits it (`siyu.metrics.buyers`)."""

import streamlit as st

from siyu.charts.buyers import new_returning_bars
from siyu.views import buyers as view
from siyu.web.cache import metric
from siyu.web.frame import open_page
from siyu.web.tables import table_with_downloads
from siyu.web.widgets import period

ctx = open_page("buyers", needs=("orders",))
start, end = period(ctx)
st.caption(ctx.t("buyers.help"))

weeks = metric(ctx, "new_returning_gmv", start=start, end=end)
st.plotly_chart(
    new_returning_bars(
        weeks,
        x="week",
        new="new_gmv",
        returning="returning_gmv",
        title=ctx.t("buyers.chart"),
        new_label=ctx.t("buyers.col.new_gmv"),
        returning_label=ctx.t("buyers.col.returning_gmv"),
    ),
    width="stretch",
)
st.caption(ctx.t("buyers.new_share", share=view.period_share(weeks)))
table_with_downloads(
    ctx,
    weeks,
    headers=view.COLUMNS,
    kinds=view.KINDS,
    stem=f"new_returning_{start}_{end}",
    key="buyers_download",
)
