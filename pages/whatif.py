"""What-if (活动模拟, SPEC §4): a transparent campaign projection from the dataset's baseline.

The baseline comes from cached metrics (`siyu.web.cache.metric`, keyed by dataset version and
period); every lever below only re-runs the pure model in `siyu.whatif`, never a query.
"""

import streamlit as st

from siyu import fmt
from siyu import whatif as model
from siyu.charts.whatif import whatif_cumulative, whatif_discount_fit, whatif_tornado
from siyu.metrics.whatif import assumptions_for, baseline_from_frame, baseline_table
from siyu.views import whatif as view
from siyu.web.address import choice
from siyu.web.cache import metric
from siyu.web.frame import open_page
from siyu.web.tables import table_with_downloads
from siyu.web.widgets import period

ctx = open_page("whatif", needs=("orders", "members"))
st.caption(ctx.t("whatif.intro"))
start, end = period(ctx)
left, right = st.columns(2)
x_days = int(left.number_input(ctx.t("whatif.x_days"), 0, 30, 3, key="wi_x", bind="query-params"))
y_days = int(right.number_input(ctx.t("whatif.y_days"), 0, 60, 7, key="wi_y", bind="query-params"))
windows = {"x_days": x_days, "y_days": y_days}

# -- baseline (cached: the only SQL of the page) ---------------------------------------------

frame = metric(ctx, "whatif_baseline", start=start, end=end, **windows)
buckets = metric(ctx, "whatif_discount_fit", start=start, end=end)
compare = metric(ctx, "whatif_seven_day", start=start, end=end)
base = baseline_from_frame(frame)
fit = model.fit_discount_lift(buckets)
seven = model.seven_day_effect(compare)
measured = assumptions_for(fit, seven)

st.subheader(ctx.t("whatif.baseline.title"))
table_with_downloads(
    ctx,
    baseline_table(frame, ctx.t, **windows),
    download=lambda: baseline_table(frame, ctx.t, shown=False, **windows),
    stem=f"whatif-baseline-{ctx.dataset}",
    key="whatif-baseline",
)
st.caption(
    ctx.t(
        "whatif.baseline.caption",
        start=start,
        end=end,
        weeks=base.weeks,
        domain=fmt.show("count", base.domain_members),
        **view.baseline_amounts(frame),
    )
)
# the repurchase rate here (the member funnel's) is not the overview's: say why they differ
st.caption(ctx.t("metric.repurchase_rate_7d.vs_funnel", **windows))
if base.members == 0 or base.paid_orders == 0:
    st.warning(ctx.t("whatif.baseline.thin"))
    st.stop()

fit_col, seven_col = st.columns(2)
fit_col.plotly_chart(
    whatif_discount_fit(
        buckets,
        intercept=fit.intercept,
        slope=fit.slope,
        title=ctx.t("whatif.fit.title"),
        x_title=ctx.t("whatif.fit.x"),
        y_title=ctx.t("whatif.fit.y"),
        fit_label=ctx.t("whatif.fit.line"),
    ),
    width="stretch",
)
if fit.usable:
    fit_col.caption(
        ctx.t(
            "whatif.fit.used",
            end=end,
            n=fit.orders,
            discounted=fit.discounted,
            lift=fit.lift,
            low=fit.lift_low,
            high=fit.lift_high,
        )
    )
else:
    fit_col.caption(
        ctx.t(
            "whatif.fit.default",
            min=model.MIN_FIT_ORDERS,
            n=fit.orders,
            discounted=fit.discounted,
            lift=model.DEFAULT_LIFT_PER_10PCT,
        )
    )
window = {"start": compare["window_start"].iloc[0], "end": compare["window_end"].iloc[0]}
if seven.usable:
    seven_col.info(ctx.t("whatif.seven.used", **window, **model.seven_day_words(seven)))
else:
    seven_col.info(ctx.t("whatif.seven.default", diff=model.points(model.DEFAULT_SEVEN_DAY_EFFECT)))
if seven.raw_effect is not None:
    seven_col.warning(ctx.t("whatif.seven.raw", **model.seven_day_words(seven, raw=True)))

# -- shared assumptions ------------------------------------------------------------------------

BIND = "query-params"
D = view.ASSUMPTION_DEFAULTS
with st.container(border=True):
    st.markdown(f"**{ctx.t('whatif.assume.title')}**")
    row1 = st.columns(5)
    weeks = row1[0].slider(
        ctx.t(view.PARAMS["weeks"]), 1, model.MAX_WEEKS, D["weeks"], key="wi_weeks", bind=BIND
    )
    margin = row1[1].slider(
        ctx.t(view.PARAMS["gross_margin"]), 0, 100, D["margin"], key="wi_margin", bind=BIND
    )
    lift = row1[2].number_input(
        ctx.t(view.PARAMS["lift_per_10pct"]),
        -100.0,
        500.0,
        view.lift_input(measured),
        step=0.5,
        key="wi_lift",
        bind=BIND,
    )
    seven_effect = row1[3].number_input(
        ctx.t(view.PARAMS["seven_day_effect"]),
        -100.0,
        100.0,
        view.seven_effect_input(measured),
        step=1.0,
        key="wi_seven_effect",
        bind=BIND,
    )
    invite_effect = row1[4].number_input(
        ctx.t(view.PARAMS["invite_effect"]),
        0.0,
        500.0,
        D["invite_effect"],
        step=1.0,
        key="wi_inv",
        bind=BIND,
    )
    row2 = st.columns(5)
    pushes_now = row2[0].number_input(
        ctx.t(view.PARAMS["current_pushes"]), 0, 24, D["pushes_now"], key="wi_push_now", bind=BIND
    )
    push_lift = row2[1].number_input(
        ctx.t(view.PARAMS["push_lift"]),
        0.0,
        100.0,
        D["push_lift"],
        step=0.5,
        key="wi_push_lift",
        bind=BIND,
    )
    push_fatigue = row2[2].number_input(
        ctx.t(view.PARAMS["push_fatigue"]),
        0.0,
        100.0,
        D["push_fatigue"],
        step=0.5,
        key="wi_push_fatigue",
        bind=BIND,
    )
    takeup = row2[3].number_input(
        ctx.t(view.PARAMS["flash_takeup"]),
        0.0,
        100.0,
        D["takeup"],
        step=0.1,
        key="wi_takeup",
        bind=BIND,
    )
assume = view.assumptions(
    measured,
    weeks=weeks,
    margin=margin,
    lift=lift,
    seven_effect=seven_effect,
    invite_effect=invite_effect,
    pushes_now=pushes_now,
    push_lift=push_lift,
    push_fatigue=push_fatigue,
    takeup=takeup,
)

# -- scenario levers ---------------------------------------------------------------------------

NAMES = view.scenario_names(ctx.t)
d = view.lever_defaults(assume)
aov, list_price = view.prices(base)
price_max, price_default = view.flash_price_input(list_price)
st.subheader(ctx.t("whatif.levers.title"))
levers: dict[str, model.Levers] = {}
for which, column in zip(("a", "b"), st.columns(2), strict=True):
    box = column.container(border=True)
    box.markdown(f"**{NAMES[which]}**")
    c1, c2 = box.columns(2)
    coupon = c1.slider(
        ctx.t(view.PARAMS["coupon"]), 0, 90, d["coupon"], key=f"wi_{which}_coupon", bind=BIND
    )
    pushes = c2.slider(
        ctx.t(view.PARAMS["pushes_per_day"]), 0, 24, d["pushes"], key=f"wi_{which}_push", bind=BIND
    )
    c3, c4, c5 = box.columns(3)
    reward = c3.number_input(
        ctx.t(view.PARAMS["invite_reward"]),
        0.0,
        1000.0,
        d["reward"],
        step=1.0,
        key=f"wi_{which}_reward",
        bind=BIND,
    )
    flash_price = c4.number_input(
        ctx.t(view.PARAMS["flash_price"]),
        0.0,
        price_max,
        price_default,
        step=1.0,
        help=ctx.t("whatif.flash_price.help", aov=aov)
        if not base.item_price
        else ctx.t("whatif.flash_price.help_items", price=list_price),
        key=f"wi_{which}_price",
        bind=BIND,
    )
    flash_stock = c5.number_input(
        ctx.t(view.PARAMS["flash_stock"]),
        0,
        1_000_000,
        0,
        step=10,
        key=f"wi_{which}_stock",
        bind=BIND,
    )
    seven_on = box.toggle(
        ctx.t(view.PARAMS["seven_day"]), d["seven"], key=f"wi_{which}_seven", bind=BIND
    )
    levers[which] = view.levers(
        coupon=coupon,
        pushes=pushes,
        reward=reward,
        flash_price=flash_price,
        flash_stock=flash_stock,
        seven_day=seven_on,
    )

# -- saved scenarios ---------------------------------------------------------------------------

saved = view.saved_scenarios(ctx.source.meta)


def save_scenario(which: str, values: dict) -> None:
    name = (st.session_state.get("wi_save_name") or "").strip()
    if not name:
        st.session_state["wi_note"] = ("warning", ctx.t("whatif.saved.no_name"))
        return
    view.save_scenario(ctx.ws, ctx.dataset, name, values)
    st.session_state["wi_note"] = ("success", ctx.t("whatif.saved.done", name=name))


def load_scenario(which: str) -> None:
    values = saved.get(st.session_state.get("wi_saved_pick"))
    if not values:
        return
    for name, value in view.lever_inputs(values, pushes_now, list_price).items():
        st.session_state[f"wi_{which}_{name}"] = value


with st.expander(ctx.t("whatif.saved.title"), icon=":material/bookmark:"):
    st.caption(ctx.t("whatif.saved.help"))
    note = st.session_state.pop("wi_note", None)
    if note:
        getattr(st, note[0])(note[1])
    load_col, save_col = st.columns(2)
    if saved:
        load_col.selectbox(
            ctx.t("whatif.saved.pick"), sorted(saved), key="wi_saved_pick", bind=BIND
        )
        for which in ("a", "b"):
            load_col.button(
                ctx.t("whatif.saved.load", which=NAMES[which]),
                on_click=load_scenario,
                args=(which,),
                key=f"wi_load_{which}",
            )
    else:
        load_col.caption(ctx.t("whatif.saved.none"))
    if ctx.can_edit:
        save_col.text_input(ctx.t("whatif.saved.name"), key="wi_save_name", bind=BIND)
        for which in ("a", "b"):
            save_col.button(
                ctx.t("whatif.saved.save", which=NAMES[which]),
                on_click=save_scenario,
                args=(which, model.levers_dict(levers[which])),
                key=f"wi_save_{which}",
            )
    else:
        save_col.caption(ctx.t("whatif.saved.viewer"))

# -- projection --------------------------------------------------------------------------------

scenarios = {"baseline": model.Levers(), "a": levers["a"], "b": levers["b"]}
weekly = model.weekly_frame(base, scenarios, assume)
band = model.uncertainty(base, scenarios, assume)
sums = model.scenario_totals(weekly)

st.subheader(ctx.t("whatif.projection.title", weeks=assume.weeks))
boxes = {}
for (key, name), column in zip(NAMES.items(), st.columns(3), strict=True):
    boxes[key] = column.container(border=True)
    boxes[key].markdown(f"**{name}**")
for card in model.cards(weekly):
    boxes[card["scenario"]].metric(
        ctx.t(model.OUT_LABELS[card["metric"]]),
        card["value"],
        delta=card["delta"],
        delta_color="inverse" if card["inverse"] else "normal",
        help=ctx.t("whatif.roi.help") if card["metric"] == "roi" else None,
    )

gmv_col, profit_col = st.columns(2)
for col, value, low, high, title in (
    (gmv_col, "cum_gmv", "gmv_low", "gmv_high", "whatif.chart.gmv"),
    (profit_col, "cum_profit", "profit_low", "profit_high", "whatif.chart.profit"),
):
    col.plotly_chart(
        whatif_cumulative(
            weekly,
            band=band,
            value=value,
            low=low,
            high=high,
            labels=NAMES,
            title=ctx.t(title),
            y_title=ctx.t("whatif.chart.yuan"),
            band_label=ctx.t("whatif.chart.band"),
        ),
        width="stretch",
    )
st.caption(ctx.t("whatif.band.caption", draws=model.DEFAULT_DRAWS, seed=model.DEFAULT_SEED))

# -- sensitivity and break-even ----------------------------------------------------------------

focus = choice(
    st.segmented_control,
    ctx.t("whatif.focus"),
    ["a", "b"],
    default="a",
    format_func=NAMES.__getitem__,
    key="wi_focus",
)
focus = focus if focus in ("a", "b") else "a"
tornado = model.sensitivity(base, levers[focus], assume)
st.plotly_chart(
    whatif_tornado(
        tornado,
        labels={k: ctx.t(view.PARAMS[k]) for k in model.SENSITIVITY},
        title=ctx.t("whatif.tornado.title", which=NAMES[focus]),
        low_label=ctx.t("whatif.tornado.low"),
        high_label=ctx.t("whatif.tornado.high"),
    ),
    width="stretch",
)
depth = model.break_even_coupon(base, levers[focus], assume)
if depth is None:
    st.info(ctx.t("whatif.break_even.none", which=NAMES[focus], lift=assume.lift_per_10pct))
else:
    st.success(
        ctx.t(
            "whatif.break_even",
            which=NAMES[focus],
            depth=depth,
            profit=float(sums.at["baseline", "gross_profit"]),
        )
    )

# -- the table and the formulas ----------------------------------------------------------------

st.subheader(ctx.t("whatif.table.title"))
table_with_downloads(
    ctx,
    model.weekly_table(weekly, NAMES, ctx.t),
    download=lambda: model.weekly_table(weekly, NAMES, ctx.t, shown=False),
    stem=f"whatif-{ctx.dataset}",
    key="whatif-table",
)

with st.expander(ctx.t("whatif.formulas.title"), icon=":material/function:"):
    st.markdown(ctx.t("whatif.formulas.body"))
