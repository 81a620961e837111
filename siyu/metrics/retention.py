"""Cohort retention and the 7-day method (七天留存法, SPEC §4).

A person's *start day* is their join day (cohorts by join: the `members` table) or the day of
their first paid order (cohorts by first order: every buyer in `orders`, member or not). The
cohort is the start day, or the Monday of its week. Periods count from each person's own
start day: day n is `start + n`, week n covers days 7n … 7n+6.

A person is retained in period n when they have a retention event in it (a paid order, or any
row of the `activity` table); with `mode="on_or_after"`, in period n or any later one up to
the last day of data. For first-order cohorts with order retention the first order itself
does not count: period 0 needs a second paid order (a second order on the same day counts for
day 0).

A cell is observed only when its period has ended, on or before the last day of data, for
every person of the cohort (the cohort's latest start day decides); otherwise `retained` and
`rate` are None (empty), not zero.

The 7-day method counts, for people who started in the period and whose day 36 is observed,
the distinct days with a paid order in days 0–6 and whether they paid again on days 7–36.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Literal, get_args

import pandas as pd

from siyu.db import Source
from siyu.metrics.base import (
    DEFAULT_PERIOD_DAYS,
    Date,
    NeedsTable,
    check_period,
    count,
    day,
    last_data_day,
    ratio,
)
from siyu.metrics.registry import metric
from siyu.privacy import mask_frame

CohortBy = Literal["join", "first_order"]
Grain = Literal["day", "week"]
Event = Literal["order", "activity"]
Mode = Literal["on", "on_or_after"]
Breakdown = Literal["none", "channel", "campaign"]
SevenDayGroup = Literal["all", "7day", "other"]
COHORT_BY: tuple[str, ...] = get_args(CohortBy)
GRAINS: tuple[str, ...] = get_args(Grain)
EVENTS: tuple[str, ...] = get_args(Event)
MODES: tuple[str, ...] = get_args(Mode)
BREAKDOWNS: tuple[str, ...] = get_args(Breakdown)
SEVEN_DAY_GROUPS: tuple[str, ...] = get_args(SevenDayGroup)
# Horizons of the page: (period unit, number of periods). "Up to 30 days" is day 0 … 30 and
# "12 weeks" week 0 … 12; the 7-day view is day 0 … 7.
HORIZONS: dict[str, tuple[str, int]] = {"7d": ("day", 8), "30d": ("day", 31), "12w": ("week", 13)}
DEFAULT_PERIODS = {"day": 8, "week": 13}
MAX_PERIODS = 400
SEVEN_DAY_CAMPAIGN = "7day"
# The 7-day view: first week days 0–6, repurchase window days 7–36 (the 30 days after it).
SEVEN_DAY_LAST_DAY = 36
Z_95 = 1.959963984540054  # two-sided 95% normal quantile

CELL_COLUMNS = ["cohort", "cohort_size", "period", "retained", "rate"]


def _choice(name: str, value: Any, allowed: tuple[str, ...]) -> str:
    text = str(value)
    if text not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return text


def default_cohort_by(source: Source) -> str:
    """Cohorts by join when the dataset has members, else by first order (orders only)."""
    return "join" if source.has("members") else "first_order"


def _check_tables(source: Source, cohort_by: str, event: str = "order") -> None:
    if cohort_by == "join" and not source.has("members"):
        raise NeedsTable("members", "cohort_by=join")
    if cohort_by == "first_order" and not source.has("orders"):
        raise NeedsTable("orders", "cohort_by=first_order")
    if event == "order" and not source.has("orders"):
        raise NeedsTable("orders", "event=order")
    if event == "activity" and not source.has("activity"):
        raise NeedsTable("activity", "event=activity")


def _options(
    source: Source,
    cohort_by: str | None,
    grain: str,
    event: str,
    mode: str,
    periods: int | None,
    unit: str | None,
    breakdown: str,
) -> dict[str, Any]:
    cohort_by = _choice("cohort_by", cohort_by or default_cohort_by(source), COHORT_BY)
    grain = _choice("grain", grain, GRAINS)
    unit = _choice("unit", unit or grain, GRAINS)
    event = _choice("event", event, EVENTS)
    mode = _choice("mode", mode, MODES)
    breakdown = _choice("breakdown", breakdown, BREAKDOWNS)
    n = DEFAULT_PERIODS[unit] if periods is None else int(periods)
    if not 1 <= n <= MAX_PERIODS:
        raise ValueError(f"periods must be 1 … {MAX_PERIODS}, not {periods!r}")
    if breakdown == "channel" and not source.has("members"):
        raise NeedsTable("members", "breakdown=channel")
    _check_tables(source, cohort_by, event)
    return {
        "cohort_by": cohort_by,
        "grain": grain,
        "unit": unit,
        "event": event,
        "mode": mode,
        "periods": n,
        "breakdown": breakdown,
    }


# -- cohort table --------------------------------------------------------------------------


# `retention` is the CLI name of the cohort table; `cohort_retention` says the same
# more plainly.
@metric(requires=("orders",), columns=tuple(CELL_COLUMNS), aliases=("retention",))
def cohort_retention(
    source: Source,
    start: Date,
    end: Date,
    *,
    cohort_by: CohortBy | None = None,
    grain: Grain = "day",
    event: Event = "order",
    mode: Mode = "on",
    periods: int | None = None,
    unit: Grain | None = None,
    breakdown: Breakdown = "none",
) -> pd.DataFrame:
    """The cohort retention table of people who started in [start, end] (SPEC §4).

    Options: `cohort_by` join | first_order (default: join when there is a members table);
    `grain` day | week (cohort = start day, or the Monday of its week); `unit` day | week
    (the period, default = grain); `event` order (paid order) | activity; `mode` on |
    on_or_after; `periods` N (periods 0 … N-1; default 8 days or 13 weeks); `breakdown`
    none | channel (members.channel) | campaign (campaign of the first paid order).

    Columns `cohort, cohort_size, period, retained, rate` (preceded by `segment` with a
    breakdown), one row per cohort (and segment) and period, ordered by segment, cohort,
    period. cohort is a `datetime.date`; `retained` (int) and `rate` (fraction) are None when
    the cell is not observed for every member of the cohort.
    """
    check_period(start, end)
    opts = _options(source, cohort_by, grain, event, mode, periods, unit, breakdown)
    df = source.query(
        "retention_cohorts",
        start=start,
        end=end,
        last_day=last_data_day(source),
        retention_output="cells",
        cohort=None,
        segment=None,
        period=None,
        **opts,
    )
    observed = df["observed"].fillna(False).astype(bool).tolist()
    sizes = [count(v) for v in df["cohort_size"]]
    retained = [
        count(v) if seen else None for v, seen in zip(df["retained"], observed, strict=True)
    ]
    out = pd.DataFrame(
        {
            "segment": pd.Series(
                [None if pd.isna(s) else str(s) for s in df["segment"]], dtype=object
            ),
            "cohort": pd.Series([day(c) for c in df["cohort"]], dtype=object),
            "cohort_size": pd.Series(sizes, dtype="int64"),
            "period": pd.Series([int(p) for p in df["period"]], dtype="int64"),
            "retained": pd.Series(retained, dtype=object),
            "rate": pd.Series(
                [None if r is None else ratio(r, n) for r, n in zip(retained, sizes, strict=True)],
                dtype=object,
            ),
        }
    )
    return out if opts["breakdown"] != "none" else out[CELL_COLUMNS]


def mean_curve(table: pd.DataFrame) -> pd.DataFrame:
    """The size-weighted mean retention per period (and segment) of a `cohort_retention` table.

    For each period: retained summed over the cohorts whose cell is observed, divided by the
    sum of those cohorts' sizes (so a big cohort weighs more; unobserved cells are left out,
    not read as zero). Columns `[segment,] period, cohorts, people, retained, rate`; rate
    None where no cohort is observed yet. A few hundred rows at most: plain pandas.
    """
    keys = ["segment", "period"] if "segment" in table else ["period"]
    seen = table[table["retained"].notna()]
    grid = table[keys].drop_duplicates().sort_values(keys, na_position="first")
    if seen.empty:
        agg = pd.DataFrame(columns=[*keys, "cohorts", "people", "retained"])
    else:
        agg = (
            seen.assign(retained=seen["retained"].astype("int64"))
            .groupby(keys, dropna=False)
            .agg(
                cohorts=("cohort", "size"),
                people=("cohort_size", "sum"),
                retained=("retained", "sum"),
            )
            .reset_index()
        )
    out = grid.merge(agg, on=keys, how="left").reset_index(drop=True)
    for col in ("cohorts", "people", "retained"):
        out[col] = out[col].fillna(0).astype("int64")
    out["rate"] = pd.Series(
        [ratio(r, n) for r, n in zip(out["retained"], out["people"], strict=True)], dtype=object
    )
    return out


def pending_people(table: pd.DataFrame) -> int:
    """People of a `cohort_retention` table still inside their window: the people of every
    cohort (and segment) with a cell not yet observed (SPEC §4 "Windows and comparisons").
    Those cells are empty, not zero; the page says how many people they hold."""
    keys = ["segment", "cohort"] if "segment" in table else ["cohort"]
    open_cohorts = table[table["retained"].isna()][keys].drop_duplicates()
    if open_cohorts.empty:
        return 0
    sizes = table.drop_duplicates(keys).merge(open_cohorts, on=keys)
    return int(sizes["cohort_size"].sum())


def seven_day_pending(day_cohorts: pd.DataFrame, last_day: Date | None) -> int:
    """People who started in the period but are left out of the 7-day method because their
    day 36 lies after the last day of data, from a day-grain `cohort_retention` table of the
    same period and cohort kind (its cohorts are start days)."""
    if last_day is None:
        return 0
    cohorts = day_cohorts.drop_duplicates("cohort")
    late = [
        int(n)
        for c, n in zip(cohorts["cohort"], cohorts["cohort_size"], strict=True)
        if c + dt.timedelta(days=SEVEN_DAY_LAST_DAY) > last_day
    ]
    return sum(late)


def seven_day_observed(start: Date, last_day: Date | None) -> bool:
    """Whether anyone who starts in a period beginning on `start` has day 36 observed: the
    7-day method of that period counts somebody (when people started on its first days)."""
    return last_day is not None and start + dt.timedelta(days=SEVEN_DAY_LAST_DAY) <= last_day


def seven_day_period(
    first_day: Date | None, last_day: Date | None, days: int = DEFAULT_PERIOD_DAYS
) -> tuple[Date, Date] | None:
    """The period the 7-day method opens on: the latest `days` days whose every starter has
    day 36 observed, ending on `last_day` - 36 and starting no earlier than `first_day` (the
    data's first day). None when the data is too short for anyone to reach day 36."""
    if last_day is None:
        return None
    end = last_day - dt.timedelta(days=SEVEN_DAY_LAST_DAY)
    if first_day is not None and end < first_day:
        return None
    start = end - dt.timedelta(days=max(int(days), 1) - 1)
    return (start if first_day is None else max(start, first_day)), end


def segment_sizes(table: pd.DataFrame) -> pd.DataFrame:
    """People per segment of a `cohort_retention` table with a breakdown, largest first.

    Columns `segment, people`; ties listed by segment, the unknown segment (None) last.
    """
    cohorts = table.drop_duplicates(["segment", "cohort"])
    sizes = cohorts.groupby("segment", dropna=False)["cohort_size"].sum().reset_index()
    sizes = sizes.rename(columns={"cohort_size": "people"})
    sizes["unknown"] = sizes["segment"].isna()
    sizes = sizes.sort_values(["unknown", "people", "segment"], ascending=[True, False, True])
    out = sizes[["segment", "people"]].reset_index(drop=True)
    out["segment"] = out["segment"].astype(object).where(out["segment"].notna(), None)
    out["people"] = out["people"].astype("int64")
    return out


def wide_table(table: pd.DataFrame) -> pd.DataFrame:
    """A `cohort_retention` table of one segment as cohort rows × period columns of rates.

    Columns `cohort, cohort_size, 0, 1, …` (rates; None where not observed), for display.
    """
    cohorts = table.drop_duplicates("cohort").sort_values("cohort")
    out = pd.DataFrame(
        {
            "cohort": cohorts["cohort"].tolist(),
            "cohort_size": cohorts["cohort_size"].astype("int64").tolist(),
        }
    )
    rates = {(r.cohort, int(r.period)): r.rate for r in table.itertuples(index=False)}
    for p in sorted({int(p) for p in table["period"]}):
        out[p] = pd.Series([rates.get((c, p)) for c in out["cohort"]], dtype="float64")
    return out


@metric(
    requires=("orders",),
    columns=("user_id", "nickname", "phone", "channel", "start_day", "segment", "retained"),
)
def retention_members(
    source: Source,
    start: Date,
    end: Date,
    *,
    cohort: Date,
    period: int,
    segment: str | None = None,
    cohort_by: CohortBy | None = None,
    grain: Grain = "day",
    event: Event = "order",
    mode: Mode = "on",
    unit: Grain | None = None,
    breakdown: Breakdown = "none",
) -> pd.DataFrame:
    """The people behind one cell of `cohort_retention` (same options), personal data masked.

    Columns `user_id, nickname, phone, channel, start_day, segment, retained`: every person
    of the cohort (and segment, when there is a breakdown; `segment` "" or None means the
    people without a value), with `retained` True / False for period `period`, or None for
    everyone when the cell is not observed (as in the table). Nicknames and phones are masked
    here, so the page, its downloads and the CLI never show them in clear.
    """
    check_period(start, end)
    opts = _options(source, cohort_by, grain, event, mode, None, unit, breakdown)
    cohort_day = day(cohort)
    if cohort_day is None:
        raise ValueError("cohort is required (YYYY-MM-DD)")
    period = int(period)
    if period < 0:
        raise ValueError("period must be >= 0")
    last = last_data_day(source)
    # the same query as the table, for one cell: periods after `period` pool into period + 1
    opts["periods"] = period + 1
    df = source.query(
        "retention_cohorts",
        start=start,
        end=end,
        last_day=last,
        retention_output="people",
        cohort=cohort_day,
        period=period,
        segment=None if segment in (None, "") or opts["breakdown"] == "none" else str(segment),
        **opts,
    )
    starts = [day(s) for s in df["start_day"]]
    length = 7 if opts["unit"] == "week" else 1
    observed = (
        bool(starts)
        and last is not None
        and max(starts).toordinal() + (period + 1) * length - 1 <= last.toordinal()
    )
    out = pd.DataFrame(
        {
            "user_id": df["user_id"].astype(object),
            "nickname": df["nickname"].astype(object),
            "phone": df["phone"].astype(object),
            "channel": df["channel"].astype(object),
            "start_day": pd.Series(starts, dtype=object),
            "segment": df["segment"].astype(object),
            "retained": pd.Series(
                [bool(r) if observed else None for r in df["is_retained"]], dtype=object
            ),
        }
    )
    out = mask_frame(out).astype(object)
    return out.where(out.notna(), None)


# -- the 7-day method ----------------------------------------------------------------------


@metric(requires=("orders",), columns=("in_campaign", "purchase_days", "members", "repurchased"))
def seven_day_counts(
    source: Source, start: Date, end: Date, *, cohort_by: CohortBy | None = None
) -> pd.DataFrame:
    """People per (in_campaign, purchase_days) with their repurchase on days 7–36.

    Columns `in_campaign, purchase_days, members, repurchased`, one row for each of the 16
    combinations (zeros included), over the people who started in [start, end] (join day,
    or first-order day) and whose day 36 is on or before the last day of data.
    """
    check_period(start, end)
    cohort_by = _choice("cohort_by", cohort_by or default_cohort_by(source), COHORT_BY)
    _check_tables(source, cohort_by)
    df = source.query(
        "retention_seven_day",
        start=start,
        end=end,
        last_day=last_data_day(source),
        cohort_by=cohort_by,
        campaign=SEVEN_DAY_CAMPAIGN,
    )
    found = {
        (bool(r.in_campaign), int(r.purchase_days)): (count(r.members), count(r.repurchased))
        for r in df.itertuples(index=False)
    }
    rows = [(flag, n, *found.get((flag, n), (0, 0))) for flag in (True, False) for n in range(8)]
    out = pd.DataFrame(rows, columns=["in_campaign", "purchase_days", "members", "repurchased"])
    return out.astype({"purchase_days": "int64", "members": "int64", "repurchased": "int64"})


@metric(requires=("orders",), columns=("purchase_days", "members", "repurchase_30d_rate"))
def seven_day(
    source: Source,
    start: Date,
    end: Date,
    *,
    group: SevenDayGroup = "all",
    cohort_by: CohortBy | None = None,
) -> pd.DataFrame:
    """The 7-day method histogram: purchase days in days 0–6 against repurchase on days 7–36.

    `group`: all | 7day (a paid order of campaign `7day` on days 0–6) | other. Columns
    `purchase_days, members, repurchase_30d_rate`, one row for each of 0 … 7 purchase days;
    the rate (people with a paid order on days 7–36 / members) is None for an empty row.
    Only people whose day 36 is observed count (see `seven_day_counts`).
    """
    group = _choice("group", group, SEVEN_DAY_GROUPS)
    counts = seven_day_counts(source, start, end, cohort_by=cohort_by)
    if group != "all":
        counts = counts[counts["in_campaign"] == (group == "7day")]
    by_days = counts.groupby("purchase_days")[["members", "repurchased"]].sum()
    return pd.DataFrame(
        {
            "purchase_days": pd.Series(range(8), dtype="int64"),
            "members": pd.Series([int(by_days.at[n, "members"]) for n in range(8)], dtype="int64"),
            "repurchase_30d_rate": pd.Series(
                [ratio(by_days.at[n, "repurchased"], by_days.at[n, "members"]) for n in range(8)],
                dtype=object,
            ),
        }
    )


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float] | None:
    """Wilson score interval of a proportion (Wilson 1927); None when n is 0."""
    if n <= 0:
        return None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe_interval(
    x1: int, n1: int, x2: int, n2: int, z: float = Z_95
) -> tuple[float, float] | None:
    """Newcombe's hybrid score interval for p1 - p2 (Newcombe 1998, method 10).

    Built from the Wilson intervals (l1, u1) and (l2, u2) of the two proportions:
    lower = d - sqrt((p1 - l1)² + (u2 - p2)²), upper = d + sqrt((u1 - p1)² + (p2 - l2)²),
    d = p1 - p2. Unlike the Wald interval it stays inside [-1, 1] and behaves for rates near
    0 or 1 and small groups. None when either group is empty.
    """
    w1, w2 = wilson_interval(x1, n1, z), wilson_interval(x2, n2, z)
    if w1 is None or w2 is None:
        return None
    p1, p2 = x1 / n1, x2 / n2
    d = p1 - p2
    lower = d - math.sqrt((p1 - w1[0]) ** 2 + (w2[1] - p2) ** 2)
    upper = d + math.sqrt((w1[1] - p1) ** 2 + (p2 - w2[0]) ** 2)
    return lower, upper


@metric(
    requires=("orders",), columns=("group", "members", "repurchased", "rate", "ci_low", "ci_high")
)
def seven_day_compare(
    source: Source, start: Date, end: Date, *, cohort_by: CohortBy | None = None
) -> pd.DataFrame:
    """`7day`-campaign people against the others: repurchase on days 7–36, with 95% CIs.

    Rows `7day`, `other`, `difference`; columns `group, members, repurchased, rate, ci_low,
    ci_high`. The group rows' interval is the Wilson score interval of the rate; the
    difference row holds rate(7day) - rate(other) with Newcombe's hybrid score interval
    (method 10 of Newcombe 1998, from the two Wilson intervals), both at 95% (z = 1.95996).
    Empty groups give None. People as in `seven_day` (day 36 observed).
    """
    counts = seven_day_counts(source, start, end, cohort_by=cohort_by)
    rows = []
    totals = {}
    for name, flag in (("7day", True), ("other", False)):
        part = counts[counts["in_campaign"] == flag]
        n, x = int(part["members"].sum()), int(part["repurchased"].sum())
        totals[name] = (x, n)
        ci = wilson_interval(x, n)
        rows.append((name, n, x, ratio(x, n), *(ci or (None, None))))
    (x1, n1), (x2, n2) = totals["7day"], totals["other"]
    ci = newcombe_interval(x1, n1, x2, n2)
    diff = None if ci is None else x1 / n1 - x2 / n2
    rows.append(("difference", None, None, diff, *(ci or (None, None))))
    return pd.DataFrame(
        rows, columns=["group", "members", "repurchased", "rate", "ci_low", "ci_high"], dtype=object
    )
