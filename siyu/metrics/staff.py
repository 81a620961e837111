"""Staff and channels (SPEC §4 "Staff and channels"): the staff and channel boards, the lost
customers, and the tags to filter them by.

- Staff board per staff member: `members.staff` (who added or serves the member), else the
  owner of the member's main group (`groups.owner`, the group's staff member); and
  channel board per `members.channel`, for the members who joined in the period: members,
  first-order rate and repurchase rate (the member funnel's two steps: first paid order on day
  0 … X after joining, X = 3; second paid order on or before day Y after the first order's day,
  Y = 7; empty when the base is 0). The staff board adds the paid orders and GMV of the period
  over *all* members of that staff member, the members who left in the period (`lost`) and,
  from WeCom's 客户联系 statistics (`staff_daily`), the share of chats replied to and the mean
  first reply time. The channel board adds the GMV (and paid orders) of the channel's members
  and the members who left; WeCom's numeric add_way codes are shown with their names.
- Ranks as the other boards (`siyu.metrics.leaderboards`): ties share a rank (1, 2, 2, 4),
  listed by the row's value; `top=N` keeps every row ranked N or better; `rank_change` is the
  previous rank minus the rank ('+3', '-1', '0', or 'new'). Ranked by a rate, the previous
  period is read as it stood n days ago (like for like, SPEC §4 "Windows and comparisons").
- Lost customers: members with `left_at` in the period (deleted the staff member or left the
  group), with staff, channel, days in the private domain, paid orders and amount, and the
  last activity; per week and staff member for the chart.
- `tag`: every board and list here keeps only the members with that tag (`members.tags` split
  on , ; 、 | / and spaces, `queries/base/member_spans.sql`).

Queries: `queries/leaderboards_cohorts.sql` (both boards), `members_lost.sql`,
`members_lost_weekly.sql`, `members_tags.sql`. Value conventions of `siyu.metrics.base`.
"""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd

from siyu.db import Source
from siyu.ingest.presets import ADD_WAY
from siyu.metrics.base import Date, check_period, day, last_data_day, money, previous_period
from siyu.metrics.registry import metric
from siyu.privacy import mask_name

DEFAULT_TOP = 10
# The member funnel's windows (SPEC §4): first order on day 0 … X, repurchase by day Y.
X_DAYS = 3
Y_DAYS = 7

StaffRankBy = Literal[
    "members", "first_order_rate", "repurchase_rate", "orders", "gmv", "lost", "reply_share"
]
ChannelRankBy = Literal["members", "first_order_rate", "repurchase_rate", "gmv", "orders", "lost"]
STAFF_RANK_BY: tuple[str, ...] = StaffRankBy.__args__  # type: ignore[attr-defined]
CHANNEL_RANK_BY: tuple[str, ...] = ChannelRankBy.__args__  # type: ignore[attr-defined]
# Columns that follow people over a window: ranked by one, the previous period is read like
# for like (as it stood n days ago).
WINDOW_COLUMNS: frozenset[str] = frozenset({"first_order_rate", "repurchase_rate"})

# How each board column reads (siyu.fmt kinds), in display order.
STAFF_KINDS: dict[str, str] = {
    "members": "count",
    "first_order_rate": "rate",
    "repurchase_rate": "rate",
    "orders": "count",
    "gmv": "money",
    "lost": "count",
    "reply_share": "rate",
    "first_reply_minutes": "number",
}
CHANNEL_KINDS: dict[str, str] = {
    "members": "count",
    "first_order_rate": "rate",
    "repurchase_rate": "rate",
    "orders": "count",
    "gmv": "money",
    "lost": "count",
}
# Board columns without which table they are undefined (None).
NEEDS: dict[str, str] = {
    "first_order": "orders",
    "repurchase": "orders",
    "first_order_rate": "orders",
    "repurchase_rate": "orders",
    "orders": "orders",
    "gmv": "orders",
    "first_order_pending": "orders",
    "repurchase_pending": "orders",
    "reply_share": "staff_daily",
    "first_reply_minutes": "staff_daily",
}

_COUNTS = ("members", "first_order", "repurchase", "orders", "lost")
_PENDING = ("first_order_pending", "repurchase_pending")

STAFF_COLUMNS = (
    "rank",
    "staff",
    "members",
    "first_order",
    "first_order_rate",
    "repurchase",
    "repurchase_rate",
    "orders",
    "gmv",
    "lost",
    "reply_share",
    "first_reply_minutes",
    "first_order_pending",
    "repurchase_pending",
    "previous_rank",
    "rank_change",
)
CHANNEL_COLUMNS = (
    "rank",
    "channel",
    "channel_name",
    "members",
    "first_order",
    "first_order_rate",
    "repurchase",
    "repurchase_rate",
    "orders",
    "gmv",
    "lost",
    "first_order_pending",
    "repurchase_pending",
    "previous_rank",
    "rank_change",
)


def channel_name(channel: Any) -> str | None:
    """How a channel reads: a WeCom add_way code as its name (1 → 扫描二维码), else itself."""
    if channel is None or (not isinstance(channel, str) and pd.isna(channel)):
        return None
    text = str(channel)
    return ADD_WAY.get(text.strip(), text)


def _top(top: int | str | None) -> int | None:
    """`top` as a positive int, or None for every row (None, 0 or 'all')."""
    if top is None or top == "all" or top == 0:
        return None
    n = int(top)
    if n < 0:
        raise ValueError(f"top must be a positive number or 'all', not {top!r}")
    return n


def _tag(tag: str | None) -> str | None:
    return None if tag is None or str(tag).strip() == "" else str(tag).strip()


def _objects(values: Any) -> pd.Series:
    return pd.Series(list(values), dtype=object)


def _text(values: pd.Series) -> pd.Series:
    return _objects(None if v is None or pd.isna(v) else str(v) for v in values)


def _int_or_none(values: pd.Series) -> pd.Series:
    return _objects(None if v is None or pd.isna(v) else int(v) for v in values)


def _float_or_none(values: pd.Series) -> pd.Series:
    return _objects(None if v is None or pd.isna(v) else float(v) for v in values)


def _cohort_board(
    source: Source,
    start: Date,
    end: Date,
    *,
    by: Literal["staff", "channel"],
    rank_by: str,
    choices: tuple[str, ...],
    top: int | str | None,
    tag: str | None,
    x_days: int,
    y_days: int,
) -> pd.DataFrame:
    check_period(start, end)
    if rank_by not in choices:
        raise ValueError(f"rank_by must be one of {', '.join(choices)}, not {rank_by!r}")
    x_days, y_days = int(x_days), int(y_days)
    if x_days < 0 or y_days < 0:
        raise ValueError("x_days and y_days must be >= 0")
    prev_start, prev_end = previous_period(start, end)
    last = last_data_day(source)
    prev_last = None
    if rank_by in WINDOW_COLUMNS and last is not None:
        prev_last = last - (start - prev_start)
    missing = {c for c, table in NEEDS.items() if not source.has(table)}
    df = source.query(
        "leaderboards_cohorts",
        by=by,
        start=start,
        end=end,
        prev_start=prev_start,
        prev_end=prev_end,
        x_days=x_days,
        y_days=y_days,
        last_day=last if source.has("orders") else None,
        prev_last_day=prev_last,
        tag=_tag(tag),
        rank_by=rank_by,
        top=_top(top),
    )
    if rank_by in missing:  # ranked by a value the dataset cannot give: no row is ranked
        df = df.iloc[0:0]
    df = df.reset_index(drop=True)
    out = pd.DataFrame({"rank": df["rank"].astype("int64"), by: _text(df["key"])})
    if by == "channel":
        out["channel_name"] = _objects(channel_name(c) for c in out["channel"])
    for col in _COUNTS:
        out[col] = df[col].astype("int64")
    out["first_order_rate"] = _float_or_none(df["first_order_rate"])
    out["repurchase_rate"] = _float_or_none(df["repurchase_rate"])
    out["gmv"] = _objects(money(v) for v in df["gmv"])
    if by == "staff":
        out["reply_share"] = _float_or_none(df["reply_share"])
        out["first_reply_minutes"] = _float_or_none(df["first_reply_minutes"])
    for col in _PENDING:
        out[col] = _int_or_none(df[col])
    for col in missing & set(out.columns):
        out[col] = _objects([None] * len(out))
    out["previous_rank"] = _int_or_none(df["previous_rank"])
    out["rank_change"] = _text(df["rank_change"])
    columns = STAFF_COLUMNS if by == "staff" else CHANNEL_COLUMNS
    return out[list(columns)]


@metric(requires=("members",), columns=STAFF_COLUMNS)
def leaderboard_staff(
    source: Source,
    start: Date,
    end: Date,
    *,
    top: int | Literal["all"] | None = DEFAULT_TOP,
    rank_by: StaffRankBy = "members",
    tag: str | None = None,
    x_days: int = X_DAYS,
    y_days: int = Y_DAYS,
) -> pd.DataFrame:
    """Staff of [start, end]: new members, first-order and repurchase rates, orders, GMV.

    Columns: rank, staff, members (members who joined in the period with that staff member),
    first_order (of them, first paid order on day 0 … `x_days` after joining),
    first_order_rate (first_order / members; None when members is 0), repurchase (of the
    first buyers, second paid order on or before day `y_days` after the first order's day),
    repurchase_rate (repurchase / first_order; None when first_order is 0), orders and gmv
    (paid orders of the period over every member of that staff member, whenever they
    joined), lost (members of that staff member who left in the period), reply_share and
    first_reply_minutes (from `staff_daily`: the period's chats-weighted share of chats
    replied to and mean first reply time; None without statistics), first_order_pending and
    repurchase_pending (members still inside the window on the last day of data),
    previous_rank, rank_change. Ranked by `rank_by` (default members); a staff member whose
    ranking value is undefined is not listed. A member's staff member is `members.staff`, else
    the owner of their main group (`groups.owner`); members with neither are on no row.
    Without an orders table the order columns are None.
    """
    return _cohort_board(
        source,
        start,
        end,
        by="staff",
        rank_by=rank_by,
        choices=STAFF_RANK_BY,
        top=top,
        tag=tag,
        x_days=x_days,
        y_days=y_days,
    )


@metric(requires=("members",), columns=CHANNEL_COLUMNS)
def leaderboard_channels(
    source: Source,
    start: Date,
    end: Date,
    *,
    top: int | Literal["all"] | None = DEFAULT_TOP,
    rank_by: ChannelRankBy = "members",
    tag: str | None = None,
    x_days: int = X_DAYS,
    y_days: int = Y_DAYS,
) -> pd.DataFrame:
    """Channels (渠道 / 活码) of [start, end]: new members, first-order and repurchase rates,
    GMV and lost customers.

    Columns: rank, channel (as stored), channel_name (a WeCom add_way code's name: 1 → 扫描二维码;
    else the channel), members, first_order, first_order_rate, repurchase, repurchase_rate (as
    `leaderboard_staff`, by members.channel), orders and gmv (paid orders of the period of
    every member of the channel), lost (members of the channel who left in the period),
    first_order_pending, repurchase_pending, previous_rank, rank_change. Ranked by `rank_by`
    (default members); members without a channel are on no row.
    """
    return _cohort_board(
        source,
        start,
        end,
        by="channel",
        rank_by=rank_by,
        choices=CHANNEL_RANK_BY,
        top=top,
        tag=tag,
        x_days=x_days,
        y_days=y_days,
    )


LOST_COLUMNS = (
    "user_id",
    "staff",
    "channel",
    "group_id",
    "tags",
    "joined_at",
    "left_at",
    "days_in_domain",
    "paid_orders",
    "paid_amount",
    "last_order_at",
    "last_active_at",
)


def _timestamps(values: pd.Series) -> pd.Series:
    return _objects(None if pd.isna(v) else pd.Timestamp(v).to_pydatetime() for v in values)


@metric(requires=("members",), columns=LOST_COLUMNS)
def lost_customers(
    source: Source,
    start: Date,
    end: Date,
    *,
    tag: str | None = None,
    staff: str | None = None,
    channel: str | None = None,
    names: bool = False,
) -> pd.DataFrame:
    """Members who left in [start, end] (deleted the staff member or left the group).

    Columns: user_id, [name: masked nickname, with `names=True`], staff (members.staff, else
    the owner of the main group), channel, group_id,
    tags, joined_at, left_at, days_in_domain (left day minus join day), paid_orders and
    paid_amount (over all data; 0 without orders), last_order_at (latest paid order),
    last_active_at (latest activity or paid order); the latest to leave first. `staff`,
    `channel` and `tag` keep only those members.
    """
    check_period(start, end)
    df = source.query(
        "members_lost",
        start=start,
        end=end,
        tag=_tag(tag),
        staff=_tag(staff),
        channel=_tag(channel),
    ).reset_index(drop=True)
    out = pd.DataFrame({"user_id": _text(df["user_id"])})
    if names:
        out["name"] = _text(df["nickname"].map(mask_name))
    for col in ("staff", "channel", "group_id", "tags"):
        out[col] = _text(df[col])
    for col in ("joined_at", "left_at"):
        out[col] = _timestamps(df[col])
    out["days_in_domain"] = df["days_in_domain"].astype("int64")
    out["paid_orders"] = df["paid_orders"].astype("int64")
    out["paid_amount"] = _objects(money(v) for v in df["paid_amount"])
    out["last_order_at"] = _timestamps(df["last_order_at"])
    out["last_active_at"] = _timestamps(df["last_active_at"])
    return out


@metric(requires=("members",), columns=("week", "staff", "lost"))
def lost_weekly(source: Source, start: Date, end: Date, *, tag: str | None = None) -> pd.DataFrame:
    """Members who left per week of [start, end] and staff member.

    Columns: week (the Monday, a `datetime.date`; the first and last week count only their
    days inside the period), staff (None: members without a staff member), lost; only weeks
    and staff members with someone who left, by week then staff.
    """
    check_period(start, end)
    df = source.query("members_lost_weekly", start=start, end=end, tag=_tag(tag))
    return pd.DataFrame(
        {
            "week": _objects(day(w) for w in df["week"]),
            "staff": _text(df["staff"]),
            "lost": df["lost"].astype("int64"),
        }
    )


@metric(requires=("members",), columns=("tag", "members"))
def member_tags(source: Source, start: Date, end: Date) -> pd.DataFrame:
    """The members' tags (members.tags split on , ; 、 | / and spaces), the most used first.

    Columns: tag, members (members with the tag, over all members; the period is not used).
    """
    df = source.query("members_tags")
    return pd.DataFrame({"tag": _text(df["tag"]), "members": df["members"].astype("int64")})


# -- what the page shows -------------------------------------------------------------------
# Translation keys by code (written out: tests/unit/test_house.py).

BOARDS: dict[str, str] = {"staff": "leaderboard_staff", "channels": "leaderboard_channels"}
BOARD_TITLES: dict[str, str] = {"staff": "staff.board.staff", "channels": "staff.board.channels"}
BOARD_HELP: dict[str, str] = {"staff": "staff.help.staff", "channels": "staff.help.channels"}
BOARD_EMPTY: dict[str, str] = {"staff": "staff.empty.staff", "channels": "staff.empty.channels"}
COLUMN_LABELS: dict[str, str] = {
    "rank": "staff.col.rank",
    "staff": "staff.col.staff",
    "channel": "staff.col.channel",
    "channel_name": "staff.col.channel_name",
    "members": "staff.col.members",
    "first_order": "staff.col.first_order",
    "first_order_rate": "staff.col.first_order_rate",
    "repurchase": "staff.col.repurchase",
    "repurchase_rate": "staff.col.repurchase_rate",
    "orders": "staff.col.orders",
    "gmv": "staff.col.gmv",
    "lost": "staff.col.lost",
    "reply_share": "staff.col.reply_share",
    "first_reply_minutes": "staff.col.first_reply_minutes",
    "first_order_pending": "staff.col.first_order_pending",
    "repurchase_pending": "staff.col.repurchase_pending",
    "previous_rank": "staff.col.previous_rank",
    "rank_change": "staff.col.rank_change",
    "user_id": "staff.col.user_id",
    "name": "staff.col.name",
    "group_id": "staff.col.group_id",
    "tags": "staff.col.tags",
    "joined_at": "staff.col.joined_at",
    "left_at": "staff.col.left_at",
    "days_in_domain": "staff.col.days_in_domain",
    "paid_orders": "staff.col.paid_orders",
    "paid_amount": "staff.col.paid_amount",
    "last_order_at": "staff.col.last_order_at",
    "last_active_at": "staff.col.last_active_at",
}
LOST_KINDS: dict[str, str] = {
    "days_in_domain": "count",
    "paid_orders": "count",
    "paid_amount": "money",
}
# The board on screen: (id column, label column, column kinds, rank-by choices).
BOARD_SHAPES: dict[str, tuple[str, str, dict[str, str], tuple[str, ...]]] = {
    "staff": ("staff", "staff", STAFF_KINDS, STAFF_RANK_BY),
    "channels": ("channel", "channel_name", CHANNEL_KINDS, CHANNEL_RANK_BY),
}


def board_columns(name: str, *, service: bool) -> list[str]:
    """The columns of a board on screen, in order: rank, name, the figures (the staff
    statistics only when the dataset has them), previous rank and rank change."""
    _, label, kinds, _ = BOARD_SHAPES[name]
    figures = [c for c in kinds if service or c not in ("reply_share", "first_reply_minutes")]
    return ["rank", label, *figures, "previous_rank", "rank_change"]


def pending_totals(board: pd.DataFrame) -> tuple[int, int]:
    """(members inside the first-order window, first buyers inside the repurchase window)
    over the rows of a board; (0, 0) without orders."""
    first = sum(int(v) for v in board["first_order_pending"] if v is not None and not pd.isna(v))
    again = sum(int(v) for v in board["repurchase_pending"] if v is not None and not pd.isna(v))
    return first, again


def lost_summary(lost: pd.DataFrame) -> dict[str, Any]:
    """What the lost customers' cards show: how many, how many had bought, what they paid."""
    return {
        "count": len(lost),
        "buyers": int((lost["paid_orders"] > 0).sum()),
        "amount": money(sum(v or 0 for v in lost["paid_amount"])),
    }


def lost_filtered(lost: pd.DataFrame, staff: str | None, channel: str | None) -> pd.DataFrame:
    """The lost customers of one staff member and / or channel (None or '': all)."""
    keep = pd.Series(True, index=lost.index)
    if staff:
        keep &= lost["staff"] == staff
    if channel:
        keep &= lost["channel"] == channel
    return lost[keep]


def distinct(values: pd.Series) -> list[str]:
    """The distinct non-empty values of a column, sorted (a filter's options)."""
    return sorted({str(v) for v in values if v is not None and not pd.isna(v) and str(v)})
