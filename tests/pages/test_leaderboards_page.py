"""The Leaderboards page in AppTest: boards and fission panel on the demo, empty workspaces."""

from __future__ import annotations

import json

import pandas as pd

from siyu import metrics
from siyu.importer import FileRequest, import_files
from siyu.metrics import leaderboards as lb
from tests.pages.test_pages import open_app

PAGE = "pages/leaderboards.py"


def demo_source(ws):
    source = ws.source("demo")
    return source, metrics.default_period(source)


def test_leaderboards_page_on_the_demo_shows_boards_and_fission(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "排行榜"
    # the inviters board (default with members), the weekly fission chart, the tree levels
    assert len(at.get("plotly_chart")) == 3
    source, (start, end) = demo_source(demo_ws)
    expected = lb.leaderboard_inviters(source, start, end, top=10)
    board = at.dataframe[0].value
    assert len(board) == len(expected) >= 10  # ties at place 10 are all shown
    assert board["邀请人数"].tolist() == expected["invites"].tolist()
    assert board["用户ID"].tolist() == expected["user_id"].tolist()
    # names are masked: one character then stars
    assert all(n is None or n[1:].strip("*") == "" for n in board["昵称"])
    summary = lb.fission_summary(source, start, end).set_index("metric")["value"]
    k_card = next(m for m in at.metric if m.label.startswith("K 系数"))
    assert k_card.value == f"{summary['k_factor']:.2f}"
    # the bar chart holds exactly the rows of the table, first place on top, PNG-ready
    chart = at.get("plotly_chart")[0].proto
    bars = json.loads(chart.spec)["data"][0]
    assert bars["x"] == [float(v) for v in expected["invites"]]
    assert [y.split(". ")[0] for y in bars["y"]] == [str(r) for r in expected["rank"]]
    assert json.loads(chart.config)["toImageButtonOptions"]["format"] == "png"


def test_switching_board_and_top_changes_the_table(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, PAGE)
    at.segmented_control(key="lb_board").set_value("buyers").run()
    assert not at.exception, [e.value for e in at.exception]
    source, (start, end) = demo_source(demo_ws)
    expected = lb.leaderboard_buyers(source, start, end, top=10)
    board = at.dataframe[0].value
    assert board["用户ID"].tolist() == expected["user_id"].tolist()
    assert board["GMV（元）"].tolist() == expected["gmv"].tolist()

    at.segmented_control(key="lb_top").set_value(20).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == len(lb.leaderboard_buyers(source, start, end, top=20))
    assert len(at.dataframe[0].value) >= 20

    at.selectbox(key="lb_by_buyers").set_value("orders").run()
    by_orders = lb.leaderboard_buyers(source, start, end, top=20, rank_by="orders")
    assert at.dataframe[0].value["支付订单数"].tolist() == by_orders["orders"].tolist()

    # the member tag (issue 21.4): only buyers who are members carrying it
    at.selectbox(key="member_tag").set_value("宝妈").run()
    assert not at.exception, [e.value for e in at.exception]
    tagged = lb.leaderboard_buyers(source, start, end, top=20, rank_by="orders", tag="宝妈")
    assert len(tagged) > 0
    assert at.dataframe[0].value["用户ID"].tolist() == tagged["user_id"].tolist()
    assert tagged["user_id"].tolist() != by_orders["user_id"].tolist()


def test_leaderboards_page_on_an_empty_workspace_points_to_the_data_page(monkeypatch, empty_ws):
    at = open_app(monkeypatch, empty_ws, PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert "还没有数据集" in at.info[0].value


def test_orders_only_dataset_asks_for_the_members_file(monkeypatch, empty_ws):
    orders = pd.DataFrame(
        {
            "order_id": ["1", "2"],
            "user_id": ["A", "B"],
            "ordered_at": ["2024-03-04 10:00:00", "2024-03-05 10:00:00"],
            "amount": ["10.00", "20.00"],
        }
    )
    request = FileRequest(
        data=orders.to_csv(index=False).encode("utf-8"), filename="orders.csv", kind="orders"
    )
    import_files(empty_ws, "shop", [request])
    at = open_app(monkeypatch, empty_ws, PAGE)
    assert not at.exception, [e.value for e in at.exception]
    # buyers board by default; the fission tab says which file to upload
    assert at.dataframe[0].value["用户ID"].tolist() == ["B", "A"]
    assert any("上传会员文件" in i.value for i in at.info)
    at.segmented_control(key="lb_board").set_value("inviters").run()
    assert any("上传会员文件" in i.value for i in at.info)
