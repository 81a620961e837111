"""How numbers look to the people who read them: one set of rules for cards, tables, charts
and the weekly report (the CLI and the downloads keep raw values; see `siyu.cli.format_value`).

Kinds of value:

- ``count``  people, orders, units: whole numbers with separators (1,234);
- ``money``  yuan with separators and two decimals (¥1,216,271.50, -¥3.20);
- ``rate``   a fraction shown as a percentage with one decimal (0.087 → 8.7%);
- ``number`` any other figure (a K-factor, hours): separators and two decimals.

A card has room for a value about `CARD_EM` font sizes wide; a wider value is shown in the
compact form of the reader's language (¥121.6万, ¥121.6萬, ¥1.22M) with the full value in
the card's help, never cut. Plotly charts and Streamlit tables take the same rules as format
strings: `d3`, `hover`, `column`.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from siyu.i18n import DEFAULT_LANGUAGE, t

KINDS = ("count", "money", "rate", "number")
CURRENCY = "¥"
# The width (in font sizes) of a value a KPI card shows without cutting it: one of four cards
# across a 1280-pixel window with the sidebar open, measured in Chromium, where st.metric
# shows "1,234,567" (4.0 em) whole and cuts "¥57,914.82" (4.6 em) to "¥57,914.…".
CARD_EM = 4.4
# Widths of characters in the metric font (Source Sans) in font sizes; CJK is one em.
_EM = {**dict.fromkeys("0123456789", 0.5), ",": 0.25, ".": 0.25, "-": 0.35, "+": 0.55}
_EM |= {"¥": 0.55, "%": 0.8, " ": 0.25}


def width_em(text: str) -> float:
    """An estimate of the width of `text` in font sizes (latin letters 0.6, CJK 1)."""
    return sum(_EM.get(c, 1.0 if ord(c) > 0x2E80 else 0.6) for c in text)


def as_float(value: object) -> float | None:
    """A number as a float; None for a missing, non-numeric or infinite value."""
    return _num(value)


def _num(value: object) -> float | None:
    if value is None or isinstance(value, bool | str):
        return None
    if isinstance(value, Decimal):
        return float(value)
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) or math.isinf(f) else f


def _signed(text: str, negative: bool, prefix: str = "") -> str:
    return f"-{prefix}{text}" if negative else f"{prefix}{text}"


def show(kind: str, value: object) -> str:
    """A value of kind count, money, rate or number, in full: 1,234 / ¥12,345.67 / 34.5% /
    1.23; a dash when undefined. People are whole: 539.25 people read 539."""
    v = _num(value)
    if v is None:
        return "—"
    if kind == "count":
        v = round(v)
        return _signed(f"{abs(v):,.0f}", v < 0)
    if kind == "money":
        if isinstance(value, Decimal):  # exact: half up like a cashier (99.335 → 99.34)
            v = float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
        cents = round(v, 2)
        return _signed(f"{abs(cents):,.2f}", cents < 0, CURRENCY)
    if kind == "rate":
        return f"{v * 100:.1f}%"
    return f"{v:,.2f}"


def _steps(lang: str) -> list[tuple[float, str, int]]:
    """The compact units of a language, largest first: (size, unit, significant digits)."""
    spec = t("fmt.compact", lang if lang else DEFAULT_LANGUAGE)
    steps = []
    for part in spec.split("|"):
        size, unit, digits = part.split(":")
        steps.append((float(size), unit, int(digits)))
    return sorted(steps, reverse=True)


def compact(kind: str, value: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """A count or an amount in the short form of `lang`, to a few significant digits:
    ¥121.6万 and ¥5.79万 (zh-Hans), ¥121.6萬 (zh-Hant), ¥1.22M and ¥57.9K (en); values below
    the smallest unit, rates and numbers as `show`."""
    v = _num(value)
    if v is None or kind not in ("count", "money"):
        return show(kind, value)
    sign = CURRENCY if kind == "money" else ""
    for size, unit, digits in _steps(lang):
        scaled = float(f"{abs(v) / size:.{digits}g}")  # 999,999 reads ¥1M, not ¥1,000K
        if scaled >= 1:
            places = min(2, max(0, digits - len(str(int(scaled)))))
            text = f"{scaled:,.{places}f}"
            if places:
                text = text.rstrip("0").rstrip(".")
            return _signed(f"{text}{unit}", v < 0, sign)
    return show(kind, value)


def card(kind: str, value: object, lang: str = DEFAULT_LANGUAGE) -> tuple[str, str | None]:
    """A KPI card's value: (what the card shows, the full value when the card shows a
    compact form, else None). A card never cuts a value (Streamlit's st.metric would)."""
    full = show(kind, value)
    if width_em(full) <= CARD_EM:
        return full, None
    short = compact(kind, value, lang)
    return (short, full) if short != full else (full, None)


def card_help(help_text: str | None, full: str | None, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """A card's help with the full value added when the card shows a compact form."""
    if full is None:
        return help_text
    line = t("fmt.full_value", lang, value=full)
    return f"{help_text}\n\n{line}" if help_text else line


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


# -- the same rules for Plotly and Streamlit tables ------------------------------------------

_D3 = {"count": ",.0f", "money": ",.2f", "rate": ".1%", "number": ",.2f"}


def d3(kind: str) -> str:
    """The d3 format (Plotly's hover, text and tick formats) of a kind: ",.0f", ".1%" …"""
    return _D3.get(kind, _D3["number"])


def prefix(kind: str) -> str:
    """What goes before a value of the kind (the currency for money)."""
    return CURRENCY if kind == "money" else ""


def hover(kind: str, var: str = "y") -> str:
    """A Plotly template piece for the variable `var`: "¥%{y:,.2f}", "%{y:.1%}" …"""
    return f"{prefix(kind)}%{{{var}:{d3(kind)}}}"


def tick_format(kind: str, step: float | None = None) -> str:
    """The d3 format of an axis' ticks: no decimals the ticks do not need (10% not 10.0%;
    2.5% where the step is 2.5 points)."""
    if kind == "rate":
        places = _places(step * 100) if step else 1
        return f".{places}%"
    if kind in ("count", "money") and (step is None or step >= 1):
        return ",.0f"
    return f",.{_places(step) if step else 2}f"


def _places(step: float) -> int:
    """Decimals needed to write multiples of `step` exactly (2.5 → 1, 0.05 → 2, 10 → 0)."""
    for places in range(0, 7):
        if abs(round(step, places) - step) < 1e-9 * max(1.0, abs(step)):
            return places
    return 6


def shown_value(kind: str, value: object) -> float | None:
    """The number `show` writes, as a number: a rate to a tenth of a percent (0.27167 →
    0.272), a count whole, an amount or other number to the cent. A Streamlit table is
    handed these (its own formats cut digits off rather than round: 27.167% read 27.1%)."""
    v = _num(value)
    if v is None:
        return None
    if kind == "rate":
        return float(f"{v * 100:.1f}") / 100
    if kind == "count":
        return float(round(v))
    return float(f"{v:.2f}")


def column(kind: str) -> dict[str, object]:
    """Options of a Streamlit NumberColumn showing the kind by these rules (the values stay
    numbers: the table sorts them as numbers and the downloads keep them whole)."""
    if kind == "count":
        return {"format": "%,d"}  # Streamlit's sprintf: thousands separators
    if kind == "money":
        return {"format": f"{CURRENCY}%,.2f"}
    if kind == "rate":
        return {"format": "percent", "step": 0.001}  # a fraction, one decimal of percent
    return {"format": "%,.2f"}
