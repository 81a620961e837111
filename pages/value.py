"""Value (价值): who is still a customer, what each is worth, how cohorts' value grows.

Every number comes from `siyu.metrics.clv` (BG/NBD and Gamma-Gamma fitted on the paid orders
up to the period's last day); the page draws them and states each assumption.
"""

import datetime as dt

import pandas as pd
import streamlit as st

from siyu import fmt, ui
from siyu.charts.value import clv_holdout_bars, clv_tracking_lines, value_curves
from siyu.metrics import clv as C
from siyu.metrics.members import TIER_KEYS

ctx = ui.frame("value")
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
has_members = ctx.source.has("members")

unit = (
    st.segmented_control(
        ctx.t("value.unit"),
        list(C.UNITS),
        default=C.DEFAULT_UNIT,
        format_func=lambda u: ctx.t(f"value.unit.{u}"),
        key="value_unit",
        bind="query-params",
    )
    or C.DEFAULT_UNIT
)
st.caption(ctx.t("value.as_of", end=end, as_of=end + dt.timedelta(days=1)))

model = ui.metric(ctx, "clv_model", start=start, end=end, unit=unit)
values = dict(zip(model["parameter"], model["value"], strict=True))
fitted = values["r"] is not None
for reason in C.history_warnings(model):
    st.warning(
        ctx.t(
            f"value.warn.{reason}",
            n=fmt.show("count", values["repeat_customers"]),
            min=f"{C.MIN_REPEAT_BUYERS:,}",
            days=fmt.show("count", values["history_days"] or 0),
            weeks=C.MIN_HISTORY_DAYS // 7,
        )
    )


def tier_label(tier: object) -> object:
    return ctx.t(f"members.tier.{TIER_KEYS[tier]}") if tier in TIER_KEYS else tier


def segment_label(key: object) -> object:
    return ctx.t(f"members.segment.{key}") if isinstance(key, str) else None


def headed(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with translated headers and words, for the screen and the downloads."""
    out = frame.copy()
    if "tier" in out:
        out["tier"] = out["tier"].map(tier_label)
    if "segment" in out:
        out["segment"] = out["segment"].map(segment_label)
    if "layer" in out:
        out["group"] = out["layer"].map(lambda k: ctx.t(f"members.group.{k}"))
        out = out.drop(columns="layer")
    return out.rename(columns={c: ctx.t(f"value.col.{c}") for c in out.columns})


def kinds(money=(), rates=(), numbers=()) -> dict[str, str]:
    named = {**dict.fromkeys(money, "money"), **dict.fromkeys(rates, "rate")}
    named |= dict.fromkeys(numbers, "number")
    return {ctx.t(f"value.col.{c}"): k for c, k in named.items()}


PERSON_KINDS = kinds(
    money=("expected_spend", "clv", "paid_amount"),
    rates=("p_alive",),
    numbers=("recency", "T", "expected_purchases"),
)

tab_model, tab_people, tab_risk, tab_check, tab_cohorts = st.tabs(
    [
        ctx.t("value.tab.model"),
        ctx.t("value.tab.people"),
        ctx.t("value.tab.risk"),
        ctx.t("value.tab.check"),
        ctx.t("value.tab.cohorts"),
    ]
)

# -- the fit -------------------------------------------------------------------------------
with tab_model:
    st.markdown(ctx.t("value.model.how", unit=ctx.t(f"value.unit.{unit}")))
    rows = [
        ("r", "bgnbd"),
        ("alpha", "bgnbd"),
        ("a", "bgnbd"),
        ("b", "bgnbd"),
        ("p", "spend"),
        ("q", "spend"),
        ("gamma", "spend"),
        ("log_likelihood", "bgnbd"),
        ("spend_log_likelihood", "spend"),
    ]
    table = pd.DataFrame(
        {
            ctx.t("value.col.parameter"): [ctx.t(f"value.param.{k}") for k, _ in rows],
            ctx.t("value.col.value"): pd.Series([fmt.as_float(values[k]) for k, _ in rows]),
            ctx.t("value.col.model"): [ctx.t(f"value.model.{m}") for _, m in rows],
            ctx.t("value.col.meaning"): [
                ctx.t(f"value.meaning.{k}", unit=ctx.t(f"value.unit.{unit}")) for k, _ in rows
            ],
        }
    )
    grid = ui.card_grid("value_cards")
    for key in ("customers", "repeat_customers"):
        ui.card(grid.container(border=True), ctx, ctx.t(f"value.card.{key}"), "count", values[key])
    mean_spend = None
    if values["q"] is not None and values["q"] > 1:
        mean_spend = values["p"] * values["gamma"] / (values["q"] - 1)
    ui.card(
        grid.container(border=True),
        ctx,
        ctx.t("value.card.mean_spend"),
        "money",
        mean_spend,
        help=ctx.t("value.card.mean_spend.help"),
    )
    ui.table(
        table,
        {ctx.t("value.col.value"): "number"},
        hide_index=True,
        key="value_model_table",
    )
    st.caption(ctx.t("value.model.sources"))

# -- per person ----------------------------------------------------------------------------
with tab_people:
    c0, c1, c2 = st.columns(3)
    months = c0.selectbox(
        ctx.t("value.horizon"),
        [3, 6, 12, 24],
        index=2,
        format_func=lambda m: ctx.t("value.horizon.months", n=m),
        key="value_horizon",
        bind="query-params",
    )
    margin_pct = c1.number_input(
        ctx.t("value.margin"),
        min_value=1,
        max_value=100,
        value=100,
        step=5,
        key="value_margin",
        bind="query-params",
    )
    discount_pct = c2.number_input(
        ctx.t("value.discount"),
        min_value=0.0,
        max_value=10.0,
        value=C.DEFAULT_DISCOUNT * 100,
        step=0.5,
        format="%.1f",
        key="value_discount",
        bind="query-params",
    )
    options = dict(
        unit=unit,
        horizon=C.horizon_units(months, unit),
        margin=margin_pct / 100,
        discount=discount_pct / 100,
    )
    st.caption(
        ctx.t("value.people.assumptions", months=months, margin=margin_pct, discount=discount_pct)
    )
    summary = ui.metric(ctx, "clv_summary", start=start, end=end, **options).iloc[0]
    grid = ui.card_grid("value_people_cards")
    for key, kind in (
        ("buyers", "count"),
        ("alive", "count"),  # people: whole, as every card counts them (an expectation)
        ("expected_purchases", "count"),
        ("clv", "money"),
    ):
        ui.card(
            grid.container(border=True),
            ctx,
            ctx.t(f"value.summary.{key}", months=months),
            kind,
            summary[key],
            help=ctx.t(f"value.summary.{key}.help", months=months),
        )
    people, total = ui.metric_preview(ctx, "clv", start=start, end=end, **options)
    st.caption(ctx.t("value.people.count", n=f"{total:,}"))
    ui.table(headed(people), PERSON_KINDS, hide_index=True, key="value_people")
    ui.preview_note(ctx, len(people), total)
    ui.download_buttons(
        ctx,
        lambda: headed(ui.metric(ctx, "clv", start=start, end=end, **options)),
        f"clv_{end}",
        "value_people_download",
    )

# -- at risk and valuable --------------------------------------------------------------------
with tab_risk:
    threshold = st.slider(
        ctx.t("value.threshold"),
        min_value=0.05,
        max_value=0.95,
        value=C.AT_RISK_P_ALIVE,
        step=0.05,
        key="value_threshold",
        bind="query-params",
    )
    st.caption(
        ctx.t(
            "value.risk.help",
            threshold=fmt.show("rate", threshold),
            share=fmt.show("rate", C.VALUABLE_SHARE),
        )
    )
    risk_options = dict(options, threshold=threshold)
    risky, risky_total = ui.metric_preview(ctx, "clv_at_risk", start=start, end=end, **risk_options)
    st.caption(ctx.t("value.risk.count", n=f"{risky_total:,}"))
    if not fitted:
        st.info(ctx.t("value.no_fit"))
    else:
        ui.table(
            headed(risky), PERSON_KINDS, hide_index=True, key="value_risk"
        )  # every column named
        ui.preview_note(ctx, len(risky), risky_total)
        ui.download_buttons(
            ctx,
            lambda: headed(ui.metric(ctx, "clv_at_risk", start=start, end=end, **risk_options)),
            f"clv_at_risk_{end}",
            "value_risk_download",
        )

# -- trust the model: calibration against holdout -------------------------------------------
with tab_check:
    split = C.default_split(ctx.source, end)
    first_day = ui.dataset_fact(ctx, "data_range")[0] or end
    if split >= end:
        st.info(ctx.t("value.check.too_short"))
    else:
        cut = st.date_input(
            ctx.t("value.check.cut"),
            value=split,
            min_value=min(first_day, split),
            max_value=end - dt.timedelta(days=1),
            key="value_cut",
            bind="query-params",
        )
        cut = min(cut, end - dt.timedelta(days=1))
        check = dict(calibration_end=cut, holdout_end=end, unit=unit)
        st.caption(
            ctx.t(
                "value.check.help",
                cut=cut,
                first=cut + dt.timedelta(days=1),
                end=end,
            )
        )
        held = ui.metric(ctx, "clv_holdout", start=start, end=end, **check)
        error = C.holdout_error(held)
        if error["predicted"] is None:
            st.info(ctx.t("value.no_fit"))
        else:
            relative = error["relative"]
            st.markdown(
                ctx.t(
                    "value.check.error",
                    n=fmt.show("count", int(held["customers"].sum())),
                    actual=fmt.show("count", round(error["actual"])),
                    predicted=fmt.show("number", error["predicted"]),
                    direction=ctx.t(
                        "value.check.over" if (relative or 0) > 0 else "value.check.under"
                    ),
                    relative=fmt.show("rate", abs(relative) if relative is not None else None),
                    mae=fmt.show("number", error["mae"]),
                )
            )
            cut_model = ui.metric(
                ctx, "clv_model", start=start, end=end, calibration_end=cut, unit=unit
            )
            for reason in C.history_warnings(cut_model):
                cut_values = dict(zip(cut_model["parameter"], cut_model["value"], strict=True))
                st.warning(
                    ctx.t(
                        f"value.warn.{reason}",
                        n=fmt.show("count", cut_values["repeat_customers"]),
                        min=f"{C.MIN_REPEAT_BUYERS:,}",
                        days=fmt.show("count", cut_values["history_days"] or 0),
                        weeks=C.MIN_HISTORY_DAYS // 7,
                    )
                )
            groups = [str(g) for g in range(C.HOLDOUT_GROUPS - 1)] + [f"{C.HOLDOUT_GROUPS - 1}+"]
            labels = {
                "actual": ctx.t("value.check.actual"),
                "predicted": ctx.t("value.check.predicted"),
                "y": ctx.t("value.check.per_person"),
            }
            st.plotly_chart(
                clv_holdout_bars(
                    held,
                    group_labels=groups,
                    labels=labels,
                    title=ctx.t("value.check.groups_title"),
                    x_title=ctx.t("value.check.groups_x"),
                ),
                width="stretch",
            )
            track = ui.metric(ctx, "clv_tracking", start=start, end=end, **check)
            st.plotly_chart(
                clv_tracking_lines(
                    track,
                    labels={**labels, "y": ctx.t("value.check.cumulative")},
                    title=ctx.t("value.check.tracking_title", unit=ctx.t(f"value.unit.{unit}")),
                    cut=cut,
                    cut_label=ctx.t("value.check.cut_label"),
                ),
                width="stretch",
            )

# -- cohort value curves ---------------------------------------------------------------------
with tab_cohorts:
    by_options = list(C.COHORT_BY) if has_members else ["first_order"]
    d0, d1, d2 = st.columns(3)
    cohort_by = (
        d0.segmented_control(
            ctx.t("value.cohort_by"),
            by_options,
            default=by_options[0],
            format_func=lambda b: ctx.t(f"value.cohort_by.{b}"),
            key="value_cohort_by",
            bind="query-params",
        )
        or by_options[0]
    )
    grain = (
        d1.segmented_control(
            ctx.t("value.grain"),
            list(C.VALUE_GRAINS),
            default="month",
            format_func=lambda g: ctx.t(f"value.grain.{g}"),
            key="value_grain",
            bind="query-params",
        )
        or "month"
    )
    breakdowns = list(C.BREAKDOWNS) if has_members else ["none"]
    breakdown = (
        d2.segmented_control(
            ctx.t("value.breakdown"),
            breakdowns,
            default="none",
            format_func=lambda b: ctx.t(f"value.breakdown.{b}"),
            key="value_breakdown",
            bind="query-params",
        )
        or "none"
    )
    if not has_members:
        st.caption(ctx.t("value.cohorts.no_members"))
    first_day = ui.dataset_fact(ctx, "data_range")[0] or end
    since = max(first_day, end - dt.timedelta(days=364))
    periods = C.DEFAULT_VALUE_PERIODS[grain]
    st.caption(
        ctx.t(
            "value.cohorts.help",
            since=since,
            end=end,
            per=ctx.t(f"value.cohorts.per.{cohort_by}"),
        )
    )
    curves = ui.metric(
        ctx,
        "cohort_value",
        start=since,
        end=end,
        cohort_by=cohort_by,
        grain=grain,
        periods=periods,
        breakdown=breakdown,
    )
    if breakdown == "channel" and not curves.empty:
        channels = sorted({s for s in curves["segment"] if s is not None})
        unknown = ctx.t("value.cohorts.unknown_channel")
        picked = st.selectbox(
            ctx.t("value.channel"),
            [*channels, ""],
            format_func=lambda c: c or unknown,
            key="value_channel",
            bind="query-params",
        )
        shown = curves[curves["segment"].map(lambda s: (s or "") == (picked or ""))]
    else:
        shown = curves
    if shown.empty:
        st.info(ctx.t("value.cohorts.empty"))
    else:
        labels = [ctx.t(f"value.period.{grain}", n=p) for p in range(periods)]
        st.plotly_chart(
            value_curves(
                shown,
                period_labels=labels,
                title=ctx.t(f"value.cohorts.title.{cohort_by}"),
                y_title=ctx.t(f"value.cohorts.per.{cohort_by}"),
            ),
            width="stretch",
        )
        cohorts = shown.drop_duplicates("cohort").sort_values("cohort")
        wide = pd.DataFrame(
            {
                ctx.t("value.col.cohort"): [str(c) for c in cohorts["cohort"]],
                ctx.t("value.col.cohort_size"): cohorts["cohort_size"].astype("int64").tolist(),
            }
        )
        cells = {(r.cohort, int(r.period)): r.value for r in shown.itertuples(index=False)}
        for p in range(periods):
            wide[labels[p]] = pd.Series(
                [fmt.as_float(cells.get((c, p))) for c in cohorts["cohort"]], dtype="float64"
            )
        ui.table(wide, dict.fromkeys(labels, "money"), hide_index=True, key="value_cohorts")
        st.caption(ctx.t("value.cohorts.empty_cells"))
        ui.download_buttons(ctx, wide, f"cohort_value_{grain}_{end}", "value_cohorts_download")
