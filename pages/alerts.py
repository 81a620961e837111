"""Alerts (提醒, editors): rules that push a metric of the current dataset to a WeCom, DingTalk or
Feishu group robot, a test send, and the history of every check and delivery. Sending itself
is `python -m siyu alerts run`, from cron or a systemd timer (README)."""

import datetime as dt

import streamlit as st

from siyu import alerts
from siyu.web.frame import open_page
from siyu.web.tables import table, table_with_downloads

ctx = open_page("alerts")
dataset = ctx.dataset or ""
store = alerts.AlertStore(ctx.ws.root)
st.caption(ctx.t("alerts.page.intro"))
saved = st.session_state.pop("alerts_saved", None)
if saved is not None:
    st.success(ctx.t("alerts.page.saved", id=saved[0], env=saved[1]))

# -- where messages go -----------------------------------------------------------------------

configured = alerts.configured()
if configured:
    st.caption(ctx.t("alerts.page.configured", names="、".join(configured)))
else:
    st.info(ctx.t("alerts.page.not_configured"))

# -- the rules of this dataset ---------------------------------------------------------------

st.subheader(ctx.t("alerts.page.rules"))
rules = store.rules(dataset)
if not rules:
    st.caption(ctx.t("alerts.page.no_rules"))
else:
    table(alerts.rules_frame(rules, ctx.lang), hide_index=True)
    by_id = {r.id: r for r in rules}
    pick, test_col, remove_col = st.columns([3, 2, 2], vertical_alignment="bottom")
    chosen = pick.selectbox(
        ctx.t("alerts.page.pick"),
        list(by_id),
        format_func=lambda i: f"{i} · {alerts.describe_rule(by_id[i], ctx.lang)}",
        key="alerts_pick",
    )
    if test_col.button(ctx.t("alerts.page.test"), key="alerts_test", icon=":material/send:"):
        try:
            sent = store.test_send(by_id[chosen])
        except alerts.AlertError as exc:
            st.error(exc.message(ctx.lang))
        else:
            if sent.ok:
                st.success(ctx.t("alerts.test_sent", to=by_id[chosen].to.text()))
            else:
                error = alerts.describe_error(sent.error, ctx.lang)
                st.error(ctx.t("alerts.test_failed", error=error))
    if remove_col.button(
        ctx.t("alerts.page.remove"), key="alerts_remove", icon=":material/delete:"
    ):
        store.remove(chosen)
        st.rerun()

# -- a new rule ------------------------------------------------------------------------------

st.subheader(ctx.t("alerts.page.add"))
with st.form("alerts_add"):
    left, right = st.columns(2)
    metric = left.selectbox(
        ctx.t("alerts.page.metric"),
        list(alerts.alert_metrics()),
        format_func=lambda m: alerts.metric_label(m, ctx.lang),
        key="alerts_metric",
    )
    condition = right.selectbox(
        ctx.t("alerts.page.condition"),
        list(alerts.CONDITION_LABELS),
        format_func=lambda c: ctx.t(alerts.CONDITION_LABELS[c]),
        key="alerts_condition",
    )
    value = left.text_input(
        ctx.t("alerts.page.value"), key="alerts_value", help=ctx.t("alerts.page.value_help")
    )
    grain = right.selectbox(
        ctx.t("alerts.page.every"),
        list(alerts.GRAIN_LABELS),
        format_func=lambda g: ctx.t(alerts.GRAIN_LABELS[g]),
        key="alerts_grain",
    )
    weekday = left.selectbox(
        ctx.t("alerts.page.weekday"),
        list(alerts.WEEKDAY_LABELS),
        format_func=lambda d: ctx.t(alerts.WEEKDAY_LABELS[d]),
        key="alerts_weekday",
    )
    at = right.time_input(ctx.t("alerts.page.at"), value=dt.time(9, 0), key="alerts_at")
    channel = left.selectbox(
        ctx.t("alerts.page.channel"),
        list(alerts.CHANNEL_LABELS),
        format_func=lambda c: ctx.t(alerts.CHANNEL_LABELS[c]),
        key="alerts_channel",
    )
    name = right.text_input(
        ctx.t("alerts.page.name"), key="alerts_name", help=ctx.t("alerts.page.name_help")
    )
    if st.form_submit_button(ctx.t("alerts.page.save"), icon=":material/add_alert:"):
        try:
            rule = alerts.rule_from_form(
                dataset, metric, condition, value, grain, weekday, at, channel, name, ctx.lang
            )
        except alerts.AlertError as exc:
            st.error(exc.message(ctx.lang))
        else:
            store.add(rule)
            st.session_state["alerts_saved"] = (rule.id, rule.to.env_name)
            st.rerun()  # the rules table above shows the new rule

# -- history ---------------------------------------------------------------------------------

st.subheader(ctx.t("alerts.page.history"))
history = store.history(dataset)
if not history:
    st.caption(ctx.t("alerts.page.no_history"))
else:
    table_with_downloads(
        ctx,
        alerts.history_shown(history, ctx.lang),
        stem=f"alerts-history-{dataset}",
        key="alerts_history",
    )
st.caption(ctx.t("alerts.page.cron"))
