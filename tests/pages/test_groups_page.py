"""The group health page in AppTest: the demo dataset, an empty workspace, a dataset holding
only WeCom's group statistics, and the group and silent-days widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from siyu import fmt, metrics
from siyu.importer import FileRequest, import_files
from siyu.metrics import groups

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "pages/groups.py"


def open_page(monkeypatch, ws) -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def cards(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.fixture
def demo(monkeypatch, demo_ws):
    source = demo_ws.source("demo")
    return open_page(monkeypatch, demo_ws), source, metrics.default_period(source)


def test_demo_shows_rates_charts_heatmaps_table_and_the_oversized_group(demo):
    at, source, (start, end) = demo
    assert at.title[0].value == "社群健康"
    # three rate charts with their target lines, the counts chart, two heatmaps
    charts = at.get("plotly_chart")
    assert len(charts) == 6
    assert '"y":[0.3,0.3]' in charts[0].proto.spec.replace(" ", "")
    summary = groups.group_summary(source, start, end)
    total = summary.iloc[0]
    shown = cards(at)
    # "All groups" is the overview's number
    kpis = metrics.kpis(source, start, end)
    overview = dict(zip(kpis["metric"], kpis["value"], strict=True))
    assert shown["日活率"] == fmt.show("rate", total["daily_active_rate"])
    assert shown["日活率"] == fmt.show("rate", overview["daily_active_rate"])
    assert shown["群人数（期末）"] == fmt.show("count", total["size"])
    # the table lists every group and the members in no group, most below target first
    table = at.dataframe[0].value
    assert len(table) == len(summary) - 1
    assert list(table["群ID"][:3]) == list(summary["group_id"][1:4])
    # the demo's big 会员群 is flagged for a split
    assert any("G01" in w.value and "200" in w.value for w in at.warning)
    assert "是" in set(table["建议拆群"])
    # best push hours are named against the usual slots (the demo peaks in them)
    assert any("互动最多的时段" in m.value for m in at.markdown)
    silent = groups.silent_members(source, start, end)
    assert len(at.dataframe[2].value) == len(silent)
    # issue 18.8: the list says 仍在群 and holds only members still in a group (the demo has
    # hundreds of silent members in no group: none of them is listed)
    assert any("仍在群" in c.value for c in at.caption)
    listed = set(at.dataframe[2].value["群ID"])
    assert "（未入群成员）" not in listed and None not in listed


def test_choosing_a_group_and_the_silent_days_changes_the_numbers(demo):
    at, source, (start, end) = demo
    before = cards(at)
    at.selectbox(key="group").set_value("G01").run()
    assert not at.exception, [e.value for e in at.exception]
    summary = groups.group_summary(source, start, end).set_index("group_id", drop=False)
    g01 = summary.loc["G01"]
    after = cards(at)
    assert after != before
    assert after["日活率"] == fmt.show("rate", g01["daily_active_rate"])
    assert after["群人数（期末）"] == fmt.show("count", g01["size"])
    silent = at.dataframe[2].value
    expected = groups.silent_members(source, start, end, group="G01")
    assert len(silent) == len(expected) > 0
    assert set(silent["群ID"]) == {"G01"}
    # personal data is masked
    assert all("*" in p for p in silent["手机号"].dropna())
    at.number_input(key="silent_days").set_value(30).run()
    longer = groups.silent_members(source, start, end, days=30, group="G01")
    assert len(at.dataframe[2].value) == len(longer) < len(expected)

    # the member tag (issue 21.4): only the silent members carrying it
    at.selectbox(key="member_tag").set_value("宝妈").run()
    assert not at.exception, [e.value for e in at.exception]
    tagged = groups.silent_members(source, start, end, days=30, group="G01", tag="宝妈")
    assert 0 < len(at.dataframe[2].value) == len(tagged) < len(longer)


def test_empty_workspace_points_to_the_data_page(monkeypatch, empty_ws):
    at = open_page(monkeypatch, empty_ws)
    assert "还没有数据集" in at.info[0].value
    assert not at.get("plotly_chart")


GROUP_DAILY = (
    "统计日期,群ID,群成员总数,今日入群,退群人数,发言人数,消息数\n"
    "2024-05-01,G1,250,5,1,40,300\n"
    "2024-05-02,G1,254,5,1,60,420\n"
    "2024-05-01,G2,80,0,2,30,90\n"
    "2024-05-02,G2,78,0,2,10,20\n"
)


def test_a_dataset_with_only_group_statistics(monkeypatch, empty_ws, tmp_path):
    path = tmp_path / "群统计.csv"
    path.write_text(GROUP_DAILY, encoding="utf-8")
    import_files(
        empty_ws, "wecom", [FileRequest(data=path, filename=path.name, kind="group_daily")]
    )
    at = open_page(monkeypatch, empty_ws)
    assert any("企微群统计" in i.value for i in at.info)
    # DAR = speakers / member_total: (70/330 + 70/332) / 2; interaction and conversion
    # cannot be computed
    shown = cards(at)
    assert shown["日活率"] == fmt.show("rate", (70 / 330 + 70 / 332) / 2) == "21.1%"
    assert shown["互动率"] == "—" and shown["转化率（日）"] == "—"
    assert shown["群人数（期末）"] == "332"
    assert len(at.get("plotly_chart")) == 2  # the daily active rate and the counts
    assert any("G1" in w.value for w in at.warning)  # 254 members: split
    assert len(at.dataframe[0].value) == 2
