"""Personal data: masked on screen and in downloads, never stored in clear (SPEC §2).

Phones are masked before an import writes anything (`siyu.ingest`): a phone column keeps
`138****1234`, a phone that identifies a person becomes a keyed hash (`hash_phone`, HMAC-SHA256
with a key kept in the workspace), and a mobile number met in any other text a person typed
(nickname, tags, a rejected line) is masked in place (`scrub_phones`). Nicknames are stored as
exported and masked here whenever a page or a download shows them.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

# A mainland mobile number as exports write it: 13812345678, 138-1234-5678, 138 1234 5678,
# +86 13812345678, 008613812345678; not inside a longer run of digits (order numbers).
MOBILE = re.compile(
    r"(?<!\d)(?:(?:\+|＋|00)?86[-\s]?)?([1１][3-9３-９]\d)[-\s－]?(\d{4})[-\s－]?(\d{4})(?!\d)"
)
# A phone an export already masked: 186******05, 1******6198, 138****1234.
MASKED = re.compile(r"^(?:\+?86[-\s]?)?\d{1,4}[*＊]{2,}\d{1,4}$")
HASH_PREFIX = "ph_"


def _text(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value).strip()


def _ascii(text: str) -> str:
    """Full-width digits and signs as ASCII (only when there is anything but ASCII)."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def phone_digits(value: str) -> str:
    """The digits of a phone, without a +86 / 0086 country prefix."""
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", value))
    if len(digits) == 13 and digits.startswith("86"):
        return digits[2:]
    if len(digits) == 15 and digits.startswith("0086"):
        return digits[4:]
    return digits


def is_mobile(value: str) -> bool:
    """True for a whole cell that is one mobile number (any of the written forms)."""
    return MOBILE.fullmatch(value.strip()) is not None


def is_masked_phone(value: str) -> bool:
    return MASKED.match(_ascii(value.strip())) is not None


def mask_phone(value: object) -> str | None:
    """138****1234 for a phone; an already masked value is kept; None stays None."""
    text = _text(value)
    if text is None:
        return None
    if "*" in text or "＊" in text:
        return text
    digits = phone_digits(text)
    if len(digits) < 9:  # too short to show 3 + 4 digits and hide any
        return "****"
    return f"{digits[:3]}****{digits[-4:]}"


def scrub_phones(text: str) -> str:
    """`text` with every mobile number in it masked (138****5678)."""
    return MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)


def hash_phone(key: bytes, value: str) -> str:
    """The keyed hash that stands for a phone used as an id: ph_ + 16 hex digits.

    The same number in any written form gives the same id; without the workspace key the
    number cannot be found again from the id (HMAC-SHA256).
    """
    digest = hmac.new(key, phone_digits(value).encode("ascii"), hashlib.sha256).hexdigest()
    return HASH_PREFIX + digest[:16]


def hash_text(key: bytes, value: str) -> str:
    """The keyed hash of an id that merely holds a phone (U13812345678): ph_ + 16 hex digits."""
    digest = hmac.new(key, value.strip().encode("utf-8"), hashlib.sha256).hexdigest()
    return HASH_PREFIX + digest[:16]


def mask_name(value: object) -> str | None:
    """The first character and one star per further character (at most 3): 张三丰 → 张**."""
    text = _text(value)
    if not text:
        return None
    return text[0] + "*" * min(max(len(text) - 1, 1), 3)


def mask_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with `nickname` and `phone` columns (where present) masked for display.

    The same as `column.map(mask_name)` / `.map(mask_phone)`, cell by cell, but vectorised
    for text columns (lists of a million people): see `_mask_column`.
    """
    out = frame.copy()
    if "nickname" in out:
        out["nickname"] = _mask_column(out["nickname"], mask_name, _names_fast)
    if "phone" in out:
        out["phone"] = _mask_column(out["phone"], mask_phone, _phones_fast)
    return out


# Every character `str.strip()` removes (`str.isspace`; pinned in tests/unit/test_privacy.py).
SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_STARS = np.array(["*", "**", "***"], dtype=object)


def _mask_column(
    column: pd.Series,
    cell: Callable[[object], str | None],
    fast: Callable[[pd.Series, np.ndarray], np.ndarray],
) -> pd.Series:
    """`column.map(cell).astype(object)`, with the common cells done by `fast`.

    Only a column of text (and missing values) takes the fast way; there a cell whose first
    or last character is a space (which `strip` would remove) still goes through `cell`, so
    every value equals `cell`'s. Missing values come out as `map` gives them: NaN when the
    column holds any text (`map` infers a text column), else None.
    """
    if len(column) == 0 or infer_dtype(column, skipna=True) not in ("string", "empty"):
        return column.map(cell).astype(object)
    try:
        text = column.astype(pd.StringDtype("pyarrow"))
    except (ValueError, TypeError, UnicodeError):  # e.g. a lone surrogate: no UTF-8 for it
        return column.map(cell).astype(object)
    valid = text.notna().to_numpy()
    first, last = text.str.slice(0, 1), text.str.slice(-1)
    spaced = (first.isin(list(SPACES)) | last.isin(list(SPACES))).to_numpy(bool) & valid
    plain = valid & ~spaced
    values = np.full(len(column), None, dtype=object)
    if plain.any():
        values[plain] = fast(text[plain], first[plain].to_numpy(object))
    if spaced.any():
        raw = column.to_numpy(object)
        values[spaced] = [cell(v) for v in raw[spaced]]
    missing = pd.isna(values)  # the cells are text or None here
    if not missing.all():
        # `map` infers a text column from the cells, so its missing values turn into the
        # text type's (NaN); without any text they stay None
        values[missing] = _missing_text()
    return pd.Series(values, index=column.index, name=column.name, dtype=object)


def _missing_text() -> object:
    """What a missing cell becomes when `map` returns text and None (NaN under pandas 3)."""
    probe = pd.Series(np.array(["a", None], dtype=object)).map(lambda v: v)
    return probe.astype(object).iloc[1]


def _names_fast(text: pd.Series, first: np.ndarray) -> np.ndarray:
    """`mask_name` of non-empty cells with nothing to strip (empty ones give None)."""
    length = text.str.len().to_numpy("int64")
    out = np.full(len(text), None, dtype=object)
    some = length > 0
    stars = _STARS[np.clip(length[some] - 1, 1, 3) - 1]
    out[some] = first[some] + stars
    return out


def _phones_fast(text: pd.Series, first: np.ndarray) -> np.ndarray:
    """`mask_phone` of cells with nothing to strip: a masked one is kept, others by cell."""
    out = text.to_numpy(object)
    masked = (text.str.contains("*", regex=False) | text.str.contains("＊", regex=False)).to_numpy(
        bool
    )
    if not masked.all():
        out[~masked] = [mask_phone(v) for v in out[~masked]]
    return out
