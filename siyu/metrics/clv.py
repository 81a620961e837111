"""Lifetime value (价值): who is still a customer, what each is worth, how cohorts' value grows.

Per buyer, from the paid orders on or before the calibration end (option `calibration_end`,
default: the period's last day `end`, so with the default period the model is fitted on all
data up to `as_of`), `queries/clv_people.sql` gives the summaries BG/NBD reads: frequency =
repeat purchase days (distinct days with a paid order after the first), recency = last
purchase day − first, T = calibration end − first purchase day, recency and T in the `unit`
(day, or week = 7 days, fractional), and the mean spend per repeat purchase day (a day's
paid orders summed). `siyu.lifetime` fits BG/NBD (r, α, a, b) and Gamma-Gamma (p, q, γ) by
maximum likelihood and predicts by the closed forms (Fader, Hardie & Lee 2005; Fader &
Hardie 2013). The start of the period is not used, except by `cohort_value` (its cohorts are
the people who started in the period).

Defaults, shown on the Value page: horizon one year (52 weeks or 365 days), margin 1 (CLV in
paid amount; set the gross margin to get profit), discount 1% a month (purchases of the k-th
month ahead divided by 1.01^k), at-risk threshold P(alive) < 0.5 among the top 20% by past
paid amount or by CLV. A fit on fewer than 500 repeat buyers or 8 weeks of history is
flagged (`history_warnings`), not hidden.

Value conventions as `siyu.metrics.base`: counts int, amounts float of 2 places (predicted
amounts rounded to the cent), probabilities and expected counts unrounded floats, None where
undefined (no fit).
"""

from __future__ import annotations

import collections
import datetime as dt
import threading
from typing import Any, Literal

import numpy as np
import pandas as pd

from siyu import lifetime
from siyu.db import Source
from siyu.metrics.base import Date, NeedsTable, check_period, count, day, last_data_day
from siyu.metrics.members import HIGH_TIERS, rfm_members, thresholds
from siyu.metrics.registry import metric

UNITS: dict[str, int] = {"day": 1, "week": 7}
DEFAULT_UNIT = "week"
DEFAULT_HORIZON: dict[str, int] = {"day": 365, "week": 52}
MAX_HORIZON_DAYS = 3660
DEFAULT_MARGIN = 1.0
DEFAULT_DISCOUNT = 0.01  # a month
AT_RISK_P_ALIVE = 0.5
VALUABLE_SHARE = 0.2
# A fit on less than this is shown with a warning instead of a confident number.
MIN_REPEAT_BUYERS = 500
MIN_HISTORY_DAYS = 56
# The calibration/holdout view groups people by calibration frequency 0 … 7+.
HOLDOUT_GROUPS = 8
COHORT_BY = ("join", "first_order")
VALUE_GRAINS = ("month", "week")
DEFAULT_VALUE_PERIODS = {"month": 12, "week": 13}
MAX_VALUE_PERIODS = 120
BREAKDOWNS = ("none", "channel")

MODEL_PARAMETERS = (
    "r",
    "alpha",
    "a",
    "b",
    "p",
    "q",
    "gamma",
    "log_likelihood",
    "spend_log_likelihood",
    "customers",
    "repeat_customers",
    "history_days",
)
CLV_COLUMNS = [
    "user_id",
    "frequency",
    "recency",
    "T",
    "p_alive",
    "expected_purchases",
    "expected_spend",
    "clv",
    "paid_amount",
    "tier",
    "segment",
]
AT_RISK_COLUMNS = (
    "user_id",
    "nickname",
    "phone",
    "p_alive",
    "paid_amount",
    "clv",
    "expected_purchases",
    "frequency",
    "recency",
    "T",
    "tier",
    "segment",
    "layer",
)
TRACKING_COLUMNS = (
    "period_start",
    "period_end",
    "actual",
    "predicted",
    "cumulative_actual",
    "cumulative_predicted",
    "calibration",
)


# -- options -------------------------------------------------------------------------------


def _date_option(name: str, value: Any) -> Date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


def _unit(value: Any) -> str:
    unit = str(value or DEFAULT_UNIT)
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {value!r}")
    return unit


def _number(name: str, value: Any, default: float, low: float, high: float) -> float:
    raw = default if value is None or value == "" else value
    try:
        number = float(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, not {raw!r}") from None
    if not low <= number <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}, not {raw!r}")
    return number


def _horizon(value: Any, unit: str) -> float:
    top = MAX_HORIZON_DAYS / UNITS[unit]
    horizon = _number("horizon", value, DEFAULT_HORIZON[unit], 0, top)
    if horizon <= 0:
        raise ValueError(f"horizon must be more than 0 {unit}s")
    return horizon


def _needs_orders(source: Source) -> None:
    if not source.has("orders"):
        raise NeedsTable("orders", "clv")


# -- summaries and the fit -----------------------------------------------------------------


def summaries(
    source: Source,
    calibration_end: Date,
    unit: str = DEFAULT_UNIT,
    holdout_end: Date | None = None,
) -> pd.DataFrame:
    """Each buyer's summary at `calibration_end` (`queries/clv_people.sql`), by user_id."""
    unit = _unit(unit)
    holdout_end = holdout_end or calibration_end
    if holdout_end < calibration_end:
        raise ValueError(f"holdout_end ({holdout_end}) is before calibration_end")
    t1, t2, t3 = thresholds()  # the Members page's defaults, exported tiers first
    return source.query(
        "clv_people",
        calibration_end=calibration_end,
        holdout_end=holdout_end,
        unit_days=float(UNITS[unit]),
        t1=t1,
        t2=t2,
        t3=t3,
        use_exported=True,
        with_members=source.has("members"),
    )


class Fit:
    """The fitted models of one dataset version, calibration end and unit."""

    def __init__(
        self,
        bgnbd: lifetime.BgNbd | None,
        spend: lifetime.GammaGamma | None,
        customers: int,
        repeat_customers: int,
        history_days: int | None,
    ) -> None:
        self.bgnbd = bgnbd
        self.spend = spend
        self.customers = customers
        self.repeat_customers = repeat_customers
        self.history_days = history_days


# Fits by (dataset files, calibration end, unit): a few numbers each, computed once for the
# page's fit, per-person table and at-risk list (and for the CLI's runs in one process).
_FITS: collections.OrderedDict[tuple, Fit] = collections.OrderedDict()
_FITS_LOCK = threading.Lock()
MAX_FITS = 64


def _fit_key(source: Source, cal_end: Date, unit: str) -> tuple | None:
    if any(isinstance(t, pd.DataFrame) for t in source.tables.values()):
        return None
    return (
        tuple(sorted((k, str(v)) for k, v in source.tables.items())),
        tuple(sorted((k, str(v)) for k, v in source.base.items())),
        cal_end,
        unit,
    )


def fit_summaries(people: pd.DataFrame, cal_end: Date, unit: str) -> Fit:
    """BG/NBD and Gamma-Gamma fitted on `summaries` rows (None where they cannot be)."""
    x = people["frequency"].to_numpy(dtype=float)
    tx = people["recency"].to_numpy(dtype=float)
    T = people["age"].to_numpy(dtype=float)
    m = people["mean_spend"].to_numpy(dtype=float, na_value=np.nan)
    bgnbd = lifetime.fit_bgnbd(x, tx, T)
    spend = lifetime.fit_gamma_gamma(x, m)
    first = people["first_day"].min() if len(people) else None
    history = None if first is None or pd.isna(first) else (cal_end - day(first)).days + 1
    return Fit(bgnbd, spend, len(people), int((x > 0).sum()), history)


def fit(source: Source, cal_end: Date, unit: str = DEFAULT_UNIT) -> Fit:
    """The models fitted on the buyers at `cal_end` (kept per dataset version)."""
    unit = _unit(unit)
    key = _fit_key(source, cal_end, unit)
    if key is not None:
        with _FITS_LOCK:
            hit = _FITS.get(key)
            if hit is not None:
                _FITS.move_to_end(key)
                return hit
    found = fit_summaries(summaries(source, cal_end, unit), cal_end, unit)
    if key is not None:
        with _FITS_LOCK:
            _FITS[key] = found
            while len(_FITS) > MAX_FITS:
                _FITS.popitem(last=False)
    return found


def _fit_for(source: Source, people: pd.DataFrame, cal_end: Date, unit: str) -> Fit:
    key = _fit_key(source, cal_end, unit)
    if key is not None:
        with _FITS_LOCK:
            hit = _FITS.get(key)
        if hit is not None:
            return hit
    found = fit_summaries(people, cal_end, unit)
    if key is not None:
        with _FITS_LOCK:
            _FITS[key] = found
            while len(_FITS) > MAX_FITS:
                _FITS.popitem(last=False)
    return found


# -- metrics -------------------------------------------------------------------------------


@metric(requires=("orders",), columns=("parameter", "value"))
def clv_model(
    source: Source,
    start: Date,
    end: Date,
    *,
    calibration_end: dt.date | None = None,
    unit: Literal["day", "week"] = DEFAULT_UNIT,
) -> pd.DataFrame:
    """The fitted BG/NBD and Gamma-Gamma parameters, as `parameter, value` rows.

    r, alpha (in the unit), a, b (BG/NBD on every buyer at the calibration end); p, q, gamma
    (Gamma-Gamma on each repeat buyer's mean spend per repeat purchase day); their
    log-likelihoods (log_likelihood, spend_log_likelihood); customers and repeat_customers
    (frequency >= 1); history_days (first purchase day of anyone to the calibration end, both
    counted). A model that cannot be fitted (no repeat buyer) leaves its rows empty.
    """
    check_period(start, end)
    _needs_orders(source)
    unit = _unit(unit)
    found = fit(source, calibration_end_of(end, calibration_end), unit)
    bg, gg = found.bgnbd, found.spend
    values: dict[str, Any] = dict.fromkeys(MODEL_PARAMETERS)
    if bg is not None:
        values |= {"r": bg.r, "alpha": bg.alpha, "a": bg.a, "b": bg.b}
        values["log_likelihood"] = bg.log_likelihood
    if gg is not None:
        values |= {"p": gg.p, "q": gg.q, "gamma": gg.gamma}
        values["spend_log_likelihood"] = gg.log_likelihood
    values["customers"] = found.customers
    values["repeat_customers"] = found.repeat_customers
    values["history_days"] = found.history_days
    return pd.DataFrame(
        {
            "parameter": list(MODEL_PARAMETERS),
            "value": pd.Series([values[k] for k in MODEL_PARAMETERS], dtype=object),
        }
    )


def calibration_end_of(end: Date, value: Any = None) -> Date:
    """The last day of calibration: the option when given, else the period's last day."""
    return _date_option("calibration_end", value) or end


def history_warnings(model: pd.DataFrame) -> list[str]:
    """Why a `clv_model` fit should not be read as a confident number: `no_fit` (no repeat
    buyer), `few_repeat_buyers` (fewer than MIN_REPEAT_BUYERS), `short_history` (less than
    MIN_HISTORY_DAYS of purchases before the calibration end)."""
    values = dict(zip(model["parameter"], model["value"], strict=True))
    out = []
    if values.get("r") is None:
        out.append("no_fit")
    if count(values.get("repeat_customers")) < MIN_REPEAT_BUYERS:
        out.append("few_repeat_buyers")
    if count(values.get("history_days")) < MIN_HISTORY_DAYS:
        out.append("short_history")
    return out


def _segments(source: Source, cal_end: Date, personal: bool = False) -> pd.DataFrame:
    """Each buyer's RFM segment as of the day after `cal_end` (`members.rfm_members`)."""
    columns = ["user_id", "segment", *(["nickname", "phone"] if personal else [])]
    return rfm_members(source, cal_end, cal_end, personal=personal)[columns]


def _people(
    source: Source,
    end: Date,
    calibration_end: Any,
    unit: Any,
    horizon: Any,
    margin: Any,
    discount: Any,
    personal: bool = False,
    segments: bool = True,
) -> pd.DataFrame:
    check_period(end, end)
    _needs_orders(source)
    unit = _unit(unit)
    cal_end = calibration_end_of(end, calibration_end)
    horizon_units = _horizon(horizon, unit)
    margin_value = _number("margin", margin, DEFAULT_MARGIN, 0, 1)
    rate = _number("discount", discount, DEFAULT_DISCOUNT, 0, 1)
    people = summaries(source, cal_end, unit)
    found = _fit_for(source, people, cal_end, unit)
    x = people["frequency"].to_numpy(dtype=float)
    tx = people["recency"].to_numpy(dtype=float)
    T = people["age"].to_numpy(dtype=float)
    m = people["mean_spend"].to_numpy(dtype=float, na_value=np.nan)
    n = len(people)
    none = pd.Series([None] * n, dtype=object)
    p_alive = expected = spend_total = value = none
    if found.bgnbd is not None and n:
        bg = found.bgnbd
        alive = lifetime.p_alive(bg, x, tx, T)
        p_alive = pd.Series(alive)
        purchases = lifetime.expected_purchases(bg, horizon_units, x, tx, T, alive)
        expected = pd.Series(purchases)
        if found.spend is not None and found.spend.mean_spend is not None:
            per_day = lifetime.expected_spend(found.spend, x, m)
            discounted = lifetime.discounted_purchases(
                bg, horizon_units, UNITS[unit], rate, x, tx, T, alive
            )
            spend_total = pd.Series(np.round(purchases * per_day, 2))
            value = pd.Series(np.round(discounted * per_day * margin_value, 2))
    out = pd.DataFrame(
        {
            "user_id": people["user_id"].astype(object),
            "frequency": people["frequency"].astype("int64"),
            "recency": people["recency"].astype(float),
            "T": people["age"].astype(float),
            "p_alive": p_alive,
            "expected_purchases": expected,
            "expected_spend": spend_total,
            "clv": value,
            "paid_amount": people["paid_amount"].astype(float).round(2),
            "tier": people["tier"].astype(object),
        }
    )
    if not segments:
        return out
    segments = _segments(source, cal_end, personal)
    ids = out["user_id"].to_numpy()
    if len(segments) == len(out) and np.array_equal(segments["user_id"].to_numpy(), ids):
        # the same buyers in the same order (both sorted by user_id in SQL): no join
        for col in segments.columns[1:]:
            out[col] = segments[col].to_numpy()
    else:
        out = out.merge(segments, on="user_id", how="left", sort=False)
    out["segment"] = out["segment"].astype(object).where(out["segment"].notna(), None)
    return out


@metric(requires=("orders",), columns=tuple(CLV_COLUMNS))
def clv(
    source: Source,
    start: Date,
    end: Date,
    *,
    calibration_end: dt.date | None = None,
    unit: Literal["day", "week"] = DEFAULT_UNIT,
    horizon: float | None = None,
    margin: float = DEFAULT_MARGIN,
    discount: float = DEFAULT_DISCOUNT,
) -> pd.DataFrame:
    """One row per buyer at the calibration end: the model's view of each.

    Options: `calibration_end` (default `end`), `unit` day | week, `horizon` in units
    (default a year: 52 weeks or 365 days), `margin` 0 … 1 (default 1: CLV in paid amount),
    `discount` a month (default 0.01).

    Columns: user_id, frequency, recency, T (in the unit), p_alive, expected_purchases
    (purchase days over the next `horizon` units), expected_spend (expected purchases ×
    expected spend per purchase day, Gamma-Gamma), clv (the same discounted monthly, times
    the margin), paid_amount (paid up to the calibration end), tier (as the Members page: the
    exported tier, else the rule on the 365 days before the day after the calibration end)
    and segment (the RFM segment key as of that day, mean split). The model columns are
    empty when there is nothing to fit (no repeat buyer). By clv, largest first, then user_id.
    """
    check_period(start, end)
    out = _people(source, end, calibration_end, unit, horizon, margin, discount)[CLV_COLUMNS]
    value = pd.to_numeric(out["clv"], errors="coerce").fillna(-np.inf).to_numpy()
    # rows come by user_id: a stable sort on value keeps that order among equal values
    order = np.argsort(-value, kind="stable")
    return out.iloc[order].reset_index(drop=True)


@metric(
    requires=("orders",),
    columns=("buyers", "alive", "expected_purchases", "expected_spend", "clv", "paid_amount"),
)
def clv_summary(
    source: Source,
    start: Date,
    end: Date,
    *,
    calibration_end: dt.date | None = None,
    unit: Literal["day", "week"] = DEFAULT_UNIT,
    horizon: float | None = None,
    margin: float = DEFAULT_MARGIN,
    discount: float = DEFAULT_DISCOUNT,
) -> pd.DataFrame:
    """The `clv` table summed over every buyer, in one row (options as `clv`).

    Columns: buyers, alive (Σ P(alive): the buyers the model expects still to be customers),
    expected_purchases, expected_spend, clv (over the horizon), paid_amount (paid up to the
    calibration end); the model columns None without a fit.
    """
    check_period(start, end)
    people = _people(source, end, calibration_end, unit, horizon, margin, discount)

    def total(col: str, places: int | None = None) -> float | None:
        values = pd.to_numeric(people[col], errors="coerce")
        if people.empty or values.isna().all():
            return None
        found = float(values.sum())
        return round(found, places) if places is not None else found

    row = {
        "buyers": len(people),
        "alive": total("p_alive"),
        "expected_purchases": total("expected_purchases"),
        "expected_spend": total("expected_spend", 2),
        "clv": total("clv", 2),
        "paid_amount": round(float(people["paid_amount"].sum()), 2),
    }
    return pd.DataFrame({k: pd.Series([v], dtype=object) for k, v in row.items()})


def horizon_units(months: float, unit: str) -> float:
    """A horizon of `months` months in the unit (a month is 365.25 / 12 days)."""
    return float(months) * lifetime.MONTH_DAYS / UNITS[_unit(unit)]


@metric(requires=("orders",), columns=("user_id", "p_alive", "clv"))
def clv_values(
    source: Source,
    start: Date,
    end: Date,
    *,
    unit: Literal["day", "week"] = DEFAULT_UNIT,
) -> pd.DataFrame:
    """Each buyer's P(alive) and CLV as of the day after `end`, by user_id: the columns the
    member lists of other pages add (`add_values`). CLV with the defaults of `clv`: a year,
    margin 1, 1% a month."""
    check_period(start, end)
    people = _people(source, end, None, unit, None, None, None, segments=False)
    return people[["user_id", "p_alive", "clv"]].reset_index(drop=True)


def add_values(frame: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """`frame` (a member list with `user_id`) with `p_alive` and `clv` from a `clv_values`
    table beside each person; None for someone who bought nothing up to then."""
    wanted = values[values["user_id"].isin(frame["user_id"])]
    out = frame.merge(wanted, on="user_id", how="left", sort=False)
    for col in ("p_alive", "clv"):
        column = out[col].astype(object)
        out[col] = column.where(column.notna(), None)
    return out


def at_risk_layer(tier: Any, segment: Any) -> str:
    """The layer (SPEC §4 layers) whose group suits a valuable person slipping away: those
    still in the high-value layer (金卡/钻石卡 or 重要价值) go to the VIP group for a personal
    call, the others to the win-back group (召回群)."""
    if tier in HIGH_TIERS or segment == "important_value":
        return "high_value"
    return "dormant"


@metric(requires=("orders",), columns=AT_RISK_COLUMNS)
def clv_at_risk(
    source: Source,
    start: Date,
    end: Date,
    *,
    calibration_end: dt.date | None = None,
    unit: Literal["day", "week"] = DEFAULT_UNIT,
    horizon: float | None = None,
    margin: float = DEFAULT_MARGIN,
    discount: float = DEFAULT_DISCOUNT,
    threshold: float = AT_RISK_P_ALIVE,
    top_share: float = VALUABLE_SHARE,
) -> pd.DataFrame:
    """At risk and valuable: buyers with P(alive) below `threshold` (default 0.5) among the
    top `top_share` (default 0.2) by paid amount up to the calibration end or by CLV.

    "Top 20%" is at or above the 80th percentile of all buyers (lower interpolation), so ties
    at the cut are in. Options as `clv`, and `threshold`, `top_share`. Columns: user_id,
    nickname (masked), phone (stored masked), p_alive, paid_amount, clv, expected_purchases,
    frequency, recency, T, tier, segment, layer (`at_risk_layer`: high_value → VIP群, dormant →
    召回群); by paid amount, largest first. Empty without a fit.
    """
    check_period(start, end)
    cut = _number("threshold", threshold, AT_RISK_P_ALIVE, 0, 1)
    share = _number("top_share", top_share, VALUABLE_SHARE, 0, 1)
    people = _people(source, end, calibration_end, unit, horizon, margin, discount, True)
    columns = list(AT_RISK_COLUMNS)
    if people.empty or people["p_alive"].isna().all():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    paid = people["paid_amount"].to_numpy(dtype=float)
    value = pd.to_numeric(people["clv"], errors="coerce").to_numpy(dtype=float)
    valuable = paid >= np.quantile(paid, 1 - share, method="lower")
    if np.isfinite(value).any():
        top = np.nanquantile(value, 1 - share, method="lower")
        valuable |= np.nan_to_num(value, nan=-np.inf) >= top
    alive = people["p_alive"].to_numpy(dtype=float)
    chosen = people[valuable & (alive < cut)].copy()
    chosen["layer"] = [
        at_risk_layer(t, s) for t, s in zip(chosen["tier"], chosen["segment"], strict=True)
    ]
    chosen = chosen.sort_values(["paid_amount", "user_id"], ascending=[False, True])
    return chosen[columns].reset_index(drop=True)


@metric(requires=("orders",), columns=("frequency", "customers", "actual", "predicted"))
def clv_holdout(
    source: Source,
    start: Date,
    end: Date,
    *,
    calibration_end: dt.date | None = None,
    holdout_end: dt.date | None = None,
    unit: Literal["day", "week"] = DEFAULT_UNIT,
) -> pd.DataFrame:
    """Calibration against holdout: the model fitted up to `calibration_end` predicts each
    buyer's purchase days from the day after it to `holdout_end` (default `end`); people
    grouped by calibration frequency 0, 1, … 7 (7 holds 7 and more).

    `calibration_end` must lie before `holdout_end`; by default it halves the days from the
    first paid order to `holdout_end` (`default_split`). Columns:
    frequency, customers, actual (mean purchase days in the holdout), predicted (mean of the
    conditional expectations over the holdout's length); predicted is None without a fit.
    """
    check_period(start, end)
    _needs_orders(source)
    unit = _unit(unit)
    hold_end = _date_option("holdout_end", holdout_end) or end
    cal_end = _date_option("calibration_end", calibration_end) or default_split(source, hold_end)
    if hold_end <= cal_end:
        raise ValueError(f"holdout_end ({hold_end}) must be after calibration_end ({cal_end})")
    people = summaries(source, cal_end, unit, hold_end)
    found = _fit_for(source, people, cal_end, unit)
    x = people["frequency"].to_numpy(dtype=float)
    group = np.minimum(x, HOLDOUT_GROUPS - 1).astype(int)
    actual = people["holdout_days"].to_numpy(dtype=float)
    predicted = np.full(len(people), np.nan)
    if found.bgnbd is not None and len(people):
        length = (hold_end - cal_end).days / UNITS[unit]
        tx = people["recency"].to_numpy(dtype=float)
        T = people["age"].to_numpy(dtype=float)
        predicted = lifetime.expected_purchases(found.bgnbd, length, x, tx, T)
    rows = []
    for g in range(HOLDOUT_GROUPS):
        inside = group == g
        n = int(inside.sum())
        rows.append(
            {
                "frequency": g,
                "customers": n,
                "actual": float(actual[inside].mean()) if n else None,
                "predicted": (
                    float(predicted[inside].mean())
                    if n and np.isfinite(predicted[inside]).all()
                    else None
                ),
            }
        )
    out = pd.DataFrame(rows)
    return out.astype({"frequency": "int64", "customers": "int64", "actual": object})


def default_split(source: Source, holdout_end: Date) -> Date:
    """A calibration end that leaves the later half of the purchase history, from the first
    paid order to `holdout_end`, as the holdout (CDNOW: 39 weeks and 39 weeks)."""
    first = day(source.query("members_coverage").iloc[0]["first_paid_day"]) or holdout_end
    first = min(first, holdout_end)
    return first + dt.timedelta(days=max((holdout_end - first).days // 2, 0))


def holdout_error(table: pd.DataFrame) -> dict[str, float | None]:
    """The error of a `clv_holdout` table in words' numbers: total actual and predicted
    purchase days of the holdout, their relative difference, and the mean absolute error
    per person across the frequency groups (people-weighted)."""
    seen = table[table["predicted"].notna() & (table["customers"] > 0)]
    if seen.empty:
        return {"actual": None, "predicted": None, "relative": None, "mae": None}
    n = seen["customers"].astype(float)
    actual = float((seen["actual"].astype(float) * n).sum())
    predicted = float((seen["predicted"].astype(float) * n).sum())
    mae = float(((seen["predicted"].astype(float) - seen["actual"].astype(float)).abs() * n).sum())
    return {
        "actual": actual,
        "predicted": predicted,
        "relative": (predicted - actual) / actual if actual else None,
        "mae": mae / float(n.sum()),
    }


@metric(requires=("orders",), columns=TRACKING_COLUMNS)
def clv_tracking(
    source: Source,
    start: Date,
    end: Date,
    *,
    calibration_end: dt.date | None = None,
    holdout_end: dt.date | None = None,
    unit: Literal["day", "week"] = DEFAULT_UNIT,
) -> pd.DataFrame:
    """Repeat purchase days over time, actual against the model (the tracking plot).

    The buyers whose first purchase day is on or before `calibration_end` (default `end`);
    periods of one unit from the first such day to `holdout_end` (default `end`; the last
    period may be shorter). Predicted: Σ over first purchase days d of the buyers who started
    on d × E[X(t)] (FHL 2005, equation 9) at the period's end minus at its start.

    Columns: period_start, period_end (dates), actual, predicted (repeat purchase days in the
    period; predicted None without a fit), cumulative_actual, cumulative_predicted,
    calibration (True for periods ending on or before the calibration end).
    """
    check_period(start, end)
    _needs_orders(source)
    unit = _unit(unit)
    cal_end = calibration_end_of(end, calibration_end)
    hold_end = _date_option("holdout_end", holdout_end) or max(end, cal_end)
    if hold_end < cal_end:
        raise ValueError(f"holdout_end ({hold_end}) is before calibration_end ({cal_end})")
    days = source.query("clv_days", calibration_end=cal_end, holdout_end=hold_end)
    columns = list(TRACKING_COLUMNS)
    if days.empty or not days["first_buyers"].sum():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    found = fit(source, cal_end, unit)
    on = [day(d) for d in days["day"]]
    first = min(d for d, n in zip(on, days["first_buyers"], strict=True) if n)
    step = UNITS[unit]
    k = np.array([(d - first).days // step for d in on])
    periods = (hold_end - first).days // step + 1
    actual = np.bincount(
        k[k >= 0], weights=days["repeat_days"].to_numpy()[k >= 0], minlength=periods
    )
    starts = [first + dt.timedelta(days=i * step) for i in range(periods)]
    ends = [min(s + dt.timedelta(days=step - 1), hold_end) for s in starts]
    predicted_cum = None
    if found.bgnbd is not None:
        cohort_days = np.array(
            [(d - first).days for d, n in zip(on, days["first_buyers"], strict=True) if n]
        )
        sizes = days["first_buyers"].to_numpy(dtype=float)[days["first_buyers"].to_numpy() > 0]
        ends_days = np.array([(e - first).days for e in ends])
        # elapsed units from each cohort's first day to each period's end (0 before it)
        elapsed = np.maximum(ends_days[:, None] - cohort_days[None, :], 0) / step
        grid, inverse = np.unique(elapsed, return_inverse=True)
        expected = lifetime.expected_new(found.bgnbd, grid)[inverse].reshape(elapsed.shape)
        predicted_cum = expected @ sizes if len(sizes) < 64 else (expected * sizes).sum(axis=1)
    cumulative = np.cumsum(actual)
    out = pd.DataFrame(
        {
            "period_start": pd.Series(starts, dtype=object),
            "period_end": pd.Series(ends, dtype=object),
            "actual": actual.astype("int64"),
            "predicted": pd.Series(
                [None] * periods
                if predicted_cum is None
                else np.diff(np.concatenate([[0.0], predicted_cum])).tolist(),
                dtype=object,
            ),
            "cumulative_actual": cumulative.astype("int64"),
            "cumulative_predicted": pd.Series(
                [None] * periods if predicted_cum is None else predicted_cum.tolist(),
                dtype=object,
            ),
            "calibration": [e <= cal_end for e in ends],
        }
    )
    return out[columns]


def default_cohort_by(source: Source) -> str:
    """Cohorts by join when the dataset has members, else by first order."""
    return "join" if source.has("members") else "first_order"


@metric(requires=("orders",), columns=("cohort", "cohort_size", "period", "value", "cumulative"))
def cohort_value(
    source: Source,
    start: Date,
    end: Date,
    *,
    cohort_by: Literal["join", "first_order"] | None = None,
    grain: Literal["month", "week"] = "month",
    periods: int | None = None,
    breakdown: Literal["none", "channel"] = "none",
) -> pd.DataFrame:
    """Cumulative paid amount per person by period since each person's start, per cohort.

    People who started in [start, end]: members by join day (`cohort_by` join, default with a
    members table; their orders from the join day on) or every buyer by first purchase day
    (first_order). `grain` month (cohort = the start's month; period n = start + n months …)
    or week (the Monday of the start week; days 7n … 7n+6); `periods` (default 12 months or 13
    weeks); `breakdown` none | channel (members.channel).

    Columns: [segment,] cohort, cohort_size, period, value (cumulative paid amount per person
    of the cohort by the end of the period; None when the period has not ended for everyone
    in the cohort, as in retention), cumulative (the cohort's paid amount, None likewise).
    """
    check_period(start, end)
    _needs_orders(source)
    by = str(cohort_by or default_cohort_by(source))
    if by not in COHORT_BY:
        raise ValueError(f"cohort_by must be one of {', '.join(COHORT_BY)}, not {cohort_by!r}")
    if by == "join" and not source.has("members"):
        raise NeedsTable("members", "cohort_by=join")
    if grain not in VALUE_GRAINS:
        raise ValueError(f"grain must be one of {', '.join(VALUE_GRAINS)}, not {grain!r}")
    if breakdown not in BREAKDOWNS:
        raise ValueError(f"breakdown must be one of {', '.join(BREAKDOWNS)}, not {breakdown!r}")
    if breakdown == "channel" and not source.has("members"):
        raise NeedsTable("members", "breakdown=channel")
    n = DEFAULT_VALUE_PERIODS[grain] if periods in (None, "") else int(periods)
    if not 1 <= n <= MAX_VALUE_PERIODS:
        raise ValueError(f"periods must be 1 … {MAX_VALUE_PERIODS}, not {periods!r}")
    df = source.query(
        "clv_cohort_value",
        start=start,
        end=end,
        last_day=last_data_day(source) or end,
        cohort_by=by,
        value_grain=grain,
        value_periods=n,
        breakdown=breakdown,
    )
    observed = df["observed"].fillna(False).astype(bool).to_numpy()
    sizes = df["cohort_size"].astype("int64")
    total = df["cumulative"].astype(float)
    out = pd.DataFrame(
        {
            "segment": pd.Series(
                [None if pd.isna(s) else str(s) for s in df["segment"]], dtype=object
            ),
            "cohort": pd.Series([day(c) for c in df["cohort"]], dtype=object),
            "cohort_size": sizes,
            "period": df["period"].astype("int64"),
            "value": pd.Series(
                [
                    float(v) / int(s) if seen else None
                    for v, s, seen in zip(total, sizes, observed, strict=True)
                ],
                dtype=object,
            ),
            "cumulative": pd.Series(
                [
                    round(float(v), 2) if seen else None
                    for v, seen in zip(total, observed, strict=True)
                ],
                dtype=object,
            ),
        }
    )
    return out if breakdown != "none" else out.drop(columns="segment")
