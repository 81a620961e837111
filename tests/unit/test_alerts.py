"""Alerts to group robots (`siyu.alerts`): rules, evaluation, messages and delivery exactly once,
tested against a local HTTP stand-in for the WeCom robot.

The dataset: two paid orders, ¥500.00 on Sat 2024-03-09 and ¥300.00 on Sun 2024-03-10 (the
last day of data), and a 0-yuan claim that is no purchase. A daily rule evaluated at
2024-03-11 09:30 reads 2024-03-10: GMV ¥300.00 against ¥500.00 the day before, a change of
(300 − 500) / 500 = −40%.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from siyu import alerts, importer
from siyu.alerts import AlertError, AlertStore, Condition, Destination, Schedule
from siyu.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2024, 3, 11, 9, 30)
D = dt.date


class Robot:
    """A stand-in for a WeCom group robot: answers each request with the next status of
    `script` (then 200), optionally after a delay, and keeps every body it received."""

    def __init__(self, script: list[int] | None = None, delay: float = 0.0) -> None:
        self.script = list(script or [])
        self.delay = delay
        self.bodies: list[dict] = []
        self.delivered: list[dict] = []  # bodies answered 200 with errcode 0
        self.lock = threading.Lock()
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with robot.lock:
                    robot.bodies.append(body)
                    status = robot.script.pop(0) if robot.script else 200
                if robot.delay:
                    time.sleep(robot.delay)
                answer = json.dumps({"errcode": 0 if status == 200 else 500}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
                if status == 200:
                    with robot.lock:
                        robot.delivered.append(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/cgi-bin/webhook/send?key=test"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def robot_factory():
    made: list[Robot] = []

    def make(script: list[int] | None = None, delay: float = 0.0) -> Robot:
        robot = Robot(script, delay)
        made.append(robot)
        return robot

    yield make
    for robot in made:
        robot.close()


@pytest.fixture
def shop(tmp_path) -> Workspace:
    path = tmp_path / "orders.csv"
    path.write_text(
        "order_id,user_id,ordered_at,amount,status\n"
        "o1,U1,2024-03-09 10:00:00,500.00,paid\n"
        "o2,U2,2024-03-10 10:00:00,300.00,paid\n"
        "o3,U1,2024-03-10 12:00:00,0,paid\n",
        encoding="utf-8",
    )
    ws = Workspace(tmp_path / "ws")
    importer.import_files(ws, "shop", [importer.FileRequest(path, path.name, kind="orders")])
    return ws


def cli(ws: Workspace, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "siyu", "--lang", "en", "alerts", *args]
    return subprocess.run(
        [*command, "--workspace", str(ws.root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        timeout=300,
    )


# -- delivery --------------------------------------------------------------------------------


def test_alert_is_delivered_once_after_a_500_and_a_second_run_sends_nothing(
    shop, robot_factory, monkeypatch
):
    robot = robot_factory([500, 200])
    env = {"SIYU_ALERT_WECOM_OPS": robot.url, "SIYU_PUBLIC_URL": "https://siyu.example.com"}
    added = cli(
        shop,
        *("add", "--dataset", "shop", "--metric", "gmv", "--when", "below=1000"),
        *("--every", "daily@09:00", "--to", "wecom:ops"),
        env=env,
    )
    assert added.returncode == 0, added.stderr
    assert "SIYU_ALERT_WECOM_OPS" in added.stdout

    first = cli(shop, "run", "--now", "2024-03-11 09:30", env=env)
    assert first.returncode == 0, first.stderr
    assert "1 sent, 0 failed" in first.stdout
    assert len(robot.bodies) == 2  # 500, then the retry answered 200
    assert robot.bodies[0] == robot.bodies[1]
    assert len(robot.delivered) == 1
    body = robot.delivered[0]
    assert body["msgtype"] == "markdown"
    text = body["markdown"]["content"]
    assert len(text.encode("utf-8")) <= 4096
    # the dataset's language (the rule was added with --lang en): metric, value, period, change
    assert "GMV below ¥1,000.00" in text
    assert "¥300.00" in text and "2024-03-10" in text
    assert "-40.0%" in text and "¥500.00" in text
    link = "https://siyu.example.com/?dataset=shop&lang=en&period=2024-03-10&period=2024-03-10"
    assert link in text

    again = cli(shop, "run", "--now", "2024-03-11 09:45", env=env)  # same slot: not due
    assert again.returncode == 0 and "0 sent" in again.stdout
    next_day = cli(shop, "run", "--now", "2024-03-12 09:30", env=env)  # due, same period
    assert next_day.returncode == 0 and "0 sent" in next_day.stdout
    assert len(robot.bodies) == 2 and len(robot.delivered) == 1

    history = cli(shop, "history", env=env).stdout.splitlines()
    assert history[0] == "at,rule,dataset,metric,period,event,detail"
    events = [line.split(",")[5] for line in history[1:]]
    assert events == ["already_sent", "sent", "triggered"]  # latest first


def test_a_failed_send_stays_in_the_outbox_and_goes_out_on_the_next_run(shop, robot_factory):
    robot = robot_factory([500, 500, 500, 500])  # every attempt of the first run fails
    store = AlertStore(shop.root)
    store.add(alerts.make_rule("shop", "gmv", "below=1000", "daily@09:00", "wecom:ops"))
    secrets = {"alerts": {"wecom": {"ops": robot.url}}}  # from secrets.toml this time
    report = store.run(shop, now=NOW, secrets=secrets, backoff=0)
    assert (report.sent, report.failed) == (0, 1)
    assert len(robot.bodies) == 4 and robot.delivered == []
    (msg,) = store.outbox()
    assert (msg["status"], msg["error"], msg["attempts"]) == ("failed", "http:500", 4)
    assert alerts.describe_error(msg["error"], "zh-Hans") == "机器人返回 HTTP 500"

    report = store.run(shop, now=NOW + dt.timedelta(minutes=5), secrets=secrets, backoff=0)
    assert (report.evaluated, report.sent, report.failed) == (0, 1, 0)  # not due; still sent
    assert len(robot.delivered) == 1 and store.outbox()[0]["status"] == "sent"
    report = store.run(shop, now=NOW + dt.timedelta(days=1), secrets=secrets, backoff=0)
    assert report.sent == 0 and len(robot.bodies) == 5


def test_a_timeout_is_retried(shop, robot_factory):
    slow = robot_factory(delay=1.0)
    store = AlertStore(shop.root)
    store.add(alerts.make_rule("shop", "gmv", "below=1000", "daily@09:00", "wecom:ops"))
    secrets = {"alerts": {"wecom": {"ops": slow.url}}}
    report = store.run(shop, now=NOW, secrets=secrets, backoff=0, timeout=0.3, retries=1)
    assert report.failed == 1 and store.outbox()[0]["error"] == "timeout"
    assert len(slow.bodies) == 2  # the first attempt and one retry
    slow.delay = 0.0
    report = store.run(shop, now=NOW, secrets=secrets, backoff=0, timeout=5)
    assert report.sent == 1


def test_two_runs_at_once_send_the_alert_once(shop, robot_factory):
    robot = robot_factory(delay=0.5)
    env = {"SIYU_ALERT_WECOM_OPS": robot.url}
    AlertStore(shop.root).add(
        alerts.make_rule("shop", "gmv", "below=1000", "daily@09:00", "wecom:ops")
    )
    procs = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "siyu", "--lang", "en", "alerts", "run"),
                *("--now", "2024-03-11 09:30", "--workspace", str(shop.root)),
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), **env},
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300)[0] for p in procs]
    assert sorted("1 sent" in out for out in outs) == [False, True]
    assert len(robot.bodies) == 1


def test_a_message_whose_run_died_while_sending_is_not_sent_again(shop, robot_factory):
    robot = robot_factory()
    store = AlertStore(shop.root)
    store.add(alerts.make_rule("shop", "gmv", "below=1000", "daily@09:00", "wecom:ops"))
    secrets = {"alerts": {"wecom": {"ops": robot.url}}}
    store.run(shop, now=NOW, secrets={}, backoff=0)  # no address yet: failed, kept
    state = store.state()
    state["outbox"][0]["status"] = "sending"  # as a run killed mid-send leaves it
    store._write("state.json", state)
    report = store.run(shop, now=NOW, secrets=secrets, backoff=0)
    assert report.sent == 0 and robot.bodies == []
    assert store.outbox()[0]["status"] == "unknown"
    assert store.history()[0]["event"] == "unknown"


def test_no_destination_configured_is_a_recorded_failure(shop):
    store = AlertStore(shop.root)
    rule = store.add(alerts.make_rule("shop", "gmv", "below=1000", "daily@09:00", "wecom:nobody"))
    report = store.run(shop, now=NOW, secrets={})
    assert report.failed == 1
    assert store.outbox()[0]["error"] == "no_destination:SIYU_ALERT_WECOM_NOBODY"
    with pytest.raises(AlertError) as err:
        store.test_send(rule, secrets={})
    assert err.value.key == "alerts.no_destination"


def test_sends_to_one_robot_keep_to_twenty_a_minute(shop, robot_factory):
    robot = robot_factory()
    store = AlertStore(shop.root)
    for _ in range(22):
        store.add(alerts.make_rule("shop", "gmv", "always", "daily@09:00", "wecom:ops"))
    clock = {"now": 1000.0}
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        clock["now"] += seconds

    def tick() -> float:
        clock["now"] += 0.1  # each send takes a tenth of a second
        return clock["now"]

    secrets = {"alerts": {"wecom": {"ops": robot.url}}}
    report = store.run(shop, now=NOW, secrets=secrets, sleep=sleep, clock=tick)
    assert report.sent == 22 and len(robot.delivered) == 22
    # the 21st waits until the 1st send is a minute old (the 20 took ~4 s of this clock);
    # the 22nd until the 2nd is, a moment later
    assert len(waits) == 2 and 50 < waits[0] <= 60 and waits[1] < 1


def test_test_send_reaches_the_robot_and_is_in_the_history(shop, robot_factory):
    robot = robot_factory()
    store = AlertStore(shop.root)
    rule = store.add(
        alerts.make_rule("shop", "gmv", "below=1000", "daily@09:00", "wecom:ops", "zh-Hant")
    )
    sent = store.test_send(rule, secrets={"alerts": {"wecom": {"ops": robot.url}}})
    assert sent.ok and "測試" in robot.delivered[0]["markdown"]["content"]
    assert store.history()[0]["event"] == "test_sent"
    assert store.outbox() == []  # a test is no alert


# -- evaluation ------------------------------------------------------------------------------


def test_a_rule_whose_condition_is_not_met_sends_nothing(shop, robot_factory):
    robot = robot_factory()
    store = AlertStore(shop.root)
    store.add(alerts.make_rule("shop", "gmv", "above=1000", "daily@09:00", "wecom:ops"))
    report = store.run(shop, now=NOW, secrets={"alerts": {"wecom": {"ops": robot.url}}})
    assert (report.evaluated, report.triggered, report.sent) == (1, 0, 0)
    assert store.history()[0]["event"] == "checked" and store.history()[0]["detail"] == 300.0


def test_change_below_reads_the_cards_change(shop, robot_factory):
    robot = robot_factory()
    store = AlertStore(shop.root)
    store.add(alerts.make_rule("shop", "gmv", "change_below=-30%", "daily@09:00", "wecom:a"))
    store.add(alerts.make_rule("shop", "gmv", "change_below=-50%", "daily@09:00", "wecom:a"))
    report = store.run(shop, now=NOW, secrets={"alerts": {"wecom": {"a": robot.url}}})
    assert report.triggered == 1  # −40% < −30%, not < −50%
    assert "较上期变化低于 -30.0%" in robot.delivered[0]["markdown"]["content"]


def test_weekly_review_goes_out_on_monday_with_kpis_and_targets(shop, robot_factory):
    robot = robot_factory()
    store = AlertStore(shop.root)
    store.add(alerts.make_rule("shop", "weekly_report", "always", "weekly@MON 09:00", "wecom:a"))
    report = store.run(shop, now=NOW, secrets={"alerts": {"wecom": {"a": robot.url}}})
    assert report.sent == 1
    text = robot.delivered[0]["markdown"]["content"]
    assert "每周数据复盘 · shop" in text and "本周：2024-03-04 – 2024-03-10" in text
    assert "**GMV（成交额）** ¥800.00" in text  # 500 + 300
    assert "复购率" in text
    with pytest.raises(AlertError):
        alerts.make_rule("shop", "weekly_report", "below=1", "weekly@MON 09:00", "wecom:a")


def test_evaluated_period_is_the_latest_complete_day_or_week():
    sunday = D(2024, 3, 10)
    assert alerts.evaluated_period(sunday, "daily", NOW) == (sunday, sunday)
    # data that reaches today: today is not over, yesterday is the latest complete day
    today = dt.datetime(2024, 3, 10, 9, 30)
    assert alerts.evaluated_period(sunday, "daily", today) == (D(2024, 3, 9), D(2024, 3, 9))
    assert alerts.evaluated_period(sunday, "weekly", NOW) == (D(2024, 3, 4), sunday)
    saturday = D(2024, 3, 9)  # the week it ends is not complete: the week before
    assert alerts.evaluated_period(saturday, "weekly", NOW) == (D(2024, 2, 26), D(2024, 3, 3))
    with pytest.raises(AlertError):
        alerts.evaluated_period(None, "daily", NOW)


# -- rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("below_target", "below_target", None),
        ("above_target", "above_target", None),
        ("below=0.3", "below", 0.3),
        ("above=5000", "above", 5000.0),
        ("change_below=-20%", "change_below", -0.2),
        ("always", "always", None),
    ],
)
def test_conditions_parse(text, kind, value):
    c = Condition.parse(text)
    assert (c.kind, c.value) == (kind, value)
    assert Condition.parse(c.text()) == c


@pytest.mark.parametrize("text", ["below", "below=", "under=3", "below_target=1", "above=x"])
def test_bad_conditions_are_refused(text):
    with pytest.raises(AlertError):
        Condition.parse(text)


def test_condition_met_against_target_value_and_change():
    assert Condition("below_target").met(0.25, None, 0.30)
    assert not Condition("below_target").met(0.30, None, 0.30)
    assert not Condition("below_target").met(None, None, 0.30)  # undefined: no alert
    assert Condition("above", 100.0).met(101, None, None)
    assert Condition("change_below", -0.2).met(5, -0.25, None)
    assert not Condition("change_below", -0.2).met(5, None, None)


def test_schedules_parse_and_find_the_latest_slot():
    daily = Schedule.parse("daily@09:00")
    assert daily.last_slot(NOW) == dt.datetime(2024, 3, 11, 9, 0)
    assert daily.last_slot(dt.datetime(2024, 3, 11, 8, 0)) == dt.datetime(2024, 3, 10, 9, 0)
    weekly = Schedule.parse("weekly@mon 09:00")
    assert weekly.text() == "weekly@MON 09:00"
    assert weekly.last_slot(NOW) == dt.datetime(2024, 3, 11, 9, 0)  # NOW is a Monday
    assert weekly.last_slot(dt.datetime(2024, 3, 11, 8, 0)) == dt.datetime(2024, 3, 4, 9, 0)
    assert Schedule.parse("weekly@FRI 18:30").last_slot(NOW) == dt.datetime(2024, 3, 8, 18, 30)
    for bad in ("hourly@09:00", "daily@25:00", "daily 09:00", "weekly@XYZ 09:00"):
        with pytest.raises(AlertError):
            Schedule.parse(bad)


def test_destinations_come_from_the_environment_or_secrets_never_the_rule(monkeypatch):
    dest = Destination.parse("wecom:ops-team")
    assert dest.env_name == "SIYU_ALERT_WECOM_OPS_TEAM"
    monkeypatch.setenv("SIYU_ALERT_WECOM_OPS_TEAM", "https://env.example/hook")
    assert alerts.destination_url(dest, {}) == "https://env.example/hook"
    monkeypatch.delenv("SIYU_ALERT_WECOM_OPS_TEAM")
    secrets = {"alerts": {"wecom": {"ops-team": "https://secrets.example/hook"}}}
    assert alerts.destination_url(dest, secrets) == "https://secrets.example/hook"
    assert alerts.destination_url(dest, {}) is None
    assert "wecom:ops-team" in alerts.configured(secrets)
    for bad in ("https://qyapi.weixin.qq.com/x", "slack:ops", "wecom:", "wecom:a b"):
        with pytest.raises(AlertError):
            Destination.parse(bad)


def test_rules_are_stored_listed_and_removed(shop):
    store = AlertStore(shop.root)
    rule = store.add(
        alerts.make_rule("shop", "daily-active-rate", "below_target", "daily@09:00", "wecom:ops")
    )
    assert rule.metric == "daily_active_rate"
    assert [r.id for r in store.rules("shop")] == [rule.id] and store.rules("other") == []
    with pytest.raises(AlertError) as err:
        alerts.make_rule("shop", "gmv", "below_target", "daily@09:00", "wecom:ops")
    assert err.value.key == "alerts.no_target"  # GMV has no target
    with pytest.raises(AlertError):
        alerts.make_rule("shop", "nope", "always", "daily@09:00", "wecom:ops")
    store.remove(rule.id)
    assert store.rules() == []
    with pytest.raises(AlertError):
        store.remove(rule.id)


def test_cli_lists_and_removes_rules_and_refuses_bad_ones(shop):
    bad = cli(
        shop,
        *("add", "--dataset", "shop", "--metric", "gmv", "--when", "below_target"),
        *("--every", "daily@09:00", "--to", "wecom:ops"),
        env={},
    )
    assert bad.returncode != 0 and "has no target" in bad.stderr and "Traceback" not in bad.stderr
    ok = cli(
        shop,
        *("add", "--dataset", "shop", "--metric", "lost", "--when", "above=3"),
        *("--every", "weekly@MON 08:00", "--to", "dingtalk:ops"),
        env={},
    )
    assert ok.returncode == 0, ok.stderr
    listed = cli(shop, "list", env={}).stdout.splitlines()
    assert listed[0] == "id,dataset,metric,when,every,to,lang,created_at"
    rule_id = listed[1].split(",")[0]
    assert listed[1].split(",")[1:7] == [
        "shop",
        "lost",
        "above=3",
        "weekly@MON 08:00",
        "dingtalk:ops",
        "en",
    ]
    assert cli(shop, "remove", rule_id, env={}).returncode == 0
    assert cli(shop, "list", env={}).stdout.splitlines() == [listed[0]]


# -- messages --------------------------------------------------------------------------------


def test_payloads_for_wecom_dingtalk_and_feishu_respect_their_limits():
    long = "### 标题\n" + "**GMV** ¥1,000.00 [打开看板](https://x.example/?a=1)\n" * 300
    wecom = alerts.payload("wecom", "私域提醒", long)
    assert len(wecom["markdown"]["content"].encode("utf-8")) <= 4096
    ding = alerts.payload("dingtalk", "私域提醒", "### a\n**b**")
    assert ding == {
        "msgtype": "markdown",
        "markdown": {"title": "私域提醒", "text": "### a\n**b**"},
    }
    feishu = alerts.payload("feishu", "私域提醒", long)
    text = feishu["content"]["text"]
    assert feishu["msg_type"] == "text" and len(text.encode("utf-8")) <= 2048
    assert "**" not in text and "打开看板 https://x.example/?a=1" in text
