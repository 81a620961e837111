"""Who a person is: the column that builds `user_id`, and how (SPEC §2, Identity).

Many exports carry no stable buyer id, only a nickname and a phone. The order of preference
is an id column, else the phone (replaced by a keyed hash, `privacy.hash_phone`), else the
nickname. A masked phone (`186******05`, `1******6198`) is never an id: thousands of people
share `186******05`, so orders of different buyers would be merged into one person.

The mode is read from the column itself: a column whose values are phone numbers is a phone,
whatever its header says; a phone header holding masked numbers is refused as an id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from siyu.ingest.aliases import ALIASES, normalise_header
from siyu.ingest.errors import ImportRefused
from siyu.privacy import is_masked_phone, is_mobile

MODES = ("id", "phone", "nickname")
# How each mode reads on screen: a translation key per mode (a `{column}` in each).
MODE_TEXT: dict[str, str] = {
    "id": "ingest.identity.id",
    "phone": "ingest.identity.phone",
    "nickname": "ingest.identity.nickname",
}
PERSON_TABLES = ("orders", "members", "activity")
_PHONE_HEADERS = frozenset(normalise_header(a) for a in ALIASES["orders"]["phone"])
_NICK_HEADERS = frozenset(normalise_header(a) for a in ALIASES["orders"]["nickname"])
_SHARE = 0.6  # share of the sampled values that decides what a column holds


@dataclass(frozen=True)
class Identity:
    mode: str  # id | phone (hashed) | nickname
    column: str  # the header user_id is built from

    def to_json(self) -> dict[str, str]:
        return {"mode": self.mode, "column": self.column}


def is_phone_header(header: str) -> bool:
    norm = normalise_header(header)
    return norm in _PHONE_HEADERS or any(w in norm for w in ("手机", "电话", "phone", "mobile"))


def is_nickname_header(header: str) -> bool:
    return normalise_header(header) in _NICK_HEADERS


def profile(values: list[str]) -> str:
    """What a column's sampled values are: phone, masked (phones), other, or empty."""
    vals = [v.strip() for v in values if v and v.strip()]
    if not vals:
        return "empty"
    phones = sum(1 for v in vals if is_mobile(v))
    masked = sum(1 for v in vals if is_masked_phone(v))
    if phones + masked >= _SHARE * len(vals):
        return "masked" if masked >= phones else "phone"
    return "other"


def first_masked(values: list[str]) -> str:
    return next((v.strip() for v in values if v and is_masked_phone(v)), "")


def mode_of(header: str, values: list[str], nickname: str | None = None) -> str:
    """id, phone, nickname, or masked (which cannot serve) for a column used as user_id."""
    kind = profile(values)
    if kind in ("phone", "masked"):
        return kind
    if is_phone_header(header):
        return "masked" if kind == "masked" else "phone"
    if header == nickname or is_nickname_header(header):
        return "nickname"
    return "id"


Notes = list[tuple[str, dict[str, Any]]]


def propose_identity(
    kind: str,
    headers: list[str],
    mapping: dict[str, str | None],
    values: dict[str, list[str]],
) -> tuple[dict[str, str | None], Identity | None, Notes]:
    """The mapping with the best `user_id` for the file, its identity, and notes to show.

    `values` holds the sampled cells of each header.
    """
    notes: Notes = []
    if kind not in PERSON_TABLES:
        return mapping, None, notes
    mapping = dict(mapping)
    nickname = mapping.get("nickname")
    current = mapping.get("user_id")
    mode = mode_of(current, values.get(current, []), nickname) if current else None
    if mode in ("id", "phone"):
        return mapping, Identity(mode, current), notes
    if mode == "masked":
        notes.append(_masked_note(current, values))
        current = None
    phones = [mapping.get("phone")] + [h for h in headers if is_phone_header(h)]
    for header in dict.fromkeys(h for h in phones if h):
        found = mode_of(header, values.get(header, []), nickname)
        if found == "phone" and profile(values.get(header, [])) != "empty":
            freed = mapping.get("user_id")
            if freed and not nickname and is_nickname_header(freed):
                mapping["nickname"] = freed  # the nickname column stays, for display
            mapping["user_id"] = header
            return mapping, Identity("phone", header), notes
        if found == "masked" and header != mapping.get("user_id"):
            notes.append(_masked_note(header, values))
    if current is None:
        current = nickname or next((h for h in headers if is_nickname_header(h)), None)
    mapping["user_id"] = current
    return mapping, (Identity("nickname", current) if current else None), notes


def _masked_note(header: str, values: dict[str, list[str]]) -> tuple[str, dict[str, Any]]:
    return ("ingest.note.masked_phone", {"column": header, "example": first_masked(values[header])})


def resolve(
    column: str, header: str, values: list[str], nickname: str | None = None
) -> Identity | None:
    """The identity a convert uses for an id column; refuses a column of masked phones."""
    mode = mode_of(header, values, nickname)
    if mode == "masked":
        raise ImportRefused(
            "ingest.refused.masked_phone_id",
            column=header,
            example=first_masked(values),
            canonical=column,
        )
    return Identity(mode, header)
