"""The Value page's words and tables: the fit's parameters with their meaning, the warnings,
the per-person table, the holdout check's error in words, the cohort value table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd

from siyu import fmt
from siyu.metrics import clv as C
from siyu.views.members import LAYER_GROUPS, SEGMENTS, tier_label

T = Callable[..., str]

UNITS: dict[str, str] = {
    "day": "value.unit.day",
    "week": "value.unit.week",
}
WARNINGS: dict[str, str] = {
    "no_fit": "value.warn.no_fit",
    "few_repeat_buyers": "value.warn.few_repeat_buyers",
    "short_history": "value.warn.short_history",
}
PARAMS: dict[str, str] = {
    "r": "value.param.r",
    "alpha": "value.param.alpha",
    "a": "value.param.a",
    "b": "value.param.b",
    "p": "value.param.p",
    "q": "value.param.q",
    "gamma": "value.param.gamma",
    "log_likelihood": "value.param.log_likelihood",
    "spend_log_likelihood": "value.param.spend_log_likelihood",
}
MEANINGS: dict[str, str] = {
    "r": "value.meaning.r",
    "alpha": "value.meaning.alpha",
    "a": "value.meaning.a",
    "b": "value.meaning.b",
    "p": "value.meaning.p",
    "q": "value.meaning.q",
    "gamma": "value.meaning.gamma",
    "log_likelihood": "value.meaning.log_likelihood",
    "spend_log_likelihood": "value.meaning.spend_log_likelihood",
}
MODELS: dict[str, str] = {
    "bgnbd": "value.model.bgnbd",
    "spend": "value.model.spend",
}
CARDS: dict[str, str] = {
    "customers": "value.card.customers",
    "repeat_customers": "value.card.repeat_customers",
}
SUMMARY: dict[str, str] = {
    "buyers": "value.summary.buyers",
    "alive": "value.summary.alive",
    "expected_purchases": "value.summary.expected_purchases",
    "clv": "value.summary.clv",
}
SUMMARY_HELP: dict[str, str] = {
    "buyers": "value.summary.buyers.help",
    "alive": "value.summary.alive.help",
    "expected_purchases": "value.summary.expected_purchases.help",
    "clv": "value.summary.clv.help",
}
COHORT_BY: dict[str, str] = {
    "join": "value.cohort_by.join",
    "first_order": "value.cohort_by.first_order",
}
GRAINS: dict[str, str] = {
    "month": "value.grain.month",
    "week": "value.grain.week",
}
BREAKDOWNS: dict[str, str] = {
    "none": "value.breakdown.none",
    "channel": "value.breakdown.channel",
}
PERIODS: dict[str, str] = {
    "month": "value.period.month",
    "week": "value.period.week",
}
COHORT_TITLES: dict[str, str] = {
    "join": "value.cohorts.title.join",
    "first_order": "value.cohorts.title.first_order",
}
COHORT_PER: dict[str, str] = {
    "join": "value.cohorts.per.join",
    "first_order": "value.cohorts.per.first_order",
}
COLUMNS: dict[str, str] = {
    "parameter": "value.col.parameter",
    "value": "value.col.value",
    "model": "value.col.model",
    "meaning": "value.col.meaning",
    "user_id": "value.col.user_id",
    "nickname": "value.col.nickname",
    "phone": "value.col.phone",
    "frequency": "value.col.frequency",
    "recency": "value.col.recency",
    "T": "value.col.T",
    "p_alive": "value.col.p_alive",
    "expected_purchases": "value.col.expected_purchases",
    "expected_spend": "value.col.expected_spend",
    "clv": "value.col.clv",
    "paid_amount": "value.col.paid_amount",
    "tier": "value.col.tier",
    "segment": "value.col.segment",
    "group": "value.col.group",
    "cohort": "value.col.cohort",
    "cohort_size": "value.col.cohort_size",
}
# The fit's rows: each parameter and the model it belongs to.
MODEL_ROWS: tuple[tuple[str, str], ...] = (
    ("r", "bgnbd"),
    ("alpha", "bgnbd"),
    ("a", "bgnbd"),
    ("b", "bgnbd"),
    ("p", "spend"),
    ("q", "spend"),
    ("gamma", "spend"),
    ("log_likelihood", "bgnbd"),
    ("spend_log_likelihood", "spend"),
)
PERSON_KINDS: dict[str, str] = {
    "expected_spend": "money",
    "clv": "money",
    "paid_amount": "money",
    "p_alive": "rate",
    "recency": "number",
    "T": "number",
    "expected_purchases": "number",
}
HORIZON_MONTHS: tuple[int, ...] = (3, 6, 12, 24)
# the monthly discount input, in percent, as it opens
DISCOUNT_INPUT = C.DEFAULT_DISCOUNT * 100


def parameters(model: pd.DataFrame) -> dict[str, Any]:
    """`clv_model` as a dict: parameter → value."""
    return dict(zip(model["parameter"], model["value"], strict=True))


def warnings(t: T, model: pd.DataFrame) -> list[str]:
    """Why the fit may not be trusted (too few repeat buyers, too short a history), in words."""
    values = parameters(model)
    return [
        t(
            WARNINGS[reason],
            n=fmt.show("count", values["repeat_customers"]),
            min=fmt.show("count", C.MIN_REPEAT_BUYERS),
            days=fmt.show("count", values["history_days"] or 0),
            weeks=C.MIN_HISTORY_DAYS // 7,
        )
        for reason in C.history_warnings(model)
    ]


def as_of(end: dt.date) -> dt.date:
    """The day the values are read on: the day after the period."""
    return end + dt.timedelta(days=1)


def model_table(t: T, values: dict[str, Any], unit: str) -> pd.DataFrame:
    """The fit as a table: parameter, value, model, what it means (headers in words)."""
    per = t(UNITS[unit])
    return pd.DataFrame(
        {
            t("value.col.parameter"): [t(PARAMS[k]) for k, _ in MODEL_ROWS],
            t("value.col.value"): pd.Series([fmt.as_float(values[k]) for k, _ in MODEL_ROWS]),
            t("value.col.model"): [t(MODELS[m]) for _, m in MODEL_ROWS],
            t("value.col.meaning"): [t(MEANINGS[k], unit=per) for k, _ in MODEL_ROWS],
        }
    )


def mean_spend(values: dict[str, Any]) -> float | None:
    """The Gamma-Gamma mean spend per purchase, p·γ / (q - 1); None when q ≤ 1 or unfitted."""
    if values["q"] is None or values["q"] <= 1:
        return None
    return values["p"] * values["gamma"] / (values["q"] - 1)


def person_options(unit: str, months: int, margin_pct: float, discount_pct: float) -> dict:
    """The options of `clv`, `clv_summary` and `clv_at_risk` from the page's inputs."""
    return {
        "unit": unit,
        "horizon": C.horizon_units(months, unit),
        "margin": margin_pct / 100,
        "discount": discount_pct / 100,
    }


def people(t: T, frame: pd.DataFrame) -> pd.DataFrame:
    """A per-person table with tier, segment and the suggested group in words."""
    out = frame.copy()
    if "tier" in out:
        out["tier"] = out["tier"].map(lambda tier: tier_label(t, tier))
    if "segment" in out:
        out["segment"] = out["segment"].map(
            lambda k: t(SEGMENTS[k]) if isinstance(k, str) else None
        )
    if "layer" in out:
        out["group"] = out["layer"].map(lambda k: t(LAYER_GROUPS[k]))
        out = out.drop(columns="layer")
    return out


def cut_bounds(first_day: dt.date, split: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The earliest and latest calibration end the check may be cut at."""
    return min(first_day, split), end - dt.timedelta(days=1)


def next_day(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=1)


def error_words(t: T, held: pd.DataFrame, error: dict[str, Any]) -> str:
    """How far the fit's prediction of the holdout purchases missed, in words."""
    relative = error["relative"]
    return t(
        "value.check.error",
        n=fmt.show("count", int(held["customers"].sum())),
        actual=fmt.show("count", round(error["actual"])),
        predicted=fmt.show("number", error["predicted"]),
        direction=t("value.check.over" if (relative or 0) > 0 else "value.check.under"),
        relative=fmt.show("rate", abs(relative) if relative is not None else None),
        mae=fmt.show("number", error["mae"]),
    )


def holdout_groups() -> list[str]:
    """The frequency groups of the holdout bars: 0, 1, …, 7+."""
    last = C.HOLDOUT_GROUPS - 1
    return [*(str(g) for g in range(last)), f"{last}+"]


def cohort_since(first_day: dt.date, end: dt.date) -> dt.date:
    """The first cohort day of the value curves: a year before the end, not before the data."""
    return max(first_day, end - dt.timedelta(days=364))


def period_labels(t: T, grain: str, periods: int) -> list[str]:
    return [t(PERIODS[grain], n=p) for p in range(periods)]


def cohort_table(t: T, shown: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    """The cohort value curves as a table: cohort, size, value per person in each period."""
    cohorts = shown.drop_duplicates("cohort").sort_values("cohort")
    wide = pd.DataFrame(
        {
            t("value.col.cohort"): [str(c) for c in cohorts["cohort"]],
            t("value.col.cohort_size"): cohorts["cohort_size"].astype("int64").tolist(),
        }
    )
    cells = {(r.cohort, int(r.period)): r.value for r in shown.itertuples(index=False)}
    for p, label in enumerate(labels):
        wide[label] = pd.Series(
            [fmt.as_float(cells.get((c, p))) for c in cohorts["cohort"]], dtype="float64"
        )
    return wide
