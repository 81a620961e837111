"""What-if metrics (SPEC §4 "What-if"): the measured baseline and the `whatif` CLI projection.

The baseline reuses the other pages' functions so that its numbers equal theirs for the same
period: `member_funnel` (members, first-order conversion within X days, repurchase within Y
days: the funnels page), `fission_summary` (invited members and the domain at the period's
start: the leaderboards' K-factor) and `seven_day_compare` (the 7-day programme's effect: the
retention page); the AOV is the overview's (`kpis`' formula, `overview_aov`). `queries/whatif_*.sql` add what no page shows:
the spread of order amounts, the members in the domain at the period's end and the discount
depths of past orders. The projection itself is pure Python in `siyu.whatif`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pandas as pd

from siyu import whatif as model
from siyu.db import Source
from siyu.metrics.base import Date, check_period, count, day, last_data_day, money
from siyu.metrics.funnels import member_funnel
from siyu.metrics.leaderboards import fission_summary
from siyu.metrics.retention import SEVEN_DAY_LAST_DAY, Z_95, seven_day_compare, wilson_interval

DEPTH_BUCKET = 0.05
BASELINE_ITEMS = (
    "new_members_per_week",
    "first_order_conversion",
    "aov",
    "repurchase_rate",
    "invites_per_member",
    "invite_to_join_rate",
)
# Rows after the six items: what the model needs besides them.
CONTEXT_ITEMS = ("weeks", "domain_members", "base_members", "aov_sd")
BASELINE_COLUMNS = ["item", "value", "n", "successes", "ci_low", "ci_high", "method"]


def poisson_interval(count: int, exposure: float, z: float = Z_95) -> tuple[float, float] | None:
    """Score interval of a Poisson rate: (x + z²/2 ± z·√(x + z²/4)) / exposure."""
    if exposure <= 0:
        return None
    centre = count + z * z / 2
    half = z * math.sqrt(count + z * z / 4)
    return max(0.0, centre - half) / exposure, (centre + half) / exposure


def mean_interval(mean: float | None, sd: float | None, n: int, z: float = Z_95):
    """Normal interval of a mean, mean ± z·sd/√n; None below two observations."""
    if mean is None or sd is None or n < 2 or math.isnan(sd):
        return None
    half = z * sd / math.sqrt(n)
    return max(0.0, mean - half), mean + half


def overview_aov(gmv: float, paid_orders: int) -> float | None:
    """The overview's AOV (`kpis`' `aov`) from the period's GMV (2 places) and paid orders.

    Computed here from `queries/whatif_baseline.sql`'s totals rather than by calling `kpis`,
    which would also run its member and daily queries for nothing (issue 11); the tests pin
    it equal to `kpis`' value.
    """
    return None if paid_orders == 0 else money(Decimal(repr(gmv)) / paid_orders)


def _weeks(start: Date, end: Date) -> float:
    return ((end - start).days + 1) / 7


def whatif_baseline(
    source: Source, start: Date, end: Date, *, x_days: int = 3, y_days: int = 7
) -> pd.DataFrame:
    """The baseline of the projection for the period [start, end], with 95% intervals.

    One row per item (BASELINE_ITEMS, then CONTEXT_ITEMS); columns `item, value, n,
    successes, ci_low, ci_high, method`:
    - new_members_per_week: members who joined / W weeks (W = days / 7); n = successes =
      members; Poisson score interval;
    - first_order_conversion: member funnel `first_order` / `joined` (X days); Wilson;
    - aov: GMV / paid orders (the overview's AOV); n = paid orders; normal interval;
    - repurchase_rate: member funnel `repurchase` / `first_order` (Y days); Wilson;
    - invites_per_member: invited members / (members in the domain at the start · W), the
      K-factor per week; n = base members, successes = invited; Poisson score interval;
    - invite_to_join_rate: invited members / members who joined; Wilson;
    - weeks (W), domain_members (on `end`), base_members (at `start`), aov_sd.
    Undefined values (no member joined, no paid order) are None.
    """
    check_period(start, end)
    weeks = _weeks(start, end)
    funnel = member_funnel(source, start, end, x_days=x_days, y_days=y_days)
    steps = dict(zip(funnel["step"], funnel["count"], strict=True))
    joined, converted, repurchased = (
        count(steps["joined"]),
        count(steps["first_order"]),
        count(steps["repurchase"]),
    )
    fission = fission_summary(source, start, end).set_index("metric")["value"]
    invited, base = count(fission["invited_members"]), count(fission["base_members"])
    extra = source.query("whatif_baseline", start=start, end=end).iloc[0]
    paid_orders = count(extra["paid_orders"])
    sd = None if pd.isna(extra["amount_sd"]) else float(extra["amount_sd"])
    aov = overview_aov(money(extra["gmv"]) or 0.0, paid_orders)

    def share(x: int, n: int) -> tuple[Any, ...]:
        ci = wilson_interval(x, n)
        return (None if n == 0 else x / n, n, x, *(ci or (None, None)), "wilson")

    exposure = base * weeks
    members_ci = poisson_interval(joined, weeks)
    invites_ci = poisson_interval(invited, exposure)
    aov_ci = mean_interval(aov, sd, paid_orders)
    rows = [
        ("new_members_per_week", joined / weeks, joined, joined, *members_ci, "poisson"),
        ("first_order_conversion", *share(converted, joined)),
        ("aov", aov, paid_orders, None, *(aov_ci or (None, None)), "normal_mean"),
        ("repurchase_rate", *share(repurchased, converted)),
        (
            "invites_per_member",
            None if exposure == 0 else invited / exposure,
            base,
            invited,
            *(invites_ci or (None, None)),
            "poisson",
        ),
        ("invite_to_join_rate", *share(invited, joined)),
        ("weeks", weeks, None, None, None, None, None),
        ("domain_members", count(extra["domain_members"]), None, None, None, None, None),
        ("base_members", base, None, None, None, None, None),
        ("aov_sd", sd, paid_orders, None, None, None, None),
    ]
    return pd.DataFrame(rows, columns=BASELINE_COLUMNS, dtype=object)


def baseline_from_frame(frame: pd.DataFrame) -> model.Baseline:
    """The model's `Baseline` from a `whatif_baseline` frame (None values count as 0)."""
    rows = {r["item"]: r for r in frame.to_dict("records")}

    def num(item: str, col: str = "value") -> float:
        v = rows[item][col]
        return 0.0 if v is None or pd.isna(v) else float(v)

    sd = rows["aov_sd"]["value"]
    return model.Baseline(
        weeks=num("weeks"),
        members=int(num("first_order_conversion", "n")),
        converted=int(num("first_order_conversion", "successes")),
        repurchased=int(num("repurchase_rate", "successes")),
        aov=num("aov"),
        paid_orders=int(num("aov", "n")),
        aov_sd=None if sd is None or pd.isna(sd) else float(sd),
        invited=int(num("invites_per_member", "successes")),
        base_members=int(num("base_members")),
        domain_members=int(num("domain_members")),
    )


def whatif_discount_fit(source: Source, start: Date, end: Date) -> pd.DataFrame:
    """Placed orders on or before `end` by discount depth (5% buckets) and their conversion.

    Columns `depth, orders, converted, rate, sum_depth, sum_depth_sq, sum_depth_converted`
    (rate = converted / orders: the share not cancelled). `siyu.whatif.fit_discount_lift`
    turns the sums into the exact least-squares line over the orders. All past orders count
    (not only the period's), so the fit has the largest sample the data holds.
    """
    check_period(start, end)
    df = source.query("whatif_discount_fit", end=end, wi_bucket=DEPTH_BUCKET)
    out = pd.DataFrame(
        {
            "depth": df["depth"].astype(float).round(4),
            "orders": df["orders"].astype("int64"),
            "converted": df["converted"].astype("int64"),
        }
    )
    out["rate"] = out["converted"] / out["orders"]
    for col in ("sum_depth", "sum_depth_sq", "sum_depth_converted"):
        out[col] = df[col].astype(float)
    return out


def whatif_seven_day(source: Source, start: Date, end: Date) -> pd.DataFrame:
    """The retention page's `seven_day_compare`, over the period when both groups hold people
    whose day 36 is observed, else over every observed start day (the whole history up to
    the last day of data - 36). Extra columns `window_start, window_end` say which."""
    check_period(start, end)
    last = last_data_day(source)
    latest = None if last is None else last - dt.timedelta(days=SEVEN_DAY_LAST_DAY)
    compare = None
    if latest is None or start <= latest:
        compare = seven_day_compare(source, start, end)
        members = [count(v) for v in compare["members"].iloc[:2]]
    # else nobody who started in the period has day 36 observed: both groups are empty, so
    # the period's comparison (all zeros) is needed only when there is no window to fall to
    window = (start, end)
    if latest is not None and (compare is None or min(members) == 0):
        first = day(source.query("data_range").iloc[0]["first_day"])
        if first is not None and first <= latest:
            window = (first, latest)
            compare = seven_day_compare(source, first, latest)
    if compare is None:
        compare = seven_day_compare(source, start, end)
    compare = compare.copy()
    compare["window_start"], compare["window_end"] = window
    return compare


def assumptions_for(
    fit: model.DiscountFit, seven: model.SevenDayEffect, **overrides: Any
) -> model.Assumptions:
    """Assumptions with the measured lift and 7-day effect where the data allows them."""
    values: dict[str, Any] = {}
    if fit.usable and fit.lift is not None:
        values["lift_per_10pct"] = fit.lift
    if seven.usable and seven.effect is not None:
        values["seven_day_effect"] = seven.effect
    values["seven_day_share"] = seven.share
    values.update(overrides)
    return model.Assumptions(**values)


_ALIASES = {"margin": "gross_margin", "lift": "lift_per_10pct", "pushes": "pushes_per_day"}


def whatif(source: Source, start: Date, end: Date, **options: Any) -> pd.DataFrame:
    """The projection over the horizon: baseline against one scenario (SPEC §4 "What-if").

    Options: any lever (`coupon`, `flash_price`, `flash_stock`, `invite_reward`,
    `pushes_per_day` or `pushes`, `seven_day` on/off), any assumption (`weeks`,
    `gross_margin` or `margin`, `lift_per_10pct` or `lift`, `invite_effect`,
    `current_pushes`, `push_lift`, `push_fatigue`, `seven_day_effect`, `seven_day_share`,
    `flash_takeup`) and the windows `x_days`, `y_days`. The lift and the 7-day effect default
    to the values measured from the dataset where it allows.

    Rows `members, first_orders, repurchases, gmv, cost, gross_profit, roi`; columns
    `metric, baseline, scenario`. Projected counts are expectations (2 places, not whole
    people); amounts 2 places; roi a fraction, None for the baseline and at zero cost.
    """
    check_period(start, end)
    opts = {_ALIASES.get(k, k): v for k, v in options.items()}
    x_days, y_days = int(opts.pop("x_days", 3)), int(opts.pop("y_days", 7))
    lever_opts = {k: opts.pop(k) for k in list(opts) if k in model.LEVER_NAMES}
    unknown = set(opts) - set(model.ASSUMPTION_NAMES)
    if unknown:
        known = ", ".join((*model.LEVER_NAMES, *model.ASSUMPTION_NAMES, "x_days", "y_days"))
        raise ValueError(f"unknown options {sorted(unknown)}; known: {known}")
    levers = model.levers_from(lever_opts)
    assume_opts = {k: (int(v) if k == "weeks" else float(v)) for k, v in opts.items()}
    base = baseline_from_frame(whatif_baseline(source, start, end, x_days=x_days, y_days=y_days))
    fit = model.fit_discount_lift(whatif_discount_fit(source, start, end))
    seven = model.seven_day_effect(whatif_seven_day(source, start, end))
    assume = assumptions_for(fit, seven, **assume_opts)
    values = model.summary(base, levers, assume)
    rows = []
    for key in model.SUMMARY:
        b, s = values[key]
        if key == "roi":
            rows.append((key, None, s))
        elif key in ("gmv", "cost", "gross_profit"):
            rows.append((key, money(b), money(s)))
        else:
            rows.append((key, round(b, 2), round(s, 2)))
    return pd.DataFrame(rows, columns=["metric", "baseline", "scenario"], dtype=object)


for _fn in (whatif_baseline, whatif):
    _fn.requires = ("members", "orders")  # type: ignore[attr-defined]
for _fn in (whatif_discount_fit, whatif_seven_day):
    _fn.requires = ("orders",)  # type: ignore[attr-defined]

METRICS: dict[str, Callable[..., pd.DataFrame]] = {
    "whatif": whatif,
    "whatif_baseline": whatif_baseline,
    "whatif_discount_fit": whatif_discount_fit,
    "whatif_seven_day": whatif_seven_day,
}
