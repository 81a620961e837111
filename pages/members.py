"""Members (会员分层): membership tiers, RFM segments and operating layers as of one day."""

import datetime as dt

import pandas as pd
import streamlit as st

from siyu import fmt, ui
from siyu.charts.members import segment_treemap, tier_bars, tier_sankey
from siyu.metrics.clv import add_values
from siyu.metrics.members import (
    DEFAULT_THRESHOLDS,
    LAYER_DAYS,
    LAYERS,
    SEGMENTS,
    TIER_KEYS,
    TIER_SOURCES,
    TIERS,
)

ctx = ui.frame("members")
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
as_of = end + dt.timedelta(days=1)
st.caption(ctx.t("members.as_of", as_of=as_of, start=start))
if not ctx.source.has("members"):
    st.info(ctx.t("members.no_members"))


def tier_label(tier: str) -> str:
    return ctx.t(f"members.tier.{TIER_KEYS[tier]}") if tier in TIER_KEYS else tier


def headed(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with translated column headers, for display and download."""
    return frame.rename(columns={c: ctx.t(f"members.col.{c}") for c in frame.columns})


def kinds(money: tuple[str, ...] = (), rates: tuple[str, ...] = (), floats=()) -> dict:
    """How numeric columns read (siyu.fmt, through ui.table), under their translated headers."""
    named = {**dict.fromkeys(money, "money"), **dict.fromkeys(rates, "rate")}
    named |= dict.fromkeys(floats, "number")
    return {ctx.t(f"members.col.{col}"): kind for col, kind in named.items()}


tab_tiers, tab_rfm, tab_layers = st.tabs(
    [ctx.t("members.tab.tiers"), ctx.t("members.tab.rfm"), ctx.t("members.tab.layers")]
)

# -- tiers ---------------------------------------------------------------------------------
with tab_tiers:
    c0, c1, c2, c3 = st.columns([1.4, 1, 1, 1])
    tier_source = ui.choice(
        c0.segmented_control,
        ctx.t("members.tier_source"),
        list(TIER_SOURCES),
        default="exported",
        format_func=lambda s: ctx.t(f"members.tier_source.{s}"),
        key="tier_source",
    )
    t1, t2, t3 = (
        column.number_input(
            ctx.t(f"members.t{i}"),
            min_value=0,
            value=default,
            step=100,
            key=f"tier_t{i}",
            bind="query-params",
        )
        for i, (column, default) in enumerate(
            zip((c1, c2, c3), DEFAULT_THRESHOLDS, strict=True), start=1
        )
    )
    if not t1 <= t2 <= t3:
        st.error(ctx.t("members.thresholds_bad"))
        t1, t2, t3 = DEFAULT_THRESHOLDS
    tier_options = {"source": tier_source or "exported", "t1": t1, "t2": t2, "t3": t3}
    st.caption(ctx.t("members.tier_rule", t1=t1, t2=t2, t3=t3))

    tiers = ui.metric(ctx, "tiers", start=start, end=end, **tier_options)
    shown = tiers.assign(tier=tiers["tier"].map(tier_label))
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
    ui.table(
        headed(shown),
        kinds(
            money=("gmv",), rates=("gmv_share", "repurchase_rate"), floats=("orders_per_member",)
        ),
        hide_index=True,
        key="tiers_table",
    )
    ui.download_buttons(ctx, headed(shown), f"tiers_{as_of}", "tiers_download")

    st.subheader(ctx.t("members.movement", start=start, as_of=as_of))
    # the same tiers as the table above (source and thresholds): its right side is the table
    exported = tier_options["source"] == "exported"
    st.caption(ctx.t("members.movement.help_exported" if exported else "members.movement.help"))
    movement = ui.metric(ctx, "tier_movement", start=start, end=end, **tier_options)
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
                labels={k: tier_label(k) for k in TIER_KEYS},
                title="",  # the subheader above names it
            ),
            width="stretch",
        )

# -- RFM -----------------------------------------------------------------------------------
with tab_rfm:
    split = (
        ui.choice(
            st.segmented_control,
            ctx.t("members.split"),
            ["mean", "median"],
            default="mean",
            format_func=lambda s: ctx.t(f"members.split.{s}"),
            key="rfm_split",
        )
        or "mean"
    )
    splits = ui.metric(ctx, "rfm_splits", start=start, end=end, split=split).iloc[0]
    if not splits["buyers"]:
        st.info(ctx.t("members.rfm.no_buyers"))
    else:
        st.caption(
            ctx.t(
                "members.rfm.help",
                split=ctx.t(f"members.split.{split}"),
                buyers=f"{splits['buyers']:,}",
                r=f"{splits['recency']:.2f}",
                f=f"{splits['frequency']:.2f}",
                m=f"{splits['monetary']:,.2f}",
            )
        )
        segments = ui.metric(ctx, "rfm", start=start, end=end, split=split)
        named = segments.assign(
            segment=[ctx.t(f"members.segment.{k}") for k in segments["segment"]],
            action=[ctx.t(f"members.action.{k}") for k in segments["segment"]],
        )
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
        ui.table(
            headed(named),
            kinds(
                money=("gmv", "mean_monetary"),
                rates=("gmv_share",),
                floats=("mean_recency", "mean_frequency"),
            ),
            hide_index=True,
            key="rfm_table",
        )
        ui.download_buttons(ctx, headed(named), f"rfm_segments_{as_of}", "rfm_segments_download")

        segment = ui.choice(
            st.selectbox,
            ctx.t("members.segment_pick"),
            list(SEGMENTS),
            format_func=lambda k: ctx.t(f"members.segment.{k}"),
            key="rfm_segment",
        )
        rfm_options = dict(split=split, segment=segment, personal=True)

        def rfm_people(frame: pd.DataFrame) -> pd.DataFrame:
            frame = add_values(frame, ui.metric(ctx, "clv_values", start=start, end=end))
            return headed(
                frame.assign(segment=frame["segment"].map(lambda k: ctx.t(f"members.segment.{k}")))
            )

        people, total = ui.metric_preview(ctx, "rfm_members", start=start, end=end, **rfm_options)
        st.caption(ctx.t("members.list_count", n=f"{total:,}"))
        ui.table(
            rfm_people(people),
            kinds(money=("monetary", "clv"), rates=("p_alive",)),
            hide_index=True,
            key="rfm_people",
        )
        ui.preview_note(ctx, len(people), total)
        ui.download_buttons(
            ctx,
            lambda: rfm_people(ui.metric(ctx, "rfm_members", start=start, end=end, **rfm_options)),
            f"rfm_{segment}_{as_of}",
            "rfm_download",
        )

# -- layers --------------------------------------------------------------------------------
with tab_layers:
    st.caption(ctx.t("members.layers.help", days=LAYER_DAYS))
    if not ctx.source.has("activity"):
        st.caption(ctx.t("members.layers.no_activity"))
    layer_options = {**tier_options, "split": split}
    counts = ui.metric(ctx, "layers", start=start, end=end, **layer_options)
    columns = st.columns(len(LAYERS))
    for column, row in zip(columns, counts.itertuples(index=False), strict=True):
        box = column.container(border=True)
        box.metric(
            ctx.t(f"members.layer.{row.layer}"),
            fmt.show("count", row.members),
            help=ctx.t(f"members.layer.{row.layer}.help", days=LAYER_DAYS),
        )
        box.caption(ctx.t("members.group_caption", group=ctx.t(f"members.group.{row.layer}")))
        if row.members is None:
            box.caption(ctx.t("needs.members"))

    layer = ui.choice(
        st.selectbox,
        ctx.t("members.layer_pick"),
        list(LAYERS),
        format_func=lambda k: ctx.t(f"members.layer.{k}"),
        key="layer",
    )

    def layer_people(frame: pd.DataFrame) -> pd.DataFrame:
        frame = add_values(frame, ui.metric(ctx, "clv_values", start=start, end=end))
        return headed(
            frame.assign(
                layer=frame["layer"].map(lambda k: ctx.t(f"members.layer.{k}")),
                tier=frame["tier"].map(tier_label),
                segment=frame["segment"].map(
                    lambda k: ctx.t(f"members.segment.{k}") if isinstance(k, str) else None
                ),
            )
        )

    list_options = dict(start=start, end=end, layer=layer, **layer_options)
    listed, total = ui.metric_preview(ctx, "layer_members", **list_options)
    st.caption(ctx.t("members.list_count", n=f"{total:,}"))
    ui.table(
        layer_people(listed),
        kinds(money=("clv",), rates=("p_alive",)),
        hide_index=True,
        key="layer_people",
    )
    ui.preview_note(ctx, len(listed), total)
    ui.download_buttons(
        ctx,
        lambda: layer_people(ui.metric(ctx, "layer_members", **list_options)),
        f"layer_{layer}_{as_of}",
        "layer_download",
    )
