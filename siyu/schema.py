"""The canonical tables of a dataset (SPEC §2): columns, types, which are required.

This module is the allow-list of identifiers: every table and column name that reaches SQL
comes from here, never from a user's string.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str  # DuckDB type of the stored column
    required: bool = False
    # how a raw value is parsed: text, id, timestamp, date, money, int, status, phone (masked),
    # share (a fraction; 85.5% reads 0.855), minutes (a duration: 3分20秒, 00:03:20, 3.5)
    kind: str = "text"


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # unique within the dataset
    # rows whose append key is already in the dataset are skipped on append (default: key)
    append_key: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


TABLES: dict[str, Table] = {
    "orders": Table(
        "orders",
        (
            Column("order_id", "VARCHAR", True, "id"),
            Column("user_id", "VARCHAR", True, "id"),
            Column("ordered_at", "TIMESTAMP", True, "timestamp"),
            Column("amount", "DECIMAL(18,2)", True, "money"),
            Column("status", "VARCHAR", False, "status"),
            Column("quantity", "INTEGER", False, "int"),
            Column("product", "VARCHAR"),
            Column("group_id", "VARCHAR", False, "id"),
            Column("campaign", "VARCHAR"),
            Column("discount", "DECIMAL(18,2)", False, "money"),
            # Personal data, display only: a nickname, and a phone stored masked (SPEC §2).
            Column("nickname", "VARCHAR"),
            Column("phone", "VARCHAR", False, "phone"),
        ),
        key=("order_id",),
    ),
    "members": Table(
        "members",
        (
            Column("user_id", "VARCHAR", True, "id"),
            Column("joined_at", "TIMESTAMP", True, "timestamp"),
            Column("channel", "VARCHAR"),
            Column("group_id", "VARCHAR", False, "id"),
            Column("inviter_id", "VARCHAR", False, "id"),
            Column("tier", "VARCHAR"),
            Column("left_at", "TIMESTAMP", False, "timestamp"),
            Column("tags", "VARCHAR"),
            Column("nickname", "VARCHAR"),
            Column("phone", "VARCHAR", False, "phone"),
            # the staff member who added / serves the member (添加人, 所属员工, 跟进人, 客服)
            Column("staff", "VARCHAR"),
        ),
        key=("user_id",),
    ),
    "activity": Table(
        "activity",
        (
            Column("user_id", "VARCHAR", True, "id"),
            Column("at", "TIMESTAMP", True, "timestamp"),
            Column("group_id", "VARCHAR", False, "id"),
            Column("kind", "VARCHAR"),
        ),
    ),
    "groups": Table(
        "groups",
        (
            Column("group_id", "VARCHAR", True, "id"),
            Column("name", "VARCHAR"),
            Column("owner", "VARCHAR"),
            Column("created_at", "TIMESTAMP", False, "timestamp"),
        ),
        key=("group_id",),
    ),
    "group_daily": Table(
        "group_daily",
        (
            Column("stat_date", "DATE", True, "date"),
            Column("group_id", "VARCHAR", True, "id"),
            Column("member_total", "INTEGER", False, "int"),
            Column("new_members", "INTEGER", False, "int"),
            Column("quit_members", "INTEGER", False, "int"),
            Column("speakers", "INTEGER", False, "int"),
            Column("messages", "INTEGER", False, "int"),
        ),
        key=("stat_date", "group_id"),
    ),
    # WeCom's 客户联系 statistics per staff member and day (联系客户统计): chats (聊天数),
    # messages sent (发送消息数), the share of chats replied to (已回复聊天占比, a fraction),
    # the mean first reply time in minutes (平均首次回复时长), customers added (新增客户数)
    # and customers who deleted or blocked the staff member (删除/拉黑客户数).
    "staff_daily": Table(
        "staff_daily",
        (
            Column("stat_date", "DATE", True, "date"),
            Column("staff", "VARCHAR", True),
            Column("chats", "INTEGER", False, "int"),
            Column("messages", "INTEGER", False, "int"),
            Column("reply_share", "DOUBLE", False, "share"),
            Column("first_reply_minutes", "DOUBLE", False, "minutes"),
            Column("new_contacts", "INTEGER", False, "int"),
            Column("lost_contacts", "INTEGER", False, "int"),
        ),
        key=("stat_date", "staff"),
    ),
    # The lines of line-level order exports (有赞 item rows, 快团团, 群接龙): written beside
    # `orders` by an import of such a file, never imported on its own. `item_no` numbers the
    # lines of an order from 1 in the file's order; `amount` is the line's paid amount.
    "order_items": Table(
        "order_items",
        (
            Column("order_id", "VARCHAR", True, "id"),
            Column("item_no", "INTEGER", True, "int"),
            Column("product", "VARCHAR"),
            Column("sku", "VARCHAR"),
            Column("quantity", "INTEGER", False, "int"),
            Column("unit_price", "DECIMAL(18,4)", False, "price"),
            Column("amount", "DECIMAL(18,2)", False, "money"),
        ),
        key=("order_id", "item_no"),
        # an appended file's lines join only orders that are new: an order kept from before
        # keeps its own lines (as `orders` keeps the order)
        append_key=("order_id",),
    ),
}

# Each table's name on screen and the message asking for its file: translation keys.
TABLE_LABELS: dict[str, str] = {
    "orders": "table.orders",
    "members": "table.members",
    "activity": "table.activity",
    "groups": "table.groups",
    "group_daily": "table.group_daily",
    "order_items": "table.order_items",
    "staff_daily": "table.staff_daily",
}
TABLE_NEEDS: dict[str, str] = {
    "orders": "needs.orders",
    "members": "needs.members",
    "activity": "needs.activity",
    "groups": "needs.groups",
    "group_daily": "needs.group_daily",
    "staff_daily": "needs.staff_daily",
}

# The tables a file is imported as (the Data page's and the CLI's choice); `order_items` is
# written by an orders import of a line-level file.
DERIVED_TABLES: tuple[str, ...] = ("order_items",)
TABLE_KINDS: tuple[str, ...] = tuple(k for k in TABLES if k not in DERIVED_TABLES)

# Columns of an orders mapping that only a line-level file has: they are kept in
# `order_items`, not in `orders` (sku → order_items.sku, unit_price → order_items.unit_price,
# line_amount → order_items.amount).
LINE_COLUMNS: tuple[Column, ...] = (
    Column("sku", "VARCHAR"),
    Column("unit_price", "DECIMAL(18,4)", False, "price"),
    Column("line_amount", "DECIMAL(18,2)", False, "money"),
)

# Order status is normalised to these three words; a missing status means paid.
STATUSES = ("paid", "refunded", "cancelled")


def quote_ident(name: str) -> str:
    """Quote an identifier for DuckDB; the one helper every identifier goes through."""
    return '"' + str(name).replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    """Quote a string literal for the few places DuckDB cannot bind (DDL such as a view)."""
    return "'" + str(value).replace("'", "''") + "'"


def canonical_select(table: str, available: set[str] | frozenset[str]) -> str:
    """The canonical columns of `table` as a select list, typed; missing ones are null.

    Snapshots written before a column was added to the schema still read the same way.
    """
    return ", ".join(
        f"cast({quote_ident(c.name)} as {c.sql_type}) as {quote_ident(c.name)}"
        if c.name in available
        else f"cast(null as {c.sql_type}) as {quote_ident(c.name)}"
        for c in TABLES[table].columns
    )


def empty_select(table: str) -> str:
    """A typed zero-row select with the canonical columns of `table`."""
    t = TABLES[table]
    cols = ", ".join(f"cast(null as {c.sql_type}) as {quote_ident(c.name)}" for c in t.columns)
    return f"select {cols} where false"
