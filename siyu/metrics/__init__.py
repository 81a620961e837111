"""The metric layer: every number a page, the CLI or a test shows comes from here (SPEC §4).

Each area of the app has one module (`overview`, `funnels`, `retention`, …) whose functions
take a `Source` and a period (first and last calendar day, inclusive), run `queries/*.sql`
with bound parameters and return a DataFrame. Nothing here imports Streamlit, so pages,
`python -m siyu metric NAME` and the tests call the same functions.

Each module lists its public metrics in a `METRICS` dict (name as the CLI spells it, with
`_`; the CLI also accepts `-`). A function's `requires` attribute names the tables without
which it means nothing (the CLI refuses and names the file to upload).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable

import pandas as pd

from siyu.metrics.base import (
    DEFAULT_PERIOD_DAYS,
    NeedsTable,
    as_of,
    data_range,
    default_period,
    last_data_day,
    previous_period,
)
from siyu.metrics.overview import (
    GRAINS,
    KPI_KINDS,
    KPI_NEEDS,
    KPI_ORDER,
    KPI_TARGETS,
    kpi_cards,
    kpis,
    missing_table,
    timeseries,
)

# The area modules, in the order of the app's pages.
AREAS: tuple[str, ...] = (
    "overview",
    "funnels",
    "retention",
    "leaderboards",
    "members",
    "groups",
    "whatif",
)


def _collect() -> dict[str, Callable[..., pd.DataFrame]]:
    found: dict[str, Callable[..., pd.DataFrame]] = {}
    for area in AREAS:
        # TODO(lead): areas are being built in parallel; skip the ones not written yet.
        if importlib.util.find_spec(f"siyu.metrics.{area}") is None:
            continue
        module = importlib.import_module(f"siyu.metrics.{area}")
        for name, fn in module.METRICS.items():
            if name in found:
                raise RuntimeError(f"metric {name!r} is defined twice")
            found[name] = fn
    return found


METRICS: dict[str, Callable[..., pd.DataFrame]] = _collect()


def lookup(name: str) -> Callable[..., pd.DataFrame] | None:
    """The metric called `name` (`group-health` and `group_health` are one), or None."""
    return METRICS.get(name.replace("-", "_"))


__all__ = [
    "AREAS",
    "DEFAULT_PERIOD_DAYS",
    "GRAINS",
    "KPI_KINDS",
    "KPI_NEEDS",
    "KPI_ORDER",
    "KPI_TARGETS",
    "METRICS",
    "NeedsTable",
    "as_of",
    "data_range",
    "default_period",
    "kpi_cards",
    "kpis",
    "last_data_day",
    "lookup",
    "missing_table",
    "previous_period",
    "timeseries",
]
