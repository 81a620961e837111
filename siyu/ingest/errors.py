"""The one exception of the import pipeline, and its limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from siyu.config import settings
from siyu.i18n import t


class ImportRefused(Exception):
    """The whole file is refused; nothing was written anywhere the caller keeps.

    `key` is a message key of `siyu/text/ingest.py`, `params` fill its placeholders. A param
    named `columns` holds canonical column names and is shown in the reader's language; a
    `reason` param holds a nested (key, params) pair of a row reason.
    """

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str) -> str:
        return render(self.key, self.params, lang)

    def __str__(self) -> str:
        return self.message("en")


# The canonical columns by their names in messages (translation keys).
COLUMN_TEXT: dict[str, str] = {
    "order_id": "ingest.column.order_id",
    "user_id": "ingest.column.user_id",
    "ordered_at": "ingest.column.ordered_at",
    "amount": "ingest.column.amount",
    "status": "ingest.column.status",
    "quantity": "ingest.column.quantity",
    "product": "ingest.column.product",
    "group_id": "ingest.column.group_id",
    "campaign": "ingest.column.campaign",
    "discount": "ingest.column.discount",
    "joined_at": "ingest.column.joined_at",
    "channel": "ingest.column.channel",
    "inviter_id": "ingest.column.inviter_id",
    "tier": "ingest.column.tier",
    "left_at": "ingest.column.left_at",
    "tags": "ingest.column.tags",
    "nickname": "ingest.column.nickname",
    "phone": "ingest.column.phone",
    "at": "ingest.column.at",
    "kind": "ingest.column.kind",
    "name": "ingest.column.name",
    "owner": "ingest.column.owner",
    "created_at": "ingest.column.created_at",
    "stat_date": "ingest.column.stat_date",
    "member_total": "ingest.column.member_total",
    "new_members": "ingest.column.new_members",
    "quit_members": "ingest.column.quit_members",
    "speakers": "ingest.column.speakers",
    "messages": "ingest.column.messages",
    "item_no": "ingest.column.item_no",
    "sku": "ingest.column.sku",
    "unit_price": "ingest.column.unit_price",
    "line_amount": "ingest.column.line_amount",
    "staff": "ingest.column.staff",
    "chats": "ingest.column.chats",
    "reply_share": "ingest.column.reply_share",
    "first_reply_minutes": "ingest.column.first_reply_minutes",
    "new_contacts": "ingest.column.new_contacts",
    "lost_contacts": "ingest.column.lost_contacts",
}


def column_label(name: str, lang: str) -> str:
    """A table column by its name in `lang`; a name the table lacks (a file's own header) as
    it is."""
    key = COLUMN_TEXT.get(name)
    return t(key, lang) if key is not None else name


def render(key: str, params: dict[str, Any], lang: str) -> str:
    """The text of a message key with its params, nested reasons and column lists resolved."""
    shown: dict[str, Any] = {}
    for name, value in params.items():
        if name == "columns" and isinstance(value, list | tuple):
            shown[name] = t("ingest.list_separator", lang).join(
                column_label(c, lang) for c in value
            )
        elif name == "reason" and isinstance(value, list | tuple) and len(value) == 2:
            shown[name] = render(value[0], dict(value[1] or {}), lang)
        elif name == "canonical":
            shown[name] = column_label(str(value), lang)
        else:
            shown[name] = value
    try:
        return t(key, lang, **shown)
    except (KeyError, IndexError, ValueError):
        return t(key, lang)


@dataclass(frozen=True)
class Limits:
    """What one file may hold; by default from the settings (SIYU_MAX_FILE_MB, SIYU_MAX_ROWS,
    SIYU_MAX_UNPACKED_MB)."""

    max_file_bytes: int = field(default_factory=lambda: settings().max_file_mb * 1024 * 1024)
    max_rows: int = field(default_factory=lambda: settings().max_rows)
    max_unpacked_bytes: int = field(
        default_factory=lambda: settings().max_unpacked_mb * 1024 * 1024
    )


def limits_text(lang: str, limits: Limits | None = None) -> str:
    """The limits stated up front, before the user uploads."""
    from siyu.ingest.reading import MAX_FIELD_CHARS, MAX_LINE_CHARS

    lim = limits or Limits()
    return t(
        "ingest.limits",
        lang,
        max_mb=f"{lim.max_file_bytes / 1024 / 1024:g}",
        max_rows=f"{lim.max_rows:,}",
        unpacked_mb=f"{lim.max_unpacked_bytes / 1024 / 1024:g}",
        line_kb=f"{MAX_LINE_CHARS // 1000:,}",
        cell_kb=f"{MAX_FIELD_CHARS // 1024:,}",
    )
