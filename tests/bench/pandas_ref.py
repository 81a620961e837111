"""Straightforward pandas implementations of three SPEC §4 definitions, for the benchmark.

What an analyst would write with pandas on frames already in memory: the KPIs of a period,
weekly first-order retention and RFM segments. Each returns a frame shaped like the Siyu
metric (`kpis`, `retention` with cohort_by=first_order and grain=week, `rfm`), with the same
value conventions (ints, 2-place amounts, fractions, None for undefined), so `same()` can
compare them cell by cell. Amounts are summed in integer cents, so totals are exact.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.compute as pc
import pyarrow.parquet as pq

from siyu.metrics.base import money

SEGMENTS = {  # (R high, F high, M high) -> key, in display order
    (True, True, True): "important_value",
    (True, False, True): "important_develop",
    (False, True, True): "important_keep",
    (False, False, True): "important_retain",
    (True, True, False): "general_value",
    (True, False, False): "general_develop",
    (False, True, False): "general_keep",
    (False, False, False): "general_retain",
}


# -- loading (not timed with the computation) -----------------------------------------------


def load(tables: dict[str, Path], wanted: dict[str, list[str]]) -> dict[str, pd.DataFrame]:
    """Read the columns each computation needs; decimals become integer cents (`*_cents`)."""
    out = {}
    for name, cols in wanted.items():
        t = pq.read_table(tables[name], columns=cols)
        if "amount" in cols:
            cents = pc.cast(pc.multiply(t["amount"], 100), "int64")
            t = t.append_column("amount_cents", cents).drop_columns(["amount"])
        out[name] = t.to_pandas()
    return out


NEEDS = {
    "orders": ["order_id", "user_id", "ordered_at", "amount", "status"],
    "members": ["user_id", "joined_at", "left_at"],
    "activity": ["user_id", "at", "kind"],
}


def _paid(orders: pd.DataFrame) -> pd.DataFrame:
    paid = orders[
        (orders["status"].isna() | (orders["status"] == "paid")) & (orders["amount_cents"] > 0)
    ].copy()
    paid["day"] = paid["ordered_at"].dt.normalize()
    return paid


def _ts(d: dt.date) -> pd.Timestamp:
    return pd.Timestamp(d)


# -- KPIs -------------------------------------------------------------------------------------


def kpis(
    frames: dict[str, pd.DataFrame],
    start: dt.date,
    end: dt.date,
    last_day: dt.date,
    x_days: int = 3,
    y_days: int = 7,
) -> pd.DataFrame:
    s, e = _ts(start), _ts(end)
    paid = _paid(frames["orders"])
    in_period = paid[(paid["day"] >= s) & (paid["day"] <= e)]
    buyers = in_period["user_id"].nunique()
    orders_n = len(in_period)
    gmv_cents = int(in_period["amount_cents"].sum())

    ranked = paid.sort_values(["user_id", "ordered_at", "order_id"])
    ranked["n"] = ranked.groupby("user_id").cumcount() + 1
    first = ranked[ranked["n"] == 1].set_index("user_id")["day"]
    second = ranked[ranked["n"] == 2].set_index("user_id")["day"]
    first_buyers = first[(first >= s) & (first <= e)]
    second_of = second.reindex(first_buyers.index)
    repeat = int(second_of.notna().sum())
    repeat_y = int((second_of <= first_buyers + pd.Timedelta(days=y_days)).sum())

    m = frames["members"]
    join_day = m["joined_at"].dt.normalize()
    new = m[(join_day >= s) & (join_day <= e)]
    new_join = new["joined_at"].dt.normalize()
    their_first = first.reindex(new["user_id"]).to_numpy()
    converted = int(
        (
            (their_first >= new_join.to_numpy())
            & (their_first <= (new_join + pd.Timedelta(days=x_days)).to_numpy())
        ).sum()
    )

    # daily rates over start … min(end, last day of data)
    a = frames["activity"]
    a = a.assign(day=a["at"].dt.normalize(), inter=a["kind"].isna() | (a["kind"] != "view"))
    a = a[(a["day"] >= s) & (a["day"] <= e)]
    act = a.groupby(["user_id", "day"])["inter"].any().reset_index()
    pay = in_period[["user_id", "day"]].drop_duplicates().assign(conv=True)
    days_active = act.merge(pay, on=["user_id", "day"], how="outer")
    days_active["inter"] = days_active["inter"].fillna(False).astype(bool)
    days_active["conv"] = days_active["conv"].fillna(False).astype(bool)
    mem = pd.DataFrame(
        {"user_id": m["user_id"], "join": join_day, "left": m["left_at"].dt.normalize()}
    )
    days_active = days_active.merge(mem, on="user_id", how="inner")
    days_active = days_active[
        (days_active["day"] >= days_active["join"])
        & (days_active["left"].isna() | (days_active["day"] < days_active["left"]))
    ]
    per_day = days_active.groupby("day").agg(
        active=("user_id", "size"), inter=("inter", "sum"), conv=("conv", "sum")
    )
    stop = min(end, last_day)
    dar, ir, cr = [], [], []
    for d in pd.date_range(s, _ts(stop), freq="D"):
        domain = int(((mem["join"] <= d) & (mem["left"].isna() | (mem["left"] > d))).sum())
        row = per_day.loc[d] if d in per_day.index else None
        active = int(row["active"]) if row is not None else 0
        if domain > 0:
            dar.append(active / domain)
        if active > 0:
            ir.append(int(row["inter"]) / active)
            cr.append(int(row["conv"]) / active)

    def mean(xs: list[float]) -> float | None:
        return sum(xs) / len(xs) if xs else None

    gmv = gmv_cents / 100
    values: dict[str, Any] = {
        "members": len(new),
        "buyers": buyers,
        "orders": orders_n,
        "gmv": money(Decimal(gmv_cents) / 100),
        "aov": None if not orders_n else money(Decimal(repr(gmv)) / orders_n),
        "first_order_conversion": converted / len(new) if len(new) else None,
        "repurchase_rate": repeat / len(first_buyers) if len(first_buyers) else None,
        "repurchase_rate_7d": repeat_y / len(first_buyers) if len(first_buyers) else None,
        "daily_active_rate": mean(dar),
        "interaction_rate": mean(ir),
        "conversion_rate": mean(cr),
    }
    return pd.DataFrame(
        {"metric": list(values), "value": pd.Series(list(values.values()), dtype=object)}
    )


# -- weekly first-order retention -----------------------------------------------------------


def retention_weekly_first_order(
    frames: dict[str, pd.DataFrame],
    start: dt.date,
    end: dt.date,
    last_day: dt.date,
    periods: int = 13,
) -> pd.DataFrame:
    s, e, last = _ts(start), _ts(end), _ts(last_day)
    paid = _paid(frames["orders"])
    first = paid.groupby("user_id")["day"].min().rename("start")
    people = first[(first >= s) & (first <= e)].to_frame()
    people["cohort"] = people["start"] - pd.to_timedelta(people["start"].dt.weekday, unit="D")
    ev = paid[["user_id", "day"]].merge(people, left_on="user_id", right_index=True)
    ev = ev[(ev["day"] >= ev["start"]) & (ev["day"] <= last)]
    ev["period"] = ((ev["day"] - ev["start"]).dt.days // 7).clip(upper=periods)
    per = ev.groupby(["user_id", "cohort", "period"]).size().rename("events").reset_index()
    # the first order does not count: period 0 needs a second paid order
    per = per[per["events"] > (per["period"] == 0).astype(int)]
    per = per[per["period"] < periods]
    cells = per.groupby(["cohort", "period"])["user_id"].nunique()
    cohorts = people.groupby("cohort").agg(size=("start", "size"), last=("start", "max"))
    rows = []
    for cohort, c in cohorts.sort_index().iterrows():
        for p in range(periods):
            observed = c["last"] + pd.Timedelta(days=(p + 1) * 7 - 1) <= last
            retained = int(cells.get((cohort, p), 0)) if observed else None
            rows.append(
                {
                    "cohort": cohort.date(),
                    "cohort_size": int(c["size"]),
                    "period": p,
                    "retained": retained,
                    "rate": None if retained is None else retained / int(c["size"]),
                }
            )
    out = pd.DataFrame(rows, columns=["cohort", "cohort_size", "period", "retained", "rate"])
    for col in ("cohort", "retained", "rate"):
        out[col] = out[col].astype(object)
    return out


# -- RFM --------------------------------------------------------------------------------------


def rfm(frames: dict[str, pd.DataFrame], start: dt.date, end: dt.date) -> pd.DataFrame:
    """The eight segments as of end + 1, split against the mean (the default)."""
    as_of = _ts(end + dt.timedelta(days=1))
    paid = _paid(frames["orders"])
    paid = paid[paid["day"] < as_of]
    b = paid.groupby("user_id").agg(
        last=("day", "max"), frequency=("day", "size"), cents=("amount_cents", "sum")
    )
    b["recency"] = (as_of - b["last"]).dt.days
    n = len(b)
    b["r"] = b["recency"] * n < b["recency"].sum()
    b["f"] = b["frequency"] * n > b["frequency"].sum()
    b["m"] = b["cents"] * n > b["cents"].sum()
    b["segment"] = [SEGMENTS[k] for k in zip(b["r"], b["f"], b["m"], strict=True)]
    total = int(b["cents"].sum())
    g = b.groupby("segment")
    rows = []
    for key in SEGMENTS.values():
        if key in g.groups:
            seg = g.get_group(key)
            cents = int(seg["cents"].sum())
            rows.append(
                {
                    "segment": key,
                    "customers": len(seg),
                    "gmv": money(Decimal(cents) / 100),
                    "gmv_share": (cents / 100) / (total / 100) if total else None,
                    "mean_recency": float(seg["recency"].mean()),
                    "mean_frequency": float(seg["frequency"].mean()),
                    "mean_monetary": money(seg["cents"].mean() / 100),
                }
            )
        else:
            rows.append(
                {"segment": key, "customers": 0, "gmv": 0.0, "gmv_share": 0.0 if total else None}
                | dict.fromkeys(("mean_recency", "mean_frequency", "mean_monetary"))
            )
    return pd.DataFrame(rows, dtype=object)


# -- comparison -------------------------------------------------------------------------------


def _cell_equal(a: Any, b: Any) -> bool:
    a_none = a is None or (isinstance(a, float) and math.isnan(a))
    b_none = b is None or (isinstance(b, float) and math.isnan(b))
    if a_none or b_none:
        return a_none and b_none
    if isinstance(a, float) or isinstance(b, float):
        # unrounded means and rates: the sums run in another order, so allow float noise
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def same(siyu: pd.DataFrame, ref: pd.DataFrame) -> list[str]:
    """Differences between two result frames (empty when they are equal)."""
    if list(siyu.columns) != list(ref.columns):
        return [f"columns {list(siyu.columns)} != {list(ref.columns)}"]
    if len(siyu) != len(ref):
        return [f"{len(siyu)} rows != {len(ref)} rows"]
    diffs = []
    for i in range(len(siyu)):
        for col in siyu.columns:
            a, b = siyu[col].iloc[i], ref[col].iloc[i]
            if not _cell_equal(a, b):
                diffs.append(f"row {i} {col}: siyu {a!r} != pandas {b!r}")
    return diffs
