"""The Retention page in AppTest: cohort heatmap and curves, the 7-day method, bad input."""

from __future__ import annotations

import datetime as dt
import json

from siyu import metrics
from siyu.importer import FileRequest, import_files
from siyu.metrics.retention import cohort_retention, seven_day_compare
from tests.pages.test_pages import open_app

PAGE = "pages/retention.py"


def figures(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def test_cohort_view_draws_the_heatmap_and_curves_of_the_metric(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, PAGE)
    no_exception(at)
    assert at.title[0].value == "留存分析"
    source = demo_ws.source("demo")
    start, end = metrics.default_period(source)
    table = cohort_retention(source, start, end)  # join cohorts, day, paid order, D0 … D7
    heatmap, curves = figures(at)
    cohorts = sorted(set(table["cohort"]))
    assert heatmap["data"][0]["y"] == [str(c) for c in cohorts]
    assert heatmap["data"][0]["x"][:2] == ["第0天", "第1天"]
    first = table[table["cohort"] == cohorts[0]]["rate"].tolist()
    assert heatmap["data"][0]["z"][0] == first
    # cohort sizes beside the rows, and the D1–D7 band
    sizes = [a["text"] for a in heatmap["layout"]["annotations"]]
    assert f"{table['cohort_size'].iloc[0]:,}" in sizes
    assert heatmap["layout"]["shapes"][0]["x0"] == 0.5
    assert heatmap["layout"]["shapes"][0]["x1"] == 7.5
    # one line per cohort, a legend entry for them, and the size-weighted mean
    assert len(curves["data"]) == len(cohorts) + 2
    # the table lists every cohort; the member list behind the first cell is masked
    wide, people = at.dataframe
    assert len(wide.value) == len(cohorts)
    assert len(people.value) == int(table["cohort_size"].iloc[0])
    assert people.value["昵称"].map(lambda s: s is None or "*" in s).all()


def test_switching_to_twelve_weeks_redraws_with_week_periods(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, PAGE)
    at.segmented_control(key="retention_horizon").set_value("12w").run()
    no_exception(at)
    heatmap = figures(at)[0]
    assert heatmap["data"][0]["x"] == [f"第{n}周" for n in range(13)]
    assert not heatmap["layout"].get("shapes")  # no D1–D7 band on weeks
    assert len(at.dataframe[0].value.columns) == 2 + 13


def test_breakdown_by_channel_adds_segment_curves_and_a_segment_picker(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, PAGE)
    at.selectbox(key="retention_breakdown").set_value("channel").run()
    no_exception(at)
    segments = figures(at)[0]
    assert "门店活码" in [trace["name"] for trace in segments["data"]]
    assert len(figures(at)) == 3
    source = demo_ws.source("demo")
    start, end = metrics.default_period(source)
    table = cohort_retention(source, start, end, breakdown="channel")
    at.selectbox(key="retention_segment").set_value("朋友圈广告").run()
    no_exception(at)
    heatmap = figures(at)[1]
    sizes = table[table["segment"] == "朋友圈广告"].drop_duplicates("cohort")["cohort_size"]
    shown = [a["text"] for a in heatmap["layout"]["annotations"] if a.get("yref") == "y"]
    assert shown == [f"{n:,}" for n in sizes]


def test_seven_day_view_opens_on_the_latest_observed_period_without_a_click(monkeypatch, demo_ws):
    # issue 18.4: the default period (the last 28 days) holds nobody whose day 36 is in the
    # data; switching to the 7-day method moves it to the latest 28 days that do, at once
    at = open_app(monkeypatch, demo_ws, PAGE)
    at.segmented_control(key="retention_view").set_value("seven_day").run()
    no_exception(at)
    assert not any("第 36 天" in w.value for w in at.warning)
    assert not at.button  # nothing to click
    source = demo_ws.source("demo")
    last = metrics.last_data_day(source)
    start, end = at.date_input(key="period").value
    assert end == last - dt.timedelta(days=36)
    assert (end - start).days == 27
    assert any(f"{start} 至 {end}" in c.value and "36" in c.value for c in at.caption)
    compare = seven_day_compare(source, start, end)
    assert compare["members"].iloc[:2].sum() > 0
    assert compare["rate"].iloc[0] > compare["rate"].iloc[1]  # 7day visibly ahead
    assert compare["ci_low"].iloc[2] > 0
    assert len(at.get("plotly_chart")) == 2
    shown = at.dataframe[0].value
    assert shown["人数"].tolist()[:2] == [f"{n:,}" for n in compare["members"].iloc[:2]]
    assert shown["复购率"].iloc[0] == f"{compare['rate'].iloc[0] * 100:.1f}%"
    assert any("Newcombe" in c.value for c in at.caption)
    # back to the cohorts and again: the observed period stays, nothing moves twice
    at.segmented_control(key="retention_view").set_value("cohorts").run()
    at.segmented_control(key="retention_view").set_value("seven_day").run()
    assert at.date_input(key="period").value == (start, end)


def test_a_period_picked_too_recent_for_the_seven_day_method_offers_the_observed_one(
    monkeypatch, demo_ws
):
    at = open_app(monkeypatch, demo_ws, PAGE)
    at.segmented_control(key="retention_view").set_value("seven_day").run()
    last = metrics.last_data_day(demo_ws.source("demo"))
    at.date_input(key="period").set_value((last - dt.timedelta(days=6), last)).run()
    no_exception(at)
    assert any("第 36 天" in w.value for w in at.warning)
    assert not at.get("plotly_chart")
    at.button(key="retention_seven_shift").click().run()
    no_exception(at)
    latest = last - dt.timedelta(days=36)
    assert at.date_input(key="period").value == (latest - dt.timedelta(days=6), latest)
    assert len(at.get("plotly_chart")) == 2


def test_a_period_too_recent_for_the_horizon_says_so_instead_of_drawing(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, PAGE)
    last = metrics.last_data_day(demo_ws.source("demo"))
    at.segmented_control(key="retention_horizon").set_value("12w").run()
    at.date_input(key="period").set_value((last - dt.timedelta(days=2), last)).run()
    no_exception(at)
    assert any("所选期间太近" in w.value for w in at.warning)
    assert not at.get("plotly_chart")


ORDERS_ONLY = (
    "order_id,user_id,ordered_at,amount,status\n"
    "o1,U1,2024-03-04 10:00:00,10,paid\n"
    "o2,U1,2024-03-04 18:00:00,10,paid\n"
    "o3,U2,2024-03-05 10:00:00,10,paid\n"
    "o4,U2,2024-03-20 10:00:00,10,paid\n"
)


def test_an_orders_only_dataset_offers_first_order_cohorts_and_says_why(monkeypatch, empty_ws):
    import_files(
        empty_ws,
        "shop",
        [FileRequest(data=ORDERS_ONLY.encode(), filename="orders.csv", kind="orders")],
    )
    at = open_app(monkeypatch, empty_ws, PAGE)
    no_exception(at)
    assert at.segmented_control(key="retention_cohort_by").options == ["首单日"]
    assert any("没有会员表" in c.value for c in at.caption)
    assert len(at.get("plotly_chart")) == 2
    # U1's second order on the first-order day counts for day 0 of cohort 2024-03-04 (U1)
    heatmap = figures(at)[0]
    assert heatmap["data"][0]["z"][0][0] == 1.0


def test_empty_workspace_points_to_the_data_page(monkeypatch, empty_ws):
    at = open_app(monkeypatch, empty_ws, PAGE)
    no_exception(at)
    assert at.info and not at.get("plotly_chart")
