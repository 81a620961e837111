"""The weekly review report: every section present, numbers equal the metric functions,
user text escaped, a needs-note without the tables, and the CLI writes the file."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from siyu import fmt, metrics, report
from siyu.db import Source
from siyu.i18n import t
from siyu.metrics.funnels import MEMBER_STEPS
from siyu.metrics.members import SEGMENTS

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ["kpis", "funnel", "retention", "boards", "rfm"]
EVIL = "<script>alert(1)</script>"


class Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.scripts = 0
        self.external = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.sections.append(dict(attrs)["id"])
        if tag == "script":
            self.scripts += 1
            self.external += "src" in dict(attrs)

    def handle_data(self, data):
        self.text.append(data)


def source() -> Source:
    d = dt.datetime
    members = pd.DataFrame(
        {
            "user_id": ["u1", "u2", "u3"],
            "joined_at": [d(2024, 4, 1, 9), d(2024, 4, 2, 9), d(2024, 4, 9, 9)],
            "inviter_id": [None, "u1", "u1"],
            "nickname": [EVIL, "李四", "王五"],
        }
    )
    orders = pd.DataFrame(
        {
            "order_id": ["o1", "o2", "o3", "o4"],
            "user_id": ["u1", "u1", "u2", "u3"],
            "ordered_at": [
                d(2024, 4, 1, 10),
                d(2024, 4, 3, 10),
                d(2024, 4, 2, 12),
                d(2024, 4, 9, 8),
            ],
            "amount": [100.0, 50.0, 30.0, 20.0],
            "status": ["paid", "paid", "paid", "paid"],
            "product": [EVIL, "鸡蛋", "鸡蛋", "牛奶"],
        }
    )
    return Source({"members": members, "orders": orders}, key="report-test")


def test_week_of_is_monday_to_sunday():
    assert report.week_of(dt.date(2024, 4, 3)) == (dt.date(2024, 4, 1), dt.date(2024, 4, 7))
    assert report.week_of(dt.date(2024, 4, 7)) == (dt.date(2024, 4, 1), dt.date(2024, 4, 7))
    assert report.default_week(source()) == dt.date(2024, 4, 8)


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "en"])
def test_report_holds_every_section_with_the_metric_numbers(lang):
    src = source()
    text = report.build(src, dt.date(2024, 4, 3), lang, dataset="shop")
    outline = Outline()
    outline.feed(text)
    assert outline.sections == SECTIONS
    assert outline.scripts == 0  # static charts: opens offline, prints, no 4.6 MB plotly.js
    assert outline.external == 0
    words = " ".join(outline.text)
    assert t("report.title", lang) in words
    gmv = metrics.kpis(src, dt.date(2024, 4, 1), dt.date(2024, 4, 7)).set_index("metric")
    assert fmt.show("money", gmv.loc["gmv", "value"]) == "¥180.00" and "¥180.00" in words
    assert t("funnels.step.joined", lang, x_days=3, y_days=7) in words
    assert t("members.segment.important_value", lang) in words


def test_user_text_is_escaped_never_markup():
    text = report.build(source(), dt.date(2024, 4, 3), "en", dataset="shop")
    assert EVIL not in text
    assert "&lt;script&gt;" in text or "\\u003cscript\\u003e" in text


def test_without_orders_every_section_says_what_to_upload():
    members = source().tables["members"]
    text = report.build(Source({"members": members}), dt.date(2024, 4, 3), "en")
    assert text.count(t("needs.orders", "en")) == len(SECTIONS)


def test_cli_writes_the_report(tmp_path):
    from siyu import importer
    from siyu.workspace import Workspace

    ws = Workspace(tmp_path / "ws")
    csv = "订单号,用户ID,下单时间,实付金额\nA1,u1,2024-04-09 10:00:00,10\nA2,u2,2024-04-10 10:00:00,5\n"
    importer.import_files(ws, "shop", [importer.FileRequest(csv.encode(), "o.csv")])
    out = tmp_path / "week.html"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "siyu",
            "report",
            "--dataset",
            "shop",
            "--workspace",
            str(ws.root),
            "--out",
            str(out),
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SIYU_AUTO_DEMO": "0"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # the data ends on Wednesday 04-10: the week is cut there, no empty days after it
    assert done.stdout.strip() == f"Report written to {out} (2024-04-08 to 2024-04-10)"
    outline = Outline()
    outline.feed(out.read_text(encoding="utf-8"))
    assert outline.sections == SECTIONS
    assert "¥15.00" in " ".join(outline.text)


def test_overview_offers_the_report_download(monkeypatch, demo_ws):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("SIYU_WORKSPACE", str(demo_ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    buttons = at.get("download_button")
    assert any(t("report.download", "zh-Hans") in str(b.proto.label) for b in buttons)
    assert at.date_input(key="report_week").value == dt.date(2026, 10, 26)


# -- layout: a phone, a printer, complete days, a small file (issue 18.7) --------------------


class Charts(HTMLParser):
    """The labels of the report's static charts and the row labels of its heatmap."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []
        self.cohorts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "div" and "sy-lbl" in cls.split():
            self._in = "label"
        elif tag == "th" and dict(attrs).get("scope") == "row":
            self._in = "cohort"

    def handle_endtag(self, tag):
        if tag in ("div", "th"):
            self._in = None

    def handle_data(self, data):
        if self._in == "label":
            self.labels.append(data)
        elif self._in == "cohort":
            self.cohorts.append(data)


def test_a_week_the_data_ends_inside_is_cut_at_the_last_day():
    src = source()  # the last order is on Tuesday 2024-04-09
    assert report.period(src, dt.date(2024, 4, 12)) == (dt.date(2024, 4, 8), dt.date(2024, 4, 9))
    assert report.period(src, dt.date(2024, 4, 3)) == (dt.date(2024, 4, 1), dt.date(2024, 4, 7))
    text = report.build(src, dt.date(2024, 4, 12), "en")
    assert "week 2024-04-08 to 2024-04-09 · against 2024-04-06 to 2024-04-07" in text
    assert (
        t("report.cut", "en", last="2024-04-09", days=2, start="2024-04-08", end="2024-04-09")
        in text
    )
    assert "2024-04-14" not in text


def test_the_demo_report_is_small_complete_and_labels_whole(demo_ws):
    src = demo_ws.source("demo")
    week = report.default_week(src)
    last = metrics.last_data_day(src)
    start, end = report.period(src, week)
    assert end <= last and (start, end) == (week, last)  # the demo ends on a Saturday
    for lang in ("zh-Hans", "en"):
        text = report.build(src, week, lang, dataset="demo")
        assert len(text.encode("utf-8")) < 1_000_000  # was 4.8 MB with plotly.js inline
        assert "<script" not in text
        assert '<meta name="viewport"' in text and "@media print" in text
        assert "max-width:640px" in text  # tables become cards on a phone
        charts = Charts()
        charts.feed(text)
        steps = [t(f"funnels.step.{s}", lang, x_days=3, y_days=7) for s in MEMBER_STEPS]
        segments = {t(f"members.segment.{s}", lang) for s in SEGMENTS}
        assert charts.labels[: len(steps)] == steps  # whole labels, never 群 / 单 / 购
        assert set(charts.labels[len(steps) :]) <= segments
        assert all(len(label) > 1 for label in charts.labels)
        # cohort days whole (10-26 … 10-31), the last one the data's last day
        assert charts.cohorts[-1] == last.strftime("%m-%d") and len(charts.cohorts) == 6
