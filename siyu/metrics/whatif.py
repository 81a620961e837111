"""What-if metrics (SPEC §4 "What-if"): the measured baseline and the `whatif` CLI projection.

The baseline reuses the other pages' functions so that its numbers equal theirs for the same
period: `member_funnel` (members, first-order conversion within X days, repurchase within Y
days: the funnels page), `fission_summary` (invited members and the domain at the period's
start: the leaderboards' K-factor) and `seven_day_compare` (the 7-day programme's effect: the
retention page, beside the like-for-like comparison of `like_for_like`); the AOV and the GMV
are the overview's (`kpis`' formula, `overview_aov`). `queries/whatif_*.sql` add what no page
shows: the spread of order amounts, the GMV split into new and existing members', the members
in the domain at the period's end, the discount depths of past orders and the 7-day strata.
The projection itself is pure Python in `siyu.whatif`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pandas as pd

from siyu import fmt
from siyu import whatif as model
from siyu.db import Source
from siyu.metrics.base import Date, check_period, count, day, last_data_day, money
from siyu.metrics.funnels import member_funnel
from siyu.metrics.leaderboards import fission_summary
from siyu.metrics.registry import metric
from siyu.metrics.retention import (
    SEVEN_DAY_CAMPAIGN,
    SEVEN_DAY_LAST_DAY,
    Z_95,
    default_cohort_by,
    seven_day_compare,
    wilson_interval,
)

DEPTH_BUCKET = 0.05
BASELINE_ITEMS = (
    "new_members_per_week",
    "first_order_conversion",
    "aov",
    "repurchase_rate",
    "invites_per_member",
    "invite_to_join_rate",
    "gmv_new_per_week",
    "gmv_existing_per_week",
    "other_spend_per_member",
)
# Rows after the items: what the model needs besides them. gmv = gmv_new + gmv_existing is
# the period's GMV, the overview's (`kpis` gmv).
CONTEXT_ITEMS = (
    "weeks",
    "domain_members",
    "base_members",
    "aov_sd",
    "gmv",
    "gmv_new",
    "gmv_existing",
)
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


def _share(x: int, n: int) -> float:
    return x / n if n else 0.0


@metric(
    requires=("members", "orders"),
    columns=("item", "value", "n", "successes", "ci_low", "ci_high", "method"),
)
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
    - gmv_new_per_week: the paid GMV of the period's orders of members who joined in it / W;
      n = those orders; no interval;
    - gmv_existing_per_week (E): the GMV of every other paid order of the period / W;
      n = those orders; no interval;
    - other_spend_per_member (V): gmv_new / members who joined - aov · conversion · (1 +
      repurchase): new members' spending beyond the orders the funnel counts; n = members;
    - weeks (W), domain_members (on `end`), base_members (at `start`), aov_sd, and the
      period's gmv (= kpis' gmv), gmv_new and gmv_existing (2 places; gmv_new +
      gmv_existing = gmv);
    - item_price (F, only when the dataset keeps order lines): the paid amount per unit over
      the lines of the period's paid orders, the flash sale's list price of one item; n =
      units. Without order lines the row is absent and the list price is the AOV.
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
    gmv, gmv_new, gmv_old = (money(extra[k]) or 0.0 for k in ("gmv", "new_gmv", "existing_gmv"))
    new_orders, old_orders = count(extra["new_orders"]), count(extra["existing_orders"])
    other = None
    if joined and aov is not None:
        other = gmv_new / joined - aov * (converted / joined) * (1 + _share(repurchased, converted))
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
        ("gmv_new_per_week", gmv_new / weeks, new_orders, None, None, None, None),
        ("gmv_existing_per_week", gmv_old / weeks, old_orders, None, None, None, None),
        ("other_spend_per_member", other, joined, None, None, None, None),
        ("weeks", weeks, None, None, None, None, None),
        ("domain_members", count(extra["domain_members"]), None, None, None, None, None),
        ("base_members", base, None, None, None, None, None),
        ("aov_sd", sd, paid_orders, None, None, None, None),
        ("gmv", gmv, paid_orders, None, None, None, None),
        ("gmv_new", gmv_new, new_orders, None, None, None, None),
        ("gmv_existing", gmv_old, old_orders, None, None, None, None),
    ]
    if source.has("order_items"):
        items = source.query("whatif_item_price", start=start, end=end).iloc[0]
        price = None if pd.isna(items["item_price"]) else float(items["item_price"])
        rows.append(("item_price", price, count(items["units"]), None, None, None, None))
    return pd.DataFrame(rows, columns=BASELINE_COLUMNS, dtype=object)


# How each baseline item is shown on the page: people whole, rates, amounts in yuan.
ITEM_KINDS = {
    "new_members_per_week": "count",
    "first_order_conversion": "rate",
    "aov": "money",
    "repurchase_rate": "rate",
    "invites_per_member": "{:.4f}",
    "invite_to_join_rate": "rate",
    "gmv_new_per_week": "money",
    "gmv_existing_per_week": "money",
    "other_spend_per_member": "money",
}


# Baseline items and interval methods on screen (translation keys).
ITEM_LABELS: dict[str, str] = {
    "new_members_per_week": "whatif.item.new_members_per_week",
    "first_order_conversion": "whatif.item.first_order_conversion",
    "aov": "whatif.item.aov",
    "repurchase_rate": "whatif.item.repurchase_rate",
    "invites_per_member": "whatif.item.invites_per_member",
    "invite_to_join_rate": "whatif.item.invite_to_join_rate",
    "gmv_new_per_week": "whatif.item.gmv_new_per_week",
    "gmv_existing_per_week": "whatif.item.gmv_existing_per_week",
    "other_spend_per_member": "whatif.item.other_spend_per_member",
}
METHOD_LABELS: dict[str, str] = {
    "wilson": "whatif.method.wilson",
    "poisson": "whatif.method.poisson",
    "normal_mean": "whatif.method.normal_mean",
}


def show_item(item: str, value: Any) -> str:
    """A baseline item's value as on screen; a dash when undefined."""
    kind = ITEM_KINDS[item]
    if value is None or pd.isna(value):
        return "—"
    return kind.format(float(value)) if "{" in kind else fmt.show(kind, value)


def baseline_table(
    frame: pd.DataFrame, t: Callable[..., str], *, shown: bool = True, **windows: Any
) -> pd.DataFrame:
    """The baseline items of a `whatif_baseline` frame with translated headers (`t`).

    `shown`: values and intervals as on screen; else the numbers themselves (downloads).
    `windows` (x_days, y_days) fill the item names.
    """
    rows = frame[frame["item"].isin(BASELINE_ITEMS)]
    items = list(rows["item"])
    method = [None if m is None or pd.isna(m) else t(METHOD_LABELS[m]) for m in rows["method"]]
    out = {
        t("whatif.col.item"): [t(ITEM_LABELS[i], **windows) for i in items],
    }
    if shown:
        out[t("whatif.col.value")] = [
            show_item(i, v) for i, v in zip(items, rows["value"], strict=True)
        ]
        out[t("whatif.col.n")] = [fmt.show("count", n) for n in rows["n"]]
        out[t("whatif.col.ci")] = [
            "—" if lo is None or pd.isna(lo) else f"{show_item(i, lo)} – {show_item(i, hi)}"
            for i, lo, hi in zip(items, rows["ci_low"], rows["ci_high"], strict=True)
        ]
        out[t("whatif.col.method")] = [m or "—" for m in method]
    else:
        out[t("whatif.col.value")] = list(rows["value"])
        out[t("whatif.col.n")] = list(rows["n"])
        out[t("whatif.col.ci_low")] = list(rows["ci_low"])
        out[t("whatif.col.ci_high")] = list(rows["ci_high"])
        out[t("whatif.col.method")] = method
    return pd.DataFrame(out)


def baseline_from_frame(frame: pd.DataFrame) -> model.Baseline:
    """The model's `Baseline` from a `whatif_baseline` frame (None values count as 0)."""
    rows = {r["item"]: r for r in frame.to_dict("records")}

    def num(item: str, col: str = "value") -> float:
        v = rows[item][col]
        return 0.0 if v is None or pd.isna(v) else float(v)

    sd = rows["aov_sd"]["value"]

    def amount(item: str) -> float | None:  # absent from a frame of an older version
        v = rows.get(item, {}).get("value")
        return None if v is None or pd.isna(v) else float(v)

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
        gmv_new=amount("gmv_new"),
        gmv_existing=amount("gmv_existing"),
        item_price=amount("item_price"),
    )


@metric(
    requires=("orders",),
    columns=(
        "depth",
        "orders",
        "converted",
        "rate",
        "sum_depth",
        "sum_depth_sq",
        "sum_depth_converted",
    ),
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


SEVEN_DAY_COLUMNS = [
    "group",
    "members",
    "repurchased",
    "rate",
    "ci_low",
    "ci_high",
    "buyers",
    "strata",
    "window_start",
    "window_end",
]


def _rate_interval(p: float, n: float, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval of a rate p over n people (n may be an effective size)."""
    ci = wilson_interval(p * n, n, z)  # type: ignore[arg-type]  # the formula takes floats
    assert ci is not None
    return ci


def like_for_like(strata: pd.DataFrame, z: float = Z_95) -> pd.DataFrame:
    """The 7-day programme against the others within strata: rows `7day_matched,
    other_matched, difference_matched` (columns as `whatif_seven_day`).

    `strata` holds `start_week, channel, in_campaign, members, repurchased` of the people
    with a paid order on days 0–6 (`queries/whatif_seven_day.sql`). The estimator, a
    stratified risk difference with a stratified Newcombe interval (Yan & Su 2010):

    - a stratum s is a (start week, channel); only strata holding both groups count;
    - p₇ₛ = repurchased / members of the programme's people in s, pₒₛ of the others;
    - Mantel–Haenszel weights wₛ ∝ n₇ₛ · nₒₛ / (n₇ₛ + nₒₛ), summing to 1;
    - rates p̃₇ = Σ wₛ p₇ₛ, p̃ₒ = Σ wₛ pₒₛ and Δ = p̃₇ - p̃ₒ = Σ wₛ (p₇ₛ - pₒₛ);
    - each p̃ gets the Wilson score interval at the effective size n = 1 / Σ wₛ² / nₛ;
    - Δ's interval from those two as in Newcombe's method 10 (`newcombe_interval`):
      Δ - √((p̃₇ - l₇)² + (uₒ - p̃ₒ)²) … Δ + √((u₇ - p̃₇)² + (p̃ₒ - lₒ)²).

    With one stratum this is exactly the Newcombe interval of the two plain rates. The
    group rows' `members` / `repurchased` count the people of the strata that count, `rate`
    is the weighted rate p̃; `buyers` counts every first-week buyer of the group (for the
    share already in the programme); the difference row's `strata` says how many counted.
    Comparing people who all bought in their first week, in the same week and channel,
    removes the largest part of the self-selection of a raw comparison, not all of it.
    """
    cells: dict[tuple[Any, Any], list[int]] = {}
    for r in strata.itertuples(index=False):
        channel = None if r.channel is None or pd.isna(r.channel) else str(r.channel)
        cell = cells.setdefault((r.start_week, channel), [0, 0, 0, 0])
        at = 0 if bool(r.in_campaign) else 2
        cell[at] += count(r.members)
        cell[at + 1] += count(r.repurchased)
    buyers_7 = sum(c[0] for c in cells.values())
    buyers_o = sum(c[2] for c in cells.values())
    used = [c for c in cells.values() if c[0] and c[2]]
    n7, x7 = sum(c[0] for c in used), sum(c[1] for c in used)
    no, xo = sum(c[2] for c in used), sum(c[3] for c in used)
    if not used:
        rows = [
            ("7day_matched", 0, 0, None, None, None, buyers_7, None),
            ("other_matched", 0, 0, None, None, None, buyers_o, None),
            ("difference_matched", None, None, None, None, None, None, 0),
        ]
    else:
        h = [c[0] * c[2] / (c[0] + c[2]) for c in used]
        w = [v / sum(h) for v in h]
        p7 = sum(wi * c[1] / c[0] for wi, c in zip(w, used, strict=True))
        po = sum(wi * c[3] / c[2] for wi, c in zip(w, used, strict=True))
        l7, u7 = _rate_interval(
            p7, 1 / sum(wi * wi / c[0] for wi, c in zip(w, used, strict=True)), z
        )
        lo, uo = _rate_interval(
            po, 1 / sum(wi * wi / c[2] for wi, c in zip(w, used, strict=True)), z
        )
        d = p7 - po
        low = d - math.sqrt((p7 - l7) ** 2 + (uo - po) ** 2)
        high = d + math.sqrt((u7 - p7) ** 2 + (po - lo) ** 2)
        rows = [
            ("7day_matched", n7, x7, p7, l7, u7, buyers_7, None),
            ("other_matched", no, xo, po, lo, uo, buyers_o, None),
            ("difference_matched", None, None, d, low, high, None, len(used)),
        ]
    return pd.DataFrame(rows, columns=SEVEN_DAY_COLUMNS[:8], dtype=object)


@metric(requires=("orders",), columns=tuple(SEVEN_DAY_COLUMNS))
def whatif_seven_day(source: Source, start: Date, end: Date) -> pd.DataFrame:
    """The 7-day programme's effect: the retention page's raw comparison and a like-for-like
    one, over the period when both groups hold people whose day 36 is observed, else over
    every observed start day (the whole history up to the last day of data - 36).

    Rows `7day, other, difference`: the retention page's `seven_day_compare` (programme
    people against everyone else who started; self-selection inflates it). Rows
    `7day_matched, other_matched, difference_matched`: `like_for_like` on the strata of
    `queries/whatif_seven_day.sql` (first-week buyers, same start week and channel), the
    what-if's default Δ₇. Columns `group, members, repurchased, rate, ci_low, ci_high,
    buyers, strata, window_start, window_end`; `window_*` say which window.
    """
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
    strata = source.query(
        "whatif_seven_day",
        start=window[0],
        end=window[1],
        last_day=last,
        cohort_by=default_cohort_by(source),
        campaign=SEVEN_DAY_CAMPAIGN,
    )
    out = pd.concat([compare.astype(object), like_for_like(strata)], ignore_index=True).reindex(
        columns=SEVEN_DAY_COLUMNS
    )
    out = out.astype(object).where(out.notna(), None)
    out["window_start"], out["window_end"] = window
    return out


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
# The options of `whatif` that set a lever or an assumption (given ones override).
_OPTION_NAMES = frozenset((*model.LEVER_NAMES, *model.ASSUMPTION_NAMES, *_ALIASES))


@metric(requires=("members", "orders"), columns=("metric", "baseline", "scenario"))
def whatif(
    source: Source,
    start: Date,
    end: Date,
    *,
    coupon: float | None = None,
    flash_price: float | None = None,
    flash_stock: float | None = None,
    invite_reward: float | None = None,
    pushes_per_day: float | None = None,
    pushes: float | None = None,
    seven_day: bool | None = None,
    weeks: int | None = None,
    gross_margin: float | None = None,
    margin: float | None = None,
    lift_per_10pct: float | None = None,
    lift: float | None = None,
    invite_effect: float | None = None,
    current_pushes: float | None = None,
    push_lift: float | None = None,
    push_fatigue: float | None = None,
    seven_day_effect: float | None = None,
    seven_day_share: float | None = None,
    flash_takeup: float | None = None,
    x_days: int = 3,
    y_days: int = 7,
) -> pd.DataFrame:
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
    given = {k: v for k, v in locals().items() if k in _OPTION_NAMES and v is not None}
    opts = {_ALIASES.get(k, k): v for k, v in given.items()}
    x_days, y_days = int(x_days), int(y_days)
    lever_opts = {k: opts.pop(k) for k in list(opts) if k in model.LEVER_NAMES}
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
