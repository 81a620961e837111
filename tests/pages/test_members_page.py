"""The Members page (会员分层) in AppTest: demo dataset, orders only, empty workspace."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from siyu import fmt
from siyu.i18n import t
from siyu.importer import FileRequest, import_files
from siyu.metrics import default_period
from siyu.metrics import members as mm

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "pages/members.py"


def open_page(monkeypatch, ws) -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# The page's tables, in page order (tiers tab, RFM tab, layers tab, lost customers tab: no
# list without members or without a member who left).
TABLES = ("tiers_table", "rfm_table", "rfm_people", "layer_people", "lost_list")


def table(at: AppTest, name: str) -> pd.DataFrame:
    frames = at.dataframe
    assert len(frames) in (len(TABLES), len(TABLES) - 1)
    return frames[TABLES.index(name)].value


def sankey_right_nodes(charts) -> dict[str, int]:
    """The right-hand nodes of the page's Sankey (link targets): tier name -> people, read
    from the labels (`金卡 111`), checked against the links' sums."""
    specs = [json.loads(c.proto.spec) for c in charts]
    trace = next(d for spec in specs for d in spec["data"] if d.get("type") == "sankey")
    labels, links = trace["node"]["label"], trace["link"]
    sums: dict[int, int] = {}
    for target, value in zip(links["target"], links["value"], strict=True):
        sums[target] = sums.get(target, 0) + int(value)
    nodes = {}
    for i, total in sums.items():
        name, people = labels[i].rsplit(" ", 1)
        assert int(people.replace(",", "")) == total, labels[i]
        nodes[name] = total
    return nodes


def test_members_page_on_the_demo_dataset_shows_tiers_rfm_and_layers(monkeypatch, demo_ws):
    at = open_page(monkeypatch, demo_ws)
    assert at.title[0].value == "会员分层"
    # tier bars, the tier Sankey, the RFM treemap and the lost customers per week
    charts = at.get("plotly_chart")
    assert len(charts) == 4
    assert any('"sankey"' in c.proto.spec for c in charts)
    assert any('"treemap"' in c.proto.spec for c in charts)

    source = demo_ws.source("demo")
    start, end = default_period(source)
    tiers = table(at, "tiers_table")
    assert list(tiers.iloc[:, 0]) == ["普通会员", "银卡", "金卡", "钻石卡"]
    expected = mm.tiers(source, start, end)
    assert list(tiers.iloc[:, 1]) == list(expected["members"])
    # issue 18.8: the Sankey below the table shows every tier of it with its people (the
    # demo's 111 金卡 and 27 钻石卡 included), the right-hand nodes reading as the table
    assert sankey_right_nodes(charts) == {
        name: int(n) for name, n in zip(tiers.iloc[:, 0], expected["members"], strict=True)
    }
    assert set(sankey_right_nodes(charts)) >= {"金卡", "钻石卡"}
    assert t("members.movement.help_exported", "zh-Hans") in [c.value for c in at.caption]

    segments = table(at, "rfm_table")
    assert len(segments) == 8
    assert segments.iloc[0, 0] == "重要价值"
    rfm = mm.rfm(source, start, end)
    assert list(segments.iloc[:, 1]) == list(rfm["customers"])

    # the important_value list (the default pick) holds that segment's buyers, masked
    people = table(at, "rfm_people")
    assert len(people) == rfm["customers"].iloc[0] > 0
    assert people["手机号"].str.contains(r"\*").all()

    layers = mm.layers(source, start, end)
    cards = {m.label: m.value for m in at.metric}
    for layer, count in zip(layers["layer"], layers["members"], strict=True):
        label = {"potential": "潜在客户", "active": "活跃客户"}.get(layer)
        label = label or {"high_value": "高价值客户", "dormant": "沉睡客户"}[layer]
        assert cards[label] == fmt.show("count", count)
    assert len(table(at, "layer_people")) == layers["members"].iloc[0]  # potential (default)
    # CSV and XLSX of the tier table, the segment table, both member lists and the lost
    assert len(at.get("download_button")) == 10


def test_by_the_spend_rule_the_tier_table_and_the_sankey_change_together(monkeypatch, demo_ws):
    at = open_page(monkeypatch, demo_ws)
    at.segmented_control(key="tier_source").set_value("rule").run()
    assert not at.exception, [e.value for e in at.exception]
    source = demo_ws.source("demo")
    rule = mm.tiers(source, *default_period(source), source="rule")
    shown = table(at, "tiers_table")
    assert list(shown.iloc[:, 1]) == list(rule["members"])
    # tiers without people (by the rule the demo has no 金卡) have no node to draw
    assert sankey_right_nodes(at.get("plotly_chart")) == {
        name: int(n) for name, n in zip(shown.iloc[:, 0], rule["members"], strict=True) if n
    }
    assert t("members.movement.help", "zh-Hans") in [c.value for c in at.caption]


def test_members_page_widgets_change_the_numbers(monkeypatch, demo_ws):
    at = open_page(monkeypatch, demo_ws)
    before_tiers = table(at, "tiers_table")
    before_rfm = table(at, "rfm_table")

    at.segmented_control(key="rfm_split").set_value("median").run()
    assert not at.exception, [e.value for e in at.exception]
    after_rfm = table(at, "rfm_table")
    assert list(after_rfm.iloc[:, 1]) != list(before_rfm.iloc[:, 1])
    source = demo_ws.source("demo")
    start, end = default_period(source)
    assert list(after_rfm.iloc[:, 1]) == list(
        mm.rfm(source, start, end, split="median")["customers"]
    )

    at.segmented_control(key="tier_source").set_value("rule").run()
    at.number_input(key="tier_t1").set_value(100).run()
    assert not at.exception, [e.value for e in at.exception]
    after_tiers = table(at, "tiers_table")
    assert list(after_tiers.iloc[:, 1]) != list(before_tiers.iloc[:, 1])
    expected = mm.tiers(source, start, end, source="rule", t1=100)
    assert list(after_tiers.iloc[:, 1]) == list(expected["members"])

    at.selectbox(key="layer").set_value("dormant").run()
    dormant = mm.layers(source, start, end, source="rule", t1=100, split="median")
    assert len(table(at, "layer_people")) == dormant["members"].iloc[3]


def test_members_page_on_an_orders_only_dataset(monkeypatch, empty_ws, tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text(
        "order_id,user_id,ordered_at,amount,status\n"
        "1,007,2024-01-01 10:00,3000,paid\n"
        "2,008,2024-03-01 10:00,50,paid\n"
        "3,008,2024-03-02 10:00,60,paid\n"
        "4,009,2024-03-02 10:00,80,refunded\n",
        encoding="utf-8",
    )
    import_files(empty_ws, "shop", [FileRequest(data=path, filename="orders.csv", kind="orders")])
    at = open_page(monkeypatch, empty_ws)
    assert any("没有会员文件" in i.value for i in at.info)
    cards = {m.label: m.value for m in at.metric}
    assert cards["潜在客户"] == "—"  # needs the members file
    # as of 2024-03-03: 007 (3000) 金卡, 008 and 009 普通会员
    assert list(table(at, "tiers_table").iloc[:, 1]) == [2, 0, 1, 0]


def test_members_page_on_an_empty_workspace_points_to_the_data_page(monkeypatch, empty_ws):
    at = open_page(monkeypatch, empty_ws)
    assert "还没有数据集" in at.info[0].value
    assert not at.get("plotly_chart")


def test_a_long_list_shows_its_first_rows_and_says_how_many_there_are(monkeypatch, demo_ws):
    # the browser gets the first rows of a list; the count and the downloads cover all of it
    from siyu.i18n import t
    from siyu.web import cache

    monkeypatch.setattr(cache, "LIST_ROWS", 100)
    at = open_page(monkeypatch, demo_ws)
    source = demo_ws.source("demo")
    start, end = default_period(source)
    potential = int(mm.layers(source, start, end)["members"].iloc[0])
    assert potential > 100
    listed = table(at, "layer_people")
    assert len(listed) == 100
    whole = mm.layer_members(source, start, end, layer="potential")
    assert list(listed[t("members.col.user_id", "zh-Hans")]) == list(whole["user_id"].head(100))
    captions = [c.value for c in at.caption]
    assert t("list.preview", "zh-Hans", shown=100, total=potential) in captions
    assert t("members.list_count", "zh-Hans", n=f"{potential:,}") in captions


def test_lost_customers_and_the_member_tag_on_the_members_page(monkeypatch, demo_ws):
    from siyu.metrics import staff as sm

    at = open_page(monkeypatch, demo_ws)
    source = demo_ws.source("demo")
    start, end = default_period(source)
    lost = sm.lost_customers(source, start, end)
    assert len(lost) > 0
    assert len(table(at, "lost_list")) == len(lost)
    assert {m.label: m.value for m in at.metric}["流失人数"] == fmt.show("count", len(lost))

    at.selectbox(key="member_tag").set_value("宝妈").run()
    assert not at.exception, [e.value for e in at.exception]
    tagged = sm.lost_customers(source, start, end, tag="宝妈")
    assert 0 < len(tagged) < len(lost)
    assert len(table(at, "lost_list")) == len(tagged)
    rfm = mm.rfm_members(source, start, end, segment="important_value", tag="宝妈")
    assert len(table(at, "rfm_people")) == len(rfm)
    layer = mm.layer_members(source, start, end, layer="potential", tag="宝妈")
    assert len(table(at, "layer_people")) == len(layer)
