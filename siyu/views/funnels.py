"""The Funnels page's words and tables: step and option labels, translated columns, the
custom funnel's options from its widgets, conversion times in words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from siyu.metrics.funnels import Exclusion

T = Callable[..., str]

VIEWS: dict[str, str] = {
    "member": "funnels.view.member",
    "aarrr": "funnels.view.aarrr",
    "event": "funnels.view.event",
}
STEPS: dict[str, str] = {
    "joined": "funnels.step.joined",
    "first_order": "funnels.step.first_order",
    "repurchase": "funnels.step.repurchase",
}
AARRR: dict[str, str] = {
    "acquisition": "funnels.aarrr.acquisition",
    "activation": "funnels.aarrr.activation",
    "retention": "funnels.aarrr.retention",
    "revenue": "funnels.aarrr.revenue",
    "referral": "funnels.aarrr.referral",
}
BREAKDOWNS: dict[str, str] = {
    "channel": "funnels.breakdown.channel",
    "group": "funnels.breakdown.group",
    "join_week": "funnels.breakdown.join_week",
    "campaign": "funnels.breakdown.campaign",
}
WINDOW_UNITS: dict[str, str] = {
    "d": "funnels.unit.d",
    "h": "funnels.unit.h",
    "m": "funnels.unit.m",
}
ORDERS: dict[str, str] = {
    "ordered": "funnels.order.ordered",
    "strict": "funnels.order.strict",
    "unordered": "funnels.order.unordered",
}
COUNTS: dict[str, str] = {
    "people": "funnels.count.people",
    "conversions": "funnels.count.conversions",
}
EVENTS: dict[str, str] = {
    "join": "funnels.event.join",
    "order": "funnels.event.order",
    "message": "funnels.event.message",
    "view": "funnels.event.view",
    "like": "funnels.event.like",
    "checkin": "funnels.event.checkin",
    "share": "funnels.event.share",
}
COLUMNS: dict[str, str] = {
    "breakdown": "funnels.col.breakdown",
    "step": "funnels.col.step",
    "event": "funnels.col.event",
    "count": "funnels.col.count",
    "conversion_from_previous": "funnels.col.conversion_from_previous",
    "conversion_overall": "funnels.col.conversion_overall",
    "median_hours_to_convert": "funnels.col.median_hours_to_convert",
    "mean_time": "funnels.col.mean_time",
    "median_time": "funnels.col.median_time",
    "week": "funnels.col.week",
    "entered": "funnels.col.entered",
    "converted": "funnels.col.converted",
    "conversion": "funnels.col.conversion",
    "user_id": "funnels.col.user_id",
    "joined_at": "funnels.col.joined_at",
    "channel": "funnels.col.channel",
    "group_id": "funnels.col.group_id",
    "first_order_at": "funnels.col.first_order_at",
    "nickname": "funnels.col.nickname",
    "phone": "funnels.col.phone",
    "reached": "funnels.col.reached",
    "started_at": "funnels.col.started_at",
    "reached_at": "funnels.col.reached_at",
    "pending": "funnels.col.pending",
}
# How the numeric columns of the funnel tables read (siyu.fmt; downloads keep the numbers).
KINDS: dict[str, str] = {
    "count": "count",
    "pending": "count",
    "conversion_from_previous": "rate",
    "conversion_overall": "rate",
    "median_hours_to_convert": "number",
}


def step_labels(t: T, keys: dict[str, str], **windows: Any) -> dict[str, str]:
    """Each step's name in the reader's words (X and Y days filled in)."""
    return {step: t(key, **windows) for step, key in keys.items()}


def event_label(t: T, event: str) -> str:
    """An event as the reader names it; a kind of the user's own reads as the data has it."""
    return t(EVENTS[event]) if event in EVENTS else event


def numbered_events(t: T, events: Sequence[str]) -> list[str]:
    """`1. 入群`, `2. 发言` …: the steps of a custom funnel as its chart and pickers read."""
    return [f"{k}. {event_label(t, ev)}" for k, ev in enumerate(events, start=1)]


def breakdown_values(values: pd.Series, breakdown: str, t: T, campaign: T) -> list[str]:
    """The values of a member funnel's breakdown as the reader reads them: campaign codes by
    their display names, no value as 未知."""
    out = []
    for value in values:
        if value is None:
            out.append(t("funnels.breakdown.unknown"))
        elif breakdown == "campaign":
            out.append(campaign(value))
        else:
            out.append(str(value))
    return out


def duration(t: T, seconds: Any) -> str:
    """A conversion time in days, hours and minutes (— when undefined)."""
    if seconds is None or pd.isna(seconds):
        return "—"
    minutes = round(float(seconds) / 60)
    return t(
        "funnels.duration", days=minutes // 1440, hours=minutes % 1440 // 60, minutes=minutes % 60
    )


def event_options(
    steps: Sequence[str],
    window: int,
    unit: str,
    order: str,
    count_by: str,
    exclusion: str | None = None,
    between: tuple[int, int] = (1, 2),
) -> dict[str, Any]:
    """The options of `event_funnel` (and its trend and dropped people) from the widgets."""
    exclude = (Exclusion(exclusion, *between),) if exclusion else ()
    return {
        "steps": tuple(steps),
        "window": f"{int(window)}{unit}",
        "order": order,
        "exclude": exclude,
        "count": count_by,
    }


def event_table(result: pd.DataFrame, t: T) -> pd.DataFrame:
    """The custom funnel's steps as shown and downloaded: event names and times in words."""
    return pd.DataFrame(
        {
            t("funnels.col.step"): result["step"],
            t("funnels.col.event"): [event_label(t, ev) for ev in result["event"]],
            t("funnels.col.count"): result["count"],
            t("funnels.col.mean_time"): [duration(t, v) for v in result["mean_seconds_to_convert"]],
            t("funnels.col.median_time"): [
                duration(t, v) for v in result["median_seconds_to_convert"]
            ],
        }
    )


def default_steps(known: Sequence[str], n: int) -> list[str]:
    """The events a custom funnel of `n` steps opens with: join, the most frequent activity,
    order (those the data has), then the known events in turn."""
    kinds = [e for e in known if e not in ("join", "order")]
    preferred = [e for e in ("join", *kinds[:1], "order") if e in known]
    return [preferred[i] if i < len(preferred) else known[i % len(known)] for i in range(n)]


def step_numbers(n: int) -> list[int]:
    """1 … n: the steps an exclusion may lie between."""
    return list(range(1, n + 1))


def missed_steps(t: T, steps: Sequence[str]) -> dict[int, str]:
    """The steps people of a custom funnel can miss (2 … n), each as `k. event`."""
    return dict(list(enumerate(numbered_events(t, steps), start=1))[1:])
