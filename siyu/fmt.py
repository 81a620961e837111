"""How numbers look on screen (the CLI prints raw values; see `siyu.cli.format_value`)."""

from __future__ import annotations

import math
from decimal import Decimal

KPI_KIND = {
    "members": "count",
    "buyers": "count",
    "orders": "count",
    "gmv": "money",
    "aov": "money",
}


def kind_of(metric: str) -> str:
    return KPI_KIND.get(metric, "rate")


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


def show(metric: str, value: object) -> str:
    """A KPI value for a card: 1,234 / ¥12,345.67 / 34.5%; an em dash when undefined."""
    v = _num(value)
    if v is None:
        return "—"
    kind = kind_of(metric)
    if kind == "count":
        return f"{v:,.0f}"
    if kind == "money":
        return f"¥{v:,.2f}"
    return f"{v * 100:.1f}%"


def show_delta(metric: str, value: object, previous: object) -> str | None:
    """Change against the previous period: relative for counts and money, points for rates."""
    v, p = _num(value), _num(previous)
    if v is None or p is None:
        return None
    if kind_of(metric) == "rate":
        return f"{(v - p) * 100:+.1f} pp"
    if p == 0:
        return None
    return f"{(v - p) / p * 100:+.1f}%"
