"""The What-if page in AppTest: baseline, levers, projection, saved scenarios, no SQL on a move."""

from __future__ import annotations

import json

from siyu import db, fmt
from siyu import whatif as model
from siyu.i18n import t
from siyu.importer import FileRequest, import_files
from siyu.metrics import default_period
from siyu.metrics.whatif import (
    assumptions_for,
    baseline_from_frame,
    whatif_baseline,
    whatif_discount_fit,
    whatif_seven_day,
)
from tests.pages.test_pages import open_app

PAGE = "pages/whatif.py"
CARDS = ("members", "first_orders", "repurchases", "gmv", "cost", "gross_profit", "roi")


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
    # the baseline table: six items, the conversion as the metric computes it
    table = at.dataframe[0].value
    assert len(table) == 6
    frame = whatif_baseline(source, start, end).set_index("item")
    conversion = fmt.show("rate", frame.at["first_order_conversion", "value"])
    assert table.iloc[1]["数值"] == conversion
    assert table.iloc[1]["样本量"] == f"{frame.at['first_order_conversion', 'n']:,}"
    # the discount fit, cumulative GMV and profit with bands, and the tornado
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(figures) == 4
    assert len(figures[1]["data"]) == 6  # 3 scenarios × (band + line)
    # cards: baseline and scenario A (20% coupon) equal the model's totals
    shown = cards(at)
    a = model.summary(base, model.Levers(coupon=0.2, flash_price=round(base.aov * 0.7, 2)), assume)
    assert shown[("baseline", "gmv")] == fmt.show("money", a["gmv"][0])
    assert shown[("a", "gmv")] == fmt.show("money", a["gmv"][1])
    assert shown[("a", "roi")] == fmt.show("rate", a["roi"][1])
    assert shown[("baseline", "roi")] == "—"
    # the week-by-week table: 8 weeks for each of the 3 scenarios; the formulas are on screen
    assert len(at.dataframe[1].value) == 3 * 8
    assert any("M_disc" in m.value for m in at.markdown)


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
