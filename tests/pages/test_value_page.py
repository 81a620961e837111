"""The Value page (价值) in AppTest: the fit, per-person values, at-risk buyers, the holdout
check and cohort value curves, on the demo, on an orders-only dataset (CDNOW) and empty."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from siyu import metrics
from siyu.importer import FileRequest, import_files
from siyu.metrics import clv as C
from tests.pages.test_pages import APP

PAGE = "pages/value.py"
CDNOW = Path(__file__).resolve().parents[1] / "data" / "cdnow" / "cdnow_orders.csv"


def open_page(monkeypatch, ws, params=None) -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# The page's tables in the order it draws them (a fit, so the at-risk list is drawn).
TABLES = ["value_model_table", "value_people", "value_risk", "value_cohorts"]


def frame(at: AppTest, key: str) -> pd.DataFrame:
    assert len(at.dataframe) == len(TABLES)
    return at.dataframe[TABLES.index(key)].value


def figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_the_page_shows_the_metric_layers_fit_and_people_on_the_demo(monkeypatch, demo_ws):
    at = open_page(monkeypatch, demo_ws)
    assert at.title[0].value == "价值"
    source = demo_ws.source("demo")
    start, end = metrics.default_period(source)
    model = C.clv_model(source, start, end)
    values = dict(zip(model["parameter"], model["value"], strict=True))
    shown = frame(at, "value_model_table")
    assert shown.iloc[0, 0] == "r" and shown.iloc[1, 0] == "α"
    assert shown.iloc[0, 1] == round(values["r"], 2)  # the screen rounds to 2 places
    cards = {m.label: m.value for m in at.metric}
    assert cards["买家"] == f"{values['customers']:,}"
    assert cards["复购买家"] == f"{values['repeat_customers']:,}"
    # the per-person list is the metric's, most valuable first
    horizon = C.horizon_units(12, "week")
    people = C.clv(source, start, end, horizon=horizon)
    listed = frame(at, "value_people")
    assert list(listed["用户 ID"].head(20)) == list(people["user_id"].head(20))
    summary = C.clv_summary(source, start, end, horizon=horizon).iloc[0]
    assert cards["买家"] == f"{summary['buyers']:,}"
    # the holdout check draws its two charts, the cohort tab its curves
    titles = [f["layout"]["title"]["text"] for f in figures(at)]
    assert "检验期的购买：按拟合期复购天数分组" in titles
    assert any(t.startswith("累计复购") for t in titles)
    assert "会员累计价值（按入群月/周）" in titles


def test_the_threshold_narrows_the_at_risk_list(monkeypatch, demo_ws):
    at = open_page(monkeypatch, demo_ws)
    before = len(frame(at, "value_risk"))
    at.slider(key="value_threshold").set_value(0.2).run()
    assert not at.exception
    after = frame(at, "value_risk")
    assert len(after) <= before
    assert (after["存活概率"] < 0.2).all()
    assert set(after["建议群"]) <= {"VIP群", "召回群"}


def test_an_orders_only_dataset_fits_cdnow_and_offers_first_order_cohorts(monkeypatch, empty_ws):
    import_files(empty_ws, "cdnow", [FileRequest(data=CDNOW, filename=CDNOW.name, kind="orders")])
    at = open_page(monkeypatch, empty_ws)
    # the period ends on 1997-09-30: the published calibration
    at.date_input(key="period").set_value((dt.date(1997, 9, 1), dt.date(1997, 9, 30))).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = frame(at, "value_model_table")
    published = [0.24, 4.42, 0.79, 2.42, 6.25, 3.74, 15.44]  # r α a b p q γ, 2 places
    assert list(shown.iloc[:7, 1]) == published
    assert at.segmented_control(key="value_cohort_by").options == ["首单日"]
    assert any("没有会员表" in c.value for c in at.caption)
    # the fit to 09-30 (946 repeat buyers, 273 days) is sound, and so is the holdout check's
    # own fit to 05-17 (half the history by default): no warning of the page's
    assert C.default_split(empty_ws.source("cdnow"), dt.date(1997, 9, 30)) == dt.date(1997, 5, 17)
    assert not [w.value for w in at.warning if "复购顾客" in w.value or "购买记录" in w.value]


def test_too_little_history_is_said_not_hidden(monkeypatch, empty_ws):
    orders = (
        "order_id,user_id,ordered_at,amount\n"
        "o1,U1,2024-03-04 10:00,10\n"
        "o2,U1,2024-03-06 10:00,10\n"
        "o3,U2,2024-03-05 10:00,20\n"
    )
    import_files(
        empty_ws, "shop", [FileRequest(data=orders.encode(), filename="o.csv", kind="orders")]
    )
    at = open_page(monkeypatch, empty_ws)
    warnings = " ".join(w.value for w in at.warning)
    assert "只有 1 位复购顾客" in warnings and "购买记录只有 3 天" in warnings


def test_empty_workspace_points_to_the_data_page(monkeypatch, empty_ws):
    at = open_page(monkeypatch, empty_ws)
    assert "还没有数据集" in at.info[0].value
    assert not at.get("plotly_chart")
