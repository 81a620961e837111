"""Members (会员分层): membership tiers, RFM segments and operating layers as of one day."""

import streamlit as st

from siyu import fmt
from siyu.charts.members import segment_treemap, tier_bars, tier_sankey
from siyu.metrics.members import DEFAULT_THRESHOLDS, LAYER_DAYS, TIERS, analysis_day
from siyu.schema import TABLE_NEEDS
from siyu.views import members as view
from siyu.web.address import choice
from siyu.web.cache import metric, metric_preview
from siyu.web.frame import open_page
from siyu.web.lost import lost_customers
from siyu.web.tables import table_with_downloads
from siyu.web.widgets import period, pick, tag_filter

ctx = open_page("members", needs=("orders",))
start, end = period(ctx)
as_of = analysis_day(start, end)
st.caption(ctx.t("members.as_of", as_of=as_of, start=start))
if not ctx.source.has("members"):
    st.info(ctx.t("members.no_members"))
tag = tag_filter(ctx, start, end)  # the member lists and the lost customers

tab_tiers, tab_rfm, tab_layers, tab_lost = st.tabs(
    [
        ctx.t("members.tab.tiers"),
        ctx.t("members.tab.rfm"),
        ctx.t("members.tab.layers"),
        ctx.t("staff.tab.lost"),
    ]
)

# -- tiers ---------------------------------------------------------------------------------
with tab_tiers:
    c0, c1, c2, c3 = st.columns([1.4, 1, 1, 1])
    tier_source = pick(
        ctx, "members.tier_source", view.SOURCES, key="tier_source", widget=c0.segmented_control
    )
    t1, t2, t3 = (
        column.number_input(
            ctx.t(label),
            min_value=0,
            value=default,
            step=100,
            key=f"tier_{name}",
            bind="query-params",
        )
        for (name, label), column, default in zip(
            view.THRESHOLDS.items(), (c1, c2, c3), DEFAULT_THRESHOLDS, strict=True
        )
    )
    if not t1 <= t2 <= t3:
        st.error(ctx.t("members.thresholds_bad"))
        t1, t2, t3 = DEFAULT_THRESHOLDS
    tier_options = {"source": tier_source, "t1": t1, "t2": t2, "t3": t3}
    st.caption(ctx.t("members.tier_rule", t1=t1, t2=t2, t3=t3))

    tiers = metric(ctx, "tiers", start=start, end=end, **tier_options)
    shown = tiers.assign(tier=tiers["tier"].map(lambda tier: view.tier_label(ctx.t, tier)))
    st.plotly_chart(
        tier_bars(
            shown,
            x="tier",
            members="members",
            share="gmv_share",
            title=ctx.t("members.tiers.chart"),
            members_title=ctx.t("members.col.members"),
            share_title=ctx.t("members.col.gmv_share"),
        ),
        width="stretch",
    )
    table_with_downloads(
        ctx,
        shown,
        headers=view.COLUMNS,
        kinds=view.TIER_KINDS,
        stem=f"tiers_{as_of}",
        key="tiers_download",
        table_key="tiers_table",
    )

    st.subheader(ctx.t("members.movement", start=start, as_of=as_of))
    # the same tiers as the table above (source and thresholds): its right side is the table
    exported = tier_source == "exported"
    st.caption(ctx.t("members.movement.help_exported" if exported else "members.movement.help"))
    movement = metric(ctx, "tier_movement", start=start, end=end, **tier_options)
    if movement.empty:
        st.info(ctx.t("members.movement.empty"))
    else:
        st.plotly_chart(
            tier_sankey(
                movement,
                source="from_tier",
                target="to_tier",
                value="members",
                order=["new", *TIERS],
                labels=view.tier_labels(ctx.t),
                title="",  # the subheader above names it
            ),
            width="stretch",
        )

# -- RFM -----------------------------------------------------------------------------------
with tab_rfm:
    split = pick(ctx, "members.split", view.SPLITS, key="rfm_split")
    splits = metric(ctx, "rfm_splits", start=start, end=end, split=split).iloc[0]
    if not splits["buyers"]:
        st.info(ctx.t("members.rfm.no_buyers"))
    else:
        st.caption(ctx.t("members.rfm.help", **view.rfm_words(ctx.t, splits, split)))
        named = view.named_segments(ctx.t, metric(ctx, "rfm", start=start, end=end, split=split))
        st.plotly_chart(
            segment_treemap(
                named,
                label="segment",
                value="customers",
                share="gmv_share",
                title=ctx.t("members.rfm.treemap"),
                share_title=ctx.t("members.col.gmv_share"),
            ),
            width="stretch",
        )
        table_with_downloads(
            ctx,
            named,
            headers=view.COLUMNS,
            kinds=view.SEGMENT_KINDS,
            stem=f"rfm_segments_{as_of}",
            key="rfm_segments_download",
            table_key="rfm_table",
        )

        segment = choice(
            st.selectbox,
            ctx.t("members.segment_pick"),
            list(view.SEGMENTS),
            format_func=lambda k: ctx.t(view.SEGMENTS[k]),
            key="rfm_segment",
        )
        rfm_options = dict(
            start=start, end=end, split=split, segment=segment, personal=True, tag=tag
        )
        values = metric(ctx, "clv_values", start=start, end=end)
        people, total = metric_preview(ctx, "rfm_members", **rfm_options)
        st.caption(ctx.t("members.list_count", n=fmt.show("count", total)))
        table_with_downloads(
            ctx,
            view.rfm_people(ctx.t, people, values),
            headers=view.COLUMNS,
            kinds=view.RFM_PEOPLE_KINDS,
            download=lambda: view.rfm_people(
                ctx.t, metric(ctx, "rfm_members", **rfm_options), values
            ),
            total=total,
            stem=f"rfm_{segment}_{as_of}",
            key="rfm_download",
            table_key="rfm_people",
        )

# -- layers --------------------------------------------------------------------------------
with tab_layers:
    st.caption(ctx.t("members.layers.help", days=LAYER_DAYS))
    if not ctx.source.has("activity"):
        st.caption(ctx.t("members.layers.no_activity"))
    layer_options = {**tier_options, "split": split}
    counts = metric(ctx, "layers", start=start, end=end, **layer_options)
    for column, row in zip(st.columns(len(view.LAYERS)), counts.itertuples(), strict=True):
        box = column.container(border=True)
        box.metric(
            ctx.t(view.LAYERS[row.layer]),
            fmt.show("count", row.members),
            help=ctx.t(view.LAYER_HELP[row.layer], days=LAYER_DAYS),
        )
        box.caption(ctx.t("members.group_caption", group=ctx.t(view.LAYER_GROUPS[row.layer])))
        if row.members is None:
            box.caption(ctx.t(TABLE_NEEDS["members"]))

    layer = choice(
        st.selectbox,
        ctx.t("members.layer_pick"),
        list(view.LAYERS),
        format_func=lambda k: ctx.t(view.LAYERS[k]),
        key="layer",
    )
    list_options = dict(start=start, end=end, layer=layer, tag=tag, **layer_options)
    values = metric(ctx, "clv_values", start=start, end=end)
    listed, total = metric_preview(ctx, "layer_members", **list_options)
    st.caption(ctx.t("members.list_count", n=fmt.show("count", total)))
    table_with_downloads(
        ctx,
        view.layer_people(ctx.t, listed, values),
        headers=view.COLUMNS,
        kinds=view.LAYER_PEOPLE_KINDS,
        download=lambda: view.layer_people(
            ctx.t, metric(ctx, "layer_members", **list_options), values
        ),
        total=total,
        stem=f"layer_{layer}_{as_of}",
        key="layer_download",
        table_key="layer_people",
    )

# -- lost customers ------------------------------------------------------------------------
with tab_lost:
    if ctx.source.has("members"):
        lost_customers(ctx, start, end, tag=tag)
    else:
        st.info(ctx.t(TABLE_NEEDS["members"]))
