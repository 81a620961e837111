"""Pages say who is still inside a window, and compare like for like (issue 18.1).

On the demo, the overview's repurchase cards said −19.9 pp and −7.7 pp against the previous
period only because the latest first buyers had not had their days yet. The cards now show
the like-for-like change and the pending people; the funnels page and the weekly report say
the same.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from siyu import fmt, metrics, report
from siyu.i18n import t

APP = str(Path(__file__).resolve().parents[2] / "app.py")
WINDOWS = {"x_days": 3, "y_days": 7}


def open_page(monkeypatch, ws, page: str = "app.py") -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    if page != "app.py":
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_overview_cards_show_pending_people_and_the_like_for_like_change(monkeypatch, demo_ws):
    at = open_page(monkeypatch, demo_ws)
    source = demo_ws.source("demo")
    cards = metrics.kpi_cards(source, *metrics.default_period(source)).set_index("metric")
    shown = {m.label: m for m in at.metric}
    captions = [c.value for c in at.caption]
    for metric in ("first_order_conversion", "repurchase_rate", "repurchase_rate_7d"):
        card = shown[t(f"metric.{metric}", "zh-Hans", **WINDOWS)]
        # the delta is the like-for-like change, not value minus the plain previous period
        assert card.delta == fmt.show_change("rate", cards.loc[metric, "change"])
        pending = cards.loc[metric, "pending"]
        assert pending > 0
        text = t(f"window.pending.{metric}", "zh-Hans", n=fmt.show("count", pending), **WINDOWS)
        assert text in captions
    # the demo's steady repurchase no longer reads as a fall of 20 points
    assert abs(cards.loc["repurchase_rate", "change"]) < 0.10
    assert any(c.startswith("变化为同龄比较") for c in captions)


def test_member_funnel_cards_say_who_may_still_convert(monkeypatch, demo_ws):
    at = open_page(monkeypatch, demo_ws, "pages/funnels.py")
    source = demo_ws.source("demo")
    funnel = metrics.lookup("member_funnel")(source, *metrics.default_period(source))
    pending = dict(zip(funnel["step"], funnel["pending"], strict=True))
    captions = [c.value for c in at.caption]
    for step in ("first_order", "repurchase"):
        n = fmt.show("count", pending[step])
        assert t(f"window.pending.{step}", "zh-Hans", n=n, **WINDOWS) in captions


def test_weekly_report_kpi_lines_say_pending_and_compare_like_for_like(demo_ws):
    source = demo_ws.source("demo")
    week = report.default_week(source)
    html = report.build(source, week, "zh-Hans")
    # the report's days: the week cut at the data's last day (a Saturday in the demo)
    cards = metrics.kpi_cards(source, *report.period(source, week)).set_index("metric")
    n = fmt.show("count", cards.loc["repurchase_rate_7d", "pending"])
    assert t("window.pending.repurchase_rate_7d", "zh-Hans", n=n, **WINDOWS) in html
    assert fmt.show_change("rate", cards.loc["repurchase_rate_7d", "change"]) in html
    assert t("window.col.pending", "zh-Hans") in html
