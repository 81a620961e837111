"""Alerts pushed to a team's WeCom (or DingTalk, Feishu) group robot (SPEC §5 "Alerts").

A rule names a dataset, a metric, a condition, a schedule and a destination::

    python -m siyu alerts add --dataset shop --metric daily_active_rate --when below_target \\
        --every daily@09:00 --to wecom:ops

- Metrics: the overview KPIs (`siyu.metrics.overview.KPI_KINDS`: gmv, daily_active_rate …),
  `lost` (members who left in the period) and `weekly_report` (the weekly review's summary:
  KPIs against targets and the products that moved up most; sent whenever it is due).
- Conditions: `below_target` / `above_target` (the SPEC §4 targets), `below=V` / `above=V`,
  `change_below=V` (the change a KPI card shows: relative for counts and amounts, in points
  for rates; `-20%` is -0.2), `always`.
- Schedules: `daily@HH:MM` or `weekly@MON HH:MM`, wall time in the workspace zone. A rule is
  due once per scheduled time (and at the first run after it is added); it is evaluated on
  the latest complete day (daily) or Monday … Sunday week (weekly) of the data: the last day
  of data, or yesterday when the data reaches today.
- Destinations come from configuration, never from the rule: `--to wecom:ops` is looked up
  in `SIYU_ALERT_WECOM_OPS` (or `[alerts.wecom] ops = "https://…"` in
  `.streamlit/secrets.toml`); likewise `dingtalk:` and `feishu:`.

Delivery (`run`): a rule and an evaluated period make one message, sent at most once, even
across runs and replicas: a run holds an exclusive lock on the workspace's alert state while
it evaluates and sends, and records each message (its key: rule and period) before sending
it. A send is retried on a 5xx answer, a timeout or a busy robot, with back-off; a failure is
recorded and the message stays in the outbox, sent by the next run. A message whose run died
while sending it is not sent again (its outcome is unknown: at most once wins) and reads so in
the history. Sends to one robot keep to its 20 messages a minute, across runs. Every
evaluation, delivery and failure is in the history; a robot's address is never stored.

State lives under `<workspace>/alerts/`: `rules.json`, `state.json` (last scheduled time
handled per rule, outbox, send times per robot, history), `.lock`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import sys
import time
import tomllib
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from siyu import fmt
from siyu.config import PROJECT_ROOT, settings
from siyu.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from siyu.labels import KPI_LABELS

Date = dt.date

# Metrics a rule can watch besides the KPIs: who left, and the weekly review.
EXTRA_METRICS = ("lost", "weekly_report")
CONDITIONS = ("below_target", "above_target", "below", "above", "change_below", "always")
CHANNELS = ("wecom", "dingtalk", "feishu")
WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")

# What each code reads as (translation keys, written out: tests/unit/test_house.py).
METRIC_LABELS: dict[str, str] = {
    **KPI_LABELS,
    "lost": "alerts.metric.lost",
    "weekly_report": "alerts.metric.weekly_report",
}
WHEN_LABELS: dict[str, str] = {
    "below_target": "alerts.when.below_target",
    "above_target": "alerts.when.above_target",
    "below": "alerts.when.below",
    "above": "alerts.when.above",
    "change_below": "alerts.when.change_below",
    "always": "alerts.when.always",
}
# The conditions as the Alerts page offers them.
CONDITION_LABELS: dict[str, str] = {
    "below_target": "alerts.page.cond.below_target",
    "above_target": "alerts.page.cond.above_target",
    "below": "alerts.page.cond.below",
    "above": "alerts.page.cond.above",
    "change_below": "alerts.page.cond.change_below",
    "always": "alerts.page.cond.always",
}
GRAIN_LABELS: dict[str, str] = {
    "daily": "alerts.page.grain.daily",
    "weekly": "alerts.page.grain.weekly",
}
WEEKDAY_LABELS: dict[str, str] = {
    "MON": "alerts.weekday.mon",
    "TUE": "alerts.weekday.tue",
    "WED": "alerts.weekday.wed",
    "THU": "alerts.weekday.thu",
    "FRI": "alerts.weekday.fri",
    "SAT": "alerts.weekday.sat",
    "SUN": "alerts.weekday.sun",
}
CHANNEL_LABELS: dict[str, str] = {
    "wecom": "alerts.page.channel.wecom",
    "dingtalk": "alerts.page.channel.dingtalk",
    "feishu": "alerts.page.channel.feishu",
}
EVENT_LABELS: dict[str, str] = {
    "checked": "alerts.event.checked",
    "triggered": "alerts.event.triggered",
    "already_sent": "alerts.event.already_sent",
    "sent": "alerts.event.sent",
    "failed": "alerts.event.failed",
    "unknown": "alerts.event.unknown",
    "error": "alerts.event.error",
    "test_sent": "alerts.event.test_sent",
    "test_failed": "alerts.event.test_failed",
}
ERROR_LABELS: dict[str, str] = {
    "http": "alerts.error.http",
    "timeout": "alerts.error.timeout",
    "connection": "alerts.error.connection",
    "robot": "alerts.error.robot",
    "invalid": "alerts.error.invalid",
    "no_destination": "alerts.error.no_destination",
}
HISTORY_COLUMNS: dict[str, str] = {
    "at": "alerts.page.col.at",
    "rule": "alerts.page.col.rule",
    "metric": "alerts.page.col.metric",
    "period": "alerts.page.col.period",
    "event": "alerts.page.col.event",
    "detail": "alerts.page.col.detail",
}

# WeCom robots: markdown content at most 4096 bytes, text 2048; 20 messages a minute.
MARKDOWN_BYTES = 4096
TEXT_BYTES = 2048
PER_MINUTE = 20
RETRIES = 3  # after the first attempt
BACKOFF_SECONDS = 1.0  # 1 s, 2 s, 4 s
TIMEOUT_SECONDS = 10.0
HISTORY_ROWS = 2000
# A robot's answer that means "busy, try again": WeCom / DingTalk -1 (system busy), 45009 and
# 130101 (too many messages); Feishu 9499 and 11232 (rate limited).
RETRY_CODES = frozenset({-1, 45009, 130101, 9499, 11232})


class AlertError(ValueError):
    """A rule or a command a user got wrong; `key` names a text of siyu/text/alerts.py."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.params)


# -- rules ---------------------------------------------------------------------------------


def _number(text: str) -> float:
    raw = text.strip().replace("％", "%")
    try:
        return float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise AlertError("alerts.bad_when", value=text) from None


@dataclass(frozen=True)
class Condition:
    kind: str  # one of CONDITIONS
    value: float | None = None

    @classmethod
    def parse(cls, text: str) -> Condition:
        """`below_target`, `above_target`, `always`, `below=V`, `above=V`, `change_below=V`
        (V a number or a percentage: `0.3`, `30%`, `-20%`)."""
        name, sep, raw = text.strip().partition("=")
        name = name.strip().lower()
        if name in ("below_target", "above_target", "always") and not sep:
            return cls(name)
        if name in ("below", "above", "change_below") and sep and raw.strip():
            return cls(name, _number(raw))
        raise AlertError("alerts.bad_when", value=text)

    def text(self) -> str:
        return self.kind if self.value is None else f"{self.kind}={self.value:g}"

    def met(self, value: float | None, change: float | None, target: float | None) -> bool:
        if self.kind == "always":
            return True
        if self.kind == "change_below":
            return change is not None and change < float(self.value or 0)
        if value is None:
            return False
        if self.kind == "below_target":
            return target is not None and value < target
        if self.kind == "above_target":
            return target is not None and value > target
        if self.kind == "below":
            return value < float(self.value or 0)
        return value > float(self.value or 0)


@dataclass(frozen=True)
class Schedule:
    grain: str  # daily or weekly
    hour: int
    minute: int
    weekday: int = 0  # 0 = Monday (weekly only)

    _TIME = re.compile(r"^(\d{1,2}):(\d{2})$")

    @classmethod
    def parse(cls, text: str) -> Schedule:
        """`daily@HH:MM` or `weekly@MON HH:MM` (MON … SUN)."""
        grain, sep, rest = text.strip().partition("@")
        grain, rest = grain.strip().lower(), rest.strip()
        weekday = 0
        if grain == "weekly":
            day, _, rest = rest.partition(" ")
            if day.strip().upper()[:3] not in WEEKDAYS:
                raise AlertError("alerts.bad_every", value=text)
            weekday = WEEKDAYS.index(day.strip().upper()[:3])
        elif grain != "daily":
            raise AlertError("alerts.bad_every", value=text)
        m = cls._TIME.match(rest.strip())
        if not sep or m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
            raise AlertError("alerts.bad_every", value=text)
        return cls(grain, int(m.group(1)), int(m.group(2)), weekday)

    def text(self) -> str:
        at = f"{self.hour:02d}:{self.minute:02d}"
        return f"daily@{at}" if self.grain == "daily" else f"weekly@{WEEKDAYS[self.weekday]} {at}"

    def last_slot(self, now: dt.datetime) -> dt.datetime:
        """The latest scheduled time at or before `now` (naive wall time)."""
        slot = now.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        if self.grain == "daily":
            return slot if slot <= now else slot - dt.timedelta(days=1)
        slot -= dt.timedelta(days=(now.weekday() - self.weekday) % 7)
        return slot if slot <= now else slot - dt.timedelta(days=7)


@dataclass(frozen=True)
class Destination:
    channel: str  # wecom, dingtalk or feishu
    name: str

    @classmethod
    def parse(cls, text: str) -> Destination:
        channel, sep, name = text.strip().partition(":")
        channel = channel.strip().lower()
        if not sep or channel not in CHANNELS or not re.fullmatch(r"[A-Za-z0-9_-]+", name.strip()):
            raise AlertError("alerts.bad_to", value=text)
        return cls(channel, name.strip())

    def text(self) -> str:
        return f"{self.channel}:{self.name}"

    @property
    def env_name(self) -> str:
        return f"SIYU_ALERT_{self.channel.upper()}_{re.sub(r'[^A-Z0-9]', '_', self.name.upper())}"


@dataclass(frozen=True)
class Rule:
    id: str
    dataset: str
    metric: str
    when: Condition
    every: Schedule
    to: Destination
    lang: str = DEFAULT_LANGUAGE
    created_at: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "dataset": self.dataset,
            "metric": self.metric,
            "when": self.when.text(),
            "every": self.every.text(),
            "to": self.to.text(),
            "lang": self.lang,
            "created_at": self.created_at,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Rule:
        return cls(
            id=str(raw["id"]),
            dataset=str(raw["dataset"]),
            metric=str(raw["metric"]),
            when=Condition.parse(str(raw["when"])),
            every=Schedule.parse(str(raw["every"])),
            to=Destination.parse(str(raw["to"])),
            lang=str(raw.get("lang") or DEFAULT_LANGUAGE),
            created_at=str(raw.get("created_at") or ""),
        )


def alert_metrics() -> tuple[str, ...]:
    """Every metric a rule may name."""
    from siyu.metrics.overview import KPI_ORDER

    return (*KPI_ORDER, *EXTRA_METRICS)


def make_rule(
    dataset: str, metric: str, when: str, every: str, to: str, lang: str = DEFAULT_LANGUAGE
) -> Rule:
    """A new rule from the text a user typed; AlertError says what is wrong with it."""
    from siyu.metrics.overview import KPI_TARGETS

    metric = metric.strip().replace("-", "_")
    if metric not in alert_metrics():
        raise AlertError("alerts.bad_metric", value=metric, names=", ".join(alert_metrics()))
    condition = Condition.parse(when)
    if condition.kind in ("below_target", "above_target") and metric not in KPI_TARGETS:
        raise AlertError("alerts.no_target", metric=metric, names=", ".join(KPI_TARGETS))
    if metric == "weekly_report" and condition.kind != "always":
        raise AlertError("alerts.report_always")
    return Rule(
        id=uuid.uuid4().hex[:8],
        dataset=dataset,
        metric=metric,
        when=condition,
        every=Schedule.parse(every),
        to=Destination.parse(to),
        lang=lang if lang in LANGUAGES else DEFAULT_LANGUAGE,
        created_at=_stamp(_now()),
    )


def rule_from_form(
    dataset: str,
    metric: str,
    condition: str,
    value: str,
    grain: str,
    weekday: str,
    at: dt.time,
    channel: str,
    name: str,
    lang: str,
) -> Rule:
    """A rule from the Alerts page's form (the same checks as `make_rule`)."""
    needs_value = condition in ("below", "above", "change_below")
    when = f"{condition}={value.strip()}" if needs_value else condition
    clock = at.strftime("%H:%M")
    every = f"daily@{clock}" if grain == "daily" else f"weekly@{weekday} {clock}"
    return make_rule(dataset, metric, when, every, f"{channel}:{name.strip()}", lang)


def rules_frame(rules: list[Rule], lang: str) -> Any:
    """The rules as the Alerts page lists them, in the reader's words."""
    import pandas as pd

    return pd.DataFrame(
        {
            t("alerts.page.col.id", lang): [r.id for r in rules],
            t("alerts.page.col.when", lang): [describe_rule(r, lang) for r in rules],
            t("alerts.page.col.every", lang): [describe_schedule(r.every, lang) for r in rules],
            t("alerts.page.col.to", lang): [r.to.text() for r in rules],
            t("alerts.page.col.ready", lang): [
                t("alerts.page.ready" if destination_url(r.to) else "alerts.page.not_ready", lang)
                for r in rules
            ],
        }
    )


def history_shown(rows: list[dict[str, Any]], lang: str) -> Any:
    """The history as the Alerts page shows it: metric, outcome and detail in words."""
    frame = history_frame(rows).drop(columns="dataset")
    frame["metric"] = [metric_label(m, lang) if m in METRIC_LABELS else "" for m in frame["metric"]]
    frame["event"] = [t(EVENT_LABELS[e], lang) if e in EVENT_LABELS else e for e in frame["event"]]
    frame["detail"] = [describe_detail(h, lang) for h in rows]
    frame = frame.fillna("")
    return frame.rename(columns={c: t(k, lang) for c, k in HISTORY_COLUMNS.items()})


# -- configuration -------------------------------------------------------------------------


def _secrets_files() -> list[Path]:
    raw = os.environ.get("SIYU_SECRETS")
    if raw:
        return [Path(raw)]
    return [
        Path.cwd() / ".streamlit" / "secrets.toml",
        PROJECT_ROOT / ".streamlit" / "secrets.toml",
    ]


def load_secrets() -> dict[str, Any]:
    """The secrets file the app reads (`.streamlit/secrets.toml`; SIYU_SECRETS names another),
    as a dict; empty when there is none."""
    for path in _secrets_files():
        with contextlib.suppress(OSError, tomllib.TOMLDecodeError):
            return tomllib.loads(path.read_text(encoding="utf-8"))
    return {}


def destination_url(dest: Destination, secrets: Mapping[str, Any] | None = None) -> str | None:
    """The robot's webhook address for `dest`: the environment, else the secrets file."""
    url = os.environ.get(dest.env_name, "").strip()
    if url:
        return url
    table = (secrets if secrets is not None else load_secrets()).get("alerts") or {}
    value = (table.get(dest.channel) or {}).get(dest.name)
    return str(value).strip() if value else None


def configured(secrets: Mapping[str, Any] | None = None) -> list[str]:
    """The destinations configured (`wecom:ops` …), never their addresses."""
    found = set()
    for key in os.environ:
        for channel in CHANNELS:
            prefix = f"SIYU_ALERT_{channel.upper()}_"
            if key.startswith(prefix) and os.environ[key].strip():
                found.add(f"{channel}:{key[len(prefix) :].lower()}")
    table = (secrets if secrets is not None else load_secrets()).get("alerts") or {}
    for channel in CHANNELS:
        for name, value in (table.get(channel) or {}).items():
            if value:
                found.add(f"{channel}:{name}")
    return sorted(found)


def public_url(secrets: Mapping[str, Any] | None = None) -> str:
    """Where the app is reached, for the link in a message (SIYU_PUBLIC_URL, or
    `[alerts] base_url` in secrets; default http://localhost:8501)."""
    url = os.environ.get("SIYU_PUBLIC_URL", "").strip()
    if not url:
        table = (secrets if secrets is not None else load_secrets()).get("alerts") or {}
        url = str(table.get("base_url") or "").strip()
    return (url or "http://localhost:8501").rstrip("/")


# -- time ----------------------------------------------------------------------------------


def _now() -> dt.datetime:
    """Now, as naive wall time in the workspace zone."""
    return dt.datetime.now(ZoneInfo(settings().timezone)).replace(tzinfo=None, microsecond=0)


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def evaluated_period(last_day: Date | None, grain: str, now: dt.datetime) -> tuple[Date, Date]:
    """The latest complete day or week of the data: the last day of data, or yesterday when
    the data reaches today (today is not over); a week is the Monday … Sunday ending on or
    before that day. None without data."""
    if last_day is None:
        raise AlertError("alerts.no_data")
    complete = min(last_day, now.date() - dt.timedelta(days=1))
    if grain == "daily":
        return complete, complete
    sunday = complete - dt.timedelta(days=(complete.weekday() + 1) % 7)
    return sunday - dt.timedelta(days=6), sunday


# -- evaluation and messages ---------------------------------------------------------------


@dataclass
class Reading:
    kind: str  # count, money or rate
    value: float | None
    previous: float | None
    change: float | None
    target: float | None


def read_metric(source: Any, metric: str, start: Date, end: Date) -> Reading:
    """The value of a rule's metric over [start, end], with the previous period's and the
    change a card shows (like for like, `kpi_cards`); `lost` from the lost customers."""
    from siyu import metrics
    from siyu.metrics.base import previous_period

    if metric == "lost":
        if not source.has("members"):
            return Reading("count", None, None, None, None)
        now = len(metrics.lookup("lost_customers")(source, start, end))
        before = len(metrics.lookup("lost_customers")(source, *previous_period(start, end)))
        change = None if before == 0 else (now - before) / before
        return Reading("count", now, before, change, None)
    cards = metrics.kpi_cards(source, start, end)
    row = cards[cards["metric"] == metric].iloc[0]
    return Reading(row["kind"], row["value"], row["previous"], row["change"], row["target"])


def _period_text(start: Date, end: Date) -> str:
    return str(start) if start == end else f"{start} – {end}"


def view_link(rule: Rule, start: Date, end: Date, base: str) -> str:
    page = "staff" if rule.metric == "lost" else ""
    query = urlencode(
        [("dataset", rule.dataset), ("lang", rule.lang), ("period", start), ("period", end)]
    )
    return f"{base}/{page}?{query}"


def metric_label(metric: str, lang: str) -> str:
    """A rule's metric as the reader names it (the overview's KPI names)."""
    return t(METRIC_LABELS[metric], lang, x_days=3, y_days=7)


def _condition_text(rule: Rule, lang: str, kind: str) -> str:
    c = rule.when
    metric = metric_label(rule.metric, lang)
    if c.value is None:
        return t(WHEN_LABELS[c.kind], lang, metric=metric)
    shown = (
        fmt.show_change(kind, c.value) or ""
        if c.kind == "change_below"
        else fmt.show(kind, c.value)
    )
    return t(WHEN_LABELS[c.kind], lang, metric=metric, value=shown)


def metric_kind(metric: str) -> str:
    """How a rule's metric reads (siyu.fmt kind): the KPI's kind; lost people are a count."""
    from siyu.metrics.overview import KPI_KINDS

    return KPI_KINDS.get(metric, "count")


def describe_rule(rule: Rule, lang: str) -> str:
    """The rule's condition in words: 日活率低于目标, GMV below ¥1,000.00 …"""
    return _condition_text(rule, lang, metric_kind(rule.metric))


def describe_schedule(schedule: Schedule, lang: str) -> str:
    """每天 09:00 / 每周一 09:00 / daily at 09:00 / Mondays at 09:00."""
    at = f"{schedule.hour:02d}:{schedule.minute:02d}"
    if schedule.grain == "daily":
        return t("alerts.every.daily", lang, at=at)
    day = t(WEEKDAY_LABELS[WEEKDAYS[schedule.weekday]], lang)
    return t("alerts.every.weekly", lang, day=day, at=at)


def describe_detail(event: Mapping[str, Any], lang: str) -> str:
    """A history row's detail in words: the value read, the attempts, or the error."""
    detail = event.get("detail")
    kind = event.get("event")
    if detail is None or detail == "":
        return ""
    if kind in ("checked", "triggered", "already_sent"):
        return fmt.show(metric_kind(str(event.get("metric"))), detail)
    if kind in ("sent", "test_sent"):
        return t("alerts.detail.attempts", lang, n=detail)
    if kind in ("failed", "test_failed"):
        return describe_error(detail, lang)
    return str(detail)


def alert_message(
    rule: Rule, reading: Reading, start: Date, end: Date, dataset_title: str, base: str
) -> str:
    """The WeCom markdown of an alert: metric, value against target, period, change, link."""
    lang = rule.lang
    lines = [
        f"### {t('alerts.msg.title', lang, what=_condition_text(rule, lang, reading.kind))}",
        "> " + t("alerts.msg.where", lang, dataset=dataset_title, period=_period_text(start, end)),
        t(
            "alerts.msg.value",
            lang,
            metric=metric_label(rule.metric, lang),
            value=fmt.show(reading.kind, reading.value),
        ),
    ]
    if reading.target is not None:
        met = reading.value is not None and reading.value >= reading.target
        lines.append(
            t(
                "alerts.msg.target",
                lang,
                target=fmt.show(reading.kind, reading.target),
                status=t("target.met" if met else "target.missed", lang),
            )
        )
    lines.append(
        t(
            "alerts.msg.change",
            lang,
            change=fmt.show_change(reading.kind, reading.change) or "—",
            previous=fmt.show(reading.kind, reading.previous),
        )
    )
    lines.append(f"[{t('alerts.msg.open', lang)}]({view_link(rule, start, end, base)})")
    return "\n".join(lines)


def weekly_summary(
    source: Any, rule: Rule, start: Date, end: Date, dataset_title: str, base: str
) -> str:
    """The weekly review's summary as WeCom markdown: each KPI this week against last week
    and its target, and the products that moved up most on the products board."""
    from siyu import metrics
    from siyu.metrics.leaderboards import rank_change_arrow

    lang = rule.lang
    windows = {"x_days": 3, "y_days": 7}
    lines = [
        f"### {t('alerts.report.title', lang, dataset=dataset_title)}",
        "> " + t("alerts.report.week", lang, period=_period_text(start, end)),
    ]
    if source.has("orders"):
        for r in metrics.kpi_cards(source, start, end).itertuples(index=False):
            if r.needs:
                continue
            line = t(
                "alerts.report.kpi",
                lang,
                metric=t(KPI_LABELS[r.metric], lang, **windows),
                value=fmt.show(r.kind, r.value),
                change=fmt.show_change(r.kind, r.change) or "—",
            )
            if r.target is not None and r.value is not None:
                met = r.value >= r.target
                status = t("target.met" if met else "target.missed", lang)
                color = "info" if met else "warning"
                line += f' <font color="{color}">{status}</font>'
            lines.append(line)
        board = metrics.lookup("leaderboard_products")(source, start, end, top=10)
        movers = [
            (int(c), p)
            for p, c in zip(board["product"], board["rank_change"], strict=True)
            if c not in (None, "new") and int(c) > 0
        ]
        movers.sort(key=lambda m: (-m[0], str(m[1])))
        if movers:
            shown = "、".join(f"{p} {rank_change_arrow(f'+{n}')}" for n, p in movers[:3])
            lines.append(t("alerts.report.movers", lang, items=shown))
    else:
        lines.append(t("needs.orders", lang))
    lines.append(f"[{t('alerts.msg.open', lang)}]({view_link(rule, start, end, base)})")
    return "\n".join(lines)


def _cut_utf8(text: str, limit: int) -> str:
    raw = text.encode("utf-8")
    if len(raw) <= limit:
        return text
    return raw[: limit - 3].decode("utf-8", errors="ignore") + "…"


def _plain(markdown: str) -> str:
    """Markdown as the text a Feishu robot shows: no marks, links as their address."""
    text = re.sub(r"<font[^>]*>(.*?)</font>", r"\1", markdown)
    text = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1 \2", text)
    text = re.sub(r"^#+\s*|^>\s*", "", text, flags=re.MULTILINE)
    return text.replace("**", "")


def payload(channel: str, title: str, markdown: str) -> dict[str, Any]:
    """The robot's JSON body: WeCom markdown (≤ 4096 bytes), DingTalk markdown, Feishu text."""
    if channel == "wecom":
        return {"msgtype": "markdown", "markdown": {"content": _cut_utf8(markdown, MARKDOWN_BYTES)}}
    if channel == "dingtalk":
        body = _cut_utf8(markdown, MARKDOWN_BYTES)
        return {"msgtype": "markdown", "markdown": {"title": title, "text": body}}
    return {"msg_type": "text", "content": {"text": _cut_utf8(_plain(markdown), TEXT_BYTES)}}


# -- sending -------------------------------------------------------------------------------


@dataclass
class Sent:
    ok: bool
    attempts: int
    error: str | None = None


def _answer_code(body: bytes) -> int | None:
    try:
        answer = json.loads(body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(answer, dict):
        return None
    for key in ("errcode", "code", "StatusCode"):
        if key in answer:
            try:
                return int(answer[key])
            except (TypeError, ValueError):
                return None
    return 0


def post(
    url: str,
    body: dict[str, Any],
    *,
    retries: int = RETRIES,
    backoff: float = BACKOFF_SECONDS,
    timeout: float = TIMEOUT_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
) -> Sent:
    """POST `body` as JSON; retried on a 5xx answer, a timeout, a refused connection or a busy
    robot, after `backoff`, 2 × `backoff`, 4 × `backoff` … seconds."""
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    error = None
    for attempt in range(retries + 1):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        request = urllib.request.Request(
            url, data=data, headers={"Content-Type": "application/json; charset=utf-8"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                code = _answer_code(answer.read())
        except urllib.error.HTTPError as exc:
            error = f"http:{exc.code}"
            if exc.code >= 500 or exc.code == 429:
                continue
            return Sent(False, attempt + 1, error)
        except TimeoutError:
            error = "timeout"
            continue
        except urllib.error.URLError as exc:
            error = "timeout" if isinstance(exc.reason, TimeoutError) else "connection"
            continue
        except (OSError, ValueError):
            return Sent(False, attempt + 1, "invalid")
        if code == 0:
            return Sent(True, attempt + 1)
        error = f"robot:{code}"
        if code in RETRY_CODES:
            continue
        return Sent(False, attempt + 1, error)
    return Sent(False, retries + 1, error)


# -- the store -----------------------------------------------------------------------------


@dataclass
class RunReport:
    evaluated: int = 0
    triggered: int = 0
    sent: int = 0
    failed: int = 0
    events: list[dict[str, Any]] = field(default_factory=list)


class AlertStore:
    """The rules and the delivery state of a workspace (`<workspace>/alerts/`)."""

    def __init__(self, root: Path | str) -> None:
        self.dir = Path(root) / "alerts"
        self.dir.mkdir(parents=True, exist_ok=True)

    # files
    def _read(self, name: str, default: Any) -> Any:
        try:
            return json.loads((self.dir / name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return default

    def _write(self, name: str, value: Any) -> None:
        tmp = self.dir / f".{name}.{uuid.uuid4().hex}.tmp"
        try:
            with tmp.open("w", encoding="utf-8") as f:
                json.dump(value, f, ensure_ascii=False, indent=1, default=str)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.dir / name)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()

    @contextlib.contextmanager
    def _lock(self, timeout: float = 600.0) -> Iterator[None]:
        """Exclusive across processes and replicas on shared storage (`flock`); released when
        the holder exits, however it exits."""
        lock = (self.dir / ".lock").open("a+")
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise AlertError("alerts.busy") from None
                    time.sleep(0.05)
            yield
        finally:
            lock.close()

    # rules
    def rules(self, dataset: str | None = None) -> list[Rule]:
        out = []
        for raw in self._read("rules.json", []):
            with contextlib.suppress(AlertError, KeyError):
                out.append(Rule.from_json(raw))
        return [r for r in out if dataset is None or r.dataset == dataset]

    def add(self, rule: Rule) -> Rule:
        with self._lock():
            rules = self._read("rules.json", [])
            rules.append(rule.to_json())
            self._write("rules.json", rules)
        return rule

    def remove(self, rule_id: str) -> Rule:
        with self._lock():
            rules = self._read("rules.json", [])
            kept = [r for r in rules if r.get("id") != rule_id]
            if len(kept) == len(rules):
                raise AlertError("alerts.no_rule", id=rule_id)
            self._write("rules.json", kept)
            gone = next(r for r in rules if r.get("id") == rule_id)
        return Rule.from_json(gone)

    # state
    def state(self) -> dict[str, Any]:
        raw = self._read("state.json", {})
        return {
            "checked": dict(raw.get("checked") or {}),
            "outbox": list(raw.get("outbox") or []),
            "sends": dict(raw.get("sends") or {}),
            "history": list(raw.get("history") or []),
        }

    def history(self, dataset: str | None = None) -> list[dict[str, Any]]:
        """Every evaluation, delivery and failure, the latest first."""
        rows = [
            h for h in self.state()["history"] if dataset is None or h.get("dataset") == dataset
        ]
        return rows[::-1]

    def outbox(self, dataset: str | None = None) -> list[dict[str, Any]]:
        return [m for m in self.state()["outbox"] if dataset is None or m.get("dataset") == dataset]

    def _log(self, state: dict[str, Any], report: RunReport | None, **event: Any) -> None:
        row = {"at": _stamp(_now()), **event}
        state["history"].append(row)
        del state["history"][:-HISTORY_ROWS]
        if report is not None:
            report.events.append(row)

    # sending within the robot's rate limit
    def _deliver(
        self,
        state: dict[str, Any],
        channel: str,
        url: str,
        body: dict[str, Any],
        *,
        retries: int,
        backoff: float,
        timeout: float,
        sleep: Callable[[float], None],
        clock: Callable[[], float],
    ) -> Sent:
        robot = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
        began = clock()
        times = [s for s in state["sends"].get(robot, []) if s > began - 60]
        if len(times) >= PER_MINUTE:  # wait until the oldest of the last 20 is a minute old
            sleep(max(0.0, times[-PER_MINUTE] + 60 - began))
        sent = post(url, body, retries=retries, backoff=backoff, timeout=timeout, sleep=sleep)
        ended = clock()
        times = [s for s in times if s > ended - 60] + [ended] * sent.attempts
        state["sends"][robot] = times[-PER_MINUTE:]
        return sent

    def run(
        self,
        ws: Any,
        *,
        dataset: str | None = None,
        now: dt.datetime | None = None,
        secrets: Mapping[str, Any] | None = None,
        retries: int = RETRIES,
        backoff: float = BACKOFF_SECONDS,
        timeout: float = TIMEOUT_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> RunReport:
        """Evaluate every due rule (of `dataset`, or all) and send what is owed, exactly once
        per rule and evaluated period; see the module docstring."""
        now = now or _now()
        secrets = secrets if secrets is not None else load_secrets()
        base = public_url(secrets)
        report = RunReport()
        with self._lock():
            state = self.state()
            # a message left "sending" by a run that died: its outcome is unknown, never resent
            for msg in state["outbox"]:
                if msg["status"] == "sending":
                    msg["status"] = "unknown"
                    self._log(state, report, **_ids(msg), event="unknown")
            for rule in self.rules(dataset):
                slot = _stamp(rule.every.last_slot(now))
                if state["checked"].get(rule.id, "") >= slot:
                    continue
                self._evaluate(ws, rule, now, base, state, report)
                state["checked"][rule.id] = slot
            self._write("state.json", state)
            for msg in state["outbox"]:
                if msg["status"] not in ("pending", "failed"):
                    continue
                if dataset is not None and msg["dataset"] != dataset:
                    continue
                dest = Destination.parse(msg["to"])
                url = destination_url(dest, secrets)
                if not url:
                    msg["status"], msg["error"] = "failed", f"no_destination:{dest.env_name}"
                    report.failed += 1
                    self._log(state, report, **_ids(msg), event="failed", detail=msg["error"])
                    self._write("state.json", state)
                    continue
                msg["status"] = "sending"
                self._write("state.json", state)  # recorded before it leaves
                sent = self._deliver(
                    state,
                    dest.channel,
                    url,
                    payload(dest.channel, msg["title"], msg["text"]),
                    retries=retries,
                    backoff=backoff,
                    timeout=timeout,
                    sleep=sleep,
                    clock=clock,
                )
                msg["attempts"] = int(msg.get("attempts", 0)) + sent.attempts
                if sent.ok:
                    msg["status"], msg["sent_at"], msg["error"] = "sent", _stamp(_now()), None
                    report.sent += 1
                    self._log(state, report, **_ids(msg), event="sent", detail=sent.attempts)
                else:
                    msg["status"], msg["error"] = "failed", sent.error
                    report.failed += 1
                    self._log(state, report, **_ids(msg), event="failed", detail=sent.error)
                self._write("state.json", state)
        return report

    def _evaluate(
        self,
        ws: Any,
        rule: Rule,
        now: dt.datetime,
        base: str,
        state: dict[str, Any],
        report: RunReport,
    ) -> None:
        from siyu.metrics.base import last_data_day

        ids = {"rule": rule.id, "dataset": rule.dataset, "metric": rule.metric}
        try:
            source = ws.source(rule.dataset)
            start, end = evaluated_period(last_data_day(source), rule.every.grain, now)
        except Exception as exc:  # a dataset deleted or without data: said in the history
            detail = exc.message(rule.lang) if hasattr(exc, "message") else type(exc).__name__
            self._log(state, report, **ids, event="error", detail=detail)
            return
        report.evaluated += 1
        ids["period"] = _period_text(start, end)
        key = f"{rule.id}:{start}:{end}"
        title = _dataset_title(ws, rule.dataset)
        if rule.metric == "weekly_report":
            value, met = None, True
            text = weekly_summary(source, rule, start, end, title, base)
        else:
            reading = read_metric(source, rule.metric, start, end)
            value = reading.value
            met = rule.when.met(reading.value, reading.change, reading.target)
            text = alert_message(rule, reading, start, end, title, base) if met else ""
        shown = None if value is None else float(value)
        if not met:
            self._log(state, report, **ids, event="checked", detail=shown)
            return
        report.triggered += 1
        if any(m["key"] == key for m in state["outbox"]):
            self._log(state, report, **ids, event="already_sent", detail=shown)
            return
        state["outbox"].append(
            {
                "key": key,
                **ids,
                "to": rule.to.text(),
                "title": t("alerts.msg.robot_title", rule.lang),
                "text": text,
                "status": "pending",
                "attempts": 0,
                "created_at": _stamp(_now()),
                "sent_at": None,
                "error": None,
            }
        )
        self._log(state, report, **ids, event="triggered", detail=shown)

    def test_send(
        self,
        rule: Rule,
        *,
        secrets: Mapping[str, Any] | None = None,
        retries: int = RETRIES,
        backoff: float = BACKOFF_SECONDS,
        timeout: float = TIMEOUT_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
    ) -> Sent:
        """Send a test message to the rule's robot now (recorded in the history)."""
        url = destination_url(rule.to, secrets)
        if not url:
            raise AlertError("alerts.no_destination", to=rule.to.text(), env=rule.to.env_name)
        text = t("alerts.msg.test", rule.lang, rule=rule.id, dataset=rule.dataset)
        with self._lock():
            state = self.state()
            sent = self._deliver(
                state,
                rule.to.channel,
                url,
                payload(rule.to.channel, t("alerts.msg.robot_title", rule.lang), text),
                retries=retries,
                backoff=backoff,
                timeout=timeout,
                sleep=sleep,
                clock=time.time,
            )
            event = "test_sent" if sent.ok else "test_failed"
            ids = {"rule": rule.id, "dataset": rule.dataset, "metric": rule.metric}
            self._log(state, None, **ids, event=event, detail=sent.error or sent.attempts)
            self._write("state.json", state)
        return sent


def describe_error(error: Any, lang: str) -> str:
    """A delivery error as the reader reads it (`http:500` → 机器人返回 HTTP 500 …)."""
    if error is None or error == "":
        return ""
    kind, _, detail = str(error).partition(":")
    key = ERROR_LABELS.get(kind)
    return t(key, lang, detail=detail) if key else str(error)


def _ids(msg: Mapping[str, Any]) -> dict[str, Any]:
    return {k: msg.get(k) for k in ("rule", "dataset", "metric", "period")}


def _dataset_title(ws: Any, name: str) -> str:
    with contextlib.suppress(Exception):
        title = ws.get(name).title
        return "演示数据" if title == name == "demo" else title
    return name


# -- command line --------------------------------------------------------------------------


def add_cli(sub: Any, common: Any) -> None:
    """`python -m siyu alerts add|list|remove|run|history|test` (registered by siyu.cli)."""
    p = sub.add_parser("alerts", parents=[common], help="alert rules sent to group robots")
    acts = p.add_subparsers(dest="alerts_command", required=True)

    a = acts.add_parser("add", parents=[common], help="store an alert rule in the workspace")
    a.add_argument("--dataset", required=True)
    a.add_argument(
        "--metric", required=True, help="a KPI (gmv, daily_active_rate …), lost or weekly_report"
    )
    a.add_argument(
        "--when",
        required=True,
        help="below_target | above_target | below=V | above=V | change_below=V | always",
    )
    a.add_argument("--every", required=True, help="daily@HH:MM | weekly@MON HH:MM")
    a.add_argument("--to", required=True, help="wecom:NAME | dingtalk:NAME | feishu:NAME")
    a.set_defaults(func=_cmd_add)

    a = acts.add_parser("list", parents=[common], help="list the alert rules (CSV)")
    a.add_argument("--dataset")
    a.set_defaults(func=_cmd_list)

    a = acts.add_parser("remove", parents=[common], help="remove an alert rule")
    a.add_argument("id")
    a.set_defaults(func=_cmd_remove)

    a = acts.add_parser("run", parents=[common], help="evaluate due rules and send alerts")
    a.add_argument("--dataset")
    a.add_argument("--now", help="YYYY-MM-DD HH:MM: run as if it were then (backfills, tests)")
    a.set_defaults(func=_cmd_run)

    a = acts.add_parser("history", parents=[common], help="evaluations and deliveries (CSV)")
    a.add_argument("--dataset")
    a.set_defaults(func=_cmd_history)

    a = acts.add_parser("test", parents=[common], help="send a test message to a rule's robot")
    a.add_argument("id")
    a.set_defaults(func=_cmd_test)


def _cli_error(exc: AlertError) -> Exception:
    from siyu.cli import CliError

    return CliError(exc.key, **exc.params)


def _ws(args: Any) -> Any:
    from siyu.workspace import Workspace

    return Workspace(args.workspace) if args.workspace else Workspace()


def _cmd_add(args: Any) -> int:
    ws = _ws(args)
    ws.get(args.dataset)  # a clear error when it does not exist
    meta_lang = ws.get(args.dataset).meta.get("lang")
    lang = meta_lang if meta_lang in LANGUAGES else args.lang
    try:
        rule = make_rule(args.dataset, args.metric, args.when, args.every, args.to, lang)
    except AlertError as exc:
        raise _cli_error(exc) from None
    AlertStore(ws.root).add(rule)
    print(t("alerts.added", args.lang, id=rule.id, env=rule.to.env_name))
    return 0


def _rules_frame(rules: list[Rule]) -> Any:
    import pandas as pd

    cols = ["id", "dataset", "metric", "when", "every", "to", "lang", "created_at"]
    return pd.DataFrame([r.to_json() for r in rules], columns=cols)


def _cmd_list(args: Any) -> int:
    from siyu.cli import write_frame

    write_frame(_rules_frame(AlertStore(_ws(args).root).rules(args.dataset)), "csv")
    return 0


def _cmd_remove(args: Any) -> int:
    try:
        rule = AlertStore(_ws(args).root).remove(args.id)
    except AlertError as exc:
        raise _cli_error(exc) from None
    print(t("alerts.removed", args.lang, id=rule.id))
    return 0


def history_frame(rows: list[dict[str, Any]]) -> Any:
    import pandas as pd

    cols = ["at", "rule", "dataset", "metric", "period", "event", "detail"]
    return pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=cols, dtype=object)


def _cmd_history(args: Any) -> int:
    from siyu.cli import write_frame

    write_frame(history_frame(AlertStore(_ws(args).root).history(args.dataset)), "csv")
    return 0


def _cmd_run(args: Any) -> int:
    now = None
    if args.now:
        try:
            now = dt.datetime.fromisoformat(args.now.strip())
        except ValueError:
            from siyu.cli import CliError

            raise CliError("cli.bad_date", value=args.now) from None
    try:
        report = AlertStore(_ws(args).root).run(_ws(args), dataset=args.dataset, now=now)
    except AlertError as exc:
        raise _cli_error(exc) from None
    print(
        t(
            "alerts.ran",
            args.lang,
            evaluated=report.evaluated,
            triggered=report.triggered,
            sent=report.sent,
            failed=report.failed,
        )
    )
    return 1 if report.failed else 0


def _cmd_test(args: Any) -> int:
    store = AlertStore(_ws(args).root)
    rule = next((r for r in store.rules() if r.id == args.id), None)
    try:
        if rule is None:
            raise AlertError("alerts.no_rule", id=args.id)
        sent = store.test_send(rule)
    except AlertError as exc:
        raise _cli_error(exc) from None
    if not sent.ok:
        error = describe_error(sent.error, args.lang)
        print(t("alerts.test_failed", args.lang, error=error), file=sys.stderr)
        return 1
    print(t("alerts.test_sent", args.lang, to=rule.to.text()))
    return 0


__all__ = [
    "AlertError",
    "AlertStore",
    "Condition",
    "Destination",
    "Rule",
    "Schedule",
    "alert_message",
    "configured",
    "destination_url",
    "evaluated_period",
    "make_rule",
    "payload",
    "post",
    "weekly_summary",
]
