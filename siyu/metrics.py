"""The metric layer: every number a page, the CLI or a test shows comes from here (SPEC §4).

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
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from siyu.config import settings
from siyu.db import Source

Date = dt.date

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

DEFAULT_PERIOD_DAYS = 28
CENT = Decimal("0.01")
GRAINS = ("day", "week")


# -- dates ---------------------------------------------------------------------------------


def _day(value: Any) -> Date | None:
    """A query's date cell as `datetime.date` (None for null)."""
    if value is None or pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def _data_range_row(source: Source) -> dict[str, Date | None]:
    row = source.query("data_range").iloc[0]
    return {k: _day(row[k]) for k in ("last_order_day", "first_day", "last_day")}


def as_of(source: Source) -> Date | None:
    """The analysis date: the day after the latest order of any status; None without orders."""
    last = _data_range_row(source)["last_order_day"]
    return None if last is None else last + dt.timedelta(days=1)


def last_data_day(source: Source) -> Date | None:
    """The last day of data: the day before `as_of`.

    Without orders, the latest day of members' joins and activity stands in (None when the
    dataset holds no rows at all).
    """
    r = _data_range_row(source)
    return r["last_order_day"] if r["last_order_day"] is not None else r["last_day"]


def data_range(source: Source) -> tuple[Date | None, Date | None]:
    """First and last day of any data: orders (any status), members' joins and activity.

    The bounds of a date filter; (None, None) for a dataset without rows. The last day may
    lie after the last day of data (`last_data_day`) when members or activity run longer
    than the orders.
    """
    r = _data_range_row(source)
    return r["first_day"], r["last_day"]


def default_period(source: Source, days: int = DEFAULT_PERIOD_DAYS) -> tuple[Date, Date]:
    """The period a page opens with: the last `days` days ending on the last day of data.

    Without any data it ends today (workspace zone), so a date filter always has a value.
    """
    last = last_data_day(source)
    if last is None:
        last = pd.Timestamp.now(tz=settings().timezone).date()
    return last - dt.timedelta(days=days - 1), last


def previous_period(start: Date, end: Date) -> tuple[Date, Date]:
    """The period of equal length just before [start, end]: [start - n, start - 1]."""
    n = (end - start).days + 1
    return start - dt.timedelta(days=n), start - dt.timedelta(days=1)


def _check_period(start: Date, end: Date) -> None:
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        raise TypeError("start and end must be dates")
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")


# -- KPIs ----------------------------------------------------------------------------------


def _int(value: Any) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def _ratio(numerator: float, denominator: float) -> float | None:
    return None if not denominator else float(numerator) / float(denominator)


def _money(value: Any) -> float | None:
    """An amount as a float of 2 places, rounded half up like a cashier (0.075 -> 0.08)."""
    if value is None or pd.isna(value):
        return None
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return float(exact.quantize(CENT, rounding=ROUND_HALF_UP))


def _rate(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def missing_table(source: Source, metric: str) -> str | None:
    """The first table `metric` needs that the source lacks (None when it has them all)."""
    for table in KPI_NEEDS[metric]:
        if not source.has(table):
            return table
    return None


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
    _check_period(start, end)
    x_days, y_days = int(x_days), int(y_days)
    if x_days < 0 or y_days < 0:
        raise ValueError("x_days and y_days must be >= 0")

    o = source.query("kpis_orders", start=start, end=end, y_days=y_days).iloc[0]
    m = source.query("kpis_members", start=start, end=end, x_days=x_days).iloc[0]
    d = source.query("kpis_daily", start=start, end=end, last_day=last_data_day(source)).iloc[0]

    paid_orders = _int(o["paid_orders"])
    gmv = _money(o["gmv"]) or 0.0
    first_buyers = _int(o["first_buyers"])
    values: dict[str, Any] = {
        "members": _int(m["members"]),
        "buyers": _int(o["buyers"]),
        "orders": paid_orders,
        "gmv": gmv,
        "aov": None if paid_orders == 0 else _money(Decimal(repr(gmv)) / paid_orders),
        "first_order_conversion": _ratio(_int(m["converted"]), _int(m["members"])),
        "repurchase_rate": _ratio(_int(o["repeat_buyers"]), first_buyers),
        "repurchase_rate_7d": _ratio(_int(o["repeat_buyers_y"]), first_buyers),
        "daily_active_rate": _rate(d["daily_active_rate"]),
        "interaction_rate": _rate(d["interaction_rate"]),
        "conversion_rate": _rate(d["conversion_rate"]),
    }
    for metric in KPI_ORDER:
        if missing_table(source, metric) is not None:
            values[metric] = None
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
        delta = _money(delta)
    relative = None if kind == "rate" or previous == 0 else (value - previous) / previous
    return delta, relative


def kpi_cards(source: Source, start: Date, end: Date, **options: Any) -> pd.DataFrame:
    """The KPIs of [start, end] against the previous period of equal length, with targets.

    Columns: metric, kind (count / money / rate), value, previous, delta_abs (value -
    previous), delta_rel (delta_abs / previous, for counts and amounts; None for rates and
    when previous is 0), change (the one a card shows: delta_abs for rates, in points as a
    fraction, else delta_rel), target (SPEC §4 targets, else None), needs (the missing table
    that keeps the KPI from being computed, else None). `options` go to `kpis`.
    """
    current = kpis(source, start, end, **options)
    prev_start, prev_end = previous_period(start, end)
    previous = kpis(source, prev_start, prev_end, **options)
    rows = []
    for metric, value, prev in zip(
        current["metric"], current["value"], previous["value"], strict=True
    ):
        kind = KPI_KINDS[metric]
        delta_abs, delta_rel = _change(kind, value, prev)
        rows.append(
            {
                "metric": metric,
                "kind": kind,
                "value": value,
                "previous": prev,
                "delta_abs": delta_abs,
                "delta_rel": delta_rel,
                "change": delta_abs if kind == "rate" else delta_rel,
                "target": KPI_TARGETS.get(metric),
                "needs": missing_table(source, metric),
            }
        )
    return pd.DataFrame(rows, dtype=object)


# -- time series ---------------------------------------------------------------------------


def timeseries(source: Source, start: Date, end: Date, grain: str = "day") -> pd.DataFrame:
    """GMV, paid orders, buyers and new members per day or week of [start, end].

    Columns: period (a `datetime.date`: the day, or the Monday of the week), gmv (float, 2
    places), paid_orders, buyers, new_members (ints). Every day or week of the range has a
    row, zero when it holds no data; only data on days inside [start, end] counts, also in
    the first and last week when they stick out of the range. Buyers of a week are distinct
    over the week. new_members is 0 without a members table (check `source.has`).
    """
    _check_period(start, end)
    if grain not in GRAINS:
        raise ValueError(f"grain must be one of {GRAINS}, not {grain!r}")
    df = source.query("timeseries", start=start, end=end, grain=grain)
    df = df.sort_values("period", ignore_index=True)
    out = pd.DataFrame(
        {
            "period": pd.Series([_day(p) for p in df["period"]], dtype=object),
            "gmv": df["gmv"].astype(float).round(2),
        }
    )
    for col in ("paid_orders", "buyers", "new_members"):
        out[col] = df[col].astype("int64")
    return out


# Tables without which a metric means nothing: the CLI refuses to print it and names the file.
# The KPIs still run without members or activity (those rows are empty, `needs` says why).
for _fn in (kpis, kpi_cards, timeseries):
    _fn.requires = ("orders",)  # type: ignore[attr-defined]

# Metric name (as the CLI spells it) -> function with the signature
# (source, start, end, **options) -> DataFrame.
METRICS: dict[str, Callable[..., pd.DataFrame]] = {
    "kpis": kpis,
    "kpi_cards": kpi_cards,
    "timeseries": timeseries,
}
