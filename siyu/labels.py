"""Translation keys by the code value they name, for the families several modules show.

A key is always written out in full (never built with an f-string), so a scan of the code
checks that every key it names exists in the three languages (tests/unit/test_house.py). A
page's own families sit in the page's siyu module; these are the shared ones: the KPIs, their
definitions and targets, the people still inside a window, the grains.
"""

from __future__ import annotations

# The headline figures: label and the definition an operator can check by hand.
KPI_LABELS: dict[str, str] = {
    "members": "metric.members",
    "buyers": "metric.buyers",
    "orders": "metric.orders",
    "gmv": "metric.gmv",
    "aov": "metric.aov",
    "first_order_conversion": "metric.first_order_conversion",
    "repurchase_rate": "metric.repurchase_rate",
    "repurchase_rate_7d": "metric.repurchase_rate_7d",
    "daily_active_rate": "metric.daily_active_rate",
    "interaction_rate": "metric.interaction_rate",
    "conversion_rate": "metric.conversion_rate",
    "paid_orders": "metric.paid_orders",
    "new_members": "metric.new_members",
}

KPI_HELP: dict[str, str] = {
    "members": "metric.members.help",
    "buyers": "metric.buyers.help",
    "orders": "metric.orders.help",
    "gmv": "metric.gmv.help",
    "aov": "metric.aov.help",
    "first_order_conversion": "metric.first_order_conversion.help",
    "repurchase_rate": "metric.repurchase_rate.help",
    "repurchase_rate_7d": "metric.repurchase_rate_7d.help",
    "daily_active_rate": "metric.daily_active_rate.help",
    "interaction_rate": "metric.interaction_rate.help",
    "conversion_rate": "metric.conversion_rate.help",
}

# Each target as the card states it ("target 30%"), and whether it was met.
TARGET_LABELS: dict[str, str] = {
    "daily_active_rate": "target.daily_active_rate",
    "interaction_rate": "target.interaction_rate",
    "conversion_rate": "target.conversion_rate",
    "repurchase_rate": "target.repurchase_rate",
}

# People whose window is still open at the last day of data, per windowed figure.
PENDING_LABELS: dict[str, str] = {
    "first_order_conversion": "window.pending.first_order_conversion",
    "repurchase_rate": "window.pending.repurchase_rate",
    "repurchase_rate_7d": "window.pending.repurchase_rate_7d",
    "repurchase": "window.pending.repurchase",
    "first_order": "window.pending.first_order",
    "activation": "window.pending.activation",
    "retention": "window.pending.retention",
    "effective_invites": "window.pending.effective_invites",
    "group_repurchase": "window.pending.group_repurchase",
    "seven_day": "window.pending.seven_day",
    "cohorts": "window.pending.cohorts",
}

GRAIN_LABELS: dict[str, str] = {
    "day": "grain.day",
    "week": "grain.week",
}
TARGET_MET = {True: "target.met", False: "target.missed"}
