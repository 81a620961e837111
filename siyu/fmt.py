"""How numbers look on screen (the CLI prints raw values; see `siyu.cli.format_value`)."""

from __future__ import annotations

import math
from decimal import Decimal


def _num(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def show(kind: str, value: object) -> str:
    """A value of kind count, money or rate: 1,234 / ¥12,345.67 / 34.5%; a dash when undefined."""
    v = _num(value)
    if v is None:
        return "—"
    if kind == "count":
        return f"{v:,.0f}"
    if kind == "money":
        return f"¥{v:,.2f}"
    return f"{v * 100:.1f}%"


def show_delta(kind: str, value: object, previous: object) -> str | None:
    """Change against the previous period: relative for counts and money, points for rates."""
    v, p = _num(value), _num(previous)
    if v is None or p is None:
        return None
    if kind == "rate":
        return f"{(v - p) * 100:+.1f} pp"
    if p == 0:
        return None
    return f"{(v - p) / p * 100:+.1f}%"


def show_change(kind: str, change: object) -> str | None:
    """A KPI card's `change` as shown: points for rates (a fraction: 0.012 → +1.2 pp), else a
    relative change (0.25 → +25.0%); None when there is none to show."""
    c = _num(change)
    if c is None:
        return None
    if kind == "rate":
        return f"{c * 100:+.1f} pp"
    return f"{c * 100:+.1f}%"
