"""Small helpers the tests share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from siyu.db import Source


def read_sql(source: Source, text: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Run a statement a test wrote (never a user) on a source's tables and fetch it whole."""
    cur = source.cursor()
    try:
        return cur.execute(text, dict(params or {})).df()
    finally:
        cur.close()
