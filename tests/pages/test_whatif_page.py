"""The What-if page in AppTest: baseline, levers, projection, saved scenarios, no SQL on a move."""

from __future__ import annotations

import json
from dataclasses import replace

from siyu import db, fmt
from siyu import whatif as model
from siyu.i18n import t
from siyu.importer import FileRequest, import_files
from siyu.metrics import default_period
from siyu.metrics.overview import kpis
from siyu.metrics.whatif import (
    assumptions_for,
    baseline_from_frame,
    whatif_baseline,
    whatif_discount_fit,
    whatif_seven_day,
)
from tests.pages.test_pages import open_app

PAGE = "pages/whatif.py"
CARDS = model.SUMMARY


def no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def cards(at) -> dict[tuple[str, str], str]:
    """(scenario, metric) -> the card's value; rows baseline, A, B of seven cards each."""
    values = [m.value for m in at.metric]
    assert len(values) == 3 * len(CARDS)
    return {
        (s, c): values[i * len(CARDS) + j]
        for i, s in enumerate(("baseline", "a", "b"))
        for j, c in enumerate(CARDS)
    }


def demo_model(ws, coupon_a=0.2):
    source = ws.source("demo")
    start, end = default_period(source)
    base = baseline_from_frame(whatif_baseline(source, start, end))
    fit = model.fit_discount_lift(whatif_discount_fit(source, start, end))
    seven = model.seven_day_effect(whatif_seven_day(source, start, end))
    measured = assumptions_for(fit, seven)
    # the page's inputs round the measured lift (2 places of %) and 7-day gain (1 place)
    assume = model.Assumptions(
        weeks=8,
        lift_per_10pct=round(measured.lift_per_10pct * 100, 2) / 100,
        seven_day_effect=round(measured.seven_day_effect * 100, 1) / 100,
        seven_day_share=measured.seven_day_share,
    )
    return source, start, end, base, assume


def test_page_shows_baseline_charts_and_cards_that_equal_the_model(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, PAGE)
    no_exception(at)
    assert at.title[0].value == "活动模拟"
    source, start, end, base, assume = demo_model(demo_ws)
    # the baseline table: nine items, the conversion as the metric computes it
    table = at.dataframe[0].value
    assert len(table) == 9
    frame = whatif_baseline(source, start, end).set_index("item")
    conversion = fmt.show("rate", frame.at["first_order_conversion", "value"])
    assert table.iloc[1]["数值"] == conversion
    assert table.iloc[1]["样本量"] == f"{frame.at['first_order_conversion', 'n']:,}"
    # new members per week are people: whole, 539.25 is shown 539 (interval too)
    per_week = frame.at["new_members_per_week", "value"]
    assert per_week != round(per_week)
    assert table.iloc[0]["数值"] == f"{round(per_week):,}"
    assert "." not in table.iloc[0]["95% 区间"]
    # the discount fit, cumulative GMV and profit with bands, and the tornado
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(figures) == 4
    assert len(figures[1]["data"]) == 6  # 3 scenarios × (band + line)
    # cards: the baseline equals the model's totals; A moved to a 20% coupon too
    shown = cards(at)
    at.slider(key="wi_a_coupon").set_value(20).run()
    moved = cards(at)
    a = model.summary(base, replace(model.neutral_levers(assume), coupon=0.2), assume)
    assert shown[("baseline", "gmv")] == fmt.show("money", a["gmv"][0])
    assert moved[("a", "gmv")] == fmt.show("money", a["gmv"][1])
    assert moved[("a", "gmv_new")] == fmt.show("money", a["gmv_new"][1])
    assert moved[("a", "gmv_existing")] == shown[("baseline", "gmv_existing")]
    assert moved[("a", "roi")] == fmt.show("rate", a["roi"][1])
    assert shown[("baseline", "roi")] == "—"
    # the week-by-week table: 8 weeks for each of the 3 scenarios; the formulas are on screen
    assert len(at.dataframe[1].value) == 3 * 8
    assert any("M_disc" in m.value for m in at.markdown)


def test_the_page_opens_on_doing_nothing_and_its_gmv_is_the_overviews(monkeypatch, demo_ws):
    # issue 18: the default scenario showed ROI −95.7% (a 20% coupon nobody had chosen) and
    # a GMV of new members only (8 weeks ¥194k against the overview's ¥247k for 4)
    at = open_app(monkeypatch, demo_ws, PAGE)
    no_exception(at)
    at.slider(key="wi_weeks").set_value(4).run()  # the default period is 4 weeks
    no_exception(at)
    shown = cards(at)
    for which in ("a", "b"):
        for metric in CARDS:
            assert shown[(which, metric)] == shown[("baseline", metric)], (which, metric)
    assert shown[("a", "roi")] == shown[("b", "roi")] == "—"
    assert shown[("a", "cost")] == fmt.show("money", 0)
    assert not any(m.delta for m in at.metric)
    source, start, end, *_ = demo_model(demo_ws)
    gmv = kpis(source, start, end).set_index("metric").at["gmv", "value"]
    assert shown[("baseline", "gmv")] == fmt.show("money", gmv)
    frame = whatif_baseline(source, start, end).set_index("item")["value"]
    assert shown[("baseline", "gmv_new")] == fmt.show("money", frame["gmv_new"])
    assert shown[("baseline", "gmv_existing")] == fmt.show("money", frame["gmv_existing"])
    caption = next(c.value for c in at.caption if "期间 GMV" in c.value)
    assert fmt.show("money", gmv) in caption and fmt.show("money", frame["gmv_new"]) in caption


def test_weekly_table_shows_whole_people_and_the_download_keeps_the_floats(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, PAGE)
    no_exception(at)
    table = at.dataframe[1].value
    for col in ("新会员", "其中受邀", "首单", "复购", "秒杀件数"):
        assert all("." not in v for v in table[col]), (col, list(table[col][:3]))
    assert table["新会员"].iloc[0] == "539"  # 539.25 new members a week, shown whole
    assert table["GMV"].iloc[0].startswith("¥") and "," in table["GMV"].iloc[0]
    *_, base, assume = demo_model(demo_ws)
    weekly = model.weekly_frame(base, {"baseline": model.Levers()}, assume)
    raw = model.weekly_table(weekly, {"baseline": "基线"}, lambda k: t(k, "zh-Hans"), shown=False)
    assert raw["新会员"].iloc[0] == 539.25  # the download: the expected value itself


def test_the_seven_day_effect_is_like_for_like_with_a_warning_about_the_raw_one(
    monkeypatch, demo_ws
):
    at = open_app(monkeypatch, demo_ws, PAGE)
    no_exception(at)
    source, start, end, *_ = demo_model(demo_ws)
    seven = model.seven_day_effect(whatif_seven_day(source, start, end))
    assert seven.usable and seven.effect < seven.raw_effect
    info = next(i.value for i in at.info if "同类比较" in i.value)
    assert f"差 {model.points(seven.effect)} 个百分点" in info
    warning = next(w.value for w in at.warning if "夸大" in w.value)
    assert model.points(seven.raw_effect) in warning
    # the like-for-like gain is the assumption's default, not the raw +44 points
    assert at.number_input(key="wi_seven_effect").value == round(seven.effect * 100, 1)


def test_moving_a_slider_recomputes_the_projection_without_any_sql(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, PAGE)
    no_exception(at)
    before = cards(at)
    queries = db.EXECUTIONS["count"]
    at.slider(key="wi_a_coupon").set_value(40).run()
    no_exception(at)
    assert db.EXECUTIONS["count"] == queries  # the baseline came from the cache
    after = cards(at)
    assert after[("a", "gmv")] != before[("a", "gmv")]
    assert after[("a", "cost")] != before[("a", "cost")]
    assert after[("baseline", "gmv")] == before[("baseline", "gmv")]
    at.slider(key="wi_weeks").set_value(12).run()
    assert db.EXECUTIONS["count"] == queries
    assert len(at.dataframe[1].value) == 3 * 12


def test_a_link_with_levers_opens_the_same_scenario(monkeypatch, demo_ws):
    monkeypatch.setenv("SIYU_WORKSPACE", str(demo_ws.root))
    at = open_app(monkeypatch, demo_ws, PAGE)
    assert at.slider(key="wi_a_coupon").proto.query_param_key == "wi_a_coupon"
    from streamlit.testing.v1 import AppTest

    from tests.pages.test_pages import APP

    fresh = AppTest.from_file(APP, default_timeout=60)
    fresh.query_params["wi_a_coupon"] = "35"
    fresh.query_params["wi_b_seven"] = "false"
    fresh.run()
    fresh.switch_page(PAGE)
    fresh.run()
    no_exception(fresh)
    assert fresh.slider(key="wi_a_coupon").value == 35
    assert fresh.toggle(key="wi_b_seven").value is False


def test_a_scenario_saved_by_name_is_kept_with_the_dataset_and_loads(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, PAGE)
    at.slider(key="wi_a_coupon").set_value(30).run()
    at.text_input(key="wi_save_name").input("新人三折券").run()
    at.button(key="wi_save_a").click().run()
    no_exception(at)
    saved = demo_ws.get("demo").meta["whatif_scenarios"]
    assert saved["新人三折券"]["coupon"] == 0.3
    assert saved["新人三折券"]["seven_day"] is False
    assert any("新人三折券" in s.value for s in at.success)
    at.selectbox(key="wi_saved_pick").set_value("新人三折券").run()
    at.button(key="wi_load_b").click().run()
    no_exception(at)
    assert at.slider(key="wi_b_coupon").value == 30
    assert at.toggle(key="wi_b_seven").value is False


def test_break_even_and_tornado_follow_the_chosen_scenario(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, PAGE)
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert "方案 A" in figures[3]["layout"]["title"]["text"]
    at.segmented_control(key="wi_focus").set_value("b").run()
    no_exception(at)
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert "方案 B" in figures[3]["layout"]["title"]["text"]
    # a strong assumed lift makes a coupon pay: the break-even depth is shown
    at.number_input(key="wi_lift").set_value(80.0).run()
    no_exception(at)
    assert any("打平券深度" in s.value for s in at.success)


def test_empty_workspace_points_to_the_data_page(monkeypatch, empty_ws):
    at = open_app(monkeypatch, empty_ws, PAGE)
    no_exception(at)
    assert "还没有数据集" in at.info[0].value


def test_orders_without_members_say_which_file_to_upload(monkeypatch, empty_ws):
    orders = "order_id,user_id,ordered_at,amount\nA1,U1,2024-03-04 10:00:00,10\n"
    import_files(
        empty_ws, "shop", [FileRequest(data=orders.encode(), filename="o.csv", kind="orders")]
    )
    at = open_app(monkeypatch, empty_ws, PAGE, lang="en")
    no_exception(at)
    assert at.info[0].value == t("needs.members", "en")
    assert not at.get("plotly_chart")
