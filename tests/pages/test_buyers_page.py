"""The New and returning buyers page (新老客) in AppTest: the demo, English, an empty workspace."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from siyu import fmt, metrics
from siyu.i18n import t

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_page(monkeypatch, ws, lang: str = "zh-Hans") -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/buyers.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_page_shows_each_weeks_split_as_the_metric_computes_it(monkeypatch, demo_ws):
    at = open_page(monkeypatch, demo_ws)
    assert at.title[0].value == "新老客"
    source = demo_ws.source("demo")
    split = metrics.get("new_returning_gmv")(source, *metrics.default_period(source))
    shown = at.dataframe[0].value
    assert list(shown.columns) == [t(k, "zh-Hans") for k in (
        "buyers.col.week", "buyers.col.new_buyers", "buyers.col.new_gmv",
        "buyers.col.returning_buyers", "buyers.col.returning_gmv", "buyers.col.gmv",
        "buyers.col.new_share",
    )]  # fmt: skip
    assert shown[t("buyers.col.gmv", "zh-Hans")].tolist() == split["gmv"].tolist()
    assert shown[t("buyers.col.new_buyers", "zh-Hans")].tolist() == split["new_buyers"].tolist()
    share = fmt.show("rate", sum(split["new_gmv"]) / sum(split["gmv"]))
    assert any(share in c.value for c in at.caption)
    chart = next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if t("buyers.chart", "zh-Hans") in json.loads(c.proto.spec)["layout"]["title"]["text"]
    )
    new, returning = chart["data"]
    assert new["y"] == split["new_gmv"].tolist()
    assert returning["y"] == split["returning_gmv"].tolist()


def test_the_page_reads_in_english_and_asks_for_orders_on_an_empty_workspace(
    monkeypatch, demo_ws, empty_ws
):
    at = open_page(monkeypatch, demo_ws, "en")
    assert at.title[0].value == "New & returning"
    assert "GMV per week, new and returning buyers" in at.get("plotly_chart")[0].proto.spec
    empty = open_page(monkeypatch, empty_ws)
    assert [i.value for i in empty.info] == [t("frame.no_dataset", "zh-Hans")]
