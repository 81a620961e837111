"""The Retention page's words and tables: view, cohort and option labels, period names, the
7-day method's comparison and verdict in words, segment names, the tables as shown and
downloaded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd

from siyu import fmt
from siyu.metrics.retention import SEVEN_DAY_LAST_DAY

T = Callable[..., str]

VIEWS: dict[str, str] = {
    "cohorts": "retention.view.cohorts",
    "seven_day": "retention.view.seven_day",
}
COHORT_BY: dict[str, str] = {
    "join": "retention.cohort_by.join",
    "first_order": "retention.cohort_by.first_order",
}
SEVEN_FILTERS: dict[str, str] = {
    "all": "retention.seven.filter.all",
    "7day": "retention.seven.filter.7day",
    "other": "retention.seven.filter.other",
}
SEVEN_GROUPS: dict[str, str] = {
    "7day": "retention.seven.group.7day",
    "other": "retention.seven.group.other",
    "difference": "retention.seven.group.difference",
}
SEVEN_COLUMNS: dict[str, str] = {
    "ci_low": "retention.seven.col.ci_low",
    "ci_high": "retention.seven.col.ci_high",
    "group": "retention.seven.col.group",
    "members": "retention.seven.col.members",
    "repurchased": "retention.seven.col.repurchased",
    "rate": "retention.seven.col.rate",
    "ci": "retention.seven.col.ci",
}
EVENTS: dict[str, str] = {
    "order": "retention.event.order",
    "activity": "retention.event.activity",
}
HORIZON_LABELS: dict[str, str] = {
    "7d": "retention.horizon.7d",
    "30d": "retention.horizon.30d",
    "12w": "retention.horizon.12w",
}
BREAKDOWNS: dict[str, str] = {
    "none": "retention.breakdown.none",
    "channel": "retention.breakdown.channel",
    "campaign": "retention.breakdown.campaign",
}
PERIOD_UNITS: dict[str, str] = {
    "day": "retention.period.day",
    "week": "retention.period.week",
}
COLUMNS: dict[str, str] = {
    "cohort": "retention.col.cohort",
    "cohort_size": "retention.col.cohort_size",
    "segment": "retention.col.segment",
    "user_id": "retention.col.user_id",
    "nickname": "retention.col.nickname",
    "phone": "retention.col.phone",
    "channel": "retention.col.channel",
    "start_day": "retention.col.start_day",
    "retained": "retention.col.retained",
    "period": "retention.col.period",
    "retained_people": "retention.col.retained_people",
    "rate": "retention.col.rate",
}
# The 7-day histogram's columns, as its download names them.
HISTOGRAM_COLUMNS: dict[str, str] = {
    "purchase_days": "retention.seven.purchase_days",
    "members": "retention.seven.members",
    "repurchase_30d_rate": "retention.seven.rate",
}
# The cohort table's long form, as its download names it.
DOWNLOAD_COLUMNS: dict[str, str] = {
    "segment": "retention.col.segment",
    "cohort": "retention.col.cohort",
    "cohort_size": "retention.col.cohort_size",
    "period": "retention.col.period",
    "retained": "retention.col.retained_people",
    "rate": "retention.col.rate",
}


def period_labels(t: T, unit: str, periods: int) -> list[str]:
    """`D0, D1, …` or `W0, W1, …`: the periods of a cohort table in the reader's words."""
    return [t(PERIOD_UNITS[unit], n=n) for n in range(periods)]


def band(unit: str, periods: int) -> tuple[int, int] | None:
    """The D1–D7 band the heatmap and curves mark (day cohorts only)."""
    return (1, min(7, periods - 1)) if unit == "day" else None


def segment_name(t: T, campaign: T, breakdown: str, value: Any) -> str:
    """A segment as the reader names it: a campaign by its display name, none in words."""
    if value is None or value != value:
        return t("retention.segment.none")
    return campaign(value) if breakdown == "campaign" else str(value)


def nobody_observed(compare: pd.DataFrame) -> bool:
    """Whether the 7-day comparison has nobody in either group (the period is too recent)."""
    return int(compare["members"].iloc[:2].sum()) == 0


def latest_observed_start(last_day: dt.date) -> dt.date:
    """The latest start day whose day 36 is in the data."""
    return last_day - dt.timedelta(days=SEVEN_DAY_LAST_DAY)


def points(t: T, value: float) -> str:
    """A difference of rates in percentage points: +3.2 pp."""
    return t("retention.seven.pp", value=f"{value * 100:+.1f}")


def verdict(t: T, difference: pd.Series) -> str:
    """The 7-day programme's effect with its interval, in words."""
    return t(
        "retention.seven.verdict",
        diff=points(t, difference["rate"]),
        low=points(t, difference["ci_low"]),
        high=points(t, difference["ci_high"]),
    )


def seven_groups(t: T) -> dict[str, str]:
    """The two groups and their difference in the reader's words."""
    return {g: t(key) for g, key in SEVEN_GROUPS.items()}


def compare_table(t: T, compare: pd.DataFrame) -> pd.DataFrame:
    """`seven_day_compare` as shown: people whole, rates and intervals as siyu.fmt writes them."""
    labels = seven_groups(t)
    return compare.assign(
        group=[labels[g] for g in compare["group"]],
        members=[fmt.show("count", v) for v in compare["members"]],
        repurchased=[fmt.show("count", v) for v in compare["repurchased"]],
        rate=[fmt.show("rate", v) for v in compare["rate"]],
        ci=[
            "—" if lo is None else f"{fmt.show('rate', lo)} – {fmt.show('rate', hi)}"
            for lo, hi in zip(compare["ci_low"], compare["ci_high"], strict=True)
        ],
    )[["group", "members", "repurchased", "rate", "ci"]]


def compare_download(t: T, compare: pd.DataFrame) -> pd.DataFrame:
    """`seven_day_compare` as downloaded: group names, every digit."""
    labels = seven_groups(t)
    return compare.assign(group=[labels[g] for g in compare["group"]])


def wide_shown(t: T, wide: pd.DataFrame, labels: list[str]) -> tuple[pd.DataFrame, dict]:
    """The wide cohort table as shown (cohort, size, one rate per period, headed in the
    reader's words) and how its numbers read."""
    headers = {"cohort": t("retention.col.cohort"), "cohort_size": t("retention.size")}
    headers.update(dict(enumerate(labels)))
    kinds = {t("retention.size"): "count", **dict.fromkeys(labels, "rate")}
    return wide.rename(columns=headers), kinds


def long_table(t: T, campaign: T, table: pd.DataFrame, labels: list[str], breakdown: str):
    """The cohort table in long form, as downloaded: period and segment names."""
    out = table.assign(period=[labels[p] for p in table["period"]])
    if "segment" in out:
        out["segment"] = [segment_name(t, campaign, breakdown, s) for s in out["segment"]]
    return out


def cell_summary(people: pd.DataFrame, cohort: str, period: str) -> dict[str, str]:
    """What the caption says about one cell's people: how many, and how many retained."""
    return {
        "cohort": cohort,
        "people": fmt.show("count", len(people)),
        "period": period,
        "retained": fmt.show("count", int(people["retained"].eq(True).sum())),
    }


def cell_people(t: T, campaign: T, people: pd.DataFrame, breakdown: str) -> pd.DataFrame:
    """A cell's people as shown: the segment named, or left out without a breakdown."""
    if breakdown == "none":
        return people.drop(columns="segment")
    return people.assign(
        segment=[segment_name(t, campaign, breakdown, s) for s in people["segment"]]
    )
