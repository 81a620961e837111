"""Every page renders in AppTest, on the demo dataset and on an empty workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from siyu.i18n import LANGUAGES, t
from siyu.web.pages import PAGES

PAGE_FILES = [p.path for p in PAGES]
NAV = {p.path: p.title for p in PAGES}
APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_app(monkeypatch, ws, page: str = "app.py", lang: str | None = None) -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=60)
    if lang:  # the URL holds the language as its menu shows it
        at.query_params["lang"] = LANGUAGES[lang]
    at.run()
    if page != "app.py":
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_renders_on_the_demo_dataset(monkeypatch, demo_ws, page):
    at = open_app(monkeypatch, demo_ws, page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t(NAV[page], "zh-Hans")


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_renders_on_an_empty_workspace(monkeypatch, empty_ws, page):
    at = open_app(monkeypatch, empty_ws, page)
    assert not at.exception, [e.value for e in at.exception]


def test_overview_on_an_empty_workspace_points_to_the_data_page(monkeypatch, empty_ws):
    at = open_app(monkeypatch, empty_ws)
    assert "还没有数据集" in at.info[0].value


def test_overview_shows_every_kpi_card_with_gmv_and_members_charts(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws)
    labels = [m.label for m in at.metric]  # AppTest lists the cards column by column
    assert sorted(labels) == sorted(
        [
            "新增会员",
            "购买人数",
            "支付订单数",
            "GMV（成交额）",
            "客单价",
            "首单转化率（3 天）",
            "复购率",
            "7 日复购率",
            "日活率",
            "互动率",
            "转化率（日）",
        ]
    )
    assert all(m.value != "—" for m in at.metric)
    assert len(at.get("plotly_chart")) == 2


def test_language_switch_changes_the_labels(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, lang="en")
    assert at.title[0].value == "Overview"
    at.sidebar.selectbox[0].set_value("zh-Hant").run()
    assert at.title[0].value == "概覽"


GB_ORDERS = (
    "有赞订单导出 2026-11-20\n"
    "订单编号,买家ID,下单时间,实付金额,订单状态\n"
    'N1,000123,2026-10-30 11:54:00,"¥1,299.00",已付款\n'
    "N2,000124,2026-10-31 09:00:00,58.50元,交易成功\n"
    "N3,000124,2026-10-31 10:00:00,99,已退款\n"
)


def kpi_values(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_uploading_a_gb18030_orders_file_on_the_data_page_changes_the_overview(
    monkeypatch, demo_ws
):
    at = open_app(monkeypatch, demo_ws, lang="en")
    before = kpi_values(at)
    at.switch_page("pages/data.py").run()
    at.file_uploader[0].set_value(("订单.csv", GB_ORDERS.encode("gb18030"), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("encoding gb18030, header on row 2" in c.value for c in at.caption)
    at.text_input(key="new_name").set_value("华东店").run()
    at.button(key="check").click().run()
    accepted = [m.value for m in at.metric if "Rows accepted" in m.label]
    assert accepted == ["3"]
    at.button(key="save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("华东店" in s.value for s in at.success)
    at.switch_page("app.py").run()
    # AppTest drops bound query parameters on switch_page (a browser keeps them in the URL);
    # the second run reads the dataset the frame selected after saving.
    at.run()
    assert at.sidebar.selectbox[1].value == "华东店"
    after = kpi_values(at)
    assert after != before
    # the saved dataset is now selected; its period ends on its last day (2026-10-31)
    assert after["GMV"] == "¥1,357.50"
    assert after["Buyers"] == "2"
