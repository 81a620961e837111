"""Group health (社群健康, SPEC §4): daily activity, interaction and conversion per group, push
times, group sizes, joins and leaves, and the follow-up lists.

Each function takes a `Source` and a period (first and last calendar day, inclusive), runs
`queries/groups_*.sql` with bound parameters and returns a DataFrame; the page, the CLI
(`python -m siyu metric group-health …`) and the tests call the same functions.

Where the numbers come from (`health_basis`):
- "members": from members, activity and orders, with the overview's definitions
  (`queries/kpis_daily.sql`), split by group. A member belongs to their main group
  (`members.group_id`) and their activity and orders count there, whichever group an
  activity row names; messages count in the group the row names (the writer's main group when
  it names none). Without activity, only paid orders make a member active, and the
  interaction rate and messages are undefined; without orders, the conversion rate is.
- "group_daily": WeCom's group statistics, when there is no activity table: members =
  member_total, active = speakers, messages = messages; interaction and conversion rates
  cannot be computed from them (no per-member detail) and are undefined.

Value conventions as in `siyu.metrics.base`: counts `int`, rates unrounded fractions, dates
`datetime.date`, ids as stored, undefined = None.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from siyu.db import Source
from siyu.metrics.base import (
    Date,
    check_period,
    count,
    data_range,
    day,
    last_data_day,
    member_tag,
    rate,
)
from siyu.metrics.overview import KPI_TARGETS
from siyu.metrics.registry import metric
from siyu.privacy import mask_frame

# The three daily rates a group is measured by, with their targets (SPEC §4).
RATES: tuple[str, ...] = ("daily_active_rate", "interaction_rate", "conversion_rate")
TARGETS: dict[str, float] = {k: KPI_TARGETS[k] for k in RATES}
# Above this many members a group should be split (SPEC §4 targets: group size ≤ 200).
MAX_GROUP_SIZE = 200
# The usual push hours of operators, as hour-of-day bins (7–9, 12–13, 19–22 h); the same set
# is in queries/groups_push_times.sql, which computes the shares.
USUAL_PUSH_HOURS: tuple[int, ...] = (7, 8, 9, 12, 13, 19, 20, 21, 22)
BEST_HOURS = 3

HEALTH_COLUMNS = [
    "group_id",
    "date",
    "members",
    "active",
    "daily_active_rate",
    "interaction_rate",
    "conversion_rate",
    "messages",
]
COUNT_COLUMNS = ("members", "active", "messages")


def health_basis(source: Source) -> str | None:
    """Where group health comes from: "members", "group_daily" or None (nothing to show).

    Members with activity come first; WeCom's statistics stand in when there is no activity
    table; members alone (orders only make them active) come last.
    """
    if source.has("members") and source.has("activity"):
        return "members"
    if source.has("group_daily"):
        return "group_daily"
    if source.has("members"):
        return "members"
    return None


def unavailable(source: Source) -> tuple[str, ...]:
    """Columns of `group_health` that the dataset cannot fill (always None there)."""
    basis = health_basis(source)
    if basis == "group_daily":
        return ("interaction_rate", "conversion_rate")
    missing = []
    if not source.has("activity"):
        missing += ["interaction_rate", "messages"]
    if not source.has("orders"):
        missing.append("conversion_rate")
    return tuple(missing)


def _group(value: Any) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def _health(source: Source, start: Date, end: Date, rows: str) -> pd.DataFrame:
    """The raw rows of groups_health(.sql|_stats.sql), with undefined columns set to None.

    `rows`: "groups" (a row per group and day), "total" (the all-groups row of each day) or
    "summary" (the summary row of each group and of the total).
    """
    check_period(start, end)
    basis = health_basis(source)
    if basis is None:
        # neither members nor statistics: the member query on empty views gives no rows
        basis = "members"
    if basis == "group_daily":
        df = source.query("groups_health_stats", start=start, end=end, rows=rows)
    else:
        df = source.query(
            "groups_health", start=start, end=end, last_day=last_data_day(source), rows=rows
        )
    # the columns keep their types (a row per group and day can be 100k rows): each is
    # converted once, column-wise, by `_rows` or `group_summary`
    for col in unavailable(source):
        df[col] = None
        if col in RATES:
            df[f"mean_{col}"] = None
        if col == "messages":
            df["period_messages"] = None
    return df


def _rows(df: pd.DataFrame) -> pd.DataFrame:
    """Daily rows in the CLI's columns and value types."""
    return pd.DataFrame(
        {
            "group_id": pd.Series(_texts(df["group_id"], _group), dtype=object),
            "date": pd.Series(_days(df["day"]), dtype=object),
            **{c: pd.Series(_optional_counts(df[c]), dtype=object) for c in COUNT_COLUMNS},
            **{c: pd.Series(_rates(df[c]), dtype=object) for c in RATES},
        },
        columns=HEALTH_COLUMNS,
    )


# Group health runs on members or on group_daily, push times on activity or orders: each
# needs one of the two (the CLI names them when neither is there) and prints empty cells for
# what the other would add.
@metric(requires_any=("members", "group_daily"), columns=HEALTH_COLUMNS)
def group_health(source: Source, start: Date, end: Date) -> pd.DataFrame:
    """Per group and day of [start, end]: members, active, the three daily rates, messages.

    Columns: group_id, date, members, active, daily_active_rate, interaction_rate,
    conversion_rate, messages; ordered by group (members in no group last, as an empty
    group_id) and date. A group has a row on each day it has a member in the domain or a
    message. From members (see the module docstring): days after the last day of data are not
    counted; members = members of the group in the domain that day (joined on or before it,
    not left on or before it), active = of them with >= 1 activity or >= 1 paid order that
    day, daily active rate = active / members, interaction rate = members with >= 1 activity
    of a kind other than view / active, conversion rate = members with a paid order / active.
    From group_daily: members = member_total, active = speakers, messages; the interaction and
    conversion rates are None. The rows of all groups together are `group_health_total`.
    """
    return _rows(_health(source, start, end, "groups"))


@metric(requires_any=("members", "group_daily"), columns=HEALTH_COLUMNS[1:])
def group_health_total(source: Source, start: Date, end: Date) -> pd.DataFrame:
    """All groups together per day: the columns of `group_health` without group_id.

    From members, every member counts, those in no group included, so the daily rates are
    the overview's (`queries/kpis_daily.sql`) and their plain mean over the period is the
    overview's daily active, interaction and conversion rate. From group_daily, the sums of
    member_total, speakers and messages over the groups with a statistics row that day.
    """
    return _rows(_health(source, start, end, "total")).drop(columns="group_id")


def _shortfall(row: pd.Series) -> float | None:
    """Sum over the three rates of how far the period mean falls short of its target, as a
    fraction of the target (max(0, 1 - mean / target)); undefined rates add nothing."""
    gaps = [
        max(0.0, 1.0 - float(row[k]) / TARGETS[k])
        for k in RATES
        if row[k] is not None and not pd.isna(row[k])
    ]
    return sum(gaps) if gaps else None


@metric(
    requires_any=("members", "group_daily"),
    columns=(
        "is_total",
        "group_id",
        "name",
        "size",
        "oversize",
        "defined_days",
        "daily_active_rate",
        "interaction_rate",
        "conversion_rate",
        "messages",
        "shortfall",
    ),
)
def group_summary(source: Source, start: Date, end: Date) -> pd.DataFrame:
    """One row per group for the period, the most below target first, and the total first.

    Columns: is_total (the all-groups row, always first), group_id (None: members in no group,
    or the total), name (from the groups table), size (members in the domain on the last
    day counted; from group_daily, member_total of the group's latest statistics day),
    oversize (size > 200: split the group; never on the total or the no-group row),
    defined_days (days with a defined daily active rate), daily_active_rate,
    interaction_rate, conversion_rate (plain means of the defined daily rates over the
    period, as on the overview), messages (over the period), shortfall (sum over the three
    rates of max(0, 1 - mean / target), targets 30%, 20%, 5%; None when no rate is defined).
    Groups are sorted by shortfall (largest first, undefined last), then group_id; the
    members in no group come after the groups.
    """
    df = _health(source, start, end, "summary")
    out = pd.DataFrame(
        {
            "is_total": pd.Series([bool(v) for v in df["is_total"]], dtype=object),
            "group_id": pd.Series([_group(g) for g in df["group_id"]], dtype=object),
            "name": pd.Series([_group(n) for n in df["name"]], dtype=object),
            "size": pd.Series([count(v) for v in df["size"]], dtype=object),
            "defined_days": pd.Series([count(v) for v in df["defined_days"]], dtype=object),
            **{k: pd.Series([rate(v) for v in df[f"mean_{k}"]], dtype=object) for k in RATES},
            "messages": pd.Series(
                [None if pd.isna(v) else count(v) for v in df["period_messages"]], dtype=object
            ),
        }
    )
    out["oversize"] = pd.Series(
        [
            (not total) and group is not None and size > MAX_GROUP_SIZE
            for total, group, size in zip(
                out["is_total"], out["group_id"], out["size"], strict=True
            )
        ],
        dtype=object,
    )
    out["shortfall"] = pd.Series([_shortfall(row) for _, row in out.iterrows()], dtype=object)
    # total first, then the groups by shortfall, then the members in no group
    out["_order"] = [
        0 if t else 2 if g is None else 1
        for t, g in zip(out["is_total"], out["group_id"], strict=True)
    ]
    out["_gap"] = [-(s if s is not None else -1.0) for s in out["shortfall"]]
    out = out.sort_values(["_order", "_gap", "group_id"], na_position="last", kind="stable")
    columns = [
        "is_total",
        "group_id",
        "name",
        "size",
        "oversize",
        "defined_days",
        *RATES,
        "messages",
        "shortfall",
    ]
    return out[columns].reset_index(drop=True)


def _group_param(group: Any) -> str | None:
    return None if group in (None, "", "all") else str(group)


@metric(requires_any=("activity", "orders"), columns=("weekday", "hour", "activity", "orders"))
def push_times(source: Source, start: Date, end: Date, *, group: str | None = None) -> pd.DataFrame:
    """Activity rows and paid orders by weekday and hour of day in [start, end].

    Columns: weekday (ISO: 1 = Monday … 7 = Sunday), hour (0 … 23), activity, orders; 168
    rows, every cell present (0 when empty), by weekday and hour. Hours are wall time in
    Asia/Shanghai (a day runs 00:00 … 23:59:59). Every activity row counts (any kind); orders
    are paid orders. `group` keeps the members whose main group it is (their activity and
    orders); without it everyone counts. A column is None when its table is missing.
    """
    check_period(start, end)
    df = source.query("groups_push_times", start=start, end=end, group=_group_param(group))
    out = pd.DataFrame(
        {
            "weekday": df["weekday"].astype("int64"),
            "hour": df["hour"].astype("int64"),
            "activity": pd.Series([count(v) for v in df["activity"]], dtype=object),
            "orders": pd.Series([count(v) for v in df["orders"]], dtype=object),
        }
    )
    for col, table in (("activity", "activity"), ("orders", "orders")):
        if not source.has(table):
            out[col] = None
    return out


@metric(
    requires_any=("activity", "orders"),
    columns=(
        "hour",
        "activity",
        "orders",
        "usual",
        "activity_rank",
        "orders_rank",
        "activity_share",
        "orders_share",
        "usual_activity_share",
        "usual_orders_share",
        "best_activity",
        "best_orders",
    ),
)
def push_hours(source: Source, start: Date, end: Date, *, group: str | None = None) -> pd.DataFrame:
    """The 24 hours of the day over every weekday, ranked, against the usual push slots.

    Columns: hour, activity, orders (over every weekday of [start, end]), usual (the hour lies
    in the usual slots 7–9, 12–13, 19–22 h, i.e. 7:00–9:59, 12:00–13:59, 19:00–22:59),
    activity_rank / orders_rank (1 = the busiest hour; ties go to the earlier hour),
    activity_share / orders_share (of the period's activity / paid orders), usual_activity_share
    / usual_orders_share (share of all activity / paid orders in the usual hours, the same on
    every row), best_activity / best_orders (rank ≤ 3 and the hour holds any activity /
    order: the best push hours). Shares, ranks and flags are None when the table is missing.
    """
    check_period(start, end)
    df = source.query("groups_push_times", start=start, end=end, group=_group_param(group))
    df = df[df["weekday"] == 1]
    out = pd.DataFrame(
        {
            "hour": df["hour"].astype("int64").to_numpy(),
            "activity": [count(v) for v in df["hour_activity"]],
            "orders": [count(v) for v in df["hour_orders"]],
            "usual": [bool(v) for v in df["usual"]],
            "activity_rank": [count(v) for v in df["activity_rank"]],
            "orders_rank": [count(v) for v in df["orders_rank"]],
            "activity_share": [rate(v) for v in df["activity_share"]],
            "orders_share": [rate(v) for v in df["orders_share"]],
            "usual_activity_share": [rate(v) for v in df["usual_activity_share"]],
            "usual_orders_share": [rate(v) for v in df["usual_orders_share"]],
        }
    ).astype(object)
    out["hour"] = out["hour"].astype("int64")
    for kind in ("activity", "orders"):
        out[f"best_{kind}"] = [
            rank <= BEST_HOURS and n > 0
            for rank, n in zip(out[f"{kind}_rank"], out[kind], strict=True)
        ]
        if not source.has(kind):
            for col in (
                kind,
                f"{kind}_rank",
                f"{kind}_share",
                f"usual_{kind}_share",
                f"best_{kind}",
            ):
                out[col] = None
    return out.reset_index(drop=True)


def reference_day(source: Source, end: Date) -> Date:
    """The day the follow-up lists are computed on: `end`, at most the last day of data."""
    last = last_data_day(source)
    return end if last is None else min(end, last)


def _nothing_after(source: Source, ref: Date) -> bool:
    """Whether no row of any table lies after `ref`: facts over all data hold up to it."""
    last = data_range(source)[1]
    return last is not None and ref >= last


def _people(df: pd.DataFrame, columns: list[str], contact: bool) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "user_id": pd.Series(_texts(df["user_id"], str), dtype=object),
            "group_id": pd.Series(_texts(df["group_id"], _group), dtype=object),
        }
    )
    for col in columns:
        if col.endswith("_at"):
            out[col] = pd.Series(_datetimes(df[col]), dtype=object)
        else:
            out[col] = pd.Series(_counts(df[col]), dtype=object)
    if contact:
        # to_numpy, not list(): iterating an Arrow-backed column costs 1 s per half million
        out["nickname"] = pd.Series(df["nickname"].to_numpy(object), dtype=object)
        out["phone"] = pd.Series(df["phone"].to_numpy(object), dtype=object)
        out = mask_frame(out)
    return out


# The lists hold up to a million people: their columns are converted column-wise, each cell
# as the cell function named beside it would convert it (other column types go cell by cell).


def _texts(values: pd.Series, cell: Callable[[Any], str | None]) -> np.ndarray | list:
    """`[cell(v) for v in values]` for `str` or `_group`: text as is, missing values None."""
    if infer_dtype(values, skipna=True) not in ("string", "empty"):
        return [cell(v) for v in values]
    out = values.to_numpy(object, copy=True)
    missing = values.isna().to_numpy(bool)
    if missing.any():
        if cell is not _group:
            return [cell(v) for v in values]
        out[missing] = None
    return out


def _datetimes(values: pd.Series) -> np.ndarray | list:
    """`datetime.datetime` per cell (`pd.Timestamp(v).to_pydatetime()`), None where missing."""
    if not isinstance(values.dtype, np.dtype) or values.dtype.kind != "M":
        return [None if pd.isna(v) else pd.Timestamp(v).to_pydatetime() for v in values]
    out = values.dt.to_pydatetime().to_numpy(object, copy=True)
    out[values.isna().to_numpy(bool)] = None
    return out


def _counts(values: pd.Series) -> np.ndarray | list:
    """`count(v)` per cell: a Python int, 0 where missing."""
    if isinstance(values.dtype, np.dtype) and values.dtype.kind in "iu":
        return values.to_numpy().astype(object)
    return [count(v) for v in values]


def _optional_counts(values: pd.Series) -> np.ndarray | list:
    """`None if pd.isna(v) else count(v)` per cell: a Python int, None where missing."""
    if isinstance(values.dtype, np.dtype) and values.dtype.kind in "iu":
        return values.to_numpy().astype(object)
    if isinstance(values.dtype, pd.Int64Dtype):
        return values.to_numpy(object, na_value=None)
    return [None if pd.isna(v) else count(v) for v in values]


def _rates(values: pd.Series) -> np.ndarray | list:
    """`rate(v)` per cell: a Python float, None where missing."""
    if isinstance(values.dtype, np.dtype) and values.dtype.kind == "f":
        out = values.to_numpy().astype(object)
        out[values.isna().to_numpy(bool)] = None
        return out
    return [rate(v) for v in values]


def _days(values: pd.Series) -> np.ndarray | list:
    """`day(v)` per cell: a `datetime.date`, None where missing."""
    if isinstance(values.dtype, np.dtype) and values.dtype.kind == "M":
        out = values.dt.date.to_numpy(object, copy=True)
        out[values.isna().to_numpy(bool)] = None
        return out
    return [day(v) for v in values]


@metric(
    requires=("members", "activity"),
    columns=("user_id", "group_id", "last_active_at", "days_silent"),
)
def silent_members(
    source: Source,
    start: Date,
    end: Date,
    *,
    days: int = 3,
    group: str | None = None,
    contact: bool = False,
    tag: str | None = None,
) -> pd.DataFrame:
    """Members without activity for at least `days` days, as of the reference day.

    The reference day is `end`, at most the last day of data (the day before as_of); the CLI's
    default period ends on it. Only members still in a group on that day count: with a main
    group (members.group_id), joined and not left; a member in no group is not listed.
    days_silent = the reference day - the later of the last activity day (on or before it)
    and the day before joining, so a member last active on day r - 3, or who joined on r - 2
    and never took part, has days_silent = 3. Columns:
    user_id, group_id (main group), last_active_at (latest activity, None when none),
    days_silent; most silent first, then user_id. `group` keeps one main group; `contact`
    adds nickname and phone, masked; `tag` keeps the members carrying that tag
    (`members.tags`). `start` is not used.
    """
    check_period(start, end)
    days = int(days)
    if days < 1:
        raise ValueError("days must be >= 1")
    ref = reference_day(source, end)
    df = source.query(
        "groups_silent",
        ref=ref,
        days=days,
        group=_group_param(group),
        tag=member_tag(tag),
        whole_data=_nothing_after(source, ref),
    )
    return _people(df, ["last_active_at", "days_silent"], bool(contact))


@metric(
    requires=("members", "activity", "orders"),
    columns=("user_id", "group_id", "joined_at", "last_active_at", "active_days"),
)
def high_potential(
    source: Source,
    start: Date,
    end: Date,
    *,
    window: int = 7,
    group: str | None = None,
    contact: bool = False,
    tag: str | None = None,
) -> pd.DataFrame:
    """Members active in the last `window` days up to the reference day who never bought.

    Reference day as in `silent_members`. Members still in a group on it (as there) with >= 1
    activity on a day of ref - window + 1 … ref and no paid order on or before ref. Columns: user_id,
    group_id, joined_at, last_active_at, active_days (distinct days with activity in the
    window); most active days first, then latest activity, then user_id. `group` keeps one
    main group; `contact` adds nickname and phone, masked; `tag` keeps the members carrying
    that tag (`members.tags`). `start` is not used.
    """
    check_period(start, end)
    window = int(window)
    if window < 1:
        raise ValueError("window must be >= 1")
    ref = reference_day(source, end)
    df = source.query(
        "groups_high_potential",
        ref=ref,
        window=window,
        group=_group_param(group),
        tag=member_tag(tag),
        whole_data=_nothing_after(source, ref),
    )
    return _people(df, ["joined_at", "last_active_at", "active_days"], bool(contact))


@metric(
    requires_any=("members", "group_daily"),
    columns=("group_id", "name", "week", "joins", "leaves", "net"),
)
def group_changes(source: Source, start: Date, end: Date) -> pd.DataFrame:
    """Members who joined and left each group per week (Monday first) of [start, end].

    Columns: group_id (main group; None: in no group), name, week (the Monday), joins,
    leaves, net (joins - leaves); only weeks with a join or a leave; by group, then week.
    From members (joined_at, left_at) when there is a members table, else from group_daily
    (new_members, quit_members). Only days inside [start, end] count.
    """
    check_period(start, end)
    stats = not source.has("members") and source.has("group_daily")
    df = source.query("groups_changes", start=start, end=end, stats=stats)
    return pd.DataFrame(
        {
            "group_id": pd.Series([_group(g) for g in df["group_id"]], dtype=object),
            "name": pd.Series([_group(n) for n in df["name"]], dtype=object),
            "week": pd.Series([day(w) for w in df["week"]], dtype=object),
            **{
                c: pd.Series([count(v) for v in df[c]], dtype=object)
                for c in ("joins", "leaves", "net")
            },
        }
    )


@metric("group_stats_range", requires=("group_daily",), columns=("first_day", "last_day"))
def stats_range(source: Source, start: Date | None = None, end: Date | None = None) -> pd.DataFrame:
    """First and last day of WeCom's group statistics (columns first_day, last_day; None
    without rows): the date filter's bounds for a dataset that holds nothing else. The
    period is not used."""
    row = source.query("groups_stats_range").iloc[0]
    return pd.DataFrame(
        {"first_day": [day(row["first_day"])], "last_day": [day(row["last_day"])]}, dtype=object
    )
