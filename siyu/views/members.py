"""The Members page's words and tables: tier, segment and layer names, the actions and groups
that go with them, column headings, and the member lists with their values."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from siyu import fmt
from siyu.metrics.clv import add_values

T = Callable[..., str]

# The rule's tiers (and `new`, not yet one of the people) as the reader names them; other
# exported tier names read as exported.
TIER_LABELS: dict[str, str] = {
    "普通会员": "members.tier.regular",
    "银卡": "members.tier.silver",
    "金卡": "members.tier.gold",
    "钻石卡": "members.tier.diamond",
    "new": "members.tier.new",
}
THRESHOLDS: dict[str, str] = {"t1": "members.t1", "t2": "members.t2", "t3": "members.t3"}
SOURCES: dict[str, str] = {
    "exported": "members.tier_source.exported",
    "rule": "members.tier_source.rule",
}
SPLITS: dict[str, str] = {
    "mean": "members.split.mean",
    "median": "members.split.median",
}
SEGMENTS: dict[str, str] = {
    "important_value": "members.segment.important_value",
    "important_develop": "members.segment.important_develop",
    "important_keep": "members.segment.important_keep",
    "important_retain": "members.segment.important_retain",
    "general_value": "members.segment.general_value",
    "general_develop": "members.segment.general_develop",
    "general_keep": "members.segment.general_keep",
    "general_retain": "members.segment.general_retain",
}
ACTIONS: dict[str, str] = {
    "important_value": "members.action.important_value",
    "important_develop": "members.action.important_develop",
    "important_keep": "members.action.important_keep",
    "important_retain": "members.action.important_retain",
    "general_value": "members.action.general_value",
    "general_develop": "members.action.general_develop",
    "general_keep": "members.action.general_keep",
    "general_retain": "members.action.general_retain",
}
LAYERS: dict[str, str] = {
    "potential": "members.layer.potential",
    "active": "members.layer.active",
    "high_value": "members.layer.high_value",
    "dormant": "members.layer.dormant",
}
LAYER_HELP: dict[str, str] = {
    "potential": "members.layer.potential.help",
    "active": "members.layer.active.help",
    "high_value": "members.layer.high_value.help",
    "dormant": "members.layer.dormant.help",
}
LAYER_GROUPS: dict[str, str] = {
    "potential": "members.group.potential",
    "active": "members.group.active",
    "high_value": "members.group.high_value",
    "dormant": "members.group.dormant",
}
COLUMNS: dict[str, str] = {
    "tier": "members.col.tier",
    "members": "members.col.members",
    "gmv": "members.col.gmv",
    "gmv_share": "members.col.gmv_share",
    "orders_per_member": "members.col.orders_per_member",
    "repurchase_rate": "members.col.repurchase_rate",
    "segment": "members.col.segment",
    "customers": "members.col.customers",
    "mean_recency": "members.col.mean_recency",
    "mean_frequency": "members.col.mean_frequency",
    "mean_monetary": "members.col.mean_monetary",
    "action": "members.col.action",
    "user_id": "members.col.user_id",
    "recency": "members.col.recency",
    "frequency": "members.col.frequency",
    "monetary": "members.col.monetary",
    "r_high": "members.col.r_high",
    "f_high": "members.col.f_high",
    "m_high": "members.col.m_high",
    "nickname": "members.col.nickname",
    "phone": "members.col.phone",
    "layer": "members.col.layer",
    "last_order_day": "members.col.last_order_day",
    "last_activity_day": "members.col.last_activity_day",
    "p_alive": "members.col.p_alive",
    "clv": "members.col.clv",
}
# How the numeric columns of each table read (siyu.fmt; downloads keep every digit).
TIER_KINDS = {
    "gmv": "money",
    "gmv_share": "rate",
    "repurchase_rate": "rate",
    "orders_per_member": "number",
}
SEGMENT_KINDS = {
    "gmv": "money",
    "mean_monetary": "money",
    "gmv_share": "rate",
    "mean_recency": "number",
    "mean_frequency": "number",
}
RFM_PEOPLE_KINDS = {"monetary": "money", "clv": "money", "p_alive": "rate"}
LAYER_PEOPLE_KINDS = {"clv": "money", "p_alive": "rate"}


def tier_label(t: T, tier: str) -> str:
    """A tier as the reader names it; an exported name of the user's own as it is."""
    return t(TIER_LABELS[tier]) if tier in TIER_LABELS else tier


def tier_labels(t: T) -> dict[str, str]:
    """Every named tier (and `new`) in the reader's words, for the Sankey's nodes."""
    return {tier: t(key) for tier, key in TIER_LABELS.items()}


def rfm_words(t: T, splits: pd.Series, split: str) -> dict[str, Any]:
    """The values the RFM flags split against, as the caption states them."""
    return {
        "split": t(SPLITS[split]),
        "buyers": fmt.show("count", splits["buyers"]),
        "r": f"{splits['recency']:.2f}",
        "f": f"{splits['frequency']:.2f}",
        "m": f"{splits['monetary']:,.2f}",
    }


def named_segments(t: T, segments: pd.DataFrame) -> pd.DataFrame:
    """`rfm` with each segment's name and the action that goes with it."""
    return segments.assign(
        segment=[t(SEGMENTS[k]) for k in segments["segment"]],
        action=[t(ACTIONS[k]) for k in segments["segment"]],
    )


def rfm_people(t: T, people: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """`rfm_members` with each buyer's P(alive) and CLV (`clv_values`) and segment names."""
    people = add_values(people, values)
    return people.assign(segment=people["segment"].map(lambda k: t(SEGMENTS[k])))


def layer_people(t: T, people: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """`layer_members` with values (`clv_values`) and layer, tier and segment names."""
    people = add_values(people, values)
    return people.assign(
        layer=people["layer"].map(lambda k: t(LAYERS[k])),
        tier=people["tier"].map(lambda tier: tier_label(t, tier)),
        segment=people["segment"].map(lambda k: t(SEGMENTS[k]) if isinstance(k, str) else None),
    )
