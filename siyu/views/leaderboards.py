"""The Leaderboards page's words and tables: board names and help, column headings, the
metric behind each board, the fission figures as cards read them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from siyu.metrics.leaderboards import SUSPICIOUS_HOLLOW_SHARE, rank_change_arrow

T = Callable[..., str]

# The metric each board is (a name the registry declares).
BOARD_METRICS: dict[str, str] = {
    "inviters": "leaderboard_inviters",
    "buyers": "leaderboard_buyers",
    "groups": "leaderboard_groups",
    "products": "leaderboard_products",
}
BOARDS: dict[str, str] = {
    "inviters": "leaderboards.board.inviters",
    "buyers": "leaderboards.board.buyers",
    "groups": "leaderboards.board.groups",
    "products": "leaderboards.board.products",
}
BOARD_HELP: dict[str, str] = {
    "inviters": "leaderboards.help.inviters",
    "buyers": "leaderboards.help.buyers",
    "groups": "leaderboards.help.groups",
    "products": "leaderboards.help.products",
}
COLUMNS: dict[str, str] = {
    "rank": "leaderboards.col.rank",
    "user_id": "leaderboards.col.user_id",
    "group_id": "leaderboards.col.group_id",
    "product": "leaderboards.col.product",
    "name": "leaderboards.col.name",
    "group_name": "leaderboards.col.group_name",
    "invites": "leaderboards.col.invites",
    "effective_invites": "leaderboards.col.effective_invites",
    "invite_conversion": "leaderboards.col.invite_conversion",
    "gmv": "leaderboards.col.gmv",
    "orders": "leaderboards.col.orders",
    "buyers": "leaderboards.col.buyers",
    "members": "leaderboards.col.members",
    "daily_active_rate": "leaderboards.col.daily_active_rate",
    "repurchase_rate": "leaderboards.col.repurchase_rate",
    "units": "leaderboards.col.units",
    "previous_rank": "leaderboards.col.previous_rank",
    "rank_change": "leaderboards.col.rank_change",
    "pending": "leaderboards.col.pending",
}
SUSPICIOUS_COLUMNS: dict[str, str] = {
    "left_within_a_day": "leaderboards.suspicious.col.left_within_a_day",
    "never_acted": "leaderboards.suspicious.col.never_acted",
    "hollow": "leaderboards.suspicious.col.hollow",
    "hollow_share": "leaderboards.suspicious.col.hollow_share",
    "suspicious": "leaderboards.suspicious.col.suspicious",
}
TREE_COLUMNS: dict[str, str] = {
    "depth": "leaderboards.tree.col.depth",
    "inviter_id": "leaderboards.tree.col.inviter_id",
    "join_day": "leaderboards.tree.col.join_day",
    "in_period": "leaderboards.tree.col.in_period",
}
# On the groups board, `name` is the group's name.
GROUP_COLUMNS: dict[str, str] = {**COLUMNS, "name": "leaderboards.col.group_name"}
SUSPICIOUS_HEADERS: dict[str, str] = {**COLUMNS, **SUSPICIOUS_COLUMNS}
TREE_HEADERS: dict[str, str] = {**COLUMNS, **TREE_COLUMNS}
# The suspicious inviters' rule as the caption states it: the hollow share in percent.
HOLLOW_PERCENT = round(SUSPICIOUS_HOLLOW_SHARE * 100)


def board_headers(board: str) -> dict[str, str]:
    """The column headings of a board (translation keys)."""
    return GROUP_COLUMNS if board == "groups" else COLUMNS


def with_arrows(t: T, board: pd.DataFrame) -> pd.DataFrame:
    """A board with its rank change as arrows: ↑3, ↓1, –, 新上榜."""
    new = t("leaderboards.new")
    return board.assign(rank_change=board["rank_change"].map(lambda c: rank_change_arrow(c, new)))


def ratio_text(value: Any) -> str:
    """A fission ratio (K factor, invites per inviter) to two places; — when undefined."""
    return "—" if value is None else f"{value:.2f}"


def inviter_label(names: dict[str, Any], user: str) -> str:
    """An inviter in the tree's picker: `U001 · 小*` when the name is known."""
    return f"{user} · {names[user]}" if names.get(user) else user


def flagged(checked: pd.DataFrame) -> pd.DataFrame:
    """The suspicious inviters of `suspicious_inviters`, without the flag column."""
    return checked[checked["suspicious"]].drop(columns="suspicious")


def first_of(options: Iterable[str], value: str | None) -> str:
    """`value` when it is one of `options`, else the first option."""
    options = list(options)
    return value if value in options else options[0]
