"""Every page renders in AppTest, on the demo dataset and on an empty workspace."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from siyu.ui import PAGES

PAGE_FILES = [path for path, _, _ in PAGES]


def open_app(monkeypatch, ws, page: str = "app.py", lang: str | None = None) -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file("app.py", default_timeout=60)
    if lang:
        at.query_params["lang"] = lang
    at.run()
    if page != "app.py":
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_renders_on_the_demo_dataset(monkeypatch, demo_ws, page):
    at = open_app(monkeypatch, demo_ws, page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value in ("概览", "数据")


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_renders_on_an_empty_workspace(monkeypatch, empty_ws, page):
    at = open_app(monkeypatch, empty_ws, page)
    assert not at.exception, [e.value for e in at.exception]


def test_overview_on_an_empty_workspace_points_to_the_data_page(monkeypatch, empty_ws):
    at = open_app(monkeypatch, empty_ws)
    assert "还没有数据集" in at.info[0].value


def test_overview_shows_every_kpi_card_with_gmv_and_members_charts(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws)
    labels = [m.label for m in at.metric]
    assert labels[:5] == ["会员数", "购买人数", "支付订单数", "GMV", "客单价"] or len(labels) == 11
    assert len(labels) == 11
    assert len(at.get("plotly_chart")) == 2


def test_language_switch_changes_the_labels(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, lang="en")
    assert at.title[0].value == "Overview"
    at.sidebar.selectbox[0].set_value("zh-Hant").run()
    assert at.title[0].value == "概覽"
