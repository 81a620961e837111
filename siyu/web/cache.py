"""Cached answers: metrics, dataset facts and the weekly report, keyed by dataset version.

Cache keys: the workspace folder and `Source.key` (dataset id @ version), so a new version
(an import, a restore) misses while every other dataset's entries stay hits; two workspaces
copied from one another (same ids) never share entries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from siyu import metrics
from siyu.db import Source
from siyu.web.frame import Context, dataset_label

# Cache keys: the workspace folder and `Source.key` (dataset id @ version), so a new version
# (an import, a restore) misses while every other dataset's entries stay hits; two workspaces
# copied from one another (same ids) never share entries.
# A question to a metric: its declared name, the period and the options as sorted (name,
# value) pairs of their own types; Streamlit hashes them as they are (no text round trip).
Question = tuple[str, Any, Any, tuple[tuple[str, Any], ...]]


def _question(name: str, params: dict[str, Any]) -> Question:
    """`name` and `params` as a cache key; UnknownMetric / UnknownOption when not declared."""
    declared = metrics.get(name)
    options = dict(params)
    start, end = options.pop("start", None), options.pop("end", None)
    return declared.name, start, end, tuple(sorted(declared.check(options).items()))


def _compute(question: Question, source: Source) -> pd.DataFrame:
    name, start, end, options = question
    return metrics.get(name)(source, start, end, **dict(options))


@st.cache_data(ttl=3600, max_entries=512, show_spinner=False)
def _cached_metric(key: str, question: Question, _source: Source) -> pd.DataFrame:
    return _compute(question, _source)


def metric(ctx: Context, name: str, **params: Any) -> pd.DataFrame:
    """A declared metric's result, cached by dataset version, name, period and options."""
    assert ctx.source is not None
    return _cached_metric(_cache_key(ctx), _question(name, params), ctx.source)


# A list on screen shows its first rows; the whole list is in the downloads. Shipping a
# million members to every visitor's browser (and unpickling them on each rerun) would make
# the page slow for everyone on the link.
LIST_ROWS = 5000


@st.cache_data(ttl=3600, max_entries=256, show_spinner=False)
def _cached_preview(key: str, question: Question, rows: int, _source: Source) -> Any:
    # The whole list is not cached here: pickling half a million rows into the cache costs
    # more than the query (3.7 s against 1 s for the silent list at 1M members). The
    # download asks for it through `metric` when someone clicks.
    full = _compute(question, _source)
    return full.head(rows).reset_index(drop=True), len(full)


def metric_preview(
    ctx: Context, name: str, rows: int | None = None, **params: Any
) -> tuple[pd.DataFrame, int]:
    """The first `rows` rows of a list metric and the length of the whole list.

    Cached apart from the whole list, so a warm rerun moves `rows` rows, not the list.
    """
    assert ctx.source is not None
    question = _question(name, params)
    return _cached_preview(_cache_key(ctx), question, rows or LIST_ROWS, ctx.source)


@st.cache_data(ttl=3600, max_entries=128, show_spinner=False)
def _cached_call(key: str, name: str, _source: Source) -> Any:
    return getattr(metrics, name)(_source)


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def _cached_report(key: str, week: str, lang: str, dataset: str, _source: Source) -> str:
    from siyu import report

    return report.build(_source, dt.date.fromisoformat(week), lang, dataset=dataset)


def weekly_report(ctx: Context, week: dt.date) -> str:
    """The weekly review HTML of `week` (cached by dataset version, week and language)."""
    assert ctx.source is not None and ctx.dataset is not None
    return _cached_report(
        ctx.source.key, week.isoformat(), ctx.lang, dataset_label(ctx.dataset, ctx.lang), ctx.source
    )


def dataset_fact(ctx: Context, name: str) -> Any:
    """A cached no-argument fact about the dataset (`default_period`, `data_range`, `as_of`)."""
    assert ctx.source is not None
    return _cached_call(_cache_key(ctx), name, ctx.source)


def _cache_key(ctx: Context) -> str:
    assert ctx.source is not None
    return f"{ctx.ws.root.resolve()}|{ctx.source.key}"
