"""Leaderboards (排行榜) and fission (裂变) metrics (SPEC §4 "Leaderboards", K-factor row).

Four boards — inviters, buyers, groups, products — each ranked by one of its columns over a
period, with the rank each row held in the previous period of equal length. Ranks follow
SQL `rank()`: ties share a rank (1, 2, 2, 4) and tied rows are listed by id; `top=N` keeps
every row ranked N or better, so a tie at the cut shows all tied rows. `rank_change` is the
previous rank minus the rank, with a sign: `+3` (up three places), `-1`, `0`, or `new` when
the row was not on the previous period's board (whole board, not only its top N).

The fission panel: members brought by invitation against the others per week, the K-factor
(members who joined in the period through an invitation / members in the private domain at
its start), invites per active inviter, the invitation tree of one inviter, and inviters
flagged as suspicious (most of their invitees never act or leave within a day).

Every function takes a `Source` and a period (first and last calendar day, inclusive), runs
`queries/leaderboards_*.sql` and returns a DataFrame; value conventions of `siyu.metrics.base`.
Boards carry personal data only when `names=True` (the page), and then masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from siyu.db import Source
from siyu.metrics.base import (
    Date,
    check_period,
    count,
    day,
    last_data_day,
    member_tag,
    money,
    previous_period,
    rate,
    ratio,
)
from siyu.metrics.registry import metric
from siyu.privacy import mask_name

TOP_CHOICES: tuple[int, ...] = (10, 20, 50, 100)
DEFAULT_TOP = 10
# An invite is effective when the invitee's first order falls on day 0 … 7 after joining.
EFFECTIVE_DAYS = 7
# Suspicious inviter: at least 5 invites in the period, and at least half of those invitees
# hollow (left within 24 hours of joining, or never acted: no activity and no paid order).
# Board columns that follow people over a window (SPEC §4 "Windows and comparisons"): ranked
# by one of them, the previous period is read as it stood n days ago (up to the last day of
# data minus n, n = the period's length), so the previous rank compares people observed as
# long as the current ones; a board ranked by anything else compares the plain periods.
WINDOW_COLUMNS: frozenset[str] = frozenset(
    {"effective_invites", "invite_conversion", "repurchase_rate"}
)
SUSPICIOUS_MIN_INVITES = 5
SUSPICIOUS_HOLLOW_SHARE = 0.5


@dataclass(frozen=True)
class Board:
    query: str
    id: str  # id column, as the CLI prints it
    columns: dict[str, str]  # metric column -> kind (count, money, rate), in display order
    requires: tuple[str, ...]
    people: bool  # rows are people: names are masked
    needs: dict[str, str]  # metric column -> optional table without which it is undefined

    @property
    def default_rank_by(self) -> str:
        return next(iter(self.columns))


BOARDS: dict[str, Board] = {
    "inviters": Board(
        "leaderboards_inviters",
        "user_id",
        {"invites": "count", "effective_invites": "count", "invite_conversion": "rate"},
        requires=("members",),
        people=True,
        needs={"effective_invites": "orders", "invite_conversion": "orders"},
    ),
    "buyers": Board(
        "leaderboards_buyers",
        "user_id",
        {"gmv": "money", "orders": "count"},
        requires=("orders",),
        people=True,
        needs={},
    ),
    "groups": Board(
        "leaderboards_groups",
        "group_id",
        {
            "gmv": "money",
            "buyers": "count",
            "members": "count",
            "daily_active_rate": "rate",
            "repurchase_rate": "rate",
        },
        requires=("orders",),
        people=False,
        needs={"members": "members", "daily_active_rate": "members"},
    ),
    "products": Board(
        "leaderboards_products",
        "product",
        {"units": "count", "gmv": "money", "buyers": "count"},
        requires=("orders",),
        people=False,
        needs={},
    ),
}


# -- helpers -------------------------------------------------------------------------------


def _top(top: Any) -> int | None:
    """`top` as a positive int, or None for every row (None, 0 or 'all')."""
    if top is None or (isinstance(top, str) and top.strip().lower() == "all"):
        return None
    try:
        n = int(top)
    except (TypeError, ValueError):
        raise ValueError(f"top must be a positive number or 'all', not {top!r}") from None
    if n < 0 or n != float(top):
        raise ValueError(f"top must be a positive number or 'all', not {top!r}")
    return n or None


def _rank_column(board: Board, rank_by: str | None, by: str | None) -> str:
    column = rank_by or by or board.default_rank_by
    if column not in board.columns:
        raise ValueError(f"rank_by must be one of {', '.join(board.columns)}, not {column!r}")
    return column


def _convert(kind: str, values: pd.Series) -> pd.Series:
    if kind == "count":
        return values.astype("int64")
    convert = money if kind == "money" else rate
    return pd.Series([convert(v) for v in values], index=values.index, dtype=object)


def _optional_int(values: pd.Series) -> pd.Series:
    return pd.Series(
        [None if pd.isna(v) else int(v) for v in values], index=values.index, dtype=object
    )


def _text(values: pd.Series) -> pd.Series:
    return pd.Series(
        [None if v is None or pd.isna(v) else str(v) for v in values],
        index=values.index,
        dtype=object,
    )


def _board(
    name: str,
    source: Source,
    start: Date,
    end: Date,
    *,
    top: Any,
    rank_by: str | None,
    by: str | None,
    names: bool,
    tag: str | None = None,
    **params: Any,
) -> pd.DataFrame:
    board = BOARDS[name]
    check_period(start, end)
    column = _rank_column(board, rank_by, by)
    top_n = _top(top)
    prev_start, prev_end = previous_period(start, end)
    missing = {c for c, table in board.needs.items() if not source.has(table)}
    last = last_data_day(source) if column in WINDOW_COLUMNS else None
    df = source.query(
        board.query,
        start=start,
        end=end,
        prev_start=prev_start,
        prev_end=prev_end,
        prev_last_day=None if last is None else last - (start - prev_start),
        rank_by=column,
        top=top_n,
        tag=member_tag(tag),
        **params,
    )
    if column in missing:  # ranking by a value the dataset cannot give: no row is ranked
        df = df.iloc[0:0]
    out = pd.DataFrame({"rank": df["rank"].astype("int64"), board.id: _text(df[board.id])})
    if names:
        label = df["nickname" if board.people else "name"] if board.id != "product" else None
        if label is not None:
            masked = label.map(mask_name) if board.people else label
            out["name"] = _text(masked)
    for col, kind in board.columns.items():
        out[col] = (
            pd.Series([None] * len(df), index=df.index, dtype=object)
            if col in missing
            else _convert(kind, df[col])
        )
    if "pending" in df:  # people of the row still inside the window of its windowed column
        windowed = [c for c in board.columns if c in WINDOW_COLUMNS]
        out["pending"] = (
            pd.Series([None] * len(df), index=df.index, dtype=object)
            if all(c in missing for c in windowed)
            else _optional_int(df["pending"])
        )
    out["previous_rank"] = _optional_int(df["previous_rank"])
    out["rank_change"] = _text(df["rank_change"])
    return out.reset_index(drop=True)


# -- boards --------------------------------------------------------------------------------


@metric(
    requires=BOARDS["inviters"].requires,
    columns=(
        "rank",
        "user_id",
        "invites",
        "effective_invites",
        "invite_conversion",
        "pending",
        "previous_rank",
        "rank_change",
    ),
)
def leaderboard_inviters(
    source: Source,
    start: Date,
    end: Date,
    *,
    top: int | Literal["all"] | None = DEFAULT_TOP,
    rank_by: str | None = None,
    by: str | None = None,
    names: bool = False,
    effective_days: int = EFFECTIVE_DAYS,
    tag: str | None = None,
) -> pd.DataFrame:
    """Inviters of [start, end]: invites, effective invites, invite conversion.

    Columns: rank, user_id, [name: masked nickname, with `names=True`], invites (members who
    joined in the period with inviter_id = user_id), effective_invites (of those, whose first
    paid order over all data falls on day 0 … `effective_days` after joining),
    invite_conversion (effective_invites / invites), pending (invitees whose day
    `effective_days` lies after the last day of data: they may still become effective; None
    without orders), previous_rank, rank_change (like for like when ranked by a windowed
    column, see `WINDOW_COLUMNS`). Ranked by
    `rank_by` (default invites; `by` is a synonym). Without an orders table the effective
    columns are None, and ranking by them lists no row. `tag`: only inviters who are members
    carrying that tag (`members.tags`, split as `queries/base/member_spans.sql`).
    """
    effective_days = int(effective_days)
    if effective_days < 0:
        raise ValueError("effective_days must be >= 0")
    return _board(
        "inviters",
        source,
        start,
        end,
        top=top,
        rank_by=rank_by,
        by=by,
        names=names,
        effective_days=effective_days,
        tag=tag,
        last_day=last_data_day(source),
    )


@metric(
    requires=BOARDS["buyers"].requires,
    columns=("rank", "user_id", "gmv", "orders", "previous_rank", "rank_change"),
)
def leaderboard_buyers(
    source: Source,
    start: Date,
    end: Date,
    *,
    top: int | Literal["all"] | None = DEFAULT_TOP,
    rank_by: str | None = None,
    by: str | None = None,
    names: bool = False,
    tag: str | None = None,
) -> pd.DataFrame:
    """Buyers of [start, end]: GMV and paid orders per buyer.

    Columns: rank, user_id, [name], gmv, orders, previous_rank, rank_change. Ranked by
    `rank_by` (default gmv). With `top='all'` the GMV column sums to the overview GMV.
    `tag`: only buyers who are members carrying that tag (`members.tags`).
    """
    return _board(
        "buyers", source, start, end, top=top, rank_by=rank_by, by=by, names=names, tag=tag
    )


@metric(
    requires=BOARDS["groups"].requires,
    columns=(
        "rank",
        "group_id",
        "gmv",
        "buyers",
        "members",
        "daily_active_rate",
        "repurchase_rate",
        "pending",
        "previous_rank",
        "rank_change",
    ),
)
def leaderboard_groups(
    source: Source,
    start: Date,
    end: Date,
    *,
    top: int | Literal["all"] | None = DEFAULT_TOP,
    rank_by: str | None = None,
    by: str | None = None,
    names: bool = False,
    tag: str | None = None,
) -> pd.DataFrame:
    """Groups of [start, end]: GMV, buyers, new members, daily active rate, repurchase rate.

    Columns: rank, group_id, [name: the group's name], gmv, buyers, members,
    daily_active_rate, repurchase_rate, pending (first buyers of the group in the period who
    have not come back yet: the "ever" window never closes), previous_rank, rank_change (like
    for like when ranked by repurchase_rate, see `WINDOW_COLUMNS`). Ranked by `rank_by`
    (default gmv); a group whose ranking value is undefined is not listed. An order counts in
    its own group_id, else in its buyer's main group; members count in their main group.
    Daily rates use the days up to the last day of data. Without a members table, members
    and daily_active_rate are None. `tag`: only the members carrying that tag
    (`members.tags`) and their paid orders count (members, buyers, GMV, the daily active rate
    among those members, their repurchase).
    """
    return _board(
        "groups",
        source,
        start,
        end,
        top=top,
        rank_by=rank_by,
        by=by,
        names=names,
        tag=tag,
        last_day=last_data_day(source),
    )


@metric(
    requires=BOARDS["products"].requires,
    columns=("rank", "product", "units", "gmv", "buyers", "previous_rank", "rank_change"),
)
def leaderboard_products(
    source: Source,
    start: Date,
    end: Date,
    *,
    top: int | Literal["all"] | None = DEFAULT_TOP,
    rank_by: str | None = None,
    by: str | None = None,
    names: bool = False,
    tag: str | None = None,
) -> pd.DataFrame:
    """Products of [start, end]: units, GMV, buyers per product name.

    Columns: rank, product, units (sum of quantity, 1 when missing), gmv, buyers,
    previous_rank, rank_change. Ranked by `rank_by` (default units). The lines of paid
    orders are read (`order_items` of a line-level import; an order without lines counts as
    one line of its own `orders.product`), so an order of three products counts once for
    each and its buyer is a buyer of each. Lines without a product name are left out.
    `names` is accepted for symmetry (the product is its name). `tag`: only the lines of
    buyers who are members carrying that tag (`members.tags`).
    """
    return _board(
        "products", source, start, end, top=top, rank_by=rank_by, by=by, names=names, tag=tag
    )


def rank_change_arrow(change: Any, new_label: str = "new") -> str:
    """How a rank change reads on screen: '+3' -> '↑3', '-1' -> '↓1', '0' -> '–'."""
    if change is None or (not isinstance(change, str) and pd.isna(change)) or change == "new":
        return new_label
    n = int(change)
    return f"↑{n}" if n > 0 else f"↓{-n}" if n < 0 else "–"


# -- fission -------------------------------------------------------------------------------


@metric(requires=("members",), columns=("week", "invited_members", "other_members", "k_factor"))
def fission(source: Source, start: Date, end: Date) -> pd.DataFrame:
    """Members brought by invitation against the others, per week of [start, end].

    Columns: week (the Monday, a `datetime.date`), invited_members, other_members (members
    who joined in the week's days inside the period, with / without an inviter), k_factor
    (invited_members / members in the private domain on the day before the week's first
    day inside the period; None when that is 0). Every week of the period has a row.
    """
    check_period(start, end)
    df = source.query("leaderboards_fission", start=start, end=end)
    return pd.DataFrame(
        {
            "week": pd.Series([day(w) for w in df["week"]], dtype=object),
            "invited_members": df["invited_members"].astype("int64"),
            "other_members": df["other_members"].astype("int64"),
            "k_factor": pd.Series(
                [
                    ratio(count(i), count(b))
                    for i, b in zip(df["invited_members"], df["base_members"], strict=True)
                ],
                dtype=object,
            ),
        }
    )


FISSION_KINDS: dict[str, str] = {
    "invited_members": "count",
    "other_members": "count",
    "base_members": "count",
    "k_factor": "rate",
    "active_inviters": "count",
    "invites_per_active_inviter": "ratio",
    "fission_growth": "ratio",
}


@metric(requires=("members",), columns=("metric", "kind", "value"))
def fission_summary(source: Source, start: Date, end: Date) -> pd.DataFrame:
    """The fission figures of the whole period [start, end], one row per figure.

    Columns `metric, kind, value`; metrics: invited_members and other_members (members who
    joined in the period with / without an inviter), base_members (members in the private
    domain on the day before `start`), k_factor (invited_members / base_members),
    active_inviters (distinct inviters of those invited members), invites_per_active_inviter
    (invited_members / active_inviters), fission_growth (invited_members / other_members).
    Undefined ratios are None.
    """
    check_period(start, end)
    row = source.query("leaderboards_fission_summary", start=start, end=end).iloc[0]
    invited, other = count(row["invited_members"]), count(row["other_members"])
    base, inviters = count(row["base_members"]), count(row["active_inviters"])
    values = {
        "invited_members": invited,
        "other_members": other,
        "base_members": base,
        "k_factor": ratio(invited, base),
        "active_inviters": inviters,
        "invites_per_active_inviter": ratio(invited, inviters),
        "fission_growth": ratio(invited, other),
    }
    return pd.DataFrame(
        {
            "metric": list(values),
            "kind": [FISSION_KINDS[k] for k in values],
            "value": pd.Series(list(values.values()), dtype=object),
        }
    )


def _inviter(inviter: Any) -> str:
    if inviter is None or str(inviter).strip() == "":
        raise TypeError("inviter is required: --set inviter=USER_ID")
    return str(inviter)


@metric(requires=("members",), columns=("depth", "user_id", "inviter_id", "join_day", "in_period"))
def invitation_tree(
    source: Source, start: Date, end: Date, *, inviter: str, names: bool = False
) -> pd.DataFrame:
    """Everyone `inviter` brought in, directly or down the chain, up to `end`.

    Columns: depth (1 = invited by `inviter`), user_id, inviter_id, join_day, in_period
    (joined in [start, end]), [name: masked nickname, with `names=True`]; by depth, user_id.
    A cycle in the data ends the walk; the walk stops at depth 100.
    """
    check_period(start, end)
    df = source.query("leaderboards_tree", inviter=_inviter(inviter), start=start, end=end)
    out = pd.DataFrame(
        {
            "depth": df["depth"].astype("int64"),
            "user_id": _text(df["user_id"]),
            "inviter_id": _text(df["inviter_id"]),
            "join_day": pd.Series([day(d) for d in df["join_day"]], dtype=object),
            "in_period": df["in_period"].astype(bool),
        }
    )
    if names:
        out["name"] = _text(df["nickname"].map(mask_name))
    return out


@metric(requires=("members",), columns=("depth", "members", "joined_in_period"))
def invitation_levels(source: Source, start: Date, end: Date, *, inviter: str) -> pd.DataFrame:
    """The invitation tree of `inviter` level by level: depth, members, joined_in_period.

    Counted from the rows of `invitation_tree` (one definition of the walk). The tree's depth
    is the last row's depth, its size the sum of members (`tree_size`).
    """
    tree = invitation_tree(source, start, end, inviter=inviter)
    levels = (
        tree.groupby("depth", sort=True)
        .agg(members=("user_id", "size"), joined_in_period=("in_period", "sum"))
        .reset_index()
    )
    return pd.DataFrame(
        {
            "depth": levels["depth"].astype("int64"),
            "members": levels["members"].astype("int64"),
            "joined_in_period": levels["joined_in_period"].astype("int64"),
        }
    )


def tree_size(levels: pd.DataFrame) -> tuple[int, int]:
    """(depth, size) of an invitation tree from `invitation_levels`; (0, 0) when empty."""
    if levels.empty:
        return 0, 0
    return int(levels["depth"].max()), int(levels["members"].sum())


@metric(
    requires=("members",),
    columns=(
        "user_id",
        "invites",
        "left_within_a_day",
        "never_acted",
        "hollow",
        "hollow_share",
        "suspicious",
    ),
)
def suspicious_inviters(
    source: Source,
    start: Date,
    end: Date,
    *,
    min_invites: int = SUSPICIOUS_MIN_INVITES,
    hollow_share: float = SUSPICIOUS_HOLLOW_SHARE,
    names: bool = False,
) -> pd.DataFrame:
    """Inviters of [start, end] with >= `min_invites` invites, suspicious ones first.

    An invitee (joined in the period with an inviter) is hollow when they left within 24
    hours of joining, or never acted: no activity and no paid order on or after their join
    day, over all data (not assessed without an activity table: never_acted is None then).
    Columns: user_id, [name], invites, left_within_a_day, never_acted, hollow, hollow_share
    (hollow / invites), suspicious (hollow_share >= `hollow_share`).
    """
    check_period(start, end)
    min_invites, hollow_share = int(min_invites), float(hollow_share)
    if min_invites < 1 or not 0 <= hollow_share <= 1:
        raise ValueError("min_invites must be >= 1 and hollow_share between 0 and 1")
    df = source.query(
        "leaderboards_suspicious",
        start=start,
        end=end,
        min_invites=min_invites,
        hollow_share=hollow_share,
        has_activity=source.has("activity"),
    )
    out = pd.DataFrame({"user_id": _text(df["user_id"])})
    if names:
        out["name"] = _text(df["nickname"].map(mask_name))
    for col in ("invites", "left_within_a_day", "hollow"):
        out[col] = df[col].astype("int64")
    out["never_acted"] = _optional_int(df["never_acted"])
    out["hollow_share"] = _convert("rate", df["hollow_share"])
    out["suspicious"] = df["suspicious"].astype(bool)
    cols = ["user_id", *(["name"] if names else [])]
    cols += ["invites", "left_within_a_day", "never_acted", "hollow", "hollow_share"]
    return out[[*cols, "suspicious"]]
