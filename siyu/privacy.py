"""Personal data on screen and in downloads: masked, never in clear (SPEC §2).

Phones are masked at import (`siyu_phone` in `siyu.ingest.values`); nicknames are stored as
exported and masked here whenever a page or a download shows them.
"""

from __future__ import annotations

import re

import pandas as pd


def mask_phone(value: object) -> str | None:
    """138****1234 for an 11-digit phone; an already masked value is kept; None stays None."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    if "*" in text:
        return text
    digits = re.sub(r"\D", "", text)
    if len(digits) < 7:
        return "****"
    return f"{digits[:3]}****{digits[-4:]}"


def mask_name(value: object) -> str | None:
    """The first character and one star per further character (at most 3): 张三丰 → 张**."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    if not text:
        return None
    return text[0] + "*" * min(max(len(text) - 1, 1), 3)


def mask_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with `nickname` and `phone` columns (where present) masked for display."""
    out = frame.copy()
    if "nickname" in out:
        out["nickname"] = out["nickname"].map(mask_name).astype(object)
    if "phone" in out:
        out["phone"] = out["phone"].map(mask_phone).astype(object)
    return out
