"""The built-in demo dataset (SPEC §5): a deterministic, realistic private-domain shop.

`generate()` writes `orders.csv`, `members.csv`, `activity.csv`, `groups.csv` and
`staff_daily.csv` with the canonical headers of `siyu.schema`. Everything is drawn from one
`numpy.random.Generator(seed)` (the staff from a second one) in a fixed order and formatted by DuckDB, so the same arguments give byte-identical files.
No per-row Python: rows are built with vectorised numpy and written by a DuckDB `COPY`, which
streams the CSV; one million members (about ten million orders and twenty million activity
rows with the scale knobs) take a few minutes and a couple of GB.

Patterns the pages rely on (each checked by `tests/unit/test_sample.py`):

- members join over `weeks` weeks ending the day before `end`, with growth, a weekly rhythm
  (weekends busier) and two campaign spikes; six acquisition channels of different size and
  quality (门店活码 converts best, 朋友圈广告 worst); about 22% are invited by an earlier member
  (channel 老带新裂变, a few super-inviters, chains several levels deep); some leave; an
  exported tier for about two members in three (roughly by spend), empty for the rest; tags.
- groups: one 会员群 above 200 members and, at the default size, every other group (福利群 /
  VIP群 / 召回群) below 200, filled one after the other as members join; about one member in
  five is a contact in no group.
- orders: the first order is often on day 0–3 after joining (golden period), then repurchases
  that thin out over time; paid / refunded (~4%) / cancelled (~4%); 0-yuan welfare claims
  (campaign `welfare`, ~5%); campaigns `7day`, `flash_sale`, `fission`, `new_coupon`,
  `member_day`; coupons (`discount`): welcome coupons of 10/20/30% lift first-order conversion
  by about 8% per 10% of discount, and the deeper an order's discount the less often it is
  left unpaid (cancelled); a few buyers order before they join; a handful of buyers are no
  members.
- the 7-day programme (七天留存法): 30% of members; their first-week orders carry campaign
  `7day`, they buy on more distinct days in days 0–6 and repurchase more on days 7–36.
- staff: each member's staff member (`staff`) is the owner of their main group (who added
  them), else one of the eight; `staff_daily` holds WeCom 客户联系 statistics per staff member
  and day (contacts added and lost from the members, chats and replies from each one's
  habits). They come from a second generator, so the other tables are as they were.
- activity (message / view / like / checkin / share) with peaks at 7–9, 12–13 and 19–22 h,
  decaying after joining, more for buyers, never before joining or after leaving.

What the defaults give for 5,000 members (seed 7): about 41% of members buy, 2.7 orders per
buyer, so 6,289 orders (with welfare claims and refunds), 97,985 activity rows (≈ 20 per
member), 25 groups (one of 436 members). Orders grow about linearly with `orders_scale`
(≈ 1.3 orders per member at 1.0); activity rows are proportional to `activity_scale`.
`orders_per_member` and `activity_per_member` set the scale from a target instead:
`generate(out, members=1_000_000, orders_per_member=10, activity_per_member=20)` gives ≈ 10 M
orders and ≈ 20 M activity rows (≈ 20 s, ≈ 2.5 GB peak, 1.7 GB of CSV on a 2-core machine).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from siyu.schema import TABLES

DAY = 86_400

# name, share of non-invited members, buy probability, repurchase multiplier
CHANNELS: tuple[tuple[str, float, float, float], ...] = (
    ("门店活码", 0.26, 0.58, 1.25),
    ("公众号", 0.20, 0.42, 1.0),
    ("朋友圈广告", 0.24, 0.22, 0.7),
    ("直播间", 0.16, 0.46, 0.9),
    ("社群海报", 0.14, 0.36, 0.9),
    ("老带新裂变", 0.0, 0.52, 1.1),  # invited members only
)
INVITED_CHANNEL = len(CHANNELS) - 1
INVITE_SHARE = 0.22

# product, price in cents, weight
PRODUCTS: tuple[tuple[str, int, float], ...] = (
    ("土鸡蛋30枚", 3990, 0.18),
    ("有机蔬菜箱", 8800, 0.12),
    ("大米5kg", 4590, 0.12),
    ("五常大米10kg", 12900, 0.05),
    ("农家土蜂蜜500g", 6800, 0.08),
    ("散养土鸡", 12800, 0.05),
    ("手工红薯粉条", 2580, 0.08),
    ("新鲜草莓2斤", 5990, 0.08),
    ("赣南脐橙5斤", 3990, 0.10),
    ("纯牛奶整箱", 6900, 0.07),
    ("黑猪肉礼盒", 19900, 0.03),
    ("坚果礼盒", 15800, 0.04),
)
WELFARE_PRODUCTS = ("新人福利试吃装", "土鸡蛋6枚体验装", "签到福利小礼包")

TIERS = ("普通会员", "银卡", "金卡", "钻石卡")
TIER_CUTS_CENTS = (50_000, 200_000, 500_000)
TAGS = ("宝妈", "上班族", "退休", "价格敏感", "高活跃", "团长", "吃货", "健身")
STAFF = ("王店长", "李娜", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "周婷")
TABLE_FILES = ("orders", "members", "activity", "groups", "staff_daily")
CAMPAIGNS = ("", "7day", "flash_sale", "fission", "welfare", "new_coupon", "member_day")
C_NONE, C_7DAY, C_FLASH, C_FISSION, C_WELFARE, C_COUPON, C_MEMBER_DAY = range(7)
STATUSES = ("paid", "refunded", "cancelled")
KINDS = ("message", "view", "like", "checkin", "share")

# Hour of day weights: morning (7–9), lunch (12–13) and evening (19–22) peaks.
HOUR_WEIGHTS = np.array(
    [0.3, 0.15, 0.1, 0.08, 0.08, 0.2, 0.8, 3.0, 4.0, 3.0, 1.5, 1.8,
     3.5, 3.0, 1.2, 1.0, 1.0, 1.2, 1.8, 3.5, 4.5, 4.5, 3.0, 1.2]
)  # fmt: skip
JOIN_HOUR_WEIGHTS = np.array(
    [0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.4, 1.2, 1.8, 1.8, 1.6, 1.6,
     2.0, 1.8, 1.4, 1.3, 1.3, 1.4, 1.6, 2.2, 2.6, 2.4, 1.6, 0.7]
)  # fmt: skip
WEEKDAY_FACTOR = np.array([0.85, 0.9, 0.95, 1.0, 1.1, 1.35, 1.25])  # Monday first

PROGRAMME_SHARE = 0.30
LEAVE_SHARE = 0.14
GROUP_SHARE = 0.78  # members in a group; the rest are WeCom contacts only
BIG_GROUP_SHARE = 0.09  # of all members, in the big 会员群
GROUP_TARGET = 150  # mean size of the other groups
REPURCHASE_BASE = 1.9  # mean repurchases of a buyer over a long horizon, before multipliers
REPURCHASE_MEAN_DAYS = 18.0
ACTIVITY_BASE = 27.0
ACTIVITY_MEAN_DAYS = 21.0
WELFARE_SHARE = 0.05


def _epoch(d: dt.date) -> int:
    return int(np.datetime64(d, "s").astype(np.int64))


def _trunc_exp(rng: np.random.Generator, mean: float, upper: np.ndarray) -> np.ndarray:
    """Exponential(mean) draws truncated to [0, upper) (upper ≥ 0, in the same unit)."""
    u = rng.random(upper.shape[0])
    return -mean * np.log1p(-u * (-np.expm1(-upper / mean)))


def _time_of_day(rng: np.random.Generator, n: int, weights: np.ndarray) -> np.ndarray:
    hours = rng.choice(24, size=n, p=weights / weights.sum())
    return hours.astype(np.int64) * 3600 + rng.integers(0, 3600, size=n)


def _place(
    rng: np.random.Generator,
    day_start: np.ndarray,
    joined: np.ndarray,
    limit: np.ndarray,
    weights: np.ndarray,
) -> np.ndarray:
    """A time on the day starting at `day_start`, inside [joined, limit] (seconds)."""
    n = day_start.shape[0]
    ts = day_start + _time_of_day(rng, n, weights)
    gap = rng.integers(60, 5400, size=n)
    ts = np.where(ts < joined, joined + gap, ts)
    ts = np.where(ts > limit, limit - gap, ts)
    return np.clip(ts, joined, limit)


def _width(n: int, minimum: int) -> int:
    return max(minimum, len(str(max(n, 1))))


def _members(rng: np.random.Generator, n: int, weeks: int, end: dt.date) -> dict[str, np.ndarray]:
    start = _epoch(end) - weeks * 7 * DAY
    window_end = _epoch(end) - 1
    n_days = weeks * 7
    t = np.arange(n_days) / max(n_days - 1, 1)
    weekday = (np.arange(n_days) + (end - dt.timedelta(days=n_days)).weekday()) % 7
    w = np.exp(np.log(2.5) * t) * WEEKDAY_FACTOR[weekday]
    for frac, lift in ((0.42, 2.2), (0.78, 1.8)):  # two campaign spikes
        w[int(frac * (n_days - 1))] *= lift
    day = rng.choice(n_days, size=n, p=w / w.sum())
    joined = np.sort(start + day.astype(np.int64) * DAY + _time_of_day(rng, n, JOIN_HOUR_WEIGHTS))

    # Invitations: an invited member's inviter joined strictly earlier; a few super-inviters
    # (KOC) bring many, the rest are uniform over earlier members, so chains grow deep.
    earlier = np.searchsorted(joined, joined, side="left")  # members strictly earlier
    invited = (rng.random(n) < INVITE_SHARE) & (earlier > 0)
    koc = np.flatnonzero(rng.random(n) < 0.02)
    koc_earlier = np.searchsorted(joined[koc], joined, side="left")
    pick_koc = (rng.random(n) < 0.35) & (koc_earlier > 0)
    koc_rank = np.minimum((rng.random(n) * koc_earlier).astype(np.int64), max(len(koc) - 1, 0))
    uniform_pick = (rng.random(n) * earlier).astype(np.int64)
    inviter = np.where(pick_koc, koc[koc_rank], uniform_pick) if len(koc) else uniform_pick
    inviter = np.where(invited, inviter, -1)

    shares = np.array([c[1] for c in CHANNELS])
    channel = rng.choice(len(CHANNELS), size=n, p=shares / shares.sum())
    channel = np.where(invited, INVITED_CHANNEL, channel)

    leave_at = joined + (_trunc_exp(rng, 15.0, np.full(n, 200.0)) * DAY).astype(np.int64) + 600
    left = (rng.random(n) < LEAVE_SHARE) & (leave_at <= window_end)
    limit = np.where(left, leave_at, window_end)

    programme = rng.random(n) < PROGRAMME_SHARE
    coupon = rng.choice(4, size=n, p=[0.55, 0.2, 0.15, 0.1])  # welcome coupon 0/10/20/30%
    return {
        "start": np.int64(start),
        "window_end": np.int64(window_end),
        "joined": joined,
        "inviter": inviter,
        "channel": channel,
        "left": left,
        "limit": limit,
        "programme": programme,
        "coupon": coupon,
    }


def _groups(rng: np.random.Generator, m: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Main group of each member (-1: none) and the groups table."""
    n = m["joined"].shape[0]
    u = rng.random(n)
    in_big = u < BIG_GROUP_SHARE
    in_small = (u >= BIG_GROUP_SHARE) & (u < GROUP_SHARE)
    small = np.flatnonzero(in_small)  # in join order
    n_small = max(11, math.ceil(len(small) / GROUP_TARGET))
    weights = rng.uniform(0.85, 1.15, size=n_small)
    sizes = np.floor(weights / weights.sum() * len(small)).astype(np.int64)
    sizes[: len(small) - sizes.sum()] += 1
    group = np.full(n, -1, dtype=np.int64)
    group[in_big] = 0
    group[small] = 1 + np.repeat(np.arange(n_small), sizes)

    n_groups = 1 + n_small
    created = np.empty(n_groups, dtype=np.int64)
    created[0] = m["start"] - 20 * DAY + 10 * 3600
    first_join = np.full(n_small, m["window_end"], dtype=np.int64)
    nonempty = sizes > 0
    first_join[nonempty] = m["joined"][small][np.cumsum(sizes)[nonempty] - sizes[nonempty]]
    created[1:] = first_join - rng.integers(600, 7200, size=n_small)
    kind = np.zeros(n_groups, dtype=np.int64)  # 0 会员群, 1 福利群, 2 VIP群, 3 召回群
    j = np.arange(n_small)
    kind[1:] = np.where(j % 7 == 3, 2, np.where(j % 7 == 6, 3, 1))
    number = np.zeros(n_groups, dtype=np.int64)
    for k in (1, 2, 3):  # number groups within their kind (4 vectorised passes at most)
        sel = kind == k
        number[sel] = np.arange(1, sel.sum() + 1)
    owner = np.concatenate([[0], rng.integers(0, len(STAFF), size=n_small)])
    return {"group": group, "created": created, "kind": kind, "number": number, "owner": owner}


def _staff(rng: np.random.Generator, group: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """The staff member of each member (index into STAFF): their main group's owner, who
    added them and invited them in; a contact in no group was added by any of the staff."""
    anyone = rng.integers(0, len(STAFF), size=group.shape[0])
    return np.where(group >= 0, owner[np.maximum(group, 0)], anyone)


def _staff_daily(
    rng: np.random.Generator, m: dict[str, np.ndarray], staff: np.ndarray, weeks: int
) -> dict[str, np.ndarray]:
    """WeCom 客户联系 statistics per staff member and day: the contacts each added and lost
    (members who joined / left that day), and chats, messages, reply share and first reply
    time from each one's own habits (some answer fast and almost always, some do not)."""
    n_staff, n_days = len(STAFF), weeks * 7
    join_day = (m["joined"] - m["start"]) // DAY
    left_day = np.where(m["left"], (m["limit"] - m["start"]) // DAY, -1)
    cell = staff * n_days
    new = np.bincount(cell + join_day, minlength=n_staff * n_days)
    lost_rows = left_day >= 0
    lost = np.bincount((cell + left_day)[lost_rows], minlength=n_staff * n_days)
    base_chats = rng.uniform(6.0, 30.0, size=n_staff)
    reply = rng.uniform(0.62, 0.97, size=n_staff)
    minutes = rng.uniform(1.5, 25.0, size=n_staff)
    s = np.repeat(np.arange(n_staff), n_days)
    d = np.tile(np.arange(n_days), n_staff)
    chats = rng.poisson(base_chats[s] + 1.5 * new)
    return {
        "day": m["start"] + d * DAY,
        "staff": s,
        "chats": chats,
        "messages": np.rint(chats * rng.uniform(2.0, 5.0, size=s.shape[0])).astype(np.int64),
        "reply": np.clip(reply[s] + rng.normal(0.0, 0.04, size=s.shape[0]), 0.0, 1.0),
        "reply_minutes": minutes[s] * rng.lognormal(0.0, 0.3, size=s.shape[0]),
        "new_contacts": new,
        "lost_contacts": lost,
    }


def _orders(
    rng: np.random.Generator,
    m: dict[str, np.ndarray],
    group: np.ndarray,
    orders_scale: float,
    orders_per_member: float | None,
) -> dict[str, np.ndarray]:
    n = m["joined"].shape[0]
    joined, limit, programme = m["joined"], m["limit"], m["programme"]
    join_day = (joined - m["start"]) // DAY
    join_day_start = m["start"] + join_day * DAY

    ch = m["channel"]
    p_buy = np.array([c[2] for c in CHANNELS])[ch]
    p_buy = p_buy * (1 + 0.8 * 0.1 * m["coupon"])  # ~8% relative lift per 10% coupon
    p_buy = np.where(programme, p_buy * 1.25, p_buy)
    p_buy = np.where(m["left"], p_buy * 0.6, p_buy)
    buyer = rng.random(n) < np.minimum(p_buy, 0.95)

    # First order: golden period (day 0–3) or later, a few before joining.
    golden = rng.random(n) < np.where(programme, 0.82, 0.55)
    golden_day = rng.choice(4, size=n, p=[0.45, 0.25, 0.17, 0.13])
    late_day = 4 + np.floor(rng.exponential(14.0, size=n)).astype(np.int64)
    first_day = np.where(golden, golden_day, late_day)
    before = (rng.random(n) < 0.015) & (join_day > 0)
    first_day = np.where(before, -np.minimum(rng.integers(1, 11, size=n), join_day), first_day)
    first_start = join_day_start + first_day * DAY
    buyer &= first_start <= limit  # a first order after the data ends is not seen
    first_ts = _place(rng, first_start, np.where(before, m["start"], joined), limit, HOUR_WEIGHTS)
    first_ts = np.where(before, np.minimum(first_ts, joined - 60), first_ts)

    # 7-day programme: more first-week orders on distinct days.
    in_week = buyer & programme & (first_day >= 0) & (first_day <= 6)
    n7 = np.where(in_week, rng.poisson(1.6, size=n), 0)
    o7 = np.repeat(np.arange(n), n7)
    d7 = rng.integers(first_day[o7], 7)
    t7 = _place(rng, join_day_start[o7] + d7 * DAY, joined[o7], limit[o7], HOUR_WEIGHTS)
    keep7 = join_day_start[o7] + d7 * DAY <= limit[o7]
    o7, t7 = o7[keep7], t7[keep7]

    # Repurchases: Poisson count (gamma loyalty → negative binomial), decaying after the first.
    horizon = np.maximum(limit - first_ts, 0) / DAY
    loyalty = rng.gamma(1.3, 1 / 1.3, size=n)
    lam = (
        REPURCHASE_BASE
        * np.array([c[3] for c in CHANNELS])[ch]
        * np.where(programme, 1.8, 1.0)
        * np.where(m["left"], 0.5, 1.0)
        * loyalty
        * -np.expm1(-horizon / 30.0)
    )
    lam = np.where(buyer, lam, 0.0)
    n_nonmember = max(5, round(n * 0.002))
    if orders_per_member is not None:
        fixed = buyer.sum() + len(o7) + n_nonmember * 2
        need = orders_per_member * n / (1 + WELFARE_SHARE) - fixed
        orders_scale = max(need, 0.0) / max(lam.sum(), 1e-9)
    nr = rng.poisson(lam * orders_scale)
    orr = np.repeat(np.arange(n), nr)
    gap = _trunc_exp(rng, REPURCHASE_MEAN_DAYS, horizon[orr]) * DAY
    tr = first_ts[orr] + gap.astype(np.int64)
    rday = (tr - join_day_start[orr]) // DAY
    tr = _place(rng, join_day_start[orr] + rday * DAY, first_ts[orr], limit[orr], HOUR_WEIGHTS)

    fb = np.flatnonzero(buyer)
    user = np.concatenate([fb, o7, orr])
    ts = np.concatenate([first_ts[fb], t7, tr])
    role = np.concatenate(
        [np.zeros(len(fb), np.int8), np.ones(len(o7), np.int8), np.full(len(orr), 2, np.int8)]
    )

    # Welfare claims (0 yuan), mostly right after joining, also by people who never buy.
    n_reg = len(user)
    wrate = WELFARE_SHARE / (1 - WELFARE_SHARE) * n_reg / n
    weight = np.where(buyer, 1.3, 0.8)
    nw = rng.poisson(wrate * weight / weight.mean())
    ow = np.repeat(np.arange(n), nw)
    wday = np.floor(_trunc_exp(rng, 2.0, np.maximum((limit[ow] - joined[ow]) / DAY, 0))).astype(
        np.int64
    )
    wday = np.maximum(wday, (joined[ow] - join_day_start[ow]) // DAY)
    tw = _place(rng, join_day_start[ow] + wday * DAY, joined[ow], limit[ow], HOUR_WEIGHTS)

    # Buyers who are no members: ids after the members', orders anywhere in the window.
    k_nm = rng.integers(1, 4, size=n_nonmember)
    onm = np.repeat(np.arange(n, n + n_nonmember), k_nm)
    span = int(m["window_end"] - m["start"]) // DAY + 1
    tnm = m["start"] + rng.integers(0, span, size=len(onm)) * DAY
    tnm = tnm + _time_of_day(rng, len(onm), HOUR_WEIGHTS)

    user = np.concatenate([user, ow, onm])
    ts = np.concatenate([ts, tw, tnm])
    role = np.concatenate([role, np.full(len(ow), 3, np.int8), np.full(len(onm), 4, np.int8)])
    order = np.lexsort((user, ts))  # export order: by time (then user, for a stable order)
    user, ts, role = user[order], ts[order], role[order]
    total = len(user)

    member = user < n
    mu = np.where(member, user, 0)
    in_first_week = member & (ts >= join_day_start[mu]) & (ts < join_day_start[mu] + 7 * DAY)
    welfare = role == 3
    first = role == 0

    pw = np.array([p[2] for p in PRODUCTS])
    product = rng.choice(len(PRODUCTS), size=total, p=pw / pw.sum())
    product = np.where(welfare, len(PRODUCTS) + rng.integers(0, 3, size=total), product)
    quantity = rng.choice([1, 2, 3, 4], size=total, p=[0.72, 0.18, 0.07, 0.03])
    quantity = np.where(welfare, 1, quantity)
    price = np.array([p[1] for p in PRODUCTS] + [0] * len(WELFARE_PRODUCTS))[product]
    gross = price * quantity

    campaign = np.full(total, C_NONE, dtype=np.int64)
    u = rng.random(total)
    campaign = np.where(u < 0.15, C_FLASH, np.where(u < 0.23, C_MEMBER_DAY, campaign))
    coupon = np.where(member, m["coupon"][mu], 0)
    campaign = np.where(first & (coupon > 0), C_COUPON, campaign)
    invited = member & (m["inviter"][mu] >= 0)
    campaign = np.where(first & invited & (rng.random(total) < 0.6), C_FISSION, campaign)
    campaign = np.where(in_first_week & m["programme"][mu], C_7DAY, campaign)
    campaign = np.where(role == 1, C_7DAY, campaign)
    campaign = np.where(role == 4, C_NONE, campaign)
    campaign = np.where(welfare, C_WELFARE, campaign)

    rate = np.where(campaign == C_FLASH, 0.3, 0.0)
    rate = np.where(first & (campaign == C_COUPON), 0.1 * coupon, rate)
    rate = np.where(campaign == C_MEMBER_DAY, 0.1, rate)
    rate = np.where((campaign == C_NONE) & (rng.random(total) < 0.08), 0.1, rate)
    discount = np.round(gross * rate).astype(np.int64)
    amount = gross - discount

    # Refunds ~4%; an order left unpaid (cancelled) is rarer the deeper its discount, so a
    # deeper coupon converts a placed order a bit more often (≈ 1.2 points per 10%).
    s = rng.random(total)
    status = np.where(s < 0.04, 1, np.where(s < 0.04 + 0.055 - 0.12 * rate, 2, 0))
    status = np.where(welfare, 0, status)

    g = np.where(member, group[mu], -1)
    return {
        "user": user,
        "ts": ts,
        "amount": amount,
        "discount": discount,
        "status": status,
        "quantity": quantity,
        "product": product,
        "group": g,
        "campaign": campaign,
        "buyer": buyer,
    }


def _activity(
    rng: np.random.Generator,
    m: dict[str, np.ndarray],
    group: np.ndarray,
    buyer: np.ndarray,
    activity_scale: float,
    activity_per_member: float | None,
) -> dict[str, np.ndarray]:
    n = m["joined"].shape[0]
    joined, limit = m["joined"], m["limit"]
    horizon = np.maximum(limit - joined, 0) / DAY
    engagement = rng.gamma(0.8, 1 / 0.8, size=n)
    rate = (
        ACTIVITY_BASE
        * engagement
        * np.where(buyer, 1.8, 0.8)
        * np.where(m["programme"], 1.2, 1.0)
        * np.where(group >= 0, 1.0, 0.4)
        * -np.expm1(-horizon / ACTIVITY_MEAN_DAYS)
    )
    if activity_per_member is not None:
        activity_scale = activity_per_member * n / max(rate.sum(), 1e-9)
    na = rng.poisson(rate * activity_scale)
    user = np.repeat(np.arange(n, dtype=np.int32), na)
    total = len(user)
    offset = (_trunc_exp(rng, ACTIVITY_MEAN_DAYS, horizon[user]) * DAY).astype(np.int64)
    j = joined[user]
    day_start = j - (j - m["start"]) % DAY + ((j - m["start"]) % DAY + offset) // DAY * DAY
    ts = _place(rng, day_start, j, limit[user], HOUR_WEIGHTS)
    del offset, day_start, j

    own = group[user]
    g = np.where((own >= 0) & (rng.random(total) < 0.08), 0, own)  # also active in 会员群
    kind_grouped = rng.choice(5, size=total, p=[0.46, 0.22, 0.13, 0.13, 0.06])
    kind_contact = rng.choice(5, size=total, p=[0.0, 0.75, 0.15, 0.0, 0.10])
    kind = np.where(own >= 0, kind_grouped, kind_contact).astype(np.int8)
    order = np.lexsort((user, ts))
    return {"user": user[order], "ts": ts[order], "group": g[order], "kind": kind[order]}


def _tiers(
    rng: np.random.Generator, n: int, o: dict[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Exported tier code per member (-1: not exported), roughly by (lifetime) spend."""
    paid = (o["status"] == 0) & (o["amount"] > 0) & (o["user"] < n)
    spend = np.bincount(o["user"][paid], weights=o["amount"][paid], minlength=n)[:n]
    lifetime = spend * rng.lognormal(np.log(3.0), 0.6, size=n)
    tier = np.searchsorted(np.array(TIER_CUTS_CENTS), lifetime, side="right")
    exported = rng.random(n) < 0.65
    return np.where(exported, tier, -1), spend


def _str_list(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _ts_sql(col: str) -> str:
    return f"strftime(make_timestamp({col} * 1000000), '%Y-%m-%d %H:%M:%S')"


def _money_sql(col: str) -> str:
    return f"({col}::DECIMAL(18,0) * 0.01::DECIMAL(3,2))"


def _id_sql(prefix: str, col: str, width: int, offset: int = 1) -> str:
    return f"'{prefix}' || lpad(({col} + {offset})::VARCHAR, {width}, '0')"


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = [
    "小美",
    "阿芳",
    "晓丽",
    "静",
    "丹丹",
    "娜",
    "敏",
    "俊杰",
    "海燕",
    "红梅",
    "建华",
    "宝妈",
    "花花",
    "甜甜",
    "大壮",
    "悦悦",
]


def _nickname_sql(col: str) -> str:
    """A deterministic Chinese nickname for member index `col` (the same in every table)."""
    return (
        f"substr('{SURNAMES}', ({col} % {len(SURNAMES)})::INTEGER + 1, 1) || "
        f"{_str_list(GIVEN)}[(({col} * 7) // {len(SURNAMES)} % {len(GIVEN)})::INTEGER + 1]"
    )


def _phone_sql(col: str) -> str:
    """A deterministic, well-formed mainland mobile number for member index `col`."""
    return (
        f"'1' || (3 + {col} % 7)::VARCHAR || "
        f"lpad((({col} * 104729 + 7919) % 1000000000)::VARCHAR, 9, '0')"
    )


def _copy(con: duckdb.DuckDBPyConnection, data: dict[str, np.ndarray], select: str, path: Path):
    con.register("t", pa.table({k: pa.array(v) for k, v in data.items()}))
    tmp = path.with_name(path.name + ".tmp")
    con.execute(f"COPY (SELECT {select} FROM t) TO '{tmp}' (FORMAT csv, HEADER true)")
    con.unregister("t")
    tmp.replace(path)


def generate(
    out_dir: Path,
    *,
    members: int = 5000,
    seed: int = 7,
    weeks: int = 12,
    end: dt.date = dt.date(2026, 11, 1),
    orders_scale: float = 1.0,
    activity_scale: float = 1.0,
    orders_per_member: float | None = None,
    activity_per_member: float | None = None,
) -> dict[str, Path]:
    """Write the demo dataset as five UTF-8 CSVs into `out_dir`; returns {table: path}.

    Members join over the `weeks` weeks that end the day before `end` (timestamps are naive
    Asia/Shanghai wall time, `YYYY-MM-DD HH:MM:SS`); the same arguments give byte-identical
    files. Defaults (5,000 members): 6,289 orders, 97,985 activity rows, 25 groups.
    `orders_scale` / `activity_scale` multiply the per-member repurchase and activity rates
    (≈ 1.3 orders and ≈ 20 activity rows per member at 1.0); `orders_per_member` /
    `activity_per_member`, when given, replace them with the scale that hits that target in
    expectation (e.g. 10 and 20 for the 1 M-member benchmark).
    """
    if members < 1 or weeks < 1:
        raise ValueError("members and weeks must be positive")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.Generator(np.random.PCG64(seed))

    m = _members(rng, members, weeks, end)
    gr = _groups(rng, m)
    group = gr["group"]
    o = _orders(rng, m, group, orders_scale, orders_per_member)
    tier, _ = _tiers(rng, members, o)
    n_tags = rng.choice(3, size=members, p=[0.45, 0.40, 0.15])
    tag1 = rng.integers(0, len(TAGS), size=members)
    tag2 = (tag1 + rng.integers(1, len(TAGS), size=members)) % len(TAGS)

    # Staff come from a generator of their own, so every other column stays as it was.
    staff_rng = np.random.Generator(np.random.PCG64([seed, 21]))
    staff = _staff(staff_rng, group, gr["owner"])
    staff_daily = _staff_daily(staff_rng, m, staff, weeks)

    uw = _width(int(np.max(o["user"], initial=members - 1)) + 1, 6)
    gw = _width(len(gr["created"]), 2)
    paths = {t: out_dir / f"{t}.csv" for t in TABLE_FILES}

    con = duckdb.connect(":memory:", config={"threads": 2, "preserve_insertion_order": True})
    try:
        cols = TABLES["groups"].column_names
        kinds = _str_list(["会员群", "福利群", "VIP群", "召回群"])
        _copy(
            con,
            {
                "gi": np.arange(len(gr["created"])),
                "kind": gr["kind"],
                "number": gr["number"],
                "owner": gr["owner"],
                "created": gr["created"],
            },
            f"{_id_sql('G', 'gi', gw)} AS {cols[0]}, "
            f"{kinds}[kind + 1] || CASE WHEN kind = 0 THEN '' ELSE number::VARCHAR END"
            f" AS {cols[1]}, {_str_list(STAFF)}[owner + 1] AS {cols[2]}, {_ts_sql('created')} AS {cols[3]}",
            paths["groups"],
        )

        cols = TABLES["members"].column_names
        _copy(
            con,
            {
                "ui": np.arange(members),
                "joined": m["joined"],
                "channel": m["channel"],
                "grp": group,
                "inviter": m["inviter"],
                "tier": tier,
                "left_at": np.where(m["left"], m["limit"], -1),
                "n_tags": n_tags,
                "tag1": tag1,
                "tag2": tag2,
                "staff": staff,
            },
            f"{_id_sql('U', 'ui', uw)} AS {cols[0]}, {_ts_sql('joined')} AS {cols[1]}, "
            f"{_str_list([c[0] for c in CHANNELS])}[channel + 1] AS {cols[2]}, "
            f"CASE WHEN grp >= 0 THEN {_id_sql('G', 'grp', gw)} END AS {cols[3]}, "
            f"CASE WHEN inviter >= 0 THEN {_id_sql('U', 'inviter', uw)} END AS {cols[4]}, "
            f"CASE WHEN tier >= 0 THEN {_str_list(TIERS)}[tier + 1] END AS {cols[5]}, "
            f"CASE WHEN left_at >= 0 THEN {_ts_sql('left_at')} END AS {cols[6]}, "
            f"CASE n_tags WHEN 0 THEN NULL WHEN 1 THEN {_str_list(TAGS)}[tag1 + 1] "
            f"ELSE {_str_list(TAGS)}[tag1 + 1] || ';' || {_str_list(TAGS)}[tag2 + 1] END"
            f" AS {cols[7]}, {_nickname_sql('ui')} AS {cols[8]}, {_phone_sql('ui')} AS {cols[9]}, "
            f"{_str_list(STAFF)}[staff + 1] AS {cols[10]}",
            paths["members"],
        )

        cols = TABLES["staff_daily"].column_names
        _copy(
            con,
            staff_daily,
            f"strftime(make_timestamp(day * 1000000), '%Y-%m-%d') AS {cols[0]}, "
            f"{_str_list(STAFF)}[staff + 1] AS {cols[1]}, chats AS {cols[2]}, "
            f"messages AS {cols[3]}, CASE WHEN chats > 0 THEN round(reply, 4) END AS {cols[4]}, "
            f"CASE WHEN chats > 0 THEN round(reply_minutes, 1) END AS {cols[5]}, "
            f"new_contacts AS {cols[6]}, lost_contacts AS {cols[7]}",
            paths["staff_daily"],
        )

        cols = TABLES["orders"].column_names
        n_orders = len(o["user"])
        products = _str_list([p[0] for p in PRODUCTS] + list(WELFARE_PRODUCTS))
        _copy(
            con,
            {
                "oi": np.arange(n_orders),
                "ui": o["user"],
                "ts": o["ts"],
                "amount": o["amount"],
                "status": o["status"],
                "quantity": o["quantity"],
                "product": o["product"],
                "grp": o["group"],
                "campaign": o["campaign"],
                "discount": o["discount"],
            },
            f"{_id_sql('O', 'oi', _width(n_orders, 7))} AS {cols[0]}, "
            f"{_id_sql('U', 'ui', uw)} AS {cols[1]}, {_ts_sql('ts')} AS {cols[2]}, "
            f"{_money_sql('amount')} AS {cols[3]}, {_str_list(STATUSES)}[status + 1] AS {cols[4]},"
            f" quantity AS {cols[5]}, {products}[product + 1] AS {cols[6]}, "
            f"CASE WHEN grp >= 0 THEN {_id_sql('G', 'grp', gw)} END AS {cols[7]}, "
            f"nullif({_str_list(CAMPAIGNS)}[campaign + 1], '') AS {cols[8]}, "
            f"{_money_sql('discount')} AS {cols[9]}, {_nickname_sql('ui')} AS {cols[10]}, "
            f"NULL AS {cols[11]}",
            paths["orders"],
        )
        buyer = o["buyer"]
        del o

        a = _activity(rng, m, group, buyer, activity_scale, activity_per_member)
        cols = TABLES["activity"].column_names
        _copy(
            con,
            {"ui": a["user"], "ts": a["ts"], "grp": a["group"], "kind": a["kind"]},
            f"{_id_sql('U', 'ui', uw)} AS {cols[0]}, {_ts_sql('ts')} AS {cols[1]}, "
            f"CASE WHEN grp >= 0 THEN {_id_sql('G', 'grp', gw)} END AS {cols[2]}, "
            f"{_str_list(KINDS)}[kind + 1] AS {cols[3]}",
            paths["activity"],
        )
    finally:
        con.close()
    return paths


# 有赞 商品明细导出 (one row per item): the header of the export, and the order states it writes.
YOUZAN_ITEM_HEADERS = (
    "订单号",
    "订单创建时间",
    "买家付款时间",
    "订单状态",
    "买家昵称",
    "买家手机号",
    "商品名称",
    "商品规格",
    "商品单价",
    "商品数量",
    "商品实际成交金额",
    "订单实付金额",
    "商品退款状态",
)
YOUZAN_STATES = ("交易成功", "已退款", "交易关闭")
SPECS = ("标准装", "家庭装", "礼盒装")


def youzan_items(
    path: Path,
    *,
    members: int = 5000,
    seed: int = 7,
    weeks: int = 12,
    end: dt.date = dt.date(2026, 11, 1),
) -> tuple[int, int]:
    """Write the demo's orders as a 有赞 item-level export (商品明细, one row per item, GB18030
    like 有赞's CSVs) to `path`; returns (orders, item rows).

    The orders are the demo's (`generate` with the same arguments: same buyers, times,
    states, first product); about 40% of them get one or two more products, priced like the
    first with the order's discount rate, so an order holds several items. Each row repeats
    the order's columns and 订单实付金额 (the sum of its items' 商品实际成交金额). Buyers are
    told apart by 买家手机号 (a made-up mobile number per buyer), as in a real export. The same
    arguments give byte-identical files. Import it with `python -m siyu import PATH
    --dataset NAME`: the 有赞 preset keeps the rows as order lines.
    """
    if members < 1 or weeks < 1:
        raise ValueError("members and weeks must be positive")
    rng = np.random.Generator(np.random.PCG64(seed))
    m = _members(rng, members, weeks, end)
    gr = _groups(rng, m)
    o = _orders(rng, m, gr["group"], 1.0, None)
    n = len(o["user"])
    extra_rng = np.random.Generator(np.random.PCG64([seed, 2]))  # the demo's draws stay as they are
    welfare = o["campaign"] == C_WELFARE
    extra = np.where(welfare, 0, extra_rng.choice(3, size=n, p=[0.6, 0.3, 0.1]))
    lines = 1 + extra
    order = np.repeat(np.arange(n), lines)
    first = np.r_[0, np.cumsum(lines)[:-1]]
    item_no = np.arange(len(order)) - first[order]
    prices = np.array([p[1] for p in PRODUCTS] + [0] * len(WELFARE_PRODUCTS))
    shift = extra_rng.integers(1, len(PRODUCTS), size=len(order))
    product = np.where(
        item_no == 0, o["product"][order], (o["product"][order] + shift * item_no) % len(PRODUCTS)
    )
    quantity = np.where(
        item_no == 0,
        o["quantity"][order],
        extra_rng.choice([1, 2, 3], size=len(order), p=[0.75, 0.2, 0.05]),
    )
    gross0 = prices[o["product"]] * o["quantity"]
    rate = np.where(gross0 > 0, o["discount"] / np.maximum(gross0, 1), 0.0)
    paid = np.where(
        item_no == 0,
        o["amount"][order],
        np.round(prices[product] * quantity * (1 - rate[order])).astype(np.int64),
    )
    total = np.bincount(order, weights=paid, minlength=n).astype(np.int64)
    spec = extra_rng.integers(0, len(SPECS), size=len(order))
    names = [p[0] for p in PRODUCTS] + list(WELFARE_PRODUCTS)
    con = duckdb.connect(":memory:", config={"threads": 2, "preserve_insertion_order": True})
    try:
        con.register(
            "t",
            pa.table(
                {
                    "o": order,
                    "ui": o["user"][order],
                    "ts": o["ts"][order],
                    "status": o["status"][order],
                    "product": product,
                    "spec": spec,
                    "price": prices[product],
                    "quantity": quantity,
                    "paid": paid,
                    "total": total[order],
                }
            ),
        )
        rows = con.execute(
            f"select 'E' || strftime(make_timestamp(ts * 1000000), '%Y%m%d') "
            f"|| lpad((o + 1)::varchar, 7, '0'), {_ts_sql('ts')}, "
            f"case when status = 2 then '' else {_ts_sql('(ts + 30 + o % 90)')} end, "
            f"{_str_list(YOUZAN_STATES)}[status + 1], {_nickname_sql('ui')}, "
            f"{_phone_sql('ui')}, {_str_list(names)}[product + 1], "
            f"{_str_list(SPECS)}[spec + 1], {_money_sql('price')}::varchar, quantity, "
            f"{_money_sql('paid')}::varchar, {_money_sql('total')}::varchar, "
            f"case when status = 1 then '退款成功' else '无退款' end from t"
        ).fetchall()
    finally:
        con.close()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="gb18030", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(YOUZAN_ITEM_HEADERS)
        writer.writerows(rows)
    tmp.replace(path)
    return n, len(rows)


__all__ = ["generate", "youzan_items"]
