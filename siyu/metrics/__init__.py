"""The metric layer: every number a page, the CLI or a test shows comes from here (SPEC §4).

Each area of the app has one module (`overview`, `funnels`, `retention`, …) whose functions
take a `Source` and a period (first and last calendar day, inclusive), run `queries/*.sql`
with bound parameters and return a DataFrame. Nothing here imports Streamlit, so pages,
`python -m siyu metric NAME` and the tests call the same functions.

Each metric is declared once, beside its function, with `@metric` (`siyu.metrics.registry`):
name, required tables, output columns; its options are its typed keyword arguments. Every
module of this package is imported here, so a new area needs no list to join (a module that
declares nothing is simply a helper). `get(name)`
gives the declaration (`UnknownMetric` for a name nobody declared), `REGISTRY` all of them.
"""

from __future__ import annotations

import importlib
import pkgutil
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
from siyu.metrics.registry import (
    DECLARED,
    Metric,
    Option,
    OptionValueError,
    UnknownMetric,
    UnknownOption,
    metric,
)

# The area modules in the order of the app's pages; any other module of the package (a new
# area) is imported after them, so its metrics are never skipped.
AREAS: tuple[str, ...] = (
    "overview",
    "funnels",
    "retention",
    "leaderboards",
    "members",
    "groups",
    "whatif",
)
_NOT_AREAS = ("base", "registry")


def _area_modules() -> list[str]:
    found = [m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]
    rest = sorted(n for n in found if n not in AREAS and n not in _NOT_AREAS)
    return [a for a in AREAS if a in found] + rest


def _collect() -> dict[str, Metric]:
    for area in _area_modules():
        importlib.import_module(f"siyu.metrics.{area}")
    by_area = {area: i for i, area in enumerate(_area_modules())}
    ordered = sorted(DECLARED.values(), key=lambda m: by_area.get(m.area, len(by_area)))
    return {m.name: m for m in ordered}


REGISTRY: dict[str, Metric] = _collect()
_ALIASES: dict[str, str] = {a: m.name for m in REGISTRY.values() for a in m.aliases}


def get(name: str) -> Metric:
    """The metric called `name` (`group-health`, `group_health` or an alias); UnknownMetric
    when no metric has that name."""
    key = name.replace("-", "_")
    key = _ALIASES.get(key, key)
    if key not in REGISTRY:
        raise UnknownMetric(name, names())
    return REGISTRY[key]


def names() -> list[str]:
    """Every name a metric answers to (declared names and aliases), sorted."""
    return sorted([*REGISTRY, *_ALIASES])


def lookup(name: str) -> Callable[..., pd.DataFrame]:
    """The function of the metric called `name` (see `get`; UnknownMetric when none)."""
    return get(name).fn


# Name (declared and alias) -> function, for callers that only need to call it.
METRICS: dict[str, Callable[..., pd.DataFrame]] = {n: get(n).fn for n in names()}


__all__ = [
    "AREAS",
    "DEFAULT_PERIOD_DAYS",
    "GRAINS",
    "KPI_KINDS",
    "KPI_NEEDS",
    "KPI_ORDER",
    "KPI_TARGETS",
    "METRICS",
    "REGISTRY",
    "Metric",
    "NeedsTable",
    "Option",
    "OptionValueError",
    "UnknownMetric",
    "UnknownOption",
    "as_of",
    "data_range",
    "default_period",
    "get",
    "kpi_cards",
    "kpis",
    "last_data_day",
    "lookup",
    "metric",
    "missing_table",
    "names",
    "previous_period",
    "timeseries",
]
