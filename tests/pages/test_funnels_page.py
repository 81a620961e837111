"""The Funnels page in AppTest: three views on the demo, a breakdown, the event funnel's
options, and a dataset without members."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from siyu import metrics
from siyu.i18n import t
from siyu.importer import FileRequest, import_files
from siyu.metrics import funnels

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "pages/funnels.py"


def open_funnels(monkeypatch, ws) -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def numbers(at: AppTest) -> list[int]:
    return [int(m.value.replace(",", "")) for m in at.metric]


def test_member_funnel_is_the_default_view_and_matches_the_metric(monkeypatch, demo_ws):
    at = open_funnels(monkeypatch, demo_ws)
    assert at.title[0].value == t("nav.funnels", "zh-Hans")
    source = demo_ws.source("demo")
    start, end = metrics.default_period(source)
    expected = funnels.member_funnel(source, start, end)
    assert numbers(at) == list(expected["count"])
    assert [m.label for m in at.metric] == ["新入群", "3 天内首单", "7 天内复购"]
    assert len(at.get("plotly_chart")) == 2  # the funnel and the breakdown
    assert len(at.dataframe[0].value) == 3
    dropped = funnels.member_funnel_dropped(source, start, end, step="first_order")
    assert len(at.dataframe[2].value) == len(dropped) > 0
    assert all("*" in str(p) for p in at.dataframe[2].value["手机号"].dropna())

    # a wider first-order window converts more members
    at.slider(key="funnel_x").set_value(7).run()
    assert not at.exception
    wider = funnels.member_funnel(source, start, end, x_days=7)
    assert numbers(at) == list(wider["count"])
    assert numbers(at)[1] > expected["count"][1]


def test_breakdown_switch_changes_the_table(monkeypatch, demo_ws):
    at = open_funnels(monkeypatch, demo_ws)
    by_channel = at.dataframe[1].value
    assert len(by_channel) % 3 == 0 and len(by_channel) >= 3 * 5  # 6 channels in the demo
    at.segmented_control(key="funnel_breakdown").set_value("join_week").run()
    assert not at.exception
    source = demo_ws.source("demo")
    start, end = metrics.default_period(source)
    weeks = funnels.member_funnel(source, start, end, breakdown="join_week")
    table = at.dataframe[1].value
    assert len(table) == len(weeks)
    assert list(table["分组"].iloc[::3]) == list(weeks["breakdown"].iloc[::3])
    chart = json.loads(at.get("plotly_chart")[1].proto.spec)
    assert "入群周" in chart["layout"]["title"]["text"]
    assert chart["data"][0]["x"][0] == weeks["breakdown"].iloc[0]


def test_aarrr_view_shows_five_nested_steps(monkeypatch, demo_ws):
    at = open_funnels(monkeypatch, demo_ws)
    at.segmented_control(key="funnel_view").set_value("aarrr").run()
    assert not at.exception
    source = demo_ws.source("demo")
    start, end = metrics.default_period(source)
    expected = funnels.aarrr(source, start, end)
    table = at.dataframe[0].value
    assert list(table["人数"]) == list(expected["count"])
    assert list(expected["count"]) == sorted(expected["count"], reverse=True)
    assert len(at.get("plotly_chart")) == 1


def test_event_funnel_view_and_its_options(monkeypatch, demo_ws):
    at = open_funnels(monkeypatch, demo_ws)
    at.segmented_control(key="funnel_view").set_value("event").run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2  # funnel and weekly trend
    source = demo_ws.source("demo")
    start, end = metrics.default_period(source)
    ordered = funnels.event_funnel(source, start, end, steps="join,message,order")
    table = at.dataframe[0].value
    assert list(table["人数"]) == list(ordered["count"])

    at.segmented_control(key="funnel_order").set_value("strict").run()
    assert not at.exception
    strict = funnels.event_funnel(source, start, end, steps="join,message,order", order="strict")
    assert list(at.dataframe[0].value["人数"]) == list(strict["count"])
    assert list(strict["count"]) != list(ordered["count"])

    # a repurchase funnel: order → order
    at.segmented_control(key="funnel_order").set_value("ordered").run()
    at.slider(key="funnel_n").set_value(2).run()
    at.selectbox(key="funnel_step_1").set_value("order").run()
    at.selectbox(key="funnel_step_2").set_value("order").run()
    assert not at.exception
    repeat = funnels.event_funnel(source, start, end, steps="order,order")
    assert list(at.dataframe[0].value["人数"]) == list(repeat["count"])
    dropped = funnels.event_funnel_dropped(source, start, end, steps="order,order")
    assert len(at.dataframe[1].value) == len(dropped)


def test_empty_workspace_points_to_the_data_page(monkeypatch, empty_ws):
    at = open_funnels(monkeypatch, empty_ws)
    assert "还没有数据集" in at.info[0].value


def test_dataset_without_members_explains_and_shows_the_event_funnel(
    monkeypatch, empty_ws, tmp_path
):
    path = tmp_path / "orders.csv"
    path.write_text(
        "订单编号,买家ID,下单时间,实付金额\n"
        "A1,007,2024-04-01 10:00:00,10\n"
        "A2,007,2024-04-03 10:00:00,20\n"
        "A3,008,2024-04-02 10:00:00,30\n",
        encoding="utf-8",
    )
    import_files(empty_ws, "shop", [FileRequest(data=path, filename=path.name, kind="orders")])
    at = open_funnels(monkeypatch, empty_ws)
    assert t("funnels.needs_members", "zh-Hans") in [i.value for i in at.info]
    assert not at.metric  # no member funnel cards
    # the event view falls back to the events that exist: order → order → order; 007 has
    # two orders (step 2), 008 one
    table = at.dataframe[0].value
    assert list(table["人数"]) == [2, 1, 0]
    assert len(at.get("plotly_chart")) == 2
