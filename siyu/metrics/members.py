"""Members metrics (会员分层): membership tiers, RFM segments and operating layers (SPEC §4).

These are "as of" metrics: they describe everyone on one analysis day, not a period. Like
every metric they take a period [start, end] (the CLI's `--start/--end`, the page's period
filter), and read it so:

- the analysis day `as_of` is `end + 1 day`: everything on or before `end` counts, nothing
  after it. With the default period (ending on the last day of data) this is the dataset's
  own `as_of`, the day after its latest order;
- `start` is used only by `tier_movement`, which compares each person's tier at `start`
  (the beginning of the period) with their tier at `end + 1` (its close); every other metric
  here ignores it.

A person's rule tier "at" a day d is set by their paid amount over the 365 days before d
(days d - 365 … d - 1): 普通会员 < t1 ≤ 银卡 < t2 ≤ 金卡 < t3 ≤ 钻石卡 (defaults 500 / 2000 /
5000 yuan). An exported tier (members.tier, trimmed, non-empty) stands for the member's tier on
any day; `tier_movement` uses the rule only, since an export is a snapshot of one day.

People: members who joined before `as_of` (the layers also drop those who left before it);
without a members table, every user with an order of any status before `as_of`. RFM covers
every buyer (member or not) with a paid order before `as_of`.

Value conventions as `siyu.metrics.base`: counts int, amounts float of 2 places, rates and
means unrounded floats, None when undefined. Nicknames leave this module masked
(`siyu.privacy`); phones are stored masked.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, get_args

import numpy as np
import pandas as pd

from siyu.db import Source
from siyu.metrics.base import Date, check_period, count, day, member_tag, money, rate, ratio
from siyu.metrics.registry import metric
from siyu.privacy import mask_frame

TIERS: tuple[str, ...] = ("普通会员", "银卡", "金卡", "钻石卡")
HIGH_TIERS: tuple[str, ...] = ("金卡", "钻石卡")
NEW_TIER = "new"  # tier_movement: not yet one of the people on the first day
# Translation key suffix of each tier name (members.tier.<suffix>); other exported names are
# shown as exported.
TIER_KEYS: dict[str, str] = {
    "普通会员": "regular",
    "银卡": "silver",
    "金卡": "gold",
    "钻石卡": "diamond",
    NEW_TIER: "new",
}
DEFAULT_THRESHOLDS: tuple[int, int, int] = (500, 2000, 5000)
TIER_WINDOW_DAYS = 365
TierSource = Literal["exported", "rule"]
TIER_SOURCES: tuple[str, ...] = get_args(TierSource)

Split = Literal["mean", "median"]
SPLITS: tuple[str, ...] = get_args(Split)
# Segment key -> (R high, F high, M high), in display order (SPEC §4).
SEGMENT_FLAGS: dict[str, tuple[bool, bool, bool]] = {
    "important_value": (True, True, True),
    "important_develop": (True, False, True),
    "important_keep": (False, True, True),
    "important_retain": (False, False, True),
    "general_value": (True, True, False),
    "general_develop": (True, False, False),
    "general_keep": (False, True, False),
    "general_retain": (False, False, False),
}
SEGMENTS: tuple[str, ...] = tuple(SEGMENT_FLAGS)
LAYERS: tuple[str, ...] = ("potential", "active", "high_value", "dormant")
# The group type operators give each layer (SPEC §4).
LAYER_GROUPS: dict[str, str] = {
    "potential": "福利群",
    "active": "会员群",
    "high_value": "VIP群",
    "dormant": "召回群",
}
LAYER_DAYS = 30


# -- options -------------------------------------------------------------------------------


def analysis_day(start: Date, end: Date) -> Date:
    """The `as_of` of a period: the day after its last day."""
    check_period(start, end)
    return end + dt.timedelta(days=1)


def thresholds(t1: Any = None, t2: Any = None, t3: Any = None) -> tuple[Decimal, Decimal, Decimal]:
    """The tier thresholds in yuan (defaults 500 / 2000 / 5000), checked 0 <= t1 <= t2 <= t3."""
    values = []
    for given, default in zip((t1, t2, t3), DEFAULT_THRESHOLDS, strict=True):
        raw = default if given is None or given == "" else given
        try:
            value = Decimal(str(raw)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            raise ValueError(f"tier threshold must be a number, not {raw!r}") from None
        values.append(value)
    if values[0] < 0 or not values[0] <= values[1] <= values[2]:
        raise ValueError("tier thresholds must satisfy 0 <= t1 <= t2 <= t3")
    return values[0], values[1], values[2]


def _tier_params(
    source: Source, tier_source: str | None, t1: Any, t2: Any, t3: Any
) -> dict[str, Any]:
    tier_source = tier_source or "exported"
    if tier_source not in TIER_SOURCES:
        raise ValueError(f"source must be one of {TIER_SOURCES}, not {tier_source!r}")
    t1, t2, t3 = thresholds(t1, t2, t3)
    return {
        "t1": t1,
        "t2": t2,
        "t3": t3,
        "use_exported": tier_source == "exported",
        "with_members": source.has("members"),
    }


def _split(split: str | None) -> str:
    split = split or "mean"
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    return split


# The days of `_coverage` by the built files they were read from: a built base file never
# changes (its name carries a fingerprint of its content), so neither do they.
_COVERAGE: dict[tuple[str, ...], tuple[Date | None, Date | None, Date | None]] = {}


def _coverage(source: Source) -> tuple[Date | None, Date | None, Date | None]:
    """The first and last paid-order day and the last activity day of the whole data."""
    built = tuple(str(source.base.get(m, "")) for m in ("person_facts", "person_activity"))
    if all(built) and built in _COVERAGE:
        return _COVERAGE[built]
    r = source.query("members_coverage").iloc[0]
    days = (day(r["first_paid_day"]), day(r["last_paid_day"]), day(r["last_activity_day"]))
    if all(built):
        if len(_COVERAGE) >= 256:
            _COVERAGE.clear()
        _COVERAGE[built] = days
    return days


def _covered(source: Source, as_of: Date) -> dict[str, bool]:
    """Which whole-data base facts answer a question as of `as_of` (the queries' switches).

    `orders`: every paid order lies before `as_of`, so person_facts holds each buyer's paid
    orders before it; `tier_window`: so too, and the tier window (the 365 days before
    `as_of`) reaches back over the first paid order; `activity`: every activity lies before
    `as_of`, so person_activity holds each person's activity before it. Where one is False
    the queries sum the person_days before `as_of` instead: the same numbers, more rows read.
    """
    first_paid, last_paid, last_activity = _coverage(source)
    orders = last_paid is None or as_of > last_paid
    window_start = as_of - dt.timedelta(days=TIER_WINDOW_DAYS)
    return {
        "orders": orders,
        "tier_window": orders and (first_paid is None or window_start <= first_paid),
        "activity": last_activity is None or as_of > last_activity,
    }


# -- tiers ---------------------------------------------------------------------------------


# The first argument is `data`, not `source`: `source` is the option naming where tiers come
# from (as the CLI's `--set source=rule` has always spelt it).
@metric(
    requires=("orders",),
    columns=("tier", "members", "gmv", "gmv_share", "orders_per_member", "repurchase_rate"),
)
def tiers(
    data: Source,
    /,
    start: Date,
    end: Date,
    *,
    source: TierSource | None = None,
    t1: float | None = None,
    t2: float | None = None,
    t3: float | None = None,
) -> pd.DataFrame:
    """People per tier as of `end + 1`, with their spend over the 365 days before it.

    Options: `source` = exported (default: a member's exported tier where present, else the
    rule) or rule; thresholds `t1`, `t2`, `t3` in yuan (500 / 2000 / 5000).

    Columns: tier (普通会员, 银卡, 金卡, 钻石卡 always, then other exported names), members
    (people in the tier), gmv (their paid amount in the window), gmv_share (of the paid amount
    of all people in the window; None when it is 0), orders_per_member (paid orders in the
    window / people in the tier, people without orders included; None for an empty tier),
    repurchase_rate (people with >= 2 paid orders in the window / those with >= 1; None
    without buyers).
    """
    as_of = analysis_day(start, end)
    df = data.query(
        "members_tiers",
        as_of=as_of,
        whole_data=_covered(data, as_of)["tier_window"],
        **_tier_params(data, source, t1, t2, t3),
    )
    df = df.sort_values(["tier_order", "tier"], ignore_index=True)
    rows = []
    for r in df.itertuples(index=False):
        gmv = money(r.gmv) or 0.0
        rows.append(
            {
                "tier": r.tier,
                "members": count(r.members),
                "gmv": gmv,
                "gmv_share": ratio(Decimal(str(r.gmv)), Decimal(str(r.total_gmv))),
                "orders_per_member": ratio(count(r.paid_orders), count(r.members)),
                "repurchase_rate": ratio(count(r.repeat_buyers), count(r.buyers)),
            }
        )
    return _frame(
        rows, ("tier", "members", "gmv", "gmv_share", "orders_per_member", "repurchase_rate")
    )


@metric(requires=("orders",), columns=("from_tier", "to_tier", "members"))
def tier_movement(
    data: Source,
    /,
    start: Date,
    end: Date,
    *,
    source: TierSource | None = None,
    t1: float | None = None,
    t2: float | None = None,
    t3: float | None = None,
) -> pd.DataFrame:
    """How people moved between tiers from `start` to `end + 1` (a Sankey's links).

    The tiers are those of `tiers` with the same options, so the people per `to_tier` are the
    members per tier of `tiers(data, start, end, **options)`: `source` = exported (default:
    a member's exported tier where present; an export holds one day, so such a member keeps
    that tier on both days) or rule (everyone by the rule: the paid amount over days
    d - 365 … d - 1 gives the tier at day d). Everyone who is one of the people at `end + 1`
    is counted once; those who were not yet (joined, or without a members table first
    ordered, on or after `start`) come from `new`. Options: `source`, `t1`, `t2`, `t3`.

    Columns: from_tier (new or a tier), to_tier, members; only pairs that hold people, in tier
    order (exported names outside the rule after the rule tiers).
    """
    to_day = analysis_day(start, end)
    params = _tier_params(data, source, t1, t2, t3)
    df = data.query(
        "members_tier_movement",
        from_day=start,
        to_day=to_day,
        **params,
        # the tier window of start lies inside that of to_day when that one covers all data
        whole_data=_covered(data, to_day)["tier_window"],
    ).sort_values(["from_order", "from_tier", "to_order", "to_tier"], ignore_index=True)
    out = pd.DataFrame(
        {
            "from_tier": df["from_tier"].astype(object),
            "to_tier": df["to_tier"].astype(object),
            "members": df["members"].astype("int64"),
        }
    )
    return out


# -- RFM -----------------------------------------------------------------------------------


def _rfm(
    source: Source, start: Date, end: Date, *, tag: str | None = None, **params: Any
) -> pd.DataFrame:
    as_of = analysis_day(start, end)
    whole_data = _covered(source, as_of)["orders"]
    return source.query(
        "members_rfm", as_of=as_of, whole_data=whole_data, tag=member_tag(tag), **params
    )


def _rfm_segments(source: Source, start: Date, end: Date, split: str | None) -> pd.DataFrame:
    df = _rfm(
        source,
        start,
        end,
        rfm_split=_split(split),
        rfm_output="segments",
        rfm_segment="",
        personal=False,
    )
    return df.sort_values("segment_order", ignore_index=True)


@metric(
    requires=("orders",),
    columns=(
        "segment",
        "customers",
        "gmv",
        "gmv_share",
        "mean_recency",
        "mean_frequency",
        "mean_monetary",
    ),
)
def rfm(source: Source, start: Date, end: Date, *, split: Split | None = None) -> pd.DataFrame:
    """The eight RFM segments of every buyer as of `end + 1`. Option `split` = mean | median.

    R = days from the last paid order's day to as_of, F = paid orders, M = paid amount, over
    all paid orders before as_of. F and M are high when strictly above the split value (the
    mean or median over all buyers), R when strictly below it (bought recently).

    Columns: segment (the eight keys, always, in order), customers, gmv (their M summed),
    gmv_share (of all buyers' M; None without buyers), mean_recency, mean_frequency (floats),
    mean_monetary (2 places); the means are None for an empty segment.
    """
    df = _rfm_segments(source, start, end, split)
    rows = []
    for r in df.itertuples(index=False):
        rows.append(
            {
                "segment": r.segment,
                "customers": count(r.customers),
                "gmv": money(r.gmv) or 0.0,
                "gmv_share": ratio(Decimal(str(r.gmv)), Decimal(str(r.total_gmv))),
                "mean_recency": rate(r.mean_recency),
                "mean_frequency": rate(r.mean_frequency),
                "mean_monetary": money(r.mean_monetary),
            }
        )
    return _frame(
        rows,
        (
            "segment",
            "customers",
            "gmv",
            "gmv_share",
            "mean_recency",
            "mean_frequency",
            "mean_monetary",
        ),
    )


@metric(requires=("orders",), columns=("split", "buyers", "recency", "frequency", "monetary"))
def rfm_splits(
    source: Source, start: Date, end: Date, *, split: Split | None = None
) -> pd.DataFrame:
    """The values the RFM flags split against, so an operator can check them by hand.

    One row: split (mean or median), buyers, recency, frequency (floats), monetary (2 places);
    the values are None without buyers.
    """
    df = _rfm_segments(source, start, end, split)
    split = _split(split)
    r = df.iloc[0]
    buyers = count(r["buyers"])
    return _frame(
        [
            {
                "split": split,
                "buyers": buyers,
                "recency": rate(r["split_recency"]) if buyers else None,
                "frequency": rate(r["split_frequency"]) if buyers else None,
                "monetary": money(r["split_monetary"]) if buyers else None,
            }
        ],
        ("split", "buyers", "recency", "frequency", "monetary"),
    )


@metric(
    requires=("orders",),
    columns=(
        "user_id",
        "recency",
        "frequency",
        "monetary",
        "r_high",
        "f_high",
        "m_high",
        "segment",
    ),
)
def rfm_members(
    source: Source,
    start: Date,
    end: Date,
    *,
    split: Split | None = None,
    segment: str | None = None,
    personal: bool = False,
    tag: str | None = None,
) -> pd.DataFrame:
    """R, F, M, the three flags and the segment of every buyer as of `end + 1`, by user_id.

    Options: `split` = mean | median; `segment` = a segment key to list only its buyers;
    `personal` = true to add `nickname` (masked) and `phone` (stored masked) for display;
    `tag` = list only the buyers who are members carrying that tag (`members.tags`; the
    splits and segments stay those of all buyers).

    Columns: user_id, recency, frequency, monetary, r_high, f_high, m_high, segment
    [, nickname, phone].
    """
    segment = segment or ""
    if segment and segment not in SEGMENTS:
        raise ValueError(f"segment must be one of {SEGMENTS}, not {segment!r}")
    personal = bool(personal)
    # sorted by user_id in SQL
    df = _rfm(
        source,
        start,
        end,
        rfm_split=_split(split),
        rfm_output="buyers",
        rfm_segment=segment,
        personal=personal,
        tag=tag,
    )
    out = pd.DataFrame(
        {
            "user_id": df["user_id"].astype(object),
            "recency": df["recency"].astype("int64"),
            "frequency": df["frequency"].astype("int64"),
            # exact decimals of 2 places: rounding the float only undoes its binary error
            "monetary": df["monetary"].astype(float).round(2),
            "r_high": df["r_high"].astype(bool),
            "f_high": df["f_high"].astype(bool),
            "m_high": df["m_high"].astype(bool),
            "segment": df["segment"].astype(object),
        }
    )
    if personal:
        for col in ("nickname", "phone"):
            out[col] = pd.Series(_masked_values(df[col]), index=out.index, dtype=object)
    return out


# -- layers --------------------------------------------------------------------------------


def _layer_params(
    source: Source,
    start: Date,
    end: Date,
    *,
    tier_source: str | None,
    t1: Any,
    t2: Any,
    t3: Any,
    split: str | None,
    days: int | None,
) -> dict:
    days = int(days or LAYER_DAYS)
    if days < 1:
        raise ValueError("days must be >= 1")
    as_of = analysis_day(start, end)
    covered = _covered(source, as_of)
    return {
        "as_of": as_of,
        "layer_days": days,
        "rfm_split": _split(split),
        "whole_data": covered["tier_window"],
        "whole_activity": covered["activity"],
        **_tier_params(source, tier_source, t1, t2, t3),
    }


@metric(requires=("orders",), columns=("layer", "members"))
def layers(
    data: Source,
    /,
    start: Date,
    end: Date,
    *,
    source: TierSource | None = None,
    t1: float | None = None,
    t2: float | None = None,
    t3: float | None = None,
    split: Split | None = None,
    days: int | None = None,
) -> pd.DataFrame:
    """People in each operating layer as of `end + 1` (a person may be in several).

    potential: a member with no paid order before as_of (None without a members table);
    active: a paid order in the last `days` days (default 30: as_of - 30 … as_of - 1);
    high_value: tier 金卡 / 钻石卡 (as `tiers`, same options) or RFM segment important_value
    (as `rfm`, option `split`); dormant: no paid order and no activity in the last `days`
    days, and one of the people (joined, or first ordered) on or before the window's first day
    (without an activity table, orders alone decide). Members who left before as_of are in no
    layer. Group types: `LAYER_GROUPS`.

    Columns: layer (potential, active, high_value, dormant), members.
    """
    r = data.query(
        "members_layers",
        layer_output="counts",
        tag=None,
        layer="",
        **_layer_params(
            data, start, end, tier_source=source, t1=t1, t2=t2, t3=t3, split=split, days=days
        ),
    ).iloc[0]
    values = {layer: count(r[layer]) for layer in LAYERS}
    if not data.has("members"):
        values["potential"] = None
    return pd.DataFrame(
        {"layer": list(LAYERS), "members": pd.Series([values[k] for k in LAYERS], dtype=object)}
    )


@metric(
    requires=("orders",),
    columns=(
        "layer",
        "user_id",
        "tier",
        "segment",
        "last_order_day",
        "last_activity_day",
        "nickname",
        "phone",
    ),
)
def layer_members(
    data: Source,
    /,
    start: Date,
    end: Date,
    *,
    source: TierSource | None = None,
    t1: float | None = None,
    t2: float | None = None,
    t3: float | None = None,
    split: Split | None = None,
    days: int | None = None,
    layer: str | None = None,
    tag: str | None = None,
) -> pd.DataFrame:
    """The people behind `layers`, one row per person and layer, by layer then user_id.

    Options: those of `layers`, `layer` = a layer key to list only its people, and `tag` =
    only the members carrying that tag (`members.tags`; the layers stay those of everyone).

    Columns: layer, user_id, tier, segment (None for a non-buyer), last_order_day,
    last_activity_day (dates or None), nickname (masked), phone (stored masked).
    """
    layer = layer or ""
    if layer and layer not in LAYERS:
        raise ValueError(f"layer must be one of {LAYERS}, not {layer!r}")
    # one row per person, sorted by user_id in SQL (a million rows sort faster there); each
    # layer takes its people in that order, so the rows come by layer then user_id, and each
    # person's text is converted and masked once however many layers they are in
    df = data.query(
        "members_layers",
        layer_output="people",
        layer=layer,
        tag=member_tag(tag),
        **_layer_params(
            data, start, end, tier_source=source, t1=t1, t2=t2, t3=t3, split=split, days=days
        ),
    )
    tier = df["tier"].astype(object)
    people = {
        "user_id": df["user_id"].to_numpy(object),
        "tier": tier.where(tier.notna(), df["other_tier"].astype(object)).to_numpy(object),
        "segment": _text(df["segment"]).to_numpy(object),
        "last_order_day": _dates(df["last_order_day"]).to_numpy(object),
        "last_activity_day": _dates(df["last_activity_day"]).to_numpy(object),
        "nickname": _masked_values(df["nickname"]),
        "phone": _masked_values(df["phone"]),
    }
    wanted = (layer,) if layer else LAYERS
    rows = [np.flatnonzero(df[f"is_{key}"].to_numpy(bool)) for key in wanted]
    at = np.concatenate([np.zeros(0, dtype=np.intp), *rows])
    layer_names = np.repeat(np.array(wanted, dtype=object), [len(r) for r in rows])
    columns = {"layer": layer_names} | {k: v[at] for k, v in people.items()}
    return pd.DataFrame(columns, dtype=object, copy=False)


def _dates(values: pd.Series) -> pd.Series:
    """A date column as `datetime.date` objects, None where empty.

    Converted once per distinct day (a million rows hold a few hundred days).
    """
    codes, days = pd.factorize(pd.to_datetime(values))
    objects = np.array([*(d.date() for d in days), None], dtype=object)
    return pd.Series(objects[codes], index=values.index, dtype=object)


def _text(values: pd.Series) -> pd.Series:
    """A text column as Python objects, None where empty (not NaN)."""
    out = values.astype(object)
    return out.where(out.notna(), None)


def _masked_values(column: pd.Series) -> np.ndarray:
    """`_masked` of a nickname or phone column as objects, each distinct value masked once."""
    codes, values = column.factorize()
    masked = _masked(pd.DataFrame({column.name: pd.Series(values, dtype=column.dtype)}))
    return np.append(masked[column.name].to_numpy(object), None)[codes]


def _masked(frame: pd.DataFrame) -> pd.DataFrame:
    out = mask_frame(frame)
    for col in ("nickname", "phone"):
        if col in out:
            out[col] = _text(out[col])
    return out


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series([r[c] for r in rows], dtype=object) for c in columns},
        columns=list(columns),
    )
