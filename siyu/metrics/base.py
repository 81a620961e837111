"""Shared pieces of the metric layer: the analysis dates and the value conventions.

Value conventions (pinned in `tests/unit/test_metrics*.py`), for every metric module:
- counts are Python `int`; amounts are `float` of 2 places (half up, `money`); rates are
  unrounded `float` fractions (0.25, not 25);
- a value that cannot be computed (zero denominator, or a needed table missing) is `None`.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from siyu.config import settings
from siyu.db import Source

Date = dt.date

DEFAULT_PERIOD_DAYS = 28


class NeedsTable(ValueError):
    """An option needs a table the dataset lacks; `table` names the file to upload."""

    def __init__(self, table: str, option: str) -> None:
        super().__init__(f"{option} needs the {table} table: import a {table} file first")
        self.table = table
        self.option = option


CENT = Decimal("0.01")

# -- dates ---------------------------------------------------------------------------------


def day(value: Any) -> Date | None:
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
    return {k: day(row[k]) for k in ("last_order_day", "first_day", "last_day")}


def as_of(source: Source) -> Date | None:
    """The analysis date: the day after the latest order of any status; None without orders."""
    last = _data_range_row(source)["last_order_day"]
    return None if last is None else last + dt.timedelta(days=1)


def last_data_day(source: Source) -> Date | None:
    """The last day of data: the day before `as_of`.

    Without orders, the latest day of members' joins and activity stands in (None when the
    dataset holds no rows at all).
    """
    return _last_data_day(_data_range_row(source))


def _last_data_day(r: dict[str, Date | None]) -> Date | None:
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
    """The period a page opens with: the last `days` days of the data's own range.

    It ends on the last day of data and never starts before the first day of any data
    (`data_range`), so a file covering 3 weeks opens on exactly its 21 days, not on a week of
    empty bars in front of them. Without any data it ends today (workspace zone), so a date
    filter always has a value.
    """
    r = _data_range_row(source)
    first, last = r["first_day"], _last_data_day(r)
    if last is None:
        last = pd.Timestamp.now(tz=settings().timezone).date()
    start = last - dt.timedelta(days=days - 1)
    if first is not None and start < first <= last:
        start = first
    return start, last


def period_days(start: Date, end: Date) -> int:
    """Days of the period [start, end], both counted."""
    return (end - start).days + 1


def previous_period(start: Date, end: Date) -> tuple[Date, Date]:
    """The period of equal length just before [start, end]: [start - n, start - 1]."""
    n = period_days(start, end)
    return start - dt.timedelta(days=n), start - dt.timedelta(days=1)


def check_period(start: Date, end: Date) -> None:
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        raise TypeError("start and end must be dates")
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")


# -- values --------------------------------------------------------------------------------


def count(value: Any) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def ratio(numerator: float, denominator: float) -> float | None:
    return None if not denominator else float(numerator) / float(denominator)


def money(value: Any) -> float | None:
    """An amount as a float of 2 places, rounded half up like a cashier (0.075 -> 0.08)."""
    if value is None or pd.isna(value):
        return None
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return float(exact.quantize(CENT, rounding=ROUND_HALF_UP))


def rate(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def member_tag(tag: Any) -> str | None:
    """A `tag` option as the queries bind it ($tag: only members carrying it, members.tags
    split by queries/base/member_spans.sql): None (every member) when absent or blank."""
    return None if tag is None or str(tag).strip() == "" else str(tag).strip()
