"""Funnels (SPEC §4 "Funnels"): the member funnel, AARRR and custom event funnels.

Every function takes a `Source` and a period (first and last calendar day, inclusive), runs
`queries/funnels_*.sql` with bound parameters and returns a small DataFrame; the Funnels
page, `python -m siyu metric NAME` and the tests call the same functions.

- `member_funnel`: joined in the period → first order on day 0 … X after joining → a second
  paid order on or before day Y after the first order's day. Rows keyed `joined,
  first_order, repurchase`, optionally per breakdown value (channel, group, join week,
  campaign of the first order).
- `aarrr`: acquisition → activation → retention → revenue → referral, nested.
- `event_funnel`: steps from activity kinds plus `join` and `order`, with the semantics of
  PostHog's ordered funnels (see `queries/funnels_event.sql` for the exact rules); its trend
  by week of step 1 (`event_funnel_trend`) and the people who dropped (`*_dropped`).

Bad options raise `FunnelOptionError`, a `ValueError` whose `message(lang)` explains the
problem in the user's language (the page shows it; its English text is its `str`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, NamedTuple

import pandas as pd

from siyu.db import Source
from siyu.metrics.base import Date, check_period, count, day, last_data_day, rate, ratio
from siyu.metrics.registry import metric
from siyu.privacy import mask_frame

MEMBER_STEPS: tuple[str, ...] = ("joined", "first_order", "repurchase")
DROPPED_COLUMNS: tuple[str, ...] = (
    "step",
    "user_id",
    "joined_at",
    "channel",
    "group_id",
    "first_order_at",
    "nickname",
    "phone",
)
BREAKDOWNS: tuple[str, ...] = ("none", "channel", "group", "join_week", "campaign")
AARRR_STEPS: tuple[str, ...] = ("acquisition", "activation", "retention", "revenue", "referral")
ORDERS: tuple[str, ...] = ("ordered", "strict", "unordered")
COUNTS: tuple[str, ...] = ("people", "conversions")
WINDOW_UNITS: dict[str, int] = {"m": 60, "h": 3600, "d": 86400}
MAX_STEPS = 10  # the most steps a custom funnel may have
DEFAULT_WINDOW = "7d"
_ORDER_ALIASES = {"any": "unordered", "any_order": "unordered", "sequential": "strict"}


class FunnelOptionError(ValueError):
    """An option the funnel cannot run with; `key` names a message of `siyu/text/funnels.py`."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        from siyu.i18n import t

        return t(self.key, lang, **self.params)


# -- member funnel -------------------------------------------------------------------------


def _days(value: Any, name: str) -> int:
    try:
        days = int(value)
    except (TypeError, ValueError):
        raise FunnelOptionError("funnels.error.bad_days", name=name, value=value) from None
    if days < 0 or days != float(value):
        raise FunnelOptionError("funnels.error.bad_days", name=name, value=value)
    return days


def _breakdown(value: Any) -> str:
    key = "none" if value is None or value == "" else str(value)
    if key not in BREAKDOWNS:
        raise FunnelOptionError(
            "funnels.error.bad_breakdown", value=value, choices=", ".join(BREAKDOWNS)
        )
    return key


MEMBER_FUNNEL_COLUMNS = (
    "step",
    "count",
    "conversion_from_previous",
    "conversion_overall",
    "median_hours_to_convert",
    "pending",
)


@metric(requires=("members", "orders"), columns=MEMBER_FUNNEL_COLUMNS, aliases=("funnel",))
def member_funnel(
    source: Source,
    start: Date,
    end: Date,
    *,
    x_days: int = 3,
    y_days: int = 7,
    breakdown: Literal["none", "channel", "group", "join_week", "campaign"] | None = None,
    read_until: Date | None = None,
) -> pd.DataFrame:
    """The member funnel of the members who joined in [start, end] (SPEC §4).

    Steps (nested): `joined` (joined in the period), `first_order` (their first paid order
    over all data falls on day 0 … `x_days` after the join day; an earlier first order does
    not count), `repurchase` (of those, the second paid order falls on or before day
    `y_days` after the first order's day).

    Columns: step, count (int), conversion_from_previous (count / previous step's count;
    None on `joined` and when the previous step is 0), conversion_overall (count / joined),
    median_hours_to_convert (median hours from joined_at to the first order, and from the
    first to the second order; None on `joined` and for an empty step), pending (people of
    the step before still inside this step's window on the last day of data: joined members
    whose day `x_days` is later, first-order members whose day `y_days` after the first
    order is later; None on `joined`). A step with pending people may still grow.

    `breakdown` (`channel`, `group`, `join_week`, `campaign`; default none) adds a first
    column `breakdown` and a funnel per value: the member's channel, main group, Monday of the
    join week (YYYY-MM-DD) or the campaign of their first paid order (members without one
    share the empty value). Values come largest first (join weeks in date order).

    `read_until` reads the funnel as it stood at the end of that day (orders after it had not
    happened yet; pending counted against it): a previous period read like for like with the
    current one, e.g. last week as it stood 7 days ago. Default: all data.
    """
    check_period(start, end)
    x_days, y_days = _days(x_days, "x_days"), _days(y_days, "y_days")
    key = _breakdown(breakdown)
    last = last_data_day(source)
    if read_until is not None:
        read_until = (
            day(read_until)
            if not isinstance(read_until, str)
            else dt.date.fromisoformat(read_until)
        )
        last = min(last, read_until) if last is not None else None
    df = source.query(
        "funnels_member",
        start=start,
        end=end,
        x_days=x_days,
        y_days=y_days,
        member_breakdown=key,
        funnel_output="steps",
        last_day=last,
        read_until=read_until,
    )
    if key == "join_week":
        df = df.sort_values("breakdown", ignore_index=True, na_position="last")
    else:
        df = df.sort_values(
            ["joined", "breakdown"], ascending=[False, True], ignore_index=True, na_position="last"
        )
    if df.empty and key == "none":  # no member joined: a funnel of zeros
        df = pd.DataFrame(
            [
                {
                    "breakdown": None,
                    "joined": 0,
                    "first_order": 0,
                    "repurchase": 0,
                    "first_order_pending": 0,
                    "repurchase_pending": 0,
                }
            ]
        )
    rows = []
    for r in df.to_dict("records"):
        counts = [count(r["joined"]), count(r["first_order"]), count(r["repurchase"])]
        hours = [None, rate(r.get("first_order_hours")), rate(r.get("repurchase_hours"))]
        pending = [None, count(r["first_order_pending"]), count(r["repurchase_pending"])]
        value = r["breakdown"]
        for i, step in enumerate(MEMBER_STEPS):
            row = {} if key == "none" else {"breakdown": None if pd.isna(value) else value}
            row.update(
                step=step,
                count=counts[i],
                conversion_from_previous=None if i == 0 else ratio(counts[i], counts[i - 1]),
                conversion_overall=ratio(counts[i], counts[0]),
                median_hours_to_convert=hours[i] if counts[i] else None,
                pending=pending[i],
            )
            rows.append(row)
    return _frame(
        rows,
        ([] if key == "none" else ["breakdown"]) + list(MEMBER_FUNNEL_COLUMNS),
        ints=("count",),
    )


def open_windows(funnel: pd.DataFrame) -> pd.Series:
    """Per row of a `member_funnel` frame: True when the step's overall conversion may still
    grow, because people are pending at this step or at an earlier one (of the same breakdown
    value). Charts draw those bars as incomplete."""
    keys = funnel["breakdown"] if "breakdown" in funnel else pd.Series(0, index=funnel.index)
    pending = funnel["pending"].map(lambda v: 0 if v is None or pd.isna(v) else int(v))
    return pending.groupby(keys.map(str), sort=False).cumsum().gt(0)


@metric(requires=("members", "orders"), columns=DROPPED_COLUMNS)
def member_funnel_dropped(
    source: Source,
    start: Date,
    end: Date,
    *,
    x_days: int = 3,
    y_days: int = 7,
    step: Literal["first_order", "repurchase"] | None = None,
) -> pd.DataFrame:
    """The members of `member_funnel` who did not reach a step, with masked contact data.

    Columns: step (the step they missed: `first_order` or `repurchase`), user_id, joined_at,
    channel, group_id, first_order_at (their first paid order over all data, or None),
    nickname (masked), phone (masked). `step` keeps only the members who missed that step.
    """
    check_period(start, end)
    x_days, y_days = _days(x_days, "x_days"), _days(y_days, "y_days")
    if step is not None and step not in MEMBER_STEPS[1:]:
        raise FunnelOptionError(
            "funnels.error.bad_step", value=step, choices=", ".join(MEMBER_STEPS[1:])
        )
    df = source.query(
        "funnels_member",
        start=start,
        end=end,
        x_days=x_days,
        y_days=y_days,
        member_breakdown="none",
        funnel_output="people",
        last_day=None,
        read_until=None,
    )[list(DROPPED_COLUMNS)]
    if step is not None:
        df = df[df["step"] == step].reset_index(drop=True)
    return mask_frame(df.astype(object).where(df.notna(), None))


# -- AARRR ---------------------------------------------------------------------------------


@metric(requires=("members", "activity", "orders"), columns=("step", "count", "pending"))
def aarrr(source: Source, start: Date, end: Date, *, x_days: int = 3) -> pd.DataFrame:
    """AARRR of the members who joined in [start, end], nested (SPEC §4).

    Columns: step (`acquisition, activation, retention, revenue, referral`), count, pending.
    A member counts at a step when they also reached every earlier one: acquisition = joined
    in the period; activation = any activity on day 0 … `x_days` after the join day;
    retention = any activity or paid order on day 1 … 7; revenue = a paid order on the join
    day or later; referral = invited at least one member (their id is someone's inviter_id).
    `pending` (the two windowed steps, else None): people of the step before whose window
    for this one ends after the last day of data — joined members whose day `x_days` is
    later (activation), activated members whose day 7 is later (retention).
    """
    check_period(start, end)
    x_days = _days(x_days, "x_days")
    r = source.query(
        "funnels_aarrr", start=start, end=end, x_days=x_days, last_day=last_data_day(source)
    ).iloc[0]
    pending = {
        "activation": count(r["activation_pending"]),
        "retention": count(r["retention_pending"]),
    }
    return _frame(
        [{"step": s, "count": count(r[s]), "pending": pending.get(s)} for s in AARRR_STEPS],
        ["step", "count", "pending"],
        ("count",),
    )


# -- custom event funnel -------------------------------------------------------------------


def parse_steps(value: Any) -> list[str]:
    """`join,message,order` (or a list) → the step events, step 1 first."""
    if value is None:
        items: list[str] = []
    elif isinstance(value, str):
        items = [s.strip() for s in value.split(",")]
    elif isinstance(value, Iterable):
        items = [str(s).strip() for s in value]
    else:
        items = [str(value).strip()]
    if any(not s for s in items) and any(items):
        raise FunnelOptionError("funnels.error.empty_step", value=value)
    items = [s for s in items if s]
    if not items:
        raise FunnelOptionError("funnels.error.no_steps")
    if len(items) < 2:
        raise FunnelOptionError("funnels.error.too_few_steps")
    if len(items) > MAX_STEPS:
        raise FunnelOptionError("funnels.error.too_many_steps", steps=len(items), most=MAX_STEPS)
    return items


def parse_window(value: Any) -> int:
    """`30m`, `12h`, `7d` (a bare number means days) → seconds; must be above 0."""
    text = str(value).strip().lower()
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([mhd]?)", text)
    if match is None:
        raise FunnelOptionError("funnels.error.bad_window", value=value)
    seconds = float(match.group(1)) * WINDOW_UNITS[match.group(2) or "d"]
    if seconds <= 0:
        raise FunnelOptionError("funnels.error.zero_window", value=value)
    if not seconds.is_integer():
        raise FunnelOptionError("funnels.error.bad_window", value=value)
    return int(seconds)


def parse_order(value: Any) -> str:
    key = str(value or "ordered").strip().lower().replace("-", "_").replace(" ", "_")
    key = _ORDER_ALIASES.get(key, key)
    if key not in ORDERS:
        raise FunnelOptionError("funnels.error.bad_order", value=value, choices=", ".join(ORDERS))
    return key


def parse_count(value: Any) -> str:
    key = str(value or "people").strip().lower()
    if key not in COUNTS:
        raise FunnelOptionError("funnels.error.bad_count", value=value, choices=", ".join(COUNTS))
    return key


class Exclusion(NamedTuple):
    """An event that, between step `first` and step `last` of an attempt, excludes it."""

    event: str
    first: int
    last: int

    TEXT = "EVENT:FROM-TO"  # how the command line writes one

    @classmethod
    def parse(cls, text: str) -> Exclusion:
        """`view:1-2` -> Exclusion("view", 1, 2) (the steps are checked with the funnel)."""
        match = re.fullmatch(r"\s*([^:]+?)\s*:\s*(\d+)\s*-\s*(\d+)\s*", str(text))
        if match is None:
            raise FunnelOptionError("funnels.error.bad_exclude", value=text)
        return cls(match.group(1), int(match.group(2)), int(match.group(3)))


def parse_exclusions(value: Any, n_steps: int) -> list[tuple[str, int, int]]:
    """`view:1-2` or `view:1-2,share:2-3` (or a list of such texts or triples).

    Each names an event that, between step FROM and step TO of an attempt (steps numbered
    from 1, FROM < TO), excludes the attempt.
    """
    if value is None or value == "" or value == []:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    out = []
    for item in items:
        if isinstance(item, (tuple, list)) and len(item) == 3:
            event, lo, hi = str(item[0]).strip(), item[1], item[2]
        else:
            event, lo, hi = Exclusion.parse(item)
        try:
            lo, hi = int(lo), int(hi)
        except (TypeError, ValueError):
            raise FunnelOptionError("funnels.error.bad_exclude", value=item) from None
        if not event or not 1 <= lo < hi <= n_steps:
            raise FunnelOptionError("funnels.error.bad_exclude_steps", value=item, steps=n_steps)
        out.append((event, lo, hi))
    return out


def read_event_log(path: str | Path) -> Source:
    """An event log CSV (`user_id,event,at`, from any tool) as a source for the event funnel.

    Its events become activity kinds, so `join` and `order` are whatever the log calls so.
    Ids stay text; times are read as wall time (a zone, if any, is converted to the
    workspace zone and dropped).
    """
    from siyu.config import settings

    try:
        log = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError, UnicodeError) as exc:
        raise FunnelOptionError("funnels.error.events_file", path=path, reason=exc) from None
    missing = [c for c in ("user_id", "event", "at") if c not in log.columns]
    if missing:
        raise FunnelOptionError("funnels.error.events_columns", path=path, columns=missing)
    at = pd.to_datetime(log["at"], errors="coerce", format="mixed", utc=False)
    if getattr(at.dt, "tz", None) is not None:
        at = at.dt.tz_convert(settings().timezone).dt.tz_localize(None)
    if at.isna().any():
        line = int(at.isna().to_numpy().argmax()) + 2
        raise FunnelOptionError("funnels.error.events_time", path=path, line=line)
    frame = pd.DataFrame({"user_id": log["user_id"], "at": at, "kind": log["event"].str.strip()})
    return Source({"activity": frame}, key=f"events:{path}")


@metric(columns=("event", "events"))
def funnel_events(
    source: Source, start: Date | None = None, end: Date | None = None
) -> pd.DataFrame:
    """The events a custom funnel can use: `join`, `order` and activity kinds, most frequent first.

    Columns: event, events (occurrences over all data). The period is ignored.
    """
    df = source.query("funnels_event_kinds")
    return _frame(
        [{"event": e, "events": count(n)} for e, n in zip(df["event"], df["events"], strict=True)],
        ["event", "events"],
        ("events",),
    )


def _event_options(
    source: Source,
    steps: Any,
    window: Any,
    order: Any,
    exclude: Any,
    count_by: Any,
    events: Any,
) -> tuple[Source, dict[str, Any]]:
    if events:
        source = read_event_log(events)
    step_list = parse_steps(steps)
    exclusions = parse_exclusions(exclude, len(step_list))
    known = set(funnel_events(source)["event"])
    for event in [*step_list, *(e for e, _, _ in exclusions)]:
        if event not in known or "," in event:
            raise FunnelOptionError(
                "funnels.error.unknown_event",
                event=event,
                known=", ".join(sorted(known)) or "—",
            )
    params = {  # lists travel as comma-separated text (no event name holds a comma)
        "steps": ",".join(step_list),
        "window_seconds": parse_window(DEFAULT_WINDOW if window is None else window),
        "funnel_mode": parse_order(order),
        "exclude_events": ",".join(e for e, _, _ in exclusions),
        "exclude_from": ",".join(str(lo) for _, lo, _ in exclusions),
        "exclude_to": ",".join(str(hi) for _, _, hi in exclusions),
        "count_by": parse_count(count_by),
    }
    return source, params


# The event funnel needs no table in particular: it reads whichever of members, orders and
# activity exist (and says which event is unknown).
@metric(columns=("step", "event", "count", "mean_seconds_to_convert", "median_seconds_to_convert"))
def event_funnel(
    source: Source,
    start: Date,
    end: Date,
    *,
    steps: tuple[str, ...] = (),
    window: str = DEFAULT_WINDOW,
    order: str = "ordered",
    exclude: tuple[Exclusion, ...] = (),
    count: Literal["people", "conversions"] = "people",
    events: str | None = None,
) -> pd.DataFrame:
    """A custom event funnel (SPEC §4), with the semantics of PostHog's ordered funnels.

    Options (CLI: `--set name=value`):
    - `steps`: the step events, step 1 first, comma separated (`join,message,order`) or a
      list; 2 to 10 steps from `join` (members' joined_at), `order` (paid orders) and the
      activity kinds. The same event may fill several steps (`order,order` = repurchase).
    - `window`: conversion window, inclusive, as `30m`, `12h` or `7d` (default `7d`; a bare
      number means days): every step happens at most this long after the attempt's step 1.
    - `order`: `ordered` (default; other events may come between steps), `strict` (the next
      step must be the person's very next event of any kind) or `unordered` (any order).
    - `exclude`: `EVENT:FROM-TO`, several separated by commas (`view:1-2,share:2-3`): that
      event after step FROM and before step TO of an attempt (steps numbered from 1)
      excludes the attempt; a person whose furthest attempt is excluded is dropped.
    - `count`: `people` (default) or `conversions` (every clean attempt counts).
    - `events`: a CSV file `user_id,event,at` to read the events from instead of the dataset.

    Per person, every step-1 event on a day of [start, end] starts an attempt (in any order:
    any step's event); step k is the first later event of step k's kind (a repeated event
    needs a later occurrence) within the window of that attempt's step 1. The person counts
    at the furthest step any attempt reached; the attempt that reached it first gives the
    conversion times (of several reaching it with the same event, the one that started
    last, as PostHog does).

    Columns: step (1 … n), event, count, mean_seconds_to_convert and
    median_seconds_to_convert (time from the step before, over the units reaching the
    step; None on step 1 and on a step nobody reached).
    """
    check_period(start, end)
    src, params = _event_options(source, steps, window, order, exclude, count, events)
    df = source_query_event(src, start, end, params, grain="all", output="steps")
    by_step = {int(r["step"]): r for r in df.to_dict("records")}
    rows = []
    for k, event in enumerate(params["steps"].split(","), start=1):
        r = by_step.get(k)
        rows.append(
            {
                "step": k,
                "event": event,
                "count": 0 if r is None else _int(r["units"]),
                "mean_seconds_to_convert": None if r is None or k == 1 else rate(r["mean_seconds"]),
                "median_seconds_to_convert": (
                    None if r is None or k == 1 else rate(r["median_seconds"])
                ),
            }
        )
    return _frame(
        rows,
        ["step", "event", "count", "mean_seconds_to_convert", "median_seconds_to_convert"],
        ("step", "count"),
    )


@metric(columns=("week", "entered", "converted", "conversion"))
def event_funnel_trend(
    source: Source,
    start: Date,
    end: Date,
    *,
    steps: tuple[str, ...] = (),
    window: str = DEFAULT_WINDOW,
    order: str = "ordered",
    exclude: tuple[Exclusion, ...] = (),
    count: Literal["people", "conversions"] = "people",
    events: str | None = None,
) -> pd.DataFrame:
    """Conversion of the event funnel by week of step 1 (options as `event_funnel`).

    Each week (Monday) is a funnel of its own over the attempts that start in it (a person
    counts in every week in which they start one). Columns: week (date), entered (units at
    step 1), converted (units at the last step), conversion (converted / entered). Weeks in
    which nobody started are left out.
    """
    check_period(start, end)
    src, params = _event_options(source, steps, window, order, exclude, count, events)
    df = source_query_event(src, start, end, params, grain="week", output="steps")
    last = len(params["steps"].split(","))
    rows = []
    for week, group in df.groupby("week", sort=True):
        units = dict(zip(group["step"].astype(int), group["units"], strict=True))
        entered, converted = _int(units.get(1, 0)), _int(units.get(last, 0))
        rows.append(
            {
                "week": day(week),
                "entered": entered,
                "converted": converted,
                "conversion": ratio(converted, entered),
            }
        )
    return _frame(rows, ["week", "entered", "converted", "conversion"], ("entered", "converted"))


def open_trend_weeks(
    trend: pd.DataFrame, end: Date, window: Any, last_day: Date | None
) -> pd.Series:
    """Per week of an `event_funnel_trend` frame: True while an attempt that started in it
    may still convert, because its window reaches past the last day of data.

    An attempt starting on day d (at any time of it) has until the end of day d plus the
    window W; the data are seen to the end of the last day L. The latest start of a week is
    on min(its Sunday, `end`, L), so the week is open when that day + W lies after L. Charts
    draw those weeks dashed (SPEC §4 "Windows and comparisons"). Without data, every week.
    """
    seconds = parse_window(window)
    flags = []
    for week in trend["week"]:
        latest = min(week + dt.timedelta(days=6), end)
        if last_day is not None:
            latest = min(latest, last_day)
        flags.append(last_day is None or (last_day - latest).days * 86400 < seconds)
    return pd.Series(flags, index=trend.index, dtype=bool)


@metric(columns=("step", "user_id", "reached", "started_at", "reached_at", "nickname", "phone"))
def event_funnel_dropped(
    source: Source,
    start: Date,
    end: Date,
    *,
    steps: tuple[str, ...] = (),
    window: str = DEFAULT_WINDOW,
    order: str = "ordered",
    exclude: tuple[Exclusion, ...] = (),
    count: Literal["people", "conversions"] = "people",
    events: str | None = None,
    step: int | None = None,
) -> pd.DataFrame:
    """The people of the event funnel who did not reach the last step (people, not attempts).

    Columns: step (the first step they did not reach, 2 … n), user_id, reached (their
    furthest step), started_at (step 1 of their counted attempt), reached_at (time of their
    furthest step), nickname and phone (masked; from members, else their latest order).
    `step` keeps the people who missed that step. Options as `event_funnel`.
    """
    check_period(start, end)
    src, params = _event_options(source, steps, window, order, exclude, count, events)
    df = source_query_event(src, start, end, params, grain="all", output="people")
    n = len(params["steps"].split(","))
    df = df[df["reach"] < n]
    out = pd.DataFrame(
        {
            "step": (df["reach"].astype("int64") + 1).to_numpy(),
            "user_id": df["user_id"].to_numpy(),
            "reached": df["reach"].astype("int64").to_numpy(),
            "started_at": df["started_at"].to_numpy(),
            "reached_at": df["reached_at"].to_numpy(),
            "nickname": df["nickname"].to_numpy(),
            "phone": df["phone"].to_numpy(),
        }
    )
    if step is not None:
        out = out[out["step"] == int(step)]
    # the query gives the people by reach (so step), started_at and user_id
    return mask_frame(out.reset_index(drop=True))


def source_query_event(
    source: Source, start: Date, end: Date, params: dict[str, Any], *, grain: str, output: str
) -> pd.DataFrame:
    """Run queries/funnels_event.sql with checked options."""
    return source.query(
        "funnels_event", start=start, end=end, grain=grain, funnel_output=output, **params
    )


# -- helpers -------------------------------------------------------------------------------


def _int(value: Any) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def _frame(rows: list[dict[str, Any]], columns: list[str], ints: tuple[str, ...]) -> pd.DataFrame:
    """Rows as a frame: the `ints` columns int64, every other column object (None stays None)."""
    out = pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=object) for c in columns})
    for c in ints:
        out[c] = out[c].astype("int64")
    return out
