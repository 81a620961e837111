"""The Group health page's words and tables: group names, the groups compared, the best push
hours in words, the follow-up lists with their headers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from siyu import fmt
from siyu.labels import KPI_LABELS
from siyu.metrics.groups import RATES, USUAL_PUSH_HOURS

T = Callable[..., str]

RATE_CHARTS: dict[str, str] = {
    "daily_active_rate": "groups.chart.daily_active_rate",
    "interaction_rate": "groups.chart.interaction_rate",
    "conversion_rate": "groups.chart.conversion_rate",
}
HEATMAPS: dict[str, str] = {
    "activity": "groups.heatmap.activity",
    "orders": "groups.heatmap.orders",
}
WHAT: dict[str, str] = {
    "activity": "groups.what.activity",
    "orders": "groups.what.orders",
}
# The groups compared: headers (translation keys) and how the numbers read.
SUMMARY_COLUMNS: dict[str, str] = {
    "group_id": "groups.col.group",
    "name": "groups.col.name",
    "size": "groups.col.size",
    "oversize": "groups.col.oversize",
    "defined_days": "groups.col.days",
    **{rate: KPI_LABELS[rate] for rate in RATES},
    "messages": "groups.col.messages",
    "shortfall": "groups.col.shortfall",
}
SUMMARY_KINDS: dict[str, str] = {
    **dict.fromkeys(RATES, "rate"),
    "size": "count",
    "defined_days": "count",
    "messages": "count",
    "shortfall": "number",
}
CHANGE_COLUMNS: dict[str, str] = {
    "group_id": "groups.col.group",
    "name": "groups.col.name",
    "week": "groups.col.week",
    "joins": "groups.col.joins",
    "leaves": "groups.col.leaves",
    "net": "groups.col.net",
}
PEOPLE_COLUMNS: dict[str, str] = {
    "user_id": "groups.col.user",
    "group_id": "groups.col.group",
    "nickname": "groups.col.nickname",
    "phone": "groups.col.phone",
    "joined_at": "groups.col.joined_at",
    "last_active_at": "groups.col.last_active_at",
    "days_silent": "groups.col.days_silent",
    "active_days": "groups.col.active_days",
}


def group_label(t: T, names: Mapping[Any, str], group: object) -> str:
    """A group as the picker and the warnings name it: `G1 · 福利群`, 全部群, 未入群."""
    if group == "all":
        return t("groups.all")
    if group is None:
        return t("groups.no_group")
    name = names.get(group)
    return f"{group} · {name}" if name else str(group)


def _no_group(t: T, values: pd.Series) -> list[Any]:
    return [g if g is not None else t("groups.no_group") for g in values]


def oversize_words(t: T, names: Mapping[Any, str], groups: pd.DataFrame) -> str:
    """The groups above the size limit, each with its size: `G1 · 福利群 (230)、…`."""
    return t("groups.sep").join(
        f"{group_label(t, names, g)} ({n})"
        for g, n in zip(groups["group_id"], groups["size"], strict=True)
    )


def summary_table(t: T, summary: pd.DataFrame) -> pd.DataFrame:
    """`group_summary` without the total row, as the table shows it (headers: SUMMARY_COLUMNS)."""
    table = summary[~summary["is_total"].astype(bool)].drop(columns="is_total")
    return table.assign(
        group_id=_no_group(t, table["group_id"]),
        oversize=[t("groups.yes") if v else "" for v in table["oversize"]],
        **{c: table[c].astype(float) for c in (*RATES, "shortfall")},
    )


def changes_table(t: T, changes: pd.DataFrame) -> pd.DataFrame:
    """`group_changes` with members in no group named so (headers: CHANGE_COLUMNS)."""
    return changes.assign(group_id=_no_group(t, changes["group_id"]))


def people(t: T, frame: pd.DataFrame) -> pd.DataFrame:
    """A follow-up list: ids first, then the masked contact, then the list's own columns
    (headers: PEOPLE_COLUMNS)."""
    order = ["user_id", "group_id", "nickname", "phone"]
    order += [c for c in frame.columns if c not in order]
    return frame.assign(group_id=_no_group(t, frame["group_id"]))[order]


def best_hours(t: T, hours: pd.DataFrame, kind: str) -> tuple[str, bool] | None:
    """What `push_hours` says for `kind` (activity or orders): the best hours in words and
    whether all of them lie in the usual push slots; None when the period has none."""
    best = hours[hours[f"best_{kind}"].astype(bool)].sort_values(f"{kind}_rank")
    if best.empty:
        return None
    inside = int(best["usual"].astype(bool).sum())
    words = t(
        "groups.best",
        what=t(WHAT[kind]),
        hours=t("groups.sep").join(t("groups.hour_label", hour=h) for h in best["hour"]),
        inside=f"{inside}/{len(best)}",
        hours_share=fmt.show("rate", len(USUAL_PUSH_HOURS) / 24),
        share=fmt.show("rate", best[f"usual_{kind}_share"].iloc[0]),
    )
    return words, inside == len(best)


def list_day(end: dt.date, last_day: dt.date | None) -> dt.date:
    """The day the follow-up lists are read on: the period's end, at most the last day of data."""
    return end if last_day is None else min(end, last_day)


def window_start(day: dt.date, window: int) -> dt.date:
    """The first day of a window of `window` days ending on `day`."""
    return day - dt.timedelta(days=window - 1)
