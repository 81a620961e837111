"""Buyers (新老客): the GMV of new and of returning buyers, week by week.

有赞's member analysis (会员分析) splits each period's sales into those of customers buying for
the first time and those of customers who bought before; an operator reads from it whether
growth comes from acquisition or from the base. Here the split is per week (Monday first):
a buyer is new in the week of their first paid order over all data, returning in every
later week in which they pay (`queries/buyers_new_returning.sql`).
"""

from __future__ import annotations

import pandas as pd

from siyu.db import Source
from siyu.metrics.base import Date, check_period, count, day, money, ratio
from siyu.metrics.registry import metric

COLUMNS = (
    "week",
    "new_buyers",
    "new_gmv",
    "returning_buyers",
    "returning_gmv",
    "gmv",
    "new_share",
)


@metric(requires=("orders",), columns=COLUMNS)
def new_returning_gmv(source: Source, start: Date, end: Date) -> pd.DataFrame:
    """GMV per week of [start, end] from new buyers (first paid order that week) and from
    returning ones (a paid order before the week).

    Columns: week (a `datetime.date`, the Monday), new_buyers, new_gmv, returning_buyers,
    returning_gmv, gmv (new + returning), new_share (new_gmv / gmv; None in a week without
    sales). Counts are ints, amounts floats of 2 places. Every week of the range has a row;
    only paid orders on days inside [start, end] count, also in a week that sticks out.
    """
    check_period(start, end)
    df = source.query("buyers_new_returning", start=start, end=end)
    rows = []
    for r in df.itertuples(index=False):
        new_gmv, returning_gmv = money(r.new_gmv) or 0.0, money(r.returning_gmv) or 0.0
        gmv = money(r.new_gmv + r.returning_gmv) or 0.0
        rows.append(
            {
                "week": day(r.week),
                "new_buyers": count(r.new_buyers),
                "new_gmv": new_gmv,
                "returning_buyers": count(r.returning_buyers),
                "returning_gmv": returning_gmv,
                "gmv": gmv,
                "new_share": ratio(r.new_gmv, r.new_gmv + r.returning_gmv),
            }
        )
    out = pd.DataFrame({c: pd.Series([row[c] for row in rows], dtype=object) for c in COLUMNS})
    for c in ("new_buyers", "returning_buyers"):
        out[c] = out[c].astype("int64")
    return out
