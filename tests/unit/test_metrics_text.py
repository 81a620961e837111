"""Every KPI has a label, a definition and a unit in all three languages (siyu/text/metrics)."""

from __future__ import annotations

import pytest

from siyu import metrics
from siyu.i18n import LANGUAGES, t
from siyu.text.metrics import TEXT


@pytest.mark.parametrize("metric", metrics.KPI_ORDER)
def test_every_kpi_has_label_help_and_unit_in_every_language(metric):
    for key in (f"metric.{metric}", f"metric.{metric}.help", f"metric.{metric}.unit"):
        assert set(TEXT[key]) == set(LANGUAGES), key
        assert all(TEXT[key][lang].strip() for lang in LANGUAGES), key


def test_every_target_and_missing_table_has_a_message():
    for metric in metrics.KPI_TARGETS:
        assert set(TEXT[f"target.{metric}"]) == set(LANGUAGES)
    for tables in metrics.KPI_NEEDS.values():
        for table in tables:
            assert set(TEXT[f"needs.{table}"]) == set(LANGUAGES)


def test_target_texts_match_the_targets():
    assert t("target.daily_active_rate", "zh-Hans") == "目标 ≥ 30%"
    assert t("target.interaction_rate", "en") == "Target ≥ 20%"
    assert t("target.conversion_rate", "zh-Hant") == "目標 ≥ 5%"
    assert t("target.repurchase_rate", "zh-Hans").startswith("目标 ≥ 40%")


def test_windowed_labels_take_the_window_and_others_ignore_it():
    assert t("metric.first_order_conversion", "zh-Hans", x_days=3, y_days=7) == "首单转化率（3 天）"
    assert t("metric.repurchase_rate_7d", "en", x_days=3, y_days=14) == "Repurchase rate (14 days)"
    assert t("metric.gmv", "en", x_days=3, y_days=7) == "GMV"
    assert "{" not in t("needs.members", "zh-Hans", x_days=3, y_days=7)
