"""Staff in the data model (issue 21): members.staff from customer lists and the WeCom 客户联系
statistics as `staff_daily`, with their aliases and presets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from siyu import importer, ingest
from siyu.ingest import ImportRefused
from siyu.ingest.aliases import propose_mapping
from siyu.workspace import Workspace
from tests.helpers import read_sql

DATA = Path(__file__).resolve().parents[1] / "data"


def _rows(conv, sql: str) -> list[tuple]:
    return duckdb.sql(sql.replace("{t}", f"'{conv.parquet}'")).fetchall()


def test_wecom_customer_list_keeps_the_staff_of_the_earliest_add_time(tmp_path):
    ws = Workspace(tmp_path / "ws")
    req = importer.FileRequest(DATA / "wecom_customers.xlsx", "wecom_customers.xlsx")
    importer.import_files(ws, "wecom", [req])
    rows = read_sql(ws.source("wecom"), "select user_id, staff from members order by user_id")
    # 小明: 员工B added him 02-15, before 员工A on 03-01; 小刚: 员工C 03-02 before 员工B 03-06
    assert dict(zip(rows.user_id, rows.staff, strict=True)) == {
        "小丽": "员工A",
        "小刚": "员工C",
        "小明": "员工B",
        "小红": "员工A",
    }


def test_the_preset_maps_the_adding_staff_member():
    pv = ingest.preview(DATA / "wecom_customers.xlsx", "wecom_customers.xlsx")
    assert pv.platform == "wecom_customers"
    assert pv.mapping["staff"] == "添加人"  # the name, not 添加人账号


@pytest.mark.parametrize("header", ["添加人", "所属员工", "跟进人", "客服", "导购", "Staff"])
def test_staff_aliases_map_to_members_staff(header):
    mapping = propose_mapping(["用户ID", "入群时间", header], "members")
    assert mapping["staff"] == header


def test_group_owner_alias():
    assert propose_mapping(["群ID", "群名称", "群主"], "groups")["owner"] == "群主"


STAFF_STATS = (
    "日期,成员,部门,聊天数,发送消息数,已回复聊天占比,平均首次回复时长,新增客户数,删除/拉黑客户数\n"
    "2024-04-08,李娜,门店,36,152,92.5%,3分20秒,12,1\n"
    "2024-04-08,张敏,门店,20,80,0.8,1小时5分,4,0\n"
    "2024-04-09,李娜,门店,30,120,100%,00:02:30,9,2\n"
    "2024-04-09,张敏,门店,0,0,-,-,0,0\n"
    "2024-04-10,李娜,门店,5,9,150%,3,1,0\n"
)


def test_wecom_staff_statistics_are_recognised_and_read_as_staff_daily(tmp_path):
    pv = ingest.preview(STAFF_STATS.encode(), "联系客户统计.csv")
    assert (pv.platform, pv.kind) == ("wecom_staff_daily", "staff_daily")
    assert pv.mapping == {
        "stat_date": "日期",
        "staff": "成员",
        "chats": "聊天数",
        "messages": "发送消息数",
        "reply_share": "已回复聊天占比",
        "first_reply_minutes": "平均首次回复时长",
        "new_contacts": "新增客户数",
        "lost_contacts": "删除/拉黑客户数",
    }
    conv = ingest.convert(
        STAFF_STATS.encode(),
        "s.csv",
        kind="staff_daily",
        mapping=pv.mapping,
        out_dir=tmp_path / "a",
    )
    # 150% is no share: that row is rejected, with its line number, the others kept
    assert (conv.accepted, conv.rejected) == (4, 1)
    got = _rows(
        conv,
        "select stat_date, staff, chats, messages, reply_share, first_reply_minutes, "
        "new_contacts, lost_contacts from {t} order by stat_date, staff",
    )
    d8, d9 = dt.date(2024, 4, 8), dt.date(2024, 4, 9)
    assert got == [
        (d8, "张敏", 20, 80, 0.8, 65.0, 4, 0),
        (d8, "李娜", 36, 152, 0.925, 10 / 3, 12, 1),
        (d9, "张敏", 0, 0, None, None, 0, 0),
        (d9, "李娜", 30, 120, 1.0, 2.5, 9, 2),
    ]


def test_dateless_staff_statistics_ask_for_the_date(tmp_path):
    text = "成员,聊天数,已回复聊天占比,新增客户数\n李娜,10,50%,3\n"
    pv = ingest.preview(text.encode(), "s.csv")
    assert pv.kind == "staff_daily" and ingest.needs_stat_date(pv.plan)
    with pytest.raises(ImportRefused) as err:
        ingest.convert(
            text.encode(), "s.csv", kind="staff_daily", mapping=pv.mapping, out_dir=tmp_path / "a"
        )
    assert err.value.key == "ingest.refused.needs_stat_date"
    conv = ingest.convert(
        text.encode(),
        "s.csv",
        kind="staff_daily",
        mapping=pv.mapping,
        options=ingest.Options(stat_date=dt.date(2024, 5, 1)),
        out_dir=tmp_path / "b",
    )
    assert _rows(conv, "select stat_date, staff, reply_share, new_contacts from {t}") == [
        (dt.date(2024, 5, 1), "李娜", 0.5, 3)
    ]
