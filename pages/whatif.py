"""What-if (活动模拟, SPEC §4): a transparent campaign projection from the dataset's baseline.

The baseline comes from cached metrics (`ui.metric`, keyed by dataset version and period);
every lever below only re-runs the pure model in `siyu.whatif`, never a query.
"""

import streamlit as st

from siyu import fmt, ui
from siyu import whatif as model
from siyu.charts.whatif import whatif_cumulative, whatif_discount_fit, whatif_tornado
from siyu.metrics.whatif import assumptions_for, baseline_from_frame, baseline_table

ctx = ui.frame("whatif")
if ctx.source is None:
    ui.no_dataset(ctx)
    st.stop()
for table in ("orders", "members"):
    if not ctx.source.has(table):
        st.info(ctx.t(f"needs.{table}"))
        st.stop()
st.caption(ctx.t("whatif.intro"))

period = ui.period_filter(ctx)
if period is None:
    st.stop()
start, end = period
left, right = st.columns(2)
x_days = int(left.number_input(ctx.t("whatif.x_days"), 0, 30, 3, key="wi_x", bind="query-params"))
y_days = int(right.number_input(ctx.t("whatif.y_days"), 0, 60, 7, key="wi_y", bind="query-params"))
windows = {"x_days": x_days, "y_days": y_days}

# -- baseline (cached: the only SQL of the page) ---------------------------------------------

frame = ui.metric(ctx, "whatif_baseline", start=start, end=end, **windows)
buckets = ui.metric(ctx, "whatif_discount_fit", start=start, end=end)
compare = ui.metric(ctx, "whatif_seven_day", start=start, end=end)
base = baseline_from_frame(frame)
fit = model.fit_discount_lift(buckets)
seven = model.seven_day_effect(compare)
measured = assumptions_for(fit, seven)

st.subheader(ctx.t("whatif.baseline.title"))
ui.table(baseline_table(frame, ctx.t, **windows), hide_index=True, width="stretch")
ui.download_buttons(
    ctx,
    lambda: baseline_table(frame, ctx.t, shown=False, **windows),
    f"whatif-baseline-{ctx.dataset}",
    "whatif-baseline",
)
amounts = frame.set_index("item")["value"]
st.caption(
    ctx.t(
        "whatif.baseline.caption",
        start=start,
        end=end,
        weeks=base.weeks,
        domain=fmt.show("count", base.domain_members),
        **{k: fmt.show("money", amounts[k]) for k in ("gmv", "gmv_new", "gmv_existing")},
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
with st.container(border=True):
    st.markdown(f"**{ctx.t('whatif.assume.title')}**")
    row1 = st.columns(5)
    weeks = row1[0].slider(
        ctx.t("whatif.param.weeks"), 1, model.MAX_WEEKS, 8, key="wi_weeks", bind=BIND
    )
    margin = row1[1].slider(
        ctx.t("whatif.param.gross_margin"), 0, 100, 30, key="wi_margin", bind=BIND
    )
    lift = row1[2].number_input(
        ctx.t("whatif.param.lift_per_10pct"),
        -100.0,
        500.0,
        min(max(round(float(measured.lift_per_10pct) * 100, 2), -100.0), 500.0),
        step=0.5,
        key="wi_lift",
        bind=BIND,
    )
    seven_effect = row1[3].number_input(
        ctx.t("whatif.param.seven_day_effect"),
        -100.0,
        100.0,
        round(float(measured.seven_day_effect) * 100, 1),
        step=1.0,
        key="wi_seven_effect",
        bind=BIND,
    )
    invite_effect = row1[4].number_input(
        ctx.t("whatif.param.invite_effect"), 0.0, 500.0, 10.0, step=1.0, key="wi_inv", bind=BIND
    )
    row2 = st.columns(5)
    pushes_now = row2[0].number_input(
        ctx.t("whatif.param.current_pushes"), 0, 24, 1, key="wi_push_now", bind=BIND
    )
    push_lift = row2[1].number_input(
        ctx.t("whatif.param.push_lift"), 0.0, 100.0, 3.0, step=0.5, key="wi_push_lift", bind=BIND
    )
    push_fatigue = row2[2].number_input(
        ctx.t("whatif.param.push_fatigue"),
        0.0,
        100.0,
        5.0,
        step=0.5,
        key="wi_push_fatigue",
        bind=BIND,
    )
    takeup = row2[3].number_input(
        ctx.t("whatif.param.flash_takeup"), 0.0, 100.0, 1.0, step=0.1, key="wi_takeup", bind=BIND
    )
assume = model.Assumptions(
    weeks=int(weeks),
    gross_margin=margin / 100,
    lift_per_10pct=lift / 100,
    invite_effect=invite_effect / 100,
    current_pushes=float(pushes_now),
    push_lift=push_lift / 100,
    push_fatigue=push_fatigue / 100,
    seven_day_effect=seven_effect / 100,
    seven_day_share=measured.seven_day_share,
    flash_takeup=takeup / 100,
)

# -- scenario levers ---------------------------------------------------------------------------

NAMES = {k: ctx.t(f"whatif.scenario.{k}") for k in ("baseline", "a", "b")}
# Both scenarios open on doing nothing (the baseline: cost 0, ROI "—"); a lever moved is a
# change the manager made, never one the page made up.
neutral = model.neutral_levers(assume)
d = {
    "coupon": round(neutral.coupon * 100),
    "pushes": int(neutral.pushes_per_day),
    "reward": float(neutral.invite_reward),
    "seven": bool(neutral.seven_day),
}
aov = round(base.aov, 2)
# one flash-sale item at its usual price: the paid amount per unit of the order lines, when
# the dataset keeps them; else the AOV
list_price = round(base.item_price, 2) if base.item_price else aov
st.subheader(ctx.t("whatif.levers.title"))
levers: dict[str, model.Levers] = {}
for which, column in zip(("a", "b"), st.columns(2), strict=True):
    box = column.container(border=True)
    box.markdown(f"**{NAMES[which]}**")
    c1, c2 = box.columns(2)
    coupon = c1.slider(
        ctx.t("whatif.param.coupon"), 0, 90, d["coupon"], key=f"wi_{which}_coupon", bind=BIND
    )
    pushes = c2.slider(
        ctx.t("whatif.param.pushes_per_day"), 0, 24, d["pushes"], key=f"wi_{which}_push", bind=BIND
    )
    c3, c4, c5 = box.columns(3)
    reward = c3.number_input(
        ctx.t("whatif.param.invite_reward"),
        0.0,
        1000.0,
        d["reward"],
        step=1.0,
        key=f"wi_{which}_reward",
        bind=BIND,
    )
    flash_price = c4.number_input(
        ctx.t("whatif.param.flash_price"),
        0.0,
        max(list_price, 0.01),
        round(list_price * 0.7, 2),
        step=1.0,
        help=ctx.t("whatif.flash_price.help", aov=aov)
        if not base.item_price
        else ctx.t("whatif.flash_price.help_items", price=list_price),
        key=f"wi_{which}_price",
        bind=BIND,
    )
    flash_stock = c5.number_input(
        ctx.t("whatif.param.flash_stock"),
        0,
        1_000_000,
        0,
        step=10,
        key=f"wi_{which}_stock",
        bind=BIND,
    )
    seven_on = box.toggle(
        ctx.t("whatif.param.seven_day"), d["seven"], key=f"wi_{which}_seven", bind=BIND
    )
    levers[which] = model.Levers(
        coupon=coupon / 100,
        flash_price=float(flash_price),
        flash_stock=float(flash_stock),
        invite_reward=float(reward),
        pushes_per_day=float(pushes),
        seven_day=bool(seven_on),
    )

# -- saved scenarios ---------------------------------------------------------------------------

saved: dict = dict(ctx.source.meta.get("whatif_scenarios") or {})


def save_scenario(which: str, values: dict) -> None:
    name = (st.session_state.get("wi_save_name") or "").strip()
    if not name:
        st.session_state["wi_note"] = ("warning", ctx.t("whatif.saved.no_name"))
        return
    current = dict(ctx.ws.get(ctx.dataset).meta.get("whatif_scenarios") or {})
    current[name] = values
    ctx.ws.set_meta(ctx.dataset, whatif_scenarios=current)
    st.session_state["wi_note"] = ("success", ctx.t("whatif.saved.done", name=name))


def load_scenario(which: str) -> None:
    values = saved.get(st.session_state.get("wi_saved_pick"))
    if not values:
        return
    lev = model.levers_from(values)
    st.session_state[f"wi_{which}_coupon"] = round(float(lev.coupon) * 100)
    st.session_state[f"wi_{which}_push"] = round(lev.pushes_per_day or pushes_now)
    st.session_state[f"wi_{which}_reward"] = float(lev.invite_reward)
    st.session_state[f"wi_{which}_price"] = float(
        list_price if lev.flash_price is None else min(lev.flash_price, max(list_price, 0.01))
    )
    st.session_state[f"wi_{which}_stock"] = int(lev.flash_stock)
    st.session_state[f"wi_{which}_seven"] = bool(lev.seven_day)


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
        ctx.t(f"whatif.out.{card['metric']}"),
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

focus = ui.choice(
    st.segmented_control,
    ctx.t("whatif.focus"),
    ["a", "b"],
    default="a",
    format_func=NAMES.__getitem__,
    key="wi_focus",
)
focus = focus if focus in ("a", "b") else "a"
tornado = model.sensitivity(base, levers[focus], assume)
labels = {k: ctx.t(f"whatif.param.{k}") for k in model.SENSITIVITY}
st.plotly_chart(
    whatif_tornado(
        tornado,
        labels=labels,
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
ui.table(model.weekly_table(weekly, NAMES, ctx.t), hide_index=True, width="stretch")
ui.download_buttons(
    ctx,
    lambda: model.weekly_table(weekly, NAMES, ctx.t, shown=False),
    f"whatif-{ctx.dataset}",
    "whatif-table",
)

with st.expander(ctx.t("whatif.formulas.title"), icon=":material/function:"):
    st.markdown(ctx.t("whatif.formulas.body"))
