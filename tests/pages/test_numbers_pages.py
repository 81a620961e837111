"""Numbers on the pages as operators read them (issue 18.5): a 7-digit GMV card is never cut,
funnel conversion rates are not styled as growth, tables format numbers by one rule."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from siyu import fmt, metrics
from siyu.i18n import t
from siyu.importer import FileRequest, import_files

APP = str(Path(__file__).resolve().parents[2] / "app.py")
WINDOWS = {"x_days": 3, "y_days": 7}


def open_app(monkeypatch, ws, page: str | None = None) -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_seven_digit_gmv_card_shows_a_compact_value_and_the_full_one_in_its_help(
    monkeypatch, empty_ws
):
    # three orders worth ¥1,216,271.50 in all: "¥1,216,271.50" is cut to "¥1,216,271…"
    csv = (
        "订单号,用户ID,下单时间,实付金额\n"
        "A1,u1,2024-04-09 10:00:00,1000000\n"
        "A2,u2,2024-04-10 10:00:00,216000.25\n"
        "A3,u1,2024-04-11 10:00:00,271.25\n"
    )
    import_files(empty_ws, "big", [FileRequest(csv.encode(), "o.csv")])
    at = open_app(monkeypatch, empty_ws)
    cards = {m.label: m for m in at.metric}
    gmv = cards[t("metric.gmv", "zh-Hans", **WINDOWS)]
    assert gmv.value == "¥121.6万"
    assert fmt.width_em(gmv.value) <= fmt.CARD_EM
    assert t("fmt.full_value", "zh-Hans", value="¥1,216,271.50") in gmv.proto.help
    assert t("metric.gmv.help", "zh-Hans", **WINDOWS) in gmv.proto.help
    # every card's value fits a card
    assert all(fmt.width_em(m.value) <= fmt.CARD_EM for m in at.metric)


def test_funnel_conversion_rates_are_captions_not_growth_pills(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, "pages/funnels.py")
    assert [m.label for m in at.metric] == [
        t("funnels.step.joined", "zh-Hans", **WINDOWS),
        t("funnels.step.first_order", "zh-Hans", **WINDOWS),
        t("funnels.step.repurchase", "zh-Hans", **WINDOWS),
    ]
    assert all(not m.proto.delta for m in at.metric)  # no green ↑ pill on a conversion
    source = demo_ws.source("demo")
    funnel = metrics.lookup("member_funnel")(source, *metrics.default_period(source), **WINDOWS)
    captions = [c.value for c in at.caption]
    for row in funnel.itertuples(index=False):
        if row.step != "joined":
            rate = fmt.show("rate", row.conversion_overall)
            assert t("funnels.card.overall", "zh-Hans", rate=rate) in captions
    # the funnel table holds numbers rounded as the cards round them (Streamlit would cut
    # 586 / 2,157 = 27.167% to 27.1% beside the card's 27.2%), one decimal of percent
    table = at.dataframe[0].value
    overall = table[t("funnels.col.conversion_overall", "zh-Hans")]
    assert list(overall) == [fmt.shown_value("rate", v) for v in funnel["conversion_overall"]]
    assert [f"{v * 100:.1f}%" for v in overall] == [
        fmt.show("rate", v) for v in funnel["conversion_overall"]
    ]
    config = at.dataframe[0].proto.columns
    assert '"percent"' in config and '"step": 0.001' in config
