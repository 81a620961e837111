"""The metric registry: every metric declared once, with tables, options and columns."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from siyu import metrics
from siyu.metrics.funnels import Exclusion
from siyu.schema import TABLES


def test_an_unknown_metric_name_fails_loudly_and_lists_the_known_ones():
    with pytest.raises(metrics.UnknownMetric) as caught:
        metrics.get("leaderboard_sellers")
    assert "leaderboard_buyers" in str(caught.value)
    with pytest.raises(KeyError):
        metrics.lookup("nope")


def test_an_unknown_option_fails_loudly_before_anything_runs():
    with pytest.raises(metrics.UnknownOption, match="colour"):
        metrics.get("rfm").check({"colour": "red"})
    with pytest.raises(TypeError):  # like an unexpected keyword
        metrics.get("tiers")(None, dt.date(2024, 1, 1), dt.date(2024, 1, 2), split="mean")


def test_names_and_aliases_with_dashes_find_one_declaration():
    assert metrics.get("group-health").name == "group_health"
    assert metrics.get("funnel") is metrics.get("member_funnel")
    assert metrics.get("retention") is metrics.get("cohort_retention")
    assert metrics.get("group_stats_range").fn.__name__ == "stats_range"
    assert {"funnel", "retention"} <= set(metrics.names())


def test_every_declaration_names_known_tables_columns_and_a_description():
    for m in metrics.REGISTRY.values():
        assert set(m.requires) | set(m.requires_any) <= set(TABLES), m.name
        assert m.columns and len(set(m.columns)) == len(m.columns), m.name
        assert m.description and not m.description.startswith(" "), m.name
        assert m.area in metrics.AREAS or m.area, m.name


def test_every_metric_returns_its_declared_columns_on_the_demo(demo_root):
    from siyu.workspace import Workspace

    source = Workspace(demo_root).source("demo")
    start, end = metrics.default_period(source)
    inviter = metrics.get("leaderboard_inviters")(source, start, end)["user_id"].iloc[0]
    cohort = metrics.get("cohort_retention")(source, start, end)["cohort"].iloc[0]
    needed = {
        "invitation_tree": {"inviter": inviter},
        "invitation_levels": {"inviter": inviter},
        "retention_members": {"cohort": cohort, "period": 1},
        "event_funnel": {"steps": ("join", "order")},
        "event_funnel_trend": {"steps": ("join", "order")},
        "event_funnel_dropped": {"steps": ("join", "order")},
    }
    for m in metrics.REGISTRY.values():
        out = m(source, start, end, **needed.get(m.name, {}))
        assert tuple(out.columns) == m.columns, m.name


def test_command_line_text_is_read_as_each_option_declares():
    board = metrics.get("leaderboard_groups")
    assert board.parse([("top", "all"), ("names", "yes")]) == {"top": "all", "names": True}
    assert board.parse([("top", "5")]) == {"top": 5}
    funnel = metrics.get("event_funnel")
    parsed = funnel.parse([("steps", "join, view ,order"), ("exclude", "like:1-2,share:2-3")])
    assert parsed == {
        "steps": ("join", "view", "order"),
        "exclude": (Exclusion("like", 1, 2), Exclusion("share", 2, 3)),
    }
    assert metrics.get("retention_members").parse([("cohort", "2024-03-04")]) == {
        "cohort": dt.date(2024, 3, 4)
    }
    with pytest.raises(metrics.OptionValueError, match=r"day \| week"):
        metrics.get("cohort_retention").parse([("grain", "month")])
    with pytest.raises(metrics.OptionValueError):
        metrics.get("silent_members").parse([("days", "three")])


def test_the_command_line_help_lists_every_metric_with_its_options():
    proc = subprocess.run(
        [sys.executable, "-m", "siyu", "metric", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for m in metrics.REGISTRY.values():
        assert f"  {m.name}" in proc.stdout, m.name
        for opt in m.options:
            assert f"--set {opt.describe()}" in proc.stdout, (m.name, opt.name)
    assert "--set grain=day | week (default day)" in proc.stdout


def test_options_are_typed_keyword_arguments_never_a_catch_all():
    import pandas as pd

    from siyu.metrics.registry import metric

    def catch_all(source, start, end, **options):
        return pd.DataFrame()

    with pytest.raises(TypeError, match="typed keyword arguments"):
        metric(columns=("x",))(catch_all)
