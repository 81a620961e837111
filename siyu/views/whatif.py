"""The What-if page's words and inputs: scenario and lever names, the page's percent inputs
turned into the model's `Assumptions` and `Levers` (and back, for a saved scenario), the
baseline caption's amounts, and the saved scenarios of a dataset."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from siyu import fmt
from siyu import whatif as model

SCENARIOS: dict[str, str] = {
    "baseline": "whatif.scenario.baseline",
    "a": "whatif.scenario.a",
    "b": "whatif.scenario.b",
}
PARAMS: dict[str, str] = {
    "weeks": "whatif.param.weeks",
    "gross_margin": "whatif.param.gross_margin",
    "lift_per_10pct": "whatif.param.lift_per_10pct",
    "invite_effect": "whatif.param.invite_effect",
    "current_pushes": "whatif.param.current_pushes",
    "push_lift": "whatif.param.push_lift",
    "push_fatigue": "whatif.param.push_fatigue",
    "seven_day_effect": "whatif.param.seven_day_effect",
    "flash_takeup": "whatif.param.flash_takeup",
    "coupon": "whatif.param.coupon",
    "flash_price": "whatif.param.flash_price",
    "flash_stock": "whatif.param.flash_stock",
    "invite_reward": "whatif.param.invite_reward",
    "pushes_per_day": "whatif.param.pushes_per_day",
    "seven_day": "whatif.param.seven_day",
}
# The shared assumptions' inputs, in the page's units (percent, pushes a day), by default.
ASSUMPTION_DEFAULTS = {
    "weeks": 8,
    "margin": 30,
    "invite_effect": 10.0,
    "pushes_now": 1,
    "push_lift": 3.0,
    "push_fatigue": 5.0,
    "takeup": 1.0,
}


def lift_input(measured: model.Assumptions) -> float:
    """The lift per 10% of discount as the input opens: the measured one in percent, within
    the input's -100 … 500."""
    return min(max(round(float(measured.lift_per_10pct) * 100, 2), -100.0), 500.0)


def seven_effect_input(measured: model.Assumptions) -> float:
    """The 7-day programme's effect as the input opens, in percentage points."""
    return round(float(measured.seven_day_effect) * 100, 1)


def assumptions(
    measured: model.Assumptions,
    *,
    weeks: int,
    margin: float,
    lift: float,
    seven_effect: float,
    invite_effect: float,
    pushes_now: float,
    push_lift: float,
    push_fatigue: float,
    takeup: float,
) -> model.Assumptions:
    """The model's assumptions from the page's inputs (percent as on screen)."""
    return model.Assumptions(
        weeks=int(weeks),
        gross_margin=margin / 100,
        lift_per_10pct=lift / 100,
        invite_effect=invite_effect / 100,
        current_pushes=float(pushes_now),
        push_lift=push_lift / 100,
        push_fatigue=push_fatigue / 100,
        seven_day_effect=seven_effect / 100,
        seven_day_share=measured.seven_day_share,
        flash_takeup=takeup / 100,
    )


def lever_defaults(assume: model.Assumptions) -> dict[str, Any]:
    """The levers' inputs as a scenario opens: doing nothing (the baseline), so a lever moved
    is a change the manager made, never one the page made up."""
    neutral = model.neutral_levers(assume)
    return {
        "coupon": round(neutral.coupon * 100),
        "pushes": int(neutral.pushes_per_day),
        "reward": float(neutral.invite_reward),
        "seven": bool(neutral.seven_day),
    }


def prices(base: model.Baseline) -> tuple[float, float]:
    """(AOV, list price of one flash-sale item): the paid amount per unit of the order lines
    when the dataset keeps them, else the AOV; both to the cent."""
    aov = round(base.aov, 2)
    return aov, round(base.item_price, 2) if base.item_price else aov


def flash_price_input(list_price: float) -> tuple[float, float]:
    """(highest, opening value) of the flash price input: the list price (at least a cent)
    and 70% of it."""
    return max(list_price, 0.01), round(list_price * 0.7, 2)


def levers(
    *,
    coupon: float,
    pushes: float,
    reward: float,
    flash_price: float,
    flash_stock: float,
    seven_day: bool,
) -> model.Levers:
    """A scenario's levers from the page's inputs (the coupon in percent)."""
    return model.Levers(
        coupon=coupon / 100,
        flash_price=float(flash_price),
        flash_stock=float(flash_stock),
        invite_reward=float(reward),
        pushes_per_day=float(pushes),
        seven_day=bool(seven_day),
    )


def lever_inputs(values: Mapping[str, Any], pushes_now: float, list_price: float) -> dict:
    """A saved scenario's levers as the inputs hold them (by input name: coupon, push, reward,
    price, stock, seven)."""
    lev = model.levers_from(dict(values))
    price = list_price if lev.flash_price is None else min(lev.flash_price, max(list_price, 0.01))
    return {
        "coupon": round(float(lev.coupon) * 100),
        "push": round(lev.pushes_per_day or pushes_now),
        "reward": float(lev.invite_reward),
        "price": float(price),
        "stock": int(lev.flash_stock),
        "seven": bool(lev.seven_day),
    }


def baseline_amounts(frame: pd.DataFrame) -> dict[str, str]:
    """The baseline caption's amounts (GMV, of new and of existing members) as shown."""
    amounts = frame.set_index("item")["value"]
    return {k: fmt.show("money", amounts[k]) for k in ("gmv", "gmv_new", "gmv_existing")}


def scenario_names(t) -> dict[str, str]:
    """Baseline, scenario A and scenario B in the reader's words."""
    return {k: t(key) for k, key in SCENARIOS.items()}


def saved_scenarios(meta: Mapping[str, Any]) -> dict[str, dict]:
    """The scenarios saved with a dataset (name → levers)."""
    return dict(meta.get("whatif_scenarios") or {})


def save_scenario(ws: Any, dataset: str, name: str, values: Mapping[str, Any]) -> None:
    """Save `values` (a scenario's levers) under `name` with the dataset, beside the others."""
    current = saved_scenarios(ws.get(dataset).meta)
    current[name] = dict(values)
    ws.set_meta(dataset, whatif_scenarios=current)
