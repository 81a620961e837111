"""What-if (活动模拟, SPEC §4): a transparent projection of a campaign from the dataset's baseline.

Pure Python and numpy: no SQL, no Streamlit. The baseline rates come from
`siyu.metrics.whatif` (run once per dataset version and period, then cached); moving a lever
only re-runs the functions below. Every number of the page follows from the formulas here.

Baseline (measured over the chosen period of D days, W = D / 7 weeks)
---------------------------------------------------------------------
    N  new members per week        = members who joined in the period / W
    c  first-order conversion      = of those, members whose first paid order falls on day
                                     0 … X after joining / members (the funnels page's rate)
    A  AOV                         = GMV / paid orders in the period (the overview's 客单价)
    r  repurchase rate (Y days)    = of the converted members, those with a second paid order
                                     on or before day Y after the first order's day / converted
                                     (the funnels page's step conversion)
    k  invites per member (weekly) = members who joined in the period through an invitation
                                     / members in the domain at the period's start / W
                                     (the leaderboards' K-factor per week)
    s  invite-to-join rate         = members who joined through an invitation / members who
                                     joined (the share of joins that invitations bring)
    D₀ members in the domain on the period's last day (joined on or before it, not left)
    F  flash-sale list price of one item = the period's paid amount per unit over the lines
                                     of paid orders (`whatif_item_price`) when the dataset
                                     keeps order lines (`order_items`), else A: without
                                     lines an order is the only unit the data knows
    E  existing members' GMV per week = paid GMV of the period's other orders (members who
                                     joined before it, buyers who are no members) / W
    V  new members' other spending  = new members' paid GMV in the period / members who
                                     joined - A · c · (1 + r): what they paid beyond the
                                     first order and repurchase the funnel counts (later
                                     first orders, further repurchases, other order sizes);
                                     it makes the baseline reproduce the measured GMV
    The period's GMV (the overview's `kpis` gmv) = new members' GMV + W · E.

95% intervals (computed in `siyu.metrics.whatif`): Wilson score interval for c, r, s (shares
of n people); Poisson score interval (x + z²/2 ± z·√(x + z²/4)) / exposure for N (exposure W)
and k (exposure base·W); normal interval A ± z·sd/√n for A (sd of the period's paid order
amounts); z = 1.95996.

Levers (one set per scenario; the *neutral* value leaves the baseline unchanged)
----------------------------------------------------------------------------------
    coupon          C ∈ [0, 1)  coupon depth on every new member's first order   (neutral 0)
    flash_price     P (yuan)    flash-sale price of one item; list price F       (neutral F)
    flash_stock     S (items)   flash-sale stock per week                        (neutral 0)
    invite_reward   R (yuan)    reward paid for every member who joins by invitation (0)
    pushes_per_day  p           group pushes per day                       (neutral p₀)
    seven_day       on / off    7-day programme (七天留存法) for every new member  (off)

Assumptions (shared by the baseline and both scenarios; all editable on the page)
----------------------------------------------------------------------------------
    L   conversion lift per 10% discount: relative, fitted from past orders when the data
        allows (see `fit_discount_lift`), else DEFAULT_LIFT_PER_10PCT
    e_R invites' relative increase per 10 yuan of invite reward       (default 0.10)
    p₀  pushes per day today                                           (default 1)
    a   lift per push a day, up to 3 a day                             (default 0.03)
    b   fatigue: loss per push a day beyond 3                          (default 0.05)
    Δ₇  repurchase gain of 7-day programme members over the others, in points (repurchase
        on days 7–36), measured like for like from `7day` members when present
        (`seven_day_effect`: people with a paid order on days 0–6 only, compared within the
        same start week and channel), else 0.10. The retention page's raw difference (the
        programme's people against everyone else) is shown beside it, not used: people who
        join a programme were keener to begin with, so a raw comparison inflates the effect.
    s₇  share of the first-week buyers already in the programme (measured, else 0)
    t   flash-sale take-up: items bought per member in the domain and week at list price
                                                                       (default 0.01)
    m   gross margin on list value                                     (default 0.30)
    H   horizon in weeks                                               (default 8)

Projection, week w = 1 … H
--------------------------
    M_inv   = 1 + e_R · R / 10
    f(p)    = 1 + a · min(p, 3) - b · max(p - 3, 0);    M_push = f(p) / f(p₀)
    M_disc  = 1 + L · C / 0.1
    c'      = min(1, c · M_disc · M_push)
    r'      = min(1, (r + (1 - s₇) · Δ₇) · M_push) with the programme on (the members not
              yet in it gain Δ₇), else min(1, r · M_push)
    G_w     = members added by the projection before week w (G₁ = 0);  D_w = D₀ + G_w
    X_w     = G_w - (w - 1) · N   members added beyond the baseline's N a week
    invited_w      = max(0, M_inv · (N · s + k · X_w))   (fission: the extra members invite
                     too; the baseline's own invitations are already in N · s)
    members_w      = N · (1 - s) + invited_w
    first_orders_w = members_w · c'
    repurchases_w  = first_orders_w · r'
    d_f            = max(0, 1 - P / F)
    flash_items_w  = min(S, t · (1 + L · d_f / 0.1) · D_w)
    list_w         = A · (first_orders_w + repurchases_w) + F · flash_items_w + V · members_w + E
    discount_w     = C · A · first_orders_w + (F - P) · flash_items_w
    reward_w       = R · invited_w
    GMV_w          = list_w - discount_w = new_GMV_w + existing_GMV_w
    flash_old_w    = flash_items_w · D₀ / D_w   (flash items bought by existing members: the
                                                 take-up is per member in the domain)
    existing_GMV_w = E + P · flash_old_w
    new_GMV_w      = A · (1 - C) · first_orders_w + A · repurchases_w + V · members_w
                     + P · (flash_items_w - flash_old_w)
    cost_w         = discount_w + reward_w
    profit_w       = m · list_w - cost_w     (= GMV - goods cost (1 - m) · list - rewards)
    ROI            = (profit_scenario - profit_baseline) / cost_scenario   (None at cost 0)

The baseline projection is the model with every lever neutral (`neutral_levers`): the
measured period carried forward, every week the same (members N, first orders N·c,
repurchases N·c·r, GMV A·N·c·(1 + r) + V·N + E = the period's GMV / W, the overview's GMV
per week; X_w = 0), so over the period's own length it gives the period's GMV. The members
who joined in the period already include those its growing domain invited (N · s); only
members a scenario adds beyond N a week bring invitations of their own (k · X_w).
Conversions are booked in the week a member joins. The levers act on new members (coupon,
pushes, 7-day programme, rewards) and on the flash sale; existing members' other spending E
stays as measured.

Break-even coupon depth: the largest C in (0, 1) at which the scenario's profit over the
horizon (its other levers as set) equals the baseline's; None when no depth does. With the
other levers neutral it is C* = m · (1 + r') - 1 / (10 · L).

Sensitivity (tornado): the scenario's profit over the horizon with one lever or assumption
at 0.8× and 1.2× its value, the others as set.

Uncertainty: `draws` sets of baseline rates from a seeded `numpy.random.Generator`: Jeffreys
posteriors Beta(x + ½, n - x + ½) for c, r, s; Gamma(x + ½) / exposure for N and k; Normal(A,
sd / √n) for A; E, V and F stay at their measured values. The band is the 2.5th-97.5th
percentile of the cumulative GMV and profit; the lever assumptions stay fixed, so it shows
the baseline's sampling error only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np
import pandas as pd

from siyu import fmt

Z_95 = 1.959963984540054

DEFAULT_LIFT_PER_10PCT = 0.08
DEFAULT_SEVEN_DAY_EFFECT = 0.10
MIN_FIT_ORDERS = 30  # orders needed both with and without a discount to fit the lift
MAX_WEEKS = 52
DEFAULT_DRAWS = 400
DEFAULT_SEED = 7

# The projection's outputs per week, in table order.
OUTPUTS = (
    "members",
    "invited",
    "first_orders",
    "repurchases",
    "flash_items",
    "gmv_new",
    "gmv_existing",
    "gmv",
    "discount_cost",
    "reward_cost",
    "cost",
    "gross_profit",
)
# The totals the CLI and the cards show.
SUMMARY = (
    "members",
    "first_orders",
    "repurchases",
    "gmv_new",
    "gmv_existing",
    "gmv",
    "cost",
    "gross_profit",
    "roi",
)
# How each output is shown: people (expected values, whole on screen), amounts, a rate.
PEOPLE = ("members", "invited", "first_orders", "repurchases", "flash_items")
KIND = {k: "count" for k in PEOPLE} | {"roi": "rate"}
# Levers and assumptions the tornado moves by ±20%.
SENSITIVITY = (
    "coupon",
    "lift_per_10pct",
    "flash_price",
    "flash_stock",
    "flash_takeup",
    "invite_reward",
    "invite_effect",
    "pushes_per_day",
    "gross_margin",
    "seven_day_effect",
)


# -- inputs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Baseline:
    """Measured baseline rates with the counts behind them (for intervals and draws)."""

    weeks: float  # W: length of the period in weeks
    members: int  # joined in the period
    converted: int  # of those, first order on day 0 … X
    repurchased: int  # of the converted, second order on or before day Y
    aov: float  # A
    paid_orders: int
    aov_sd: float | None  # sd of the paid order amounts
    invited: int  # joined through an invitation
    base_members: int  # members in the domain at the period's start
    domain_members: int  # D₀: members in the domain on the period's last day
    gmv_new: float | None = None  # new members' paid GMV in the period (None: not measured)
    gmv_existing: float | None = None  # every other paid order's GMV in the period
    item_price: float | None = None  # F: paid amount per unit of the order lines (None: A)

    @property
    def new_members_per_week(self) -> float:
        return self.members / self.weeks if self.weeks > 0 else 0.0

    @property
    def first_order_conversion(self) -> float:
        return self.converted / self.members if self.members else 0.0

    @property
    def repurchase_rate(self) -> float:
        return self.repurchased / self.converted if self.converted else 0.0

    @property
    def invites_per_member(self) -> float:
        exposure = self.base_members * self.weeks
        return self.invited / exposure if exposure > 0 else 0.0

    @property
    def invite_to_join_rate(self) -> float:
        return self.invited / self.members if self.members else 0.0

    @property
    def existing_gmv_per_week(self) -> float:
        """E: existing members' GMV per week (0 when not measured)."""
        if self.gmv_existing is None or self.weeks <= 0:
            return 0.0
        return self.gmv_existing / self.weeks

    @property
    def other_spend_per_member(self) -> float:
        """V: new members' GMV per member beyond A · c · (1 + r) (0 when not measured)."""
        if self.gmv_new is None or not self.members:
            return 0.0
        modelled = self.aov * self.first_order_conversion * (1 + self.repurchase_rate)
        return self.gmv_new / self.members - modelled


@dataclass(frozen=True)
class Levers:
    """One scenario's levers; `None` flash price means the list price (F)."""

    coupon: Any = 0.0
    flash_price: Any = None
    flash_stock: Any = 0.0
    invite_reward: Any = 0.0
    pushes_per_day: Any = None  # None: the current pushes (p₀)
    seven_day: Any = False


@dataclass(frozen=True)
class Assumptions:
    weeks: int = 8
    gross_margin: Any = 0.30
    lift_per_10pct: Any = DEFAULT_LIFT_PER_10PCT
    invite_effect: Any = 0.10
    current_pushes: Any = 1.0
    push_lift: Any = 0.03
    push_fatigue: Any = 0.05
    seven_day_effect: Any = DEFAULT_SEVEN_DAY_EFFECT
    seven_day_share: Any = 0.0
    flash_takeup: Any = 0.01


LEVER_NAMES = tuple(f.name for f in fields(Levers))
ASSUMPTION_NAMES = tuple(f.name for f in fields(Assumptions))


# -- discount lift and the 7-day programme ---------------------------------------------------


@dataclass(frozen=True)
class DiscountFit:
    """Least-squares line of 'placed order paid' (0/1) on discount depth, over past orders.

    `lift` = 0.1 · slope / intercept: the relative rise of conversion per 10% of discount;
    its interval holds the intercept fixed (lift = 0.1 · (slope ± z·se) / intercept). `usable`
    says whether the data allows the fit (≥ MIN_FIT_ORDERS orders with and without a
    discount, two depths, a positive intercept); otherwise the page states the default.
    """

    orders: int
    discounted: int
    slope: float | None
    intercept: float | None
    slope_se: float | None
    lift: float | None
    lift_low: float | None
    lift_high: float | None
    usable: bool


def fit_discount_lift(buckets: pd.DataFrame) -> DiscountFit:
    """Fit the discount lift from `whatif_discount_fit` sums (exact OLS on the orders).

    With x = depth, y = 1 when the placed order was not cancelled, over n orders:
    slope b = (n·Σxy - Σx·Σy) / (n·Σx² - (Σx)²), intercept a = (Σy - b·Σx) / n,
    se(b) = √(RSS / (n - 2) / (Σx² - (Σx)²/n)) with RSS = Σy - a·Σy - b·Σxy (y² = y).
    """
    n = int(buckets["orders"].sum()) if len(buckets) else 0
    discounted = int(buckets.loc[buckets["depth"] > 0, "orders"].sum()) if n else 0
    empty = DiscountFit(n, discounted, None, None, None, None, None, None, False)
    if n < 3:
        return empty
    sx = float(buckets["sum_depth"].sum())
    sxx = float(buckets["sum_depth_sq"].sum())
    sy = float(buckets["converted"].sum())
    sxy = float(buckets["sum_depth_converted"].sum())
    sxx_c = sxx - sx * sx / n
    if sxx_c <= 1e-12:
        return empty
    b = (sxy - sx * sy / n) / sxx_c
    a = (sy - b * sx) / n
    rss = max(sy - a * sy - b * sxy, 0.0)
    se = math.sqrt(rss / (n - 2) / sxx_c)
    if a <= 0:
        return DiscountFit(n, discounted, b, a, se, None, None, None, False)
    usable = (
        discounted >= MIN_FIT_ORDERS
        and n - discounted >= MIN_FIT_ORDERS
        and int((buckets["orders"] > 0).sum()) >= 2
    )
    return DiscountFit(
        n,
        discounted,
        b,
        a,
        se,
        0.1 * b / a,
        0.1 * (b - Z_95 * se) / a,
        0.1 * (b + Z_95 * se) / a,
        usable,
    )


@dataclass(frozen=True)
class SevenDayEffect:
    """The 7-day programme's repurchase gain (days 7–36): like for like, and the raw one.

    Like for like (the default of Δ₇): people with a paid order on days 0–6, in and out of
    the programme, compared within the same start week and channel (see
    `siyu.metrics.whatif.like_for_like`); `members_*` count the people of the strata that
    hold both groups, `rate_*` are the stratum-weighted rates. Raw (the retention page's
    `seven_day_compare`): the programme's people against everyone else who started, which
    self-selection inflates; shown beside it, never used as the default.
    """

    members_7day: int
    members_other: int
    rate_7day: float | None
    rate_other: float | None
    effect: float | None  # Δ₇ like for like
    effect_low: float | None  # stratified Newcombe 95% interval
    effect_high: float | None
    share: float  # s₇: programme people / first-week buyers
    usable: bool  # the like-for-like effect is defined
    strata: int = 0  # strata that hold both groups
    raw_members_7day: int = 0
    raw_members_other: int = 0
    raw_rate_7day: float | None = None
    raw_rate_other: float | None = None
    raw_effect: float | None = None  # the retention page's difference
    raw_low: float | None = None  # its Newcombe 95% interval
    raw_high: float | None = None


def seven_day_effect(compare: pd.DataFrame) -> SevenDayEffect:
    """The programme's effect from a `whatif_seven_day` frame.

    Rows `7day, other, difference` (raw, the retention page's) and `7day_matched,
    other_matched, difference_matched` (like for like). Δ₇ is the like-for-like difference,
    usable when a stratum holds both groups; s₇ = programme people / first-week buyers
    (the `buyers` column), or of everyone who started when the like-for-like rows are absent.
    """
    rows = {r["group"]: r for r in compare.to_dict("records")}

    def num(group: str, col: str) -> float | None:
        v = rows.get(group, {}).get(col)
        return None if v is None or pd.isna(v) else float(v)

    def whole(group: str, col: str) -> int:
        return int(num(group, col) or 0)

    n7, no = whole("7day", "members"), whole("other", "members")
    raw = {
        "raw_members_7day": n7,
        "raw_members_other": no,
        "raw_rate_7day": num("7day", "rate"),
        "raw_rate_other": num("other", "rate"),
        "raw_effect": num("difference", "rate"),
        "raw_low": num("difference", "ci_low"),
        "raw_high": num("difference", "ci_high"),
    }
    b7, bo = whole("7day_matched", "buyers"), whole("other_matched", "buyers")
    share = b7 / (b7 + bo) if b7 + bo else (n7 / (n7 + no) if n7 + no else 0.0)
    effect = num("difference_matched", "rate")
    return SevenDayEffect(
        members_7day=whole("7day_matched", "members"),
        members_other=whole("other_matched", "members"),
        rate_7day=num("7day_matched", "rate"),
        rate_other=num("other_matched", "rate"),
        effect=effect,
        effect_low=num("difference_matched", "ci_low"),
        effect_high=num("difference_matched", "ci_high"),
        share=share,
        usable=effect is not None,
        strata=whole("difference_matched", "strata"),
        **raw,
    )


def points(diff: float | None) -> str:
    """A difference of two rates in percentage points, signed, one decimal: +19.4."""
    return "—" if diff is None else f"{diff * 100:+.1f}"


def seven_day_words(effect: SevenDayEffect, *, raw: bool = False) -> dict[str, str]:
    """The numbers of the page's 7-day sentences, formatted: like for like, or `raw`."""
    if raw:
        return {
            "n7": fmt.show("count", effect.raw_members_7day),
            "no": fmt.show("count", effect.raw_members_other),
            "p7": fmt.show("rate", effect.raw_rate_7day),
            "po": fmt.show("rate", effect.raw_rate_other),
            "diff": points(effect.raw_effect),
            "low": points(effect.raw_low),
            "high": points(effect.raw_high),
        }
    return {
        "n7": fmt.show("count", effect.members_7day),
        "no": fmt.show("count", effect.members_other),
        "p7": fmt.show("rate", effect.rate_7day),
        "po": fmt.show("rate", effect.rate_other),
        "diff": points(effect.effect),
        "low": points(effect.effect_low),
        "high": points(effect.effect_high),
        "share": fmt.show("rate", effect.share),
        "strata": fmt.show("count", effect.strata),
    }


# -- the model -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rates:
    """The baseline rates the model runs on (floats, or arrays of draws)."""

    N: Any
    c: Any
    A: Any
    r: Any
    k: Any
    s: Any
    D0: Any
    E: Any = 0.0
    V: Any = 0.0
    F: Any = None  # flash-sale list price of one item (None: A)

    @property
    def flash_list(self) -> Any:
        return self.A if self.F is None else self.F


def rates_of(base: Baseline) -> Rates:
    return Rates(
        N=base.new_members_per_week,
        c=base.first_order_conversion,
        A=base.aov,
        r=base.repurchase_rate,
        k=base.invites_per_member,
        s=base.invite_to_join_rate,
        D0=float(base.domain_members),
        E=base.existing_gmv_per_week,
        V=base.other_spend_per_member,
        F=base.item_price,
    )


def neutral_levers(assume: Assumptions) -> Levers:
    """The levers of doing nothing: no coupon, flash stock or reward, today's pushes, the
    7-day programme off. A scenario on them is the baseline (cost 0, ROI undefined)."""
    return Levers(pushes_per_day=float(assume.current_pushes))


def _push_factor(p: Any, a: Any, b: Any) -> Any:
    return 1 + a * np.minimum(p, 3) - b * np.maximum(np.asarray(p, dtype=float) - 3, 0)


def project(
    base: Baseline | Rates, levers: Levers, assume: Assumptions, weeks: int | None = None
) -> dict[str, np.ndarray]:
    """The projection week by week (see the module docstring for every formula).

    Any lever, assumption or rate may be a numpy array (of draws or of lever values): the
    result broadcasts them, so each output has shape `broadcast shape + (weeks,)`.
    """
    rt = rates_of(base) if isinstance(base, Baseline) else base
    horizon = int(assume.weeks if weeks is None else weeks)
    if not 1 <= horizon <= MAX_WEEKS:
        raise ValueError(f"weeks must be 1 … {MAX_WEEKS}, not {horizon}")
    f = np.asarray
    A = f(rt.A, dtype=float)
    F = f(rt.flash_list, dtype=float)
    C = f(levers.coupon, dtype=float)
    P = F if levers.flash_price is None else f(levers.flash_price, dtype=float)
    S = f(levers.flash_stock, dtype=float)
    R = f(levers.invite_reward, dtype=float)
    p0 = f(assume.current_pushes, dtype=float)
    p = p0 if levers.pushes_per_day is None else f(levers.pushes_per_day, dtype=float)
    L = f(assume.lift_per_10pct, dtype=float)
    m = f(assume.gross_margin, dtype=float)
    e7, s7 = f(assume.seven_day_effect, dtype=float), f(assume.seven_day_share, dtype=float)
    on = f(levers.seven_day, dtype=bool)

    m_inv = 1 + f(assume.invite_effect, dtype=float) * R / 10
    m_push = _push_factor(p, assume.push_lift, assume.push_fatigue) / _push_factor(
        p0, assume.push_lift, assume.push_fatigue
    )
    m_disc = 1 + L * C / 0.1
    m_push = np.maximum(m_push, 0.0)
    conv = np.clip(f(rt.c, dtype=float) * m_disc * m_push, 0.0, 1.0)
    r7 = np.where(on, f(rt.r, dtype=float) + (1 - s7) * e7, f(rt.r, dtype=float))
    rep = np.clip(r7 * m_push, 0.0, 1.0)
    depth_f = np.where(F > 0, np.maximum(0.0, 1 - P / np.where(F > 0, F, 1.0)), 0.0)
    takeup = f(assume.flash_takeup, dtype=float) * (1 + L * depth_f / 0.1)
    N, s, k = f(rt.N, dtype=float), f(rt.s, dtype=float), f(rt.k, dtype=float)
    D0, E, V = f(rt.D0, dtype=float), f(rt.E, dtype=float), f(rt.V, dtype=float)

    shape = np.broadcast_shapes(
        *(np.shape(x) for x in (A, F, C, P, S, R, m, m_inv, conv, rep, takeup, N, s, k, D0, E, V))
    )
    members = np.empty((*shape, horizon))
    invited = np.empty((*shape, horizon))
    flash = np.empty((*shape, horizon))
    flash_old = np.empty((*shape, horizon))  # flash items of members already in the domain
    added = np.zeros(shape)
    for w in range(horizon):
        inv = np.maximum(m_inv * (N * s + k * (added - w * N)), 0.0)
        invited[..., w] = inv
        members[..., w] = N * (1 - s) + inv
        domain = D0 + added
        flash[..., w] = np.minimum(S, takeup * domain)
        old = np.where(domain > 0, D0 / np.where(domain > 0, domain, 1.0), 1.0)
        flash_old[..., w] = flash[..., w] * old
        added = added + members[..., w]

    def col(x: np.ndarray) -> np.ndarray:  # a per-lane value against the weeks axis
        return x[..., np.newaxis] if np.ndim(x) else x

    first = members * col(conv)
    repurchases = first * col(rep)
    list_value = col(A) * (first + repurchases) + col(F) * flash + col(V) * members + col(E)
    discount = col(C) * col(A) * first + col(F - P) * flash
    reward = col(R) * invited
    cost = discount + reward
    gmv_existing = col(E) + col(P) * flash_old
    gmv_new = (
        col(A) * (1 - col(C)) * first
        + col(A) * repurchases
        + col(V) * members
        + col(P) * (flash - flash_old)
    )
    return {
        "members": members,
        "invited": invited,
        "first_orders": first,
        "repurchases": repurchases,
        "flash_items": flash,
        "gmv_new": gmv_new,
        "gmv_existing": gmv_existing,
        "gmv": gmv_new + gmv_existing,
        "discount_cost": discount,
        "reward_cost": reward,
        "cost": cost,
        "gross_profit": col(m) * list_value - cost,
    }


def totals(projection: dict[str, np.ndarray]) -> dict[str, Any]:
    """Sums over the horizon (last axis) of every output."""
    return {k: v.sum(axis=-1) for k, v in projection.items()}


def roi(profit: Any, baseline_profit: Any, cost: Any) -> Any:
    """(profit - baseline profit) / cost; None (or NaN in arrays) where the cost is 0."""
    if np.ndim(cost) == 0:
        return None if float(cost) <= 0 else (float(profit) - float(baseline_profit)) / float(cost)
    cost = np.asarray(cost, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(cost > 0, (profit - baseline_profit) / cost, np.nan)


def summary(base: Baseline | Rates, levers: Levers, assume: Assumptions) -> dict[str, Any]:
    """Totals over the horizon of the baseline and of one scenario, keyed by SUMMARY."""
    b = totals(project(base, Levers(), assume))
    s = totals(project(base, levers, assume))
    out: dict[str, Any] = {}
    for key in SUMMARY:
        if key == "roi":
            out[key] = (None, roi(s["gross_profit"], b["gross_profit"], s["cost"]))
        else:
            out[key] = (float(b[key]), float(s[key]))
    return out


def weekly_frame(
    base: Baseline | Rates, scenarios: dict[str, Levers], assume: Assumptions
) -> pd.DataFrame:
    """The projection of each named scenario per week, with cumulative GMV and profit.

    Columns: scenario, week (1 …), every OUTPUTS column, roi (against the scenario called
    `baseline`, which must come first), cum_gmv, cum_profit.
    """
    frames = []
    base_profit = None
    for name, lev in scenarios.items():
        proj = project(base, lev, assume)
        df = pd.DataFrame({k: proj[k] for k in OUTPUTS})
        df.insert(0, "week", np.arange(1, len(df) + 1))
        df.insert(0, "scenario", name)
        if base_profit is None:
            base_profit = df["gross_profit"].to_numpy()
        r = roi(df["gross_profit"].to_numpy(), base_profit, df["cost"].to_numpy())
        df["roi"] = pd.Series(r).astype(object).where(~np.isnan(r), None)
        df["cum_gmv"] = df["gmv"].cumsum()
        df["cum_profit"] = df["gross_profit"].cumsum()
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


# -- what the page shows (formatting only; the numbers above stay floats) ----------------------


def scenario_totals(weekly: pd.DataFrame) -> pd.DataFrame:
    """Sums over the horizon per scenario of a `weekly_frame` (index: scenario, in the
    frame's order), every OUTPUTS column and `roi` against the first scenario (the baseline)."""
    sums = weekly.groupby("scenario", sort=False)[list(OUTPUTS)].sum()
    first = sums.index[0]
    sums["roi"] = [
        roi(sums.at[k, "gross_profit"], sums.at[first, "gross_profit"], sums.at[k, "cost"])
        for k in sums.index
    ]
    return sums


def show(key: str, value: Any) -> str:
    """An output as on screen: people whole (they are expected values), amounts in yuan with
    separators, ROI a rate; a dash when undefined."""
    return fmt.show(KIND.get(key, "money"), value)


def cards(weekly: pd.DataFrame) -> list[dict[str, Any]]:
    """The projection's cards: one per scenario and SUMMARY metric, in that order.

    Keys: scenario, metric, value (as shown), delta (against the baseline, None when equal or
    for the baseline: relative for people and amounts, from a zero baseline the amount itself
    signed), inverse (True for a cost: a rise is bad). ROI is None, shown "—", at zero cost:
    doing nothing has no return to speak of.
    """
    sums = scenario_totals(weekly)
    first = sums.index[0]
    out = []
    for key in sums.index:
        for metric in SUMMARY:
            value = sums.at[key, metric]
            delta = None
            if metric != "roi" and key != first:
                value, before = float(value), float(sums.at[first, metric])
                if abs(value - before) > 1e-9:
                    kind = KIND.get(metric, "money")
                    delta = (
                        fmt.show_delta(kind, value, before)
                        if before
                        else f"+{fmt.show(kind, value)}"
                    )
            out.append(
                {
                    "scenario": key,
                    "metric": metric,
                    "value": show(metric, value),
                    "delta": delta,
                    "inverse": metric == "cost",
                }
            )
    return out


# The projection's columns on screen (translation keys).
OUT_LABELS: dict[str, str] = {
    "members": "whatif.out.members",
    "invited": "whatif.out.invited",
    "first_orders": "whatif.out.first_orders",
    "repurchases": "whatif.out.repurchases",
    "flash_items": "whatif.out.flash_items",
    "gmv": "whatif.out.gmv",
    "gmv_new": "whatif.out.gmv_new",
    "gmv_existing": "whatif.out.gmv_existing",
    "discount_cost": "whatif.out.discount_cost",
    "reward_cost": "whatif.out.reward_cost",
    "cost": "whatif.out.cost",
    "gross_profit": "whatif.out.gross_profit",
    "roi": "whatif.out.roi",
    "scenario": "whatif.out.scenario",
    "week": "whatif.out.week",
    "cum_gmv": "whatif.out.cum_gmv",
    "cum_profit": "whatif.out.cum_profit",
}


def weekly_table(
    weekly: pd.DataFrame, names: dict[str, str], t: Any, *, shown: bool = True
) -> pd.DataFrame:
    """The week-by-week table with translated headers (`t(key)`) and scenario names.

    `shown`: values as on screen (people whole, amounts with separators, ROI a rate); else
    the floats themselves, for the downloads (the projection's expected values unrounded).
    """
    table = weekly.assign(scenario=weekly["scenario"].map(names))
    if shown:
        for col in table.columns:
            if col not in ("scenario", "week"):
                table[col] = [show(col, v) for v in table[col]]
    else:
        table["roi"] = table["roi"].astype(float)
    return table.rename(columns=lambda c: t(OUT_LABELS[c]))


# -- break-even, sensitivity, uncertainty ------------------------------------------------------


def _profit(base: Baseline | Rates, levers: Levers, assume: Assumptions) -> Any:
    return project(base, levers, assume)["gross_profit"].sum(axis=-1)


def break_even_coupon(
    base: Baseline | Rates, levers: Levers, assume: Assumptions, step: float = 0.001
) -> float | None:
    """The largest coupon depth in (0, 1) at which the scenario's profit over the horizon
    equals the baseline's (other levers as set); None when there is none."""
    target = float(_profit(base, Levers(), assume))
    grid = np.arange(0.0, 1.0, step)
    diff = _profit(base, replace(levers, coupon=grid), assume) - target
    tol = 1e-9 * max(1.0, abs(target))
    sign = np.where(np.abs(diff) <= tol, 0, np.sign(diff))
    for i in range(len(grid) - 1, 0, -1):
        if sign[i] == 0:
            return float(grid[i])
        if sign[i - 1] != 0 and sign[i - 1] != sign[i]:
            lo, hi = float(grid[i - 1]), float(grid[i])
            f_lo = sign[i - 1]
            for _ in range(60):  # bisection to machine precision
                mid = (lo + hi) / 2
                d = float(_profit(base, replace(levers, coupon=mid), assume)) - target
                if d == 0:
                    return mid
                if np.sign(d) == f_lo:
                    lo = mid
                else:
                    hi = mid
            return (lo + hi) / 2
    return None


def _value(levers: Levers, assume: Assumptions, name: str, list_price: float) -> float:
    if name in LEVER_NAMES:
        v = getattr(levers, name)
        if v is None:
            return list_price if name == "flash_price" else float(assume.current_pushes)
        return float(v)
    return float(getattr(assume, name))


def sensitivity(
    base: Baseline | Rates, levers: Levers, assume: Assumptions, step: float = 0.2
) -> pd.DataFrame:
    """Profit over the horizon with each lever / assumption at (1 - step)× and (1 + step)×.

    Columns: lever, value, low_value, high_value, profit (as set), low_profit, high_profit,
    swing (|high - low|); largest swing first. The 7-day effect only counts with the
    programme on; flash price and take-up only with flash stock.
    """
    rt = rates_of(base) if isinstance(base, Baseline) else base
    list_price = float(rt.flash_list)  # what a flash price left open means
    here = float(_profit(rt, levers, assume))
    rows = []
    for name in SENSITIVITY:
        v = _value(levers, assume, name, list_price)
        lo, hi = v * (1 - step), v * (1 + step)
        if name == "coupon":
            hi = min(hi, 0.99)
        if name == "gross_margin":
            hi = min(hi, 1.0)
        vals = np.array([lo, hi])
        if name in LEVER_NAMES:
            p = _profit(rt, replace(levers, **{name: vals}), assume)
        else:
            p = _profit(rt, levers, replace(assume, **{name: vals}))
        rows.append((name, v, lo, hi, here, float(p[0]), float(p[1])))
    df = pd.DataFrame(
        rows,
        columns=[
            "lever",
            "value",
            "low_value",
            "high_value",
            "profit",
            "low_profit",
            "high_profit",
        ],
    )
    df["swing"] = (df["high_profit"] - df["low_profit"]).abs()
    return df.sort_values(["swing", "lever"], ascending=[False, True], ignore_index=True)


def draw_rates(base: Baseline, draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED) -> Rates:
    """`draws` sets of baseline rates from their sampling distributions (seeded)."""
    rng = np.random.default_rng(seed)
    w = base.weeks if base.weeks > 0 else 1.0

    def share(x: int, n: int, value: float) -> np.ndarray:
        if n <= 0:
            return np.full(draws, value)
        return rng.beta(x + 0.5, n - x + 0.5, size=draws)

    N = rng.gamma(base.members + 0.5, 1.0, size=draws) / w
    c = share(base.converted, base.members, 0.0)
    r = share(base.repurchased, base.converted, 0.0)
    s = share(base.invited, base.members, 0.0)
    exposure = base.base_members * w
    k = (
        rng.gamma(base.invited + 0.5, 1.0, size=draws) / exposure
        if exposure > 0
        else np.zeros(draws)
    )
    sd = base.aov_sd if base.aov_sd is not None and not math.isnan(base.aov_sd) else 0.0
    se = sd / math.sqrt(base.paid_orders) if base.paid_orders > 0 else 0.0
    A = np.maximum(rng.normal(base.aov, se, size=draws), 0.0)
    return Rates(
        N=N,
        c=c,
        A=A,
        r=r,
        k=k,
        s=s,
        D0=float(base.domain_members),
        E=base.existing_gmv_per_week,
        V=base.other_spend_per_member,
        F=base.item_price,  # measured over the lines, not drawn (as E and V)
    )


def uncertainty(
    base: Baseline,
    scenarios: dict[str, Levers],
    assume: Assumptions,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """The 95% band of cumulative GMV and profit per week, for each scenario.

    Columns: scenario, week, gmv_low, gmv_high, profit_low, profit_high (2.5th and 97.5th
    percentiles over the draws; the same draws for every scenario).
    """
    rt = draw_rates(base, draws, seed)
    frames = []
    for name, lev in scenarios.items():
        proj = project(rt, lev, assume)
        gmv = np.cumsum(proj["gmv"], axis=-1)
        profit = np.cumsum(proj["gross_profit"], axis=-1)
        g = np.percentile(gmv, [2.5, 97.5], axis=0)
        p = np.percentile(profit, [2.5, 97.5], axis=0)
        frames.append(
            pd.DataFrame(
                {
                    "scenario": name,
                    "week": np.arange(1, gmv.shape[-1] + 1),
                    "gmv_low": g[0],
                    "gmv_high": g[1],
                    "profit_low": p[0],
                    "profit_high": p[1],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


# -- scenarios as plain values (URL, saved scenarios, CLI) -------------------------------------


def levers_from(values: dict[str, Any]) -> Levers:
    """Levers from a plain dict (a saved scenario or CLI options); unknown keys are refused."""
    unknown = set(values) - set(LEVER_NAMES)
    if unknown:
        raise ValueError(f"unknown levers {sorted(unknown)}; known: {', '.join(LEVER_NAMES)}")
    out = dict(values)
    if "seven_day" in out:
        out["seven_day"] = _flag(out["seven_day"])
    for key in ("coupon", "flash_stock", "invite_reward"):
        if key in out:
            out[key] = float(out[key])
    for key in ("flash_price", "pushes_per_day"):
        if out.get(key) is not None:
            out[key] = float(out[key])
    lev = Levers(**out)
    check_levers(lev)
    return lev


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("1", "true", "on", "yes"):
            return True
        if text in ("0", "false", "off", "no", ""):
            return False
        raise ValueError(f"seven_day must be on or off, not {value!r}")
    return bool(value)


def check_levers(lev: Levers) -> None:
    if not 0 <= float(lev.coupon) < 1:
        raise ValueError(f"coupon must be a depth in [0, 1), not {lev.coupon!r}")
    for key in ("flash_stock", "invite_reward"):
        if float(getattr(lev, key)) < 0:
            raise ValueError(f"{key} must be >= 0")
    for key in ("flash_price", "pushes_per_day"):
        v = getattr(lev, key)
        if v is not None and float(v) < 0:
            raise ValueError(f"{key} must be >= 0")


def levers_dict(lev: Levers) -> dict[str, Any]:
    """A scenario as plain JSON-able values (for saving with the dataset)."""
    return {
        "coupon": float(lev.coupon),
        "flash_price": None if lev.flash_price is None else float(lev.flash_price),
        "flash_stock": float(lev.flash_stock),
        "invite_reward": float(lev.invite_reward),
        "pushes_per_day": None if lev.pushes_per_day is None else float(lev.pushes_per_day),
        "seven_day": bool(lev.seven_day),
    }
