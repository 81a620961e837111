"""The Staff & channels page and the Alerts page in AppTest: on the demo, in the three
languages, on an empty workspace, and a rule added, test-sent and read back in the history."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from siyu import alerts, metrics
from siyu.i18n import t
from siyu.metrics import staff as sm
from tests.pages.test_pages import open_app

STAFF = "pages/staff.py"
ALERTS = "pages/alerts.py"


def demo_period(ws):
    source = ws.source("demo")
    return source, metrics.default_period(source)


def test_staff_page_on_the_demo_shows_the_staff_board(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, STAFF)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "员工与渠道"
    source, (start, end) = demo_period(demo_ws)
    expected = sm.leaderboard_staff(source, start, end, top=10)
    board = at.dataframe[0].value
    assert board["员工"].tolist() == expected["staff"].tolist()
    assert board["新增会员"].tolist() == expected["members"].tolist()
    assert board["支付订单数"].tolist() == expected["orders"].tolist()
    # the demo has WeCom statistics: the reply share column is there
    assert "已回复聊天占比" in board.columns
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert bars["x"] == [float(v) for v in expected["members"]]
    # the three boards' tables: staff, channels, lost customers
    assert len(at.dataframe) == 3
    channels = at.dataframe[1].value
    assert (
        channels["渠道名称"].tolist()
        == sm.leaderboard_channels(source, start, end)["channel_name"].tolist()
    )
    lost = at.dataframe[2].value
    assert len(lost) == len(sm.lost_customers(source, start, end))
    assert at.metric[0].value == f"{len(lost):,}"


def test_tag_filter_and_rank_by_change_the_board(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, STAFF)
    at.selectbox(key="staff_tag").set_value("宝妈").run()
    at.selectbox(key="staff_by").set_value("gmv").run()
    assert not at.exception, [e.value for e in at.exception]
    source, (start, end) = demo_period(demo_ws)
    expected = sm.leaderboard_staff(source, start, end, top=10, rank_by="gmv", tag="宝妈")
    board = at.dataframe[0].value
    assert board["员工"].tolist() == expected["staff"].tolist()
    assert board["GMV（元）"].tolist() == expected["gmv"].tolist()
    lost = at.dataframe[2].value
    assert len(lost) == len(sm.lost_customers(source, start, end, tag="宝妈"))


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_staff_page_reads_in_each_language(monkeypatch, demo_ws, lang):
    at = open_app(monkeypatch, demo_ws, STAFF, lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t("nav.staff", lang)
    assert t("staff.col.members", lang) in at.dataframe[0].value.columns


def test_staff_page_without_members_asks_for_them(monkeypatch, empty_ws, tmp_path):
    from siyu.importer import FileRequest, import_files

    path = tmp_path / "orders.csv"
    path.write_text("order_id,user_id,ordered_at,amount\no1,U1,2024-03-04 10:00:00,10\n")
    import_files(empty_ws, "shop", [FileRequest(path, path.name, kind="orders")])
    at = open_app(monkeypatch, empty_ws, STAFF)
    assert not at.exception, [e.value for e in at.exception]
    assert at.info[0].value == t("needs.members", "zh-Hans")


# -- alerts ----------------------------------------------------------------------------------


@pytest.fixture
def robot():
    got: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            got.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            body = b'{"errcode": 0}'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/send?key=k", got
    server.shutdown()
    server.server_close()


def test_alerts_page_adds_a_rule_test_sends_and_shows_the_history(monkeypatch, demo_ws, robot):
    url, got = robot
    monkeypatch.setenv("SIYU_ALERT_WECOM_OPS", url)
    at = open_app(monkeypatch, demo_ws, ALERTS)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "提醒"
    assert "wecom:ops" in at.caption[1].value  # configured, the address never shown
    at.selectbox(key="alerts_metric").set_value("daily_active_rate")
    at.selectbox(key="alerts_condition").set_value("below_target")
    at.text_input(key="alerts_name").input("ops")
    at.button[0].click()  # the form's only button before any rule exists
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (rule,) = alerts.AlertStore(demo_ws.root).rules("demo")
    assert (rule.metric, rule.when.kind, rule.to.text()) == (
        "daily_active_rate",
        "below_target",
        "wecom:ops",
    )
    assert rule.lang == "zh-Hans"
    table = at.dataframe[0].value
    assert table["条件"].tolist() == ["日活率低于目标"]
    assert table["机器人"].tolist() == ["已配置"]

    at.button(key="alerts_test").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(got) == 1 and "测试" in got[0]["markdown"]["content"]
    history = at.dataframe[1].value
    assert history["结果"].tolist() == ["测试已送达"]

    at.button(key="alerts_remove").click().run()
    assert alerts.AlertStore(demo_ws.root).rules() == []


def test_alerts_page_refuses_a_bad_value_in_the_readers_language(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, ALERTS, lang="en")
    at.selectbox(key="alerts_metric").set_value("gmv")
    at.selectbox(key="alerts_condition").set_value("below")
    at.text_input(key="alerts_value").input("lots")
    at.text_input(key="alerts_name").input("ops")
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error[0].value.startswith("Cannot read the condition")
    assert alerts.AlertStore(demo_ws.root).rules() == []
