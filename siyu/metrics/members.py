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
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd

from siyu.db import Source
from siyu.metrics.base import Date, check_period, count, money, rate, ratio
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
TIER_SOURCES: tuple[str, ...] = ("exported", "rule")

SPLITS: tuple[str, ...] = ("mean", "median")
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
# The operators' Chinese names (also in the translation table as members.segment.<key>).
SEGMENT_NAMES: dict[str, str] = {
    "important_value": "重要价值",
    "important_develop": "重要发展",
    "important_keep": "重要保持",
    "important_retain": "重要挽留",
    "general_value": "一般价值",
    "general_develop": "一般发展",
    "general_keep": "一般保持",
    "general_retain": "一般挽留",
}

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


def _take(options: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(options) - set(allowed)
    if unknown:
        # TypeError, like an unexpected keyword: the CLI reports it as a bad --set
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
    return options


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


def _tier_params(source: Source, options: dict[str, Any]) -> dict[str, Any]:
    tier_source = options.get("source") or "exported"
    if tier_source not in TIER_SOURCES:
        raise ValueError(f"source must be one of {TIER_SOURCES}, not {tier_source!r}")
    t1, t2, t3 = thresholds(options.get("t1"), options.get("t2"), options.get("t3"))
    return {
        "t1": t1,
        "t2": t2,
        "t3": t3,
        "use_exported": tier_source == "exported",
        "with_members": source.has("members"),
    }


def _split(options: dict[str, Any]) -> str:
    split = options.get("split") or "mean"
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    return split


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


# -- tiers ---------------------------------------------------------------------------------


def tiers(source: Source, /, start: Date, end: Date, **options: Any) -> pd.DataFrame:
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
    options = _take(dict(options), ("source", "t1", "t2", "t3"))
    as_of = analysis_day(start, end)
    df = source.query("members_tiers", as_of=as_of, **_tier_params(source, options))
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


def tier_movement(source: Source, /, start: Date, end: Date, **options: Any) -> pd.DataFrame:
    """How people moved between rule tiers from `start` to `end + 1` (a Sankey's links).

    A person's tier at a day d is the rule tier by their paid amount over days d - 365 …
    d - 1 (exported tiers are not used: they hold one day only). Everyone who is one of the
    people at `end + 1` is counted once; those who were not yet (joined, or without a members
    table first ordered, on or after `start`) come from `new`. Options: `t1`, `t2`, `t3`.

    Columns: from_tier (new or a tier), to_tier, members; only pairs that hold people, in tier
    order.
    """
    options = _take(dict(options), ("t1", "t2", "t3"))
    to_day = analysis_day(start, end)
    t1, t2, t3 = thresholds(options.get("t1"), options.get("t2"), options.get("t3"))
    df = source.query(
        "members_tier_movement",
        from_day=start,
        to_day=to_day,
        t1=t1,
        t2=t2,
        t3=t3,
        with_members=source.has("members"),
    ).sort_values(["from_order", "to_order"], ignore_index=True)
    out = pd.DataFrame(
        {
            "from_tier": df["from_tier"].astype(object),
            "to_tier": df["to_tier"].astype(object),
            "members": df["members"].astype("int64"),
        }
    )
    return out


# -- RFM -----------------------------------------------------------------------------------


def _rfm_segments(source: Source, start: Date, end: Date, options: dict[str, Any]) -> pd.DataFrame:
    options = _take(dict(options), ("split",))
    df = source.query(
        "members_rfm_segments", as_of=analysis_day(start, end), rfm_split=_split(options)
    )
    return df.sort_values("segment_order", ignore_index=True)


def rfm(source: Source, /, start: Date, end: Date, **options: Any) -> pd.DataFrame:
    """The eight RFM segments of every buyer as of `end + 1`. Option `split` = mean | median.

    R = days from the last paid order's day to as_of, F = paid orders, M = paid amount, over
    all paid orders before as_of. F and M are high when strictly above the split value (the
    mean or median over all buyers), R when strictly below it (bought recently).

    Columns: segment (the eight keys, always, in order), customers, gmv (their M summed),
    gmv_share (of all buyers' M; None without buyers), mean_recency, mean_frequency (floats),
    mean_monetary (2 places); the means are None for an empty segment.
    """
    df = _rfm_segments(source, start, end, options)
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


def rfm_splits(source: Source, /, start: Date, end: Date, **options: Any) -> pd.DataFrame:
    """The values the RFM flags split against, so an operator can check them by hand.

    One row: split (mean or median), buyers, recency, frequency (floats), monetary (2 places);
    the values are None without buyers.
    """
    split = _split(dict(options))
    df = _rfm_segments(source, start, end, options)
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


def rfm_members(source: Source, /, start: Date, end: Date, **options: Any) -> pd.DataFrame:
    """R, F, M, the three flags and the segment of every buyer as of `end + 1`, by user_id.

    Options: `split` = mean | median; `segment` = a segment key to list only its buyers;
    `personal` = true to add `nickname` (masked) and `phone` (stored masked) for display.

    Columns: user_id, recency, frequency, monetary, r_high, f_high, m_high, segment
    [, nickname, phone].
    """
    options = _take(dict(options), ("split", "segment", "personal"))
    segment = options.get("segment") or ""
    if segment and segment not in SEGMENTS:
        raise ValueError(f"segment must be one of {SEGMENTS}, not {segment!r}")
    personal = _truthy(options.get("personal", False))
    df = source.query(
        "members_rfm",
        as_of=analysis_day(start, end),
        rfm_split=_split(options),
        rfm_segment=segment,
        personal=personal,
    ).sort_values("user_id", ignore_index=True)
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
        out["nickname"] = df["nickname"]
        out["phone"] = df["phone"]
        out = _masked(out)
    return out


# -- layers --------------------------------------------------------------------------------


def _layer_params(source: Source, start: Date, end: Date, options: dict[str, Any]) -> dict:
    days = int(options.get("days") or LAYER_DAYS)
    if days < 1:
        raise ValueError("days must be >= 1")
    return {
        "as_of": analysis_day(start, end),
        "layer_days": days,
        "rfm_split": _split(options),
        **_tier_params(source, options),
    }


_LAYER_OPTIONS = ("source", "t1", "t2", "t3", "split", "days")


def layers(source: Source, /, start: Date, end: Date, **options: Any) -> pd.DataFrame:
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
    options = _take(dict(options), _LAYER_OPTIONS)
    r = source.query("members_layers", **_layer_params(source, start, end, options)).iloc[0]
    values = {layer: count(r[layer]) for layer in LAYERS}
    if not source.has("members"):
        values["potential"] = None
    return pd.DataFrame(
        {"layer": list(LAYERS), "members": pd.Series([values[k] for k in LAYERS], dtype=object)}
    )


def layer_members(source: Source, /, start: Date, end: Date, **options: Any) -> pd.DataFrame:
    """The people behind `layers`, one row per person and layer, by layer then user_id.

    Options: those of `layers`, and `layer` = a layer key to list only its people.

    Columns: layer, user_id, tier, segment (None for a non-buyer), last_order_day,
    last_activity_day (dates or None), nickname (masked), phone (stored masked).
    """
    options = _take(dict(options), (*_LAYER_OPTIONS, "layer"))
    layer = options.get("layer") or ""
    if layer and layer not in LAYERS:
        raise ValueError(f"layer must be one of {LAYERS}, not {layer!r}")
    # sorted by layer_order, user_id in SQL (a million rows sort faster there)
    df = source.query(
        "members_layer_members", layer=layer, **_layer_params(source, start, end, options)
    )
    out = pd.DataFrame(
        {
            "layer": df["layer"].astype(object),
            "user_id": df["user_id"].astype(object),
            "tier": df["tier"].astype(object),
            "segment": _text(df["segment"]),
            "last_order_day": _dates(df["last_order_day"]),
            "last_activity_day": _dates(df["last_activity_day"]),
            "nickname": df["nickname"],
            "phone": df["phone"],
        }
    )
    return _masked(out)


def _dates(values: pd.Series) -> pd.Series:
    """A date column as `datetime.date` objects, None where empty."""
    return _text(pd.to_datetime(values).dt.date)


def _text(values: pd.Series) -> pd.Series:
    """A text column as Python objects, None where empty (not NaN)."""
    out = values.astype(object)
    return out.where(out.notna(), None)


def _masked(frame: pd.DataFrame) -> pd.DataFrame:
    out = mask_frame(frame)
    for col in ("nickname", "phone"):
        out[col] = _text(out[col])
    return out


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series([r[c] for r in rows], dtype=object) for c in columns},
        columns=list(columns),
    )


for _fn in (tiers, tier_movement, rfm, rfm_splits, rfm_members, layers, layer_members):
    _fn.requires = ("orders",)  # type: ignore[attr-defined]

METRICS: dict[str, Callable[..., pd.DataFrame]] = {
    "tiers": tiers,
    "tier_movement": tier_movement,
    "rfm": rfm,
    "rfm_splits": rfm_splits,
    "rfm_members": rfm_members,
    "layers": layers,
    "layer_members": layer_members,
}
