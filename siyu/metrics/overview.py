"""Overview metrics: the headline KPIs against targets and the GMV / new-member series (SPEC §4).

Each function takes a `Source` and a period (first and last calendar day, inclusive), runs
`queries/*.sql` with bound parameters and returns a small DataFrame. Nothing here imports
Streamlit, so pages, `python -m siyu metric NAME` and the tests call the same functions.

Value conventions (pinned in `tests/unit/test_metrics*.py`):
- counts are Python `int`; amounts (GMV, AOV) are `float` of 2 places (half up); rates are
  unrounded `float` fractions (0.25, not 25);
- a value that cannot be computed (zero denominator, or a needed table missing) is `None`,
  and `kpi_cards` names the missing table in `needs`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

import pandas as pd

from siyu.db import Source
from siyu.metrics.base import (
    Date,
    check_period,
    count,
    day,
    last_data_day,
    money,
    previous_period,
    rate,
    ratio,
)
from siyu.metrics.registry import metric

# KPI keys in display order, with how each is measured: count, money (yuan) or rate.
KPI_KINDS: dict[str, str] = {
    "members": "count",
    "buyers": "count",
    "orders": "count",
    "gmv": "money",
    "aov": "money",
    "first_order_conversion": "rate",
    "repurchase_rate": "rate",
    "repurchase_rate_7d": "rate",
    "daily_active_rate": "rate",
    "interaction_rate": "rate",
    "conversion_rate": "rate",
}
KPI_ORDER: tuple[str, ...] = tuple(KPI_KINDS)

# Tables each KPI needs, checked in this order; the first missing one is the one to upload.
KPI_NEEDS: dict[str, tuple[str, ...]] = {
    "members": ("members",),
    "buyers": ("orders",),
    "orders": ("orders",),
    "gmv": ("orders",),
    "aov": ("orders",),
    "first_order_conversion": ("members", "orders"),
    "repurchase_rate": ("orders",),
    "repurchase_rate_7d": ("orders",),
    "daily_active_rate": ("members",),
    "interaction_rate": ("members", "activity"),
    "conversion_rate": ("members", "orders"),
}

# Targets from operators' practice (SPEC §4), shown beside the KPIs; all are "at least".
KPI_TARGETS: dict[str, float] = {
    "daily_active_rate": 0.30,
    "interaction_rate": 0.20,
    "conversion_rate": 0.05,
    "repurchase_rate": 0.40,
}
GRAINS = ("day", "week")


# -- KPIs ----------------------------------------------------------------------------------


def missing_table(source: Source, metric: str) -> str | None:
    """The first table `metric` needs that the source lacks (None when it has them all)."""
    for table in KPI_NEEDS[metric]:
        if not source.has(table):
            return table
    return None


# The KPIs still run without members or activity (those rows are empty, `needs` says why).
@metric(requires=("orders",), columns=("metric", "value"))
def kpis(
    source: Source,
    start: Date,
    end: Date,
    *,
    x_days: int = 3,
    y_days: int = 7,
) -> pd.DataFrame:
    """The headline KPIs of the period [start, end] (SPEC §4), one row per metric.

    Columns `metric, value`; rows in `KPI_ORDER`. `x_days` is the first-order conversion
    window (day 0 … X after the join day), `y_days` the repurchase window (on or before day Y
    after the first order's day; the row key stays `repurchase_rate_7d`).

    Daily rates (daily active, interaction, conversion) average the days from `start` to
    min(`end`, last day of data): days after the data ends would only add zeros. Days with
    no member in the domain are undefined and skipped; a period with no defined day is None.
    """
    return _kpis(source, start, end, None, x_days=x_days, y_days=y_days).current


# KPIs that follow people over a window (SPEC §4 "Windows and comparisons"). A person of the
# base is *pending* while their window is open on the last day of data: a member whose day X
# after joining is later (first-order conversion), a first buyer whose day Y after the first
# order is later (repurchase within Y days). The "ever" window never closes; its pending
# people are the first buyers who have not come back yet, the only ones whose answer can
# still change.
WINDOW_KPIS: tuple[str, ...] = ("first_order_conversion", "repurchase_rate", "repurchase_rate_7d")


@dataclass
class _KpiRun:
    current: pd.DataFrame  # the plain definitions (what `kpis` prints)
    current_read: pd.DataFrame | None  # the current period read up to the last day of data
    previous_read: pd.DataFrame | None  # the previous period read as it stood `shift` ago
    pending: dict[str, int | None]


def _kpis(
    source: Source,
    start: Date,
    end: Date,
    previous: tuple[Date, Date] | None,
    *,
    x_days: int = 3,
    y_days: int = 7,
) -> _KpiRun:
    """`kpis` of [start, end] and, when `previous` is given, both periods read like for like.

    Each query computes both periods in one pass over the base models (`person_facts` for
    first orders, `person_days` for the period's orders, `group_days` for the members active
    per day).

    Like for like: with L the last day of data and `shift` the days from the previous
    period's start to the current one's, the current period is read up to L and the previous
    one up to L - shift, as it stood `shift` days ago. A person (a day, an order) of the
    previous period is then seen at exactly the age of the one `shift` days later in the
    current period: a member who joined on day d - shift has had as many days to buy by
    L - shift as the member who joined on day d has had by L; a first buyer as many days to
    come back. A window metric of a steady business then shows no change although its latest
    people have not had their X or Y days yet. The same reading keeps counts and daily rates
    like for like when the period runs past the data (both sides count the same days).
    """
    check_period(start, end)
    if previous is not None:
        check_period(*previous)
    x_days, y_days = int(x_days), int(y_days)
    if x_days < 0 or y_days < 0:
        raise ValueError("x_days and y_days must be >= 0")

    last = last_data_day(source)
    prev_start, prev_end = previous if previous is not None else (None, None)
    prev_last = None
    if previous is not None and last is not None:
        prev_last = last - (start - previous[0])
    periods = {
        "start": start,
        "end": end,
        "prev_start": prev_start,
        "prev_end": prev_end,
        "last_day": last,
        "prev_last_day": prev_last,
    }
    o = source.query("kpis_orders", **periods, y_days=y_days).set_index("period")
    m = source.query("kpis_members", **periods, x_days=x_days).set_index("period")
    d = source.query("kpis_daily", **periods).set_index("period")
    current = _kpi_frame(source, o.loc["current"], m.loc["current"], d.loc["current"])
    pending: dict[str, int | None] = {
        "first_order_conversion": count(m.loc["current", "pending"]),
        "repurchase_rate": count(o.loc["current", "pending_ever"]),
        "repurchase_rate_7d": count(o.loc["current", "pending_y"]),
    }
    pending = {k: (None if missing_table(source, k) else v) for k, v in pending.items()}
    if previous is None:
        return _KpiRun(current, None, None, pending)
    read = [
        _kpi_frame(source, o.loc[p], m.loc[p], d.loc[p], read=True) for p in ("current", "previous")
    ]
    return _KpiRun(current, read[0], read[1], pending)


def _kpi_frame(
    source: Source, o: pd.Series, m: pd.Series, d: pd.Series, *, read: bool = False
) -> pd.DataFrame:
    """The `kpis` frame of one period from its rows of the three queries.

    `read`: members and their conversion as read up to the period's read day (the orders and
    daily queries cut their periods at it themselves).
    """
    paid_orders = count(o["paid_orders"])
    gmv = money(o["gmv"]) or 0.0
    first_buyers = count(o["first_buyers"])
    members = count(m["read_members" if read else "members"])
    converted = count(m["read_converted" if read else "converted"])
    values: dict[str, Any] = {
        "members": members,
        "buyers": count(o["buyers"]),
        "orders": paid_orders,
        "gmv": gmv,
        "aov": None if paid_orders == 0 else money(Decimal(repr(gmv)) / paid_orders),
        "first_order_conversion": ratio(converted, members),
        "repurchase_rate": ratio(count(o["repeat_buyers"]), first_buyers),
        "repurchase_rate_7d": ratio(count(o["repeat_buyers_y"]), first_buyers),
        "daily_active_rate": rate(d["daily_active_rate"]),
        "interaction_rate": rate(d["interaction_rate"]),
        "conversion_rate": rate(d["conversion_rate"]),
    }
    for key in KPI_ORDER:
        if missing_table(source, key) is not None:
            values[key] = None
    return pd.DataFrame(
        {
            "metric": list(KPI_ORDER),
            "value": pd.Series([values[k] for k in KPI_ORDER], dtype=object),
        }
    )


def _change(kind: str, value: Any, previous: Any) -> tuple[Any, Any]:
    """(absolute change, relative change) of a KPI against the previous period."""
    if value is None or previous is None:
        return None, None
    delta = value - previous
    if kind == "money":
        delta = money(delta)
    relative = None if kind == "rate" or previous == 0 else (value - previous) / previous
    return delta, relative


@metric(
    requires=("orders",),
    columns=(
        "metric",
        "kind",
        "value",
        "previous",
        "delta_abs",
        "delta_rel",
        "change",
        "target",
        "needs",
        "pending",
    ),
)
def kpi_cards(
    source: Source, start: Date, end: Date, *, x_days: int = 3, y_days: int = 7
) -> pd.DataFrame:
    """The KPIs of [start, end] against the previous period of equal length, with targets.

    Columns: metric, kind (count / money / rate), value (the plain definition, as `kpis`),
    previous (the previous period as it stood n days ago, n = the period's length: read up to
    the last day of data minus n), delta_abs and delta_rel (the like-for-like change: the
    current period read up to the last day of data against `previous`; delta_rel = delta_abs
    / previous, for counts and amounts; None for rates and when previous is 0), change (the
    one a card shows: delta_abs for rates, in points as a fraction, else delta_rel), target
    (SPEC §4 targets, else None), needs (the missing table that keeps the KPI from being
    computed, else None), pending (window KPIs: people of the base whose window is still
    open on the last day of data — see `WINDOW_KPIS`; None for the others).

    The current period read up to the last day of data is the plain one unless the members
    file runs past the last order day: joins after it count in `value` (pending), not in the
    change. See `_kpis` for why both sides are then measured at the same age.
    """
    run = _kpis(source, start, end, previous_period(start, end), x_days=x_days, y_days=y_days)
    assert run.current_read is not None and run.previous_read is not None
    rows = []
    for key, value, now, prev in zip(
        run.current["metric"],
        run.current["value"],
        run.current_read["value"],
        run.previous_read["value"],
        strict=True,
    ):
        kind = KPI_KINDS[key]
        delta_abs, delta_rel = _change(kind, now, prev)
        rows.append(
            {
                "metric": key,
                "kind": kind,
                "value": value,
                "previous": prev,
                "delta_abs": delta_abs,
                "delta_rel": delta_rel,
                "change": delta_abs if kind == "rate" else delta_rel,
                "target": KPI_TARGETS.get(key),
                "needs": missing_table(source, key),
                "pending": run.pending.get(key),
            }
        )
    return pd.DataFrame(rows, dtype=object)


# -- time series ---------------------------------------------------------------------------


@metric(requires=("orders",), columns=("period", "gmv", "paid_orders", "buyers", "new_members"))
def timeseries(
    source: Source, start: Date, end: Date, grain: Literal["day", "week"] = "day"
) -> pd.DataFrame:
    """GMV, paid orders, buyers and new members per day or week of [start, end].

    Columns: period (a `datetime.date`: the day, or the Monday of the week), gmv (float, 2
    places), paid_orders, buyers, new_members (ints). Every day or week of the range has a
    row, zero when it holds no data; only data on days inside [start, end] counts, also in
    the first and last week when they stick out of the range. Buyers of a week are distinct
    over the week. new_members is 0 without a members table (check `source.has`).
    """
    check_period(start, end)
    if grain not in GRAINS:
        raise ValueError(f"grain must be one of {GRAINS}, not {grain!r}")
    df = source.query("timeseries", start=start, end=end, grain=grain)
    df = df.sort_values("period", ignore_index=True)
    out = pd.DataFrame(
        {
            "period": pd.Series([day(p) for p in df["period"]], dtype=object),
            "gmv": df["gmv"].astype(float).round(2),
        }
    )
    for col in ("paid_orders", "buyers", "new_members"):
        out[col] = df[col].astype("int64")
    return out


def incomplete_periods(
    series: pd.DataFrame, grain: str, start: Date, end: Date, last_day: Date | None
) -> pd.DataFrame:
    """A `timeseries` frame with a boolean column `incomplete`: the period's days are not all
    counted, because it runs past the last day of data (the week still going on, days not
    in the export yet) or past the edge of [start, end] (a week cut by the date filter).

    Charts draw those periods hatched or dashed (`siyu.charts`, `incomplete=`), so a short
    last week does not read as a drop. Without data (`last_day` None) every period is.
    """
    if grain not in GRAINS:
        raise ValueError(f"grain must be one of {GRAINS}, not {grain!r}")
    length = dt.timedelta(days=7 if grain == "week" else 1)
    seen_until = end if last_day is None else min(end, last_day)
    flags = [
        last_day is None or p < start or p + length - dt.timedelta(days=1) > seen_until
        for p in series["period"]
    ]
    return series.assign(incomplete=pd.Series(flags, index=series.index, dtype=bool))
