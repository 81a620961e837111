"""Value (价值): who is still a customer, what each is worth, how cohorts' value grows.

Every number comes from `siyu.metrics.clv` (BG/NBD and Gamma-Gamma fitted on the paid orders
up to the period's last day); the page draws them and states each assumption.
"""

import streamlit as st

from siyu import fmt
from siyu.charts.value import clv_holdout_bars, clv_tracking_lines, value_curves
from siyu.metrics import clv as C
from siyu.views import value as view
from siyu.web.address import choice
from siyu.web.cache import dataset_fact, metric, metric_preview
from siyu.web.frame import open_page
from siyu.web.tables import download_buttons, table, table_with_downloads
from siyu.web.widgets import card, card_grid, period

ctx = open_page("value", needs=("orders",))
start, end = period(ctx)
has_members = ctx.source.has("members")

unit = (
    choice(
        st.segmented_control,
        ctx.t("value.unit"),
        list(C.UNITS),
        default=C.DEFAULT_UNIT,
        format_func=lambda u: ctx.t(view.UNITS[u]),
        key="value_unit",
    )
    or C.DEFAULT_UNIT
)
st.caption(ctx.t("value.as_of", end=end, as_of=view.as_of(end)))

model = metric(ctx, "clv_model", start=start, end=end, unit=unit)
values = view.parameters(model)
fitted = values["r"] is not None
for warning in view.warnings(ctx.t, model):
    st.warning(warning)

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
    st.markdown(ctx.t("value.model.how", unit=ctx.t(view.UNITS[unit])))
    grid = card_grid("value_cards")
    for key in ("customers", "repeat_customers"):
        card(grid.container(border=True), ctx, ctx.t(view.CARDS[key]), "count", values[key])
    card(
        grid.container(border=True),
        ctx,
        ctx.t("value.card.mean_spend"),
        "money",
        view.mean_spend(values),
        help=ctx.t("value.card.mean_spend.help"),
    )
    table(
        view.model_table(ctx.t, values, unit),
        {ctx.t("value.col.value"): "number"},
        hide_index=True,
        key="value_model_table",
    )
    st.caption(ctx.t("value.model.sources"))

# -- per person ----------------------------------------------------------------------------
with tab_people:
    c0, c1, c2 = st.columns(3)
    months = choice(
        c0.selectbox,
        ctx.t("value.horizon"),
        view.HORIZON_MONTHS,
        index=2,
        format_func=lambda m: ctx.t("value.horizon.months", n=m),
        key="value_horizon",
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
        value=view.DISCOUNT_INPUT,
        step=0.5,
        format="%.1f",
        key="value_discount",
        bind="query-params",
    )
    options = view.person_options(unit, months, margin_pct, discount_pct)
    st.caption(
        ctx.t("value.people.assumptions", months=months, margin=margin_pct, discount=discount_pct)
    )
    summary = metric(ctx, "clv_summary", start=start, end=end, **options).iloc[0]
    grid = card_grid("value_people_cards")
    for key, kind in (
        ("buyers", "count"),
        ("alive", "count"),  # people: whole, as every card counts them (an expectation)
        ("expected_purchases", "count"),
        ("clv", "money"),
    ):
        card(
            grid.container(border=True),
            ctx,
            ctx.t(view.SUMMARY[key], months=months),
            kind,
            summary[key],
            help=ctx.t(view.SUMMARY_HELP[key], months=months),
        )
    people, total = metric_preview(ctx, "clv", start=start, end=end, **options)
    st.caption(ctx.t("value.people.count", n=fmt.show("count", total)))
    table_with_downloads(
        ctx,
        view.people(ctx.t, people),
        headers=view.COLUMNS,
        kinds=view.PERSON_KINDS,
        download=lambda: view.people(ctx.t, metric(ctx, "clv", start=start, end=end, **options)),
        total=total,
        stem=f"clv_{end}",
        key="value_people_download",
        table_key="value_people",
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
    risky, risky_total = metric_preview(ctx, "clv_at_risk", start=start, end=end, **risk_options)
    st.caption(ctx.t("value.risk.count", n=fmt.show("count", risky_total)))
    if not fitted:
        st.info(ctx.t("value.no_fit"))
    else:
        table_with_downloads(
            ctx,
            view.people(ctx.t, risky),
            headers=view.COLUMNS,
            kinds=view.PERSON_KINDS,
            download=lambda: view.people(
                ctx.t, metric(ctx, "clv_at_risk", start=start, end=end, **risk_options)
            ),
            total=risky_total,
            stem=f"clv_at_risk_{end}",
            key="value_risk_download",
            table_key="value_risk",
        )

# -- trust the model: calibration against holdout -------------------------------------------
with tab_check:
    split = C.default_split(ctx.source, end)
    first_day = dataset_fact(ctx, "data_range")[0] or end
    if split >= end:
        st.info(ctx.t("value.check.too_short"))
    else:
        earliest, latest = view.cut_bounds(first_day, split, end)
        cut = st.date_input(
            ctx.t("value.check.cut"),
            value=split,
            min_value=earliest,
            max_value=latest,
            key="value_cut",
            bind="query-params",
        )
        cut = min(cut, latest)
        check = dict(calibration_end=cut, holdout_end=end, unit=unit)
        st.caption(ctx.t("value.check.help", cut=cut, first=view.next_day(cut), end=end))
        held = metric(ctx, "clv_holdout", start=start, end=end, **check)
        error = C.holdout_error(held)
        if error["predicted"] is None:
            st.info(ctx.t("value.no_fit"))
        else:
            st.markdown(view.error_words(ctx.t, held, error))
            cut_model = metric(
                ctx, "clv_model", start=start, end=end, calibration_end=cut, unit=unit
            )
            for warning in view.warnings(ctx.t, cut_model):
                st.warning(warning)
            labels = {
                "actual": ctx.t("value.check.actual"),
                "predicted": ctx.t("value.check.predicted"),
                "y": ctx.t("value.check.per_person"),
            }
            st.plotly_chart(
                clv_holdout_bars(
                    held,
                    group_labels=view.holdout_groups(),
                    labels=labels,
                    title=ctx.t("value.check.groups_title"),
                    x_title=ctx.t("value.check.groups_x"),
                ),
                width="stretch",
            )
            track = metric(ctx, "clv_tracking", start=start, end=end, **check)
            st.plotly_chart(
                clv_tracking_lines(
                    track,
                    labels={**labels, "y": ctx.t("value.check.cumulative")},
                    title=ctx.t("value.check.tracking_title", unit=ctx.t(view.UNITS[unit])),
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
        choice(
            d0.segmented_control,
            ctx.t("value.cohort_by"),
            by_options,
            default=by_options[0],
            format_func=lambda b: ctx.t(view.COHORT_BY[b]),
            key="value_cohort_by",
        )
        or by_options[0]
    )
    grain = (
        choice(
            d1.segmented_control,
            ctx.t("value.grain"),
            list(C.VALUE_GRAINS),
            default="month",
            format_func=lambda g: ctx.t(view.GRAINS[g]),
            key="value_grain",
        )
        or "month"
    )
    breakdowns = list(C.BREAKDOWNS) if has_members else ["none"]
    breakdown = (
        choice(
            d2.segmented_control,
            ctx.t("value.breakdown"),
            breakdowns,
            default="none",
            format_func=lambda b: ctx.t(view.BREAKDOWNS[b]),
            key="value_breakdown",
        )
        or "none"
    )
    if not has_members:
        st.caption(ctx.t("value.cohorts.no_members"))
    since = view.cohort_since(dataset_fact(ctx, "data_range")[0] or end, end)
    periods = C.DEFAULT_VALUE_PERIODS[grain]
    per = ctx.t(view.COHORT_PER[cohort_by])
    st.caption(ctx.t("value.cohorts.help", since=since, end=end, per=per))
    curves = metric(
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
        picked = choice(
            st.selectbox,
            ctx.t("value.channel"),
            [*channels, ""],
            format_func=lambda c: c or unknown,
            key="value_channel",
        )
        shown = curves[curves["segment"].map(lambda s: (s or "") == (picked or ""))]
    else:
        shown = curves
    if shown.empty:
        st.info(ctx.t("value.cohorts.empty"))
    else:
        labels = view.period_labels(ctx.t, grain, periods)
        st.plotly_chart(
            value_curves(
                shown,
                period_labels=labels,
                title=ctx.t(view.COHORT_TITLES[cohort_by]),
                y_title=per,
            ),
            width="stretch",
        )
        wide = view.cohort_table(ctx.t, shown, labels)
        table(wide, dict.fromkeys(labels, "money"), hide_index=True, key="value_cohorts")
        st.caption(ctx.t("value.cohorts.empty_cells"))
        download_buttons(ctx, wide, f"cohort_value_{grain}_{end}", "value_cohorts_download")
