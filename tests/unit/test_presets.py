"""Platform presets: each platform's sample export imports to the expected rows and totals.

The samples (`tests/data/`, written by `tests/data/make_samples.py`) follow the header lists
of the real exports; the hand-computed totals are in the comments of that script and in
`EXPECTED` there.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from siyu import importer, ingest
from siyu.ingest import ImportRefused
from siyu.ingest.presets import ADD_WAY, channel_label, recognise, split_items
from siyu.workspace import Workspace
from tests.helpers import read_sql

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
_spec = importlib.util.spec_from_file_location("make_samples", DATA / "make_samples.py")
samples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(samples)
EXPECTED = samples.EXPECTED
STAT_DATE = dt.date(2024, 4, 20)


def test_committed_samples_are_what_the_generator_writes():
    for name, data in samples.samples().items():
        path = DATA / name
        assert path.exists(), name
        if name.endswith(".csv"):  # xlsx files carry their creation time; CSVs are exact
            assert path.read_bytes() == data, name


def _import(ws: Workspace, name: str, **kw) -> importer.ImportReport:
    req = importer.FileRequest(DATA / name, name, **kw)
    return importer.import_files(ws, name, [req])


def _orders_totals(ws: Workspace, dataset: str) -> tuple[int, Decimal, int]:
    """(paid orders, GMV, buyers) by SPEC's rule: status paid and amount > 0."""
    df = read_sql(
        ws.source(dataset),
        "select count(*) as n, sum(amount) as gmv, count(distinct user_id) as buyers "
        "from orders where status = 'paid' and amount > 0",
    )
    return int(df.n[0]), Decimal(str(df.gmv[0])).quantize(Decimal("0.01")), int(df.buyers[0])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_platform_sample_is_recognised_and_imports_to_the_expected_rows(name, tmp_path):
    exp = EXPECTED[name]
    pv = ingest.preview(DATA / name, name)
    assert pv.platform == exp["platform"]
    assert pv.kind == exp["kind"]
    if "identity" in exp:
        assert pv.identity is not None and pv.identity.mode == exp["identity"]
    if "sheet" in exp:
        assert pv.sheet == exp["sheet"]
    ws = Workspace(tmp_path / "ws")
    report = _import(ws, name, stat_date=STAT_DATE)
    main = report.converted[0]
    assert (main.kind, main.accepted, main.rejected) == (exp["kind"], exp["rows"], exp["rejected"])
    if "lines" in exp:
        assert main.lines == exp["lines"]
    if exp["kind"] == "orders":
        paid, gmv, buyers = _orders_totals(ws, name)
        assert (paid, gmv, buyers) == (exp["paid"], Decimal(exp["gmv"]), exp["buyers"])
    if "also" in exp:
        assert [c.kind for c in report.converted] == [exp["kind"], exp["also"]]


def test_youzan_title_row_slash_headers_duplicate_header_and_refunds(tmp_path):
    pv = ingest.preview(DATA / "youzan_orders.csv", "youzan_orders.csv")
    assert pv.encoding == "gb18030" and pv.header_row == 1  # the title row is above
    assert "分销员" in pv.headers and "分销员 (2)" in pv.headers
    assert "收货人手机号/提货人手机号" in pv.headers
    # the buyer's own phone identifies the person, not the recipient's
    assert pv.mapping["user_id"] == "买家手机号" and pv.mapping["phone"] == "买家手机号"
    assert pv.mapping["amount"] == "订单实付金额" and pv.mapping["nickname"] == "买家昵称"
    ws = Workspace(tmp_path / "ws")
    _import(ws, "youzan_orders.csv")
    rows = read_sql(
        ws.source("youzan_orders.csv"),
        "select order_id, user_id, amount, status, phone from orders order by order_id",
    )
    # E2 partly refunded (100 of 1299) stays paid; E3 refunded 58.50 of 58.50; E4 unpaid
    assert list(rows.status) == ["paid", "paid", "refunded", "cancelled", "paid"]
    assert rows.amount.astype(str).tolist() == ["128.0", "1299.0", "58.5", "0.0", "99.9"]
    # E1 and E3 were bought by the same phone: one person, its number not stored
    assert rows.user_id[0] == rows.user_id[2] != rows.user_id[1]
    assert all(u.startswith("ph_") and len(u) == 19 for u in rows.user_id)
    assert list(rows.phone) == [
        "138****5678",
        "139****5678",
        "138****5678",
        "137****1111",
        "137****1111",
    ]
    meta = ws.get("youzan_orders.csv").meta
    assert meta["identity_by_table"]["orders"] == {"mode": "phone", "column": "买家手机号"}
    assert "买家手机号" in meta["identity"]


def test_youzan_customers_share_the_hashed_id_of_the_same_phone_in_orders(tmp_path):
    ws = Workspace(tmp_path / "ws")
    orders = importer.FileRequest(DATA / "youzan_orders.csv", "youzan_orders.csv")
    customers = importer.FileRequest(DATA / "youzan_customers.csv", "youzan_customers.csv")
    staged = importer.stage(ws, [orders, customers])
    assert [c.accepted for c in staged.converted] == [5, 3]
    # 赵六 has no 成为客户时间: rejected, with the line number as a spreadsheet shows it
    rejected = ingest.rejected_frame(staged.converted[1], "en")
    assert list(rejected.line) == [5] and "required" in rejected.reason[0]
    importer.commit(ws, staged, "shop")
    src = ws.source("shop")
    joined = read_sql(
        src,
        "select m.nickname, count(o.order_id) as n from members as m "
        "join orders as o using (user_id) group by 1 order by 1",
    )
    # 张三 (13812345678): E1, E3; 李四: E2; 王五: E4, E5
    assert dict(zip(joined.nickname, joined.n, strict=True)) == {"张三": 2, "李四": 1, "王五": 2}
    tiers = read_sql(src, "select nickname, tier, joined_at from members order by joined_at")
    assert list(tiers.tier.fillna("")) == ["金卡", "银卡", ""]


def test_masked_phones_are_never_an_id_and_the_user_is_told_why(tmp_path):
    pv = ingest.preview(DATA / "youzan_items.csv", "youzan_items.csv")
    # 买家手机号 holds 186******05 / 1******6198: the nickname identifies people instead
    assert pv.identity == ingest.Identity("nickname", "买家昵称")
    assert pv.notes == [
        ("ingest.note.masked_phone", {"column": "买家手机号", "example": "186******05"})
    ]
    mapping = {**pv.mapping, "user_id": "买家手机号"}
    who, problems = ingest.identity_of("orders", mapping, pv)
    assert who is None and problems[0][0] == "ingest.refused.masked_phone_id"
    with pytest.raises(ImportRefused) as err:
        ingest.convert(
            DATA / "youzan_items.csv",
            "youzan_items.csv",
            kind="orders",
            mapping=mapping,
            options=pv.options,
            out_dir=tmp_path / "o",
            phone_key=b"k" * 32,
        )
    assert err.value.key == "ingest.refused.masked_phone_id"
    text = err.value.message("zh-Hans")
    assert "186******05" in text and "不能用来识别用户" in text
    assert "cannot identify a person" in err.value.message("en")


def test_youzan_item_rows_become_orders_with_the_sum_of_their_lines(tmp_path):
    ws = Workspace(tmp_path / "ws")
    report = _import(ws, "youzan_items.csv")
    assert report.converted[0].options.amount_rule == "sum"
    rows = read_sql(
        ws.source("youzan_items.csv"),
        "select order_id, amount, quantity, product, status from orders order by order_id",
    )
    # E10: 79.80 + 25.00; E11: 89.00; E12: 10.00 + 20.00 + 30.50, closed
    assert rows.amount.astype(str).tolist() == ["104.8", "89.0", "60.5"]
    assert list(rows.quantity) == [3, 1, 3]
    assert list(rows["product"]) == ["有机草莓、赣南脐橙", "东北大米", "酸奶、牛奶、奶酪"]
    assert list(rows.status) == ["paid", "paid", "cancelled"]


def test_ktt_workbook_proposes_the_order_sheet_and_collapses_items_to_orders(tmp_path):
    pv = ingest.preview(DATA / "ktt_orders.xlsx", "ktt_orders.xlsx")
    assert pv.sheet_names == ["说明", "商品汇总", "订单明细"] and pv.sheet == "订单明细"
    assert pv.options.lines and pv.options.amount_rule == "first"
    ws = Workspace(tmp_path / "ws")
    _import(ws, "ktt_orders.xlsx")
    rows = read_sql(
        ws.source("ktt_orders.xlsx"),
        "select order_id, amount, quantity, status, nickname, campaign from orders "
        "order by order_id",
    )
    # KTT001 merged cells over 3 rows: 156.00, 2+1+3 items; KTT002 68.00 then 0; KTT003
    # refunded in full (45.50); KTT004 cancelled, 订单金额 empty on its second row
    assert rows.amount.astype(str).tolist() == ["156.0", "68.0", "45.5", "30.0"]
    assert list(rows.quantity) == [6, 2, 1, 2]
    assert list(rows.status) == ["paid", "paid", "refunded", "cancelled"]
    assert set(rows.nickname) == {"果果妈", "小王", "阿杰"} and set(rows.campaign) == {"春季鲜果团"}
    # the other sheets can still be chosen
    summary = ingest.preview(DATA / "ktt_orders.xlsx", "ktt_orders.xlsx", sheet="商品汇总")
    assert summary.headers == ["商品名称", "规格", "数量", "金额"]


def test_a_rejected_line_leaves_its_whole_order_out(tmp_path):
    text = (
        "跟团号,订单号,下单人,团购标题,下单时间,商品名称,数量,订单金额,订单状态,联系电话\n"
        "1,K1,甲,团,2024-04-01 10:00,苹果,1,30,已完成,13600000011\n"
        "1,K1,甲,团,2024-04-01 10:00,梨,两,0,已完成,13600000011\n"
        "2,K2,乙,团,2024-04-02 10:00,苹果,2,40,已完成,13600000012\n"
        "2,,乙,团,,梨,1,,已完成,\n"
    )
    data = text.encode("utf-8")
    pv = ingest.preview(data, "k.csv")
    assert pv.platform == "ktt_orders"
    conv = ingest.convert(
        data,
        "k.csv",
        kind="orders",
        mapping=pv.mapping,
        options=pv.options,
        out_dir=tmp_path / "o",
        phone_key=b"k" * 32,
    )
    # K1's line 3 has 数量 "两": K1 is left out whole; K2's second line has an empty
    # order id and continues K2 (an unmerged sheet), so K2 is 40.00 with 3 items
    assert (conv.accepted, conv.rejected, conv.lines) == (1, 2, 4)
    got = duckdb.sql(f"select order_id, amount, quantity from '{conv.parquet}'").fetchall()
    assert got == [("K2", Decimal("40.00"), 3)]
    rej = ingest.rejected_frame(conv, "en")
    assert list(rej.line) == [2, 3]
    assert "line 3 of this order was rejected" in rej.reason[0]
    assert "is not a whole number" in rej.reason[1]


def test_jielong_item_lists_become_product_names_and_quantities(tmp_path):
    ws = Workspace(tmp_path / "ws")
    _import(ws, "jielong_orders.xlsx")
    rows = read_sql(
        ws.source("jielong_orders.xlsx"),
        "select order_id, product, quantity, status from orders order by order_id",
    )
    assert list(rows["product"]) == [
        "草莓(500g)、橙子(5斤)",
        "牛奶(1L)",
        "蛋糕(6寸)",
        "草莓(500g)、酸奶(1L)、面包",
    ]
    assert list(rows.quantity) == [3, 1, 1, 5]  # 2+1, 1, 1, 2+2+1 (面包 has no count: 1)
    assert list(rows.status) == ["paid", "paid", "refunded", "paid"]


def test_split_items_reads_counts_with_any_multiplication_sign():
    assert split_items("草莓(500g) * 2\n橙子(5斤) * 1") == ("草莓(500g)、橙子(5斤)", 3)
    assert split_items("牛奶×3；面包 x 2") == ("牛奶、面包", 5)
    assert split_items("礼盒") == ("礼盒", 1)
    assert split_items("  ") == ("", None)


def test_wecom_customer_list_keeps_one_member_with_the_earliest_add_time(tmp_path):
    ws = Workspace(tmp_path / "ws")
    _import(ws, "wecom_customers.xlsx")
    rows = read_sql(
        ws.source("wecom_customers.xlsx"),
        "select user_id, joined_at, channel, tags from members order by joined_at",
    )
    assert list(rows.user_id) == ["小明", "小刚", "小红", "小丽"]
    assert [str(t) for t in rows.joined_at] == [
        "2024-02-15 09:00:00",  # 员工B's row, earlier than 员工A's 03-01
        "2024-03-02 08:30:00",  # 员工C's row, earlier than 员工B's 03-06
        "2024-03-05 11:00:00",
        "2024-03-07 15:45:00",
    ]
    # the channel of the earliest row, add_way codes as labels: 4 群聊, 202, text kept, 3
    assert list(rows.channel) == ["群聊", "管理员/负责人分配", "扫描二维码", "名片分享"]
    assert list(rows.tags.fillna("")) == ["VIP,意向", "复购,老客户", "VIP", ""]
    meta = ws.get("wecom_customers.xlsx").meta
    assert meta["identity_by_table"]["members"] == {"mode": "nickname", "column": "客户名称"}


def test_add_way_codes_map_to_labels_and_other_text_is_kept():
    assert ADD_WAY["1"] == "扫描二维码" and ADD_WAY["2"] == "搜索手机号"
    assert channel_label(" 201 ") == "内部成员共享" and channel_label("202") == "管理员/负责人分配"
    assert channel_label("活码A") == "活码A" and channel_label("999") == "999"


def test_wecom_group_list_gives_groups_and_daily_counts_for_the_date_given(tmp_path):
    pv = ingest.preview(DATA / "wecom_groups.xlsx", "wecom_groups.xlsx")
    assert pv.also is not None and pv.also.kind == "group_daily"
    assert ("ingest.note.needs_stat_date", {"table": "group_daily"}) in pv.notes
    ws = Workspace(tmp_path / "ws")
    _import(ws, "wecom_groups.xlsx", stat_date=STAT_DATE)
    src = ws.source("wecom_groups.xlsx")
    groups = read_sql(src, "select group_id, owner from groups order by created_at")
    assert list(groups.group_id) == ["春季鲜果1群", "春季鲜果2群", "会员福利群"]
    daily = read_sql(src, "select * from group_daily order by group_id")
    assert set(daily.stat_date.astype(str)) == {"2024-04-20"}
    assert dict(zip(daily.group_id, daily.new_members, strict=True)) == {
        "春季鲜果1群": 5,
        "春季鲜果2群": 3,
        "会员福利群": 0,
    }
    assert daily.member_total.sum() == 198 + 120 + 56


def test_dateless_statistics_ask_for_the_date(tmp_path):
    text = "群名称,群成员数,今日入群,今日退群\nA群,10,2,1\nB群,5,0,0\n"
    pv = ingest.preview(text.encode(), "s.csv")
    assert pv.platform == "wecom_group_daily" and pv.kind == "group_daily"
    assert ingest.needs_stat_date(pv.plan)
    with pytest.raises(ImportRefused) as err:
        ingest.convert(text.encode(), "s.csv", kind="group_daily", mapping=pv.mapping,
                       out_dir=tmp_path / "a")  # fmt: skip
    assert err.value.key == "ingest.refused.needs_stat_date"
    opts = ingest.Options(stat_date=dt.date(2024, 5, 1))
    conv = ingest.convert(text.encode(), "s.csv", kind="group_daily", mapping=pv.mapping,
                          options=opts, out_dir=tmp_path / "b")  # fmt: skip
    got = duckdb.sql(f"select stat_date, group_id, quit_members from '{conv.parquet}'").fetchall()
    assert got == [(dt.date(2024, 5, 1), "A群", 1), (dt.date(2024, 5, 1), "B群", 0)]


def test_unknown_exports_fall_back_to_the_alias_mapping():
    headers = ["订单编号", "买家ID", "下单时间", "实付金额"]
    platform, _ = recognise(headers)
    assert platform is None
    pv = ingest.preview(("\n".join([",".join(headers), "A1,u1,2024-01-01 10:00,5"])).encode(), "x")
    assert pv.platform == "unknown" and pv.mapping["user_id"] == "买家ID"
    assert pv.identity == ingest.Identity("id", "买家ID")


def test_a_confirmed_mapping_is_remembered_for_the_next_file_with_the_same_headers(tmp_path):
    ws = Workspace(tmp_path / "ws")
    data = (DATA / "weimob_orders.csv").read_bytes()
    pv = ingest.preview(data, "w.csv")
    assert pv.mapping["campaign"] is None
    edited = {**pv.mapping, "campaign": "配送方式", "nickname": "客户昵称"}  # the user's choice
    req = importer.FileRequest(data, "w.csv", kind="orders", mapping=edited, options=pv.options)
    importer.import_files(ws, "first", [req])
    # next month's export: same headers, other rows
    later = data.decode("utf-8-sig").replace("W00", "X00").encode("utf-8-sig")
    main, also, _ = importer.plans_for(importer.FileRequest(later, "w2.csv"), ws)
    assert main.mapping == edited and also == []
    assert importer.remembered(ws, ingest.preview(later, "w2.csv"))[0].mapping == edited
    report = importer.import_files(ws, "second", [importer.FileRequest(later, "w2.csv")])
    assert report.converted[0].mapping["campaign"] == "配送方式"
    # other headers: nothing remembered
    assert importer.remembered(ws, ingest.preview(DATA / "youzan_orders.csv", "y.csv")) is None


def test_cli_imports_a_workbook_and_a_group_list_with_its_statistics_date(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def siyu(*args):
        return subprocess.run(
            [sys.executable, "-m", "siyu", "--lang", "en", *args, "--workspace",
             str(tmp_path / "ws")],
            cwd=ROOT, capture_output=True, text=True, env=env, timeout=300,
        )  # fmt: skip

    done = siyu("import", str(DATA / "wecom_groups.xlsx"), "--dataset", "g")
    assert done.returncode == 0, done.stderr
    assert "3 rows accepted" in done.stdout
    assert "group_daily table was not imported" in done.stderr  # no --stat-date: asked for
    done = siyu(
        "import",
        str(DATA / "wecom_groups.xlsx"),
        str(DATA / "ktt_orders.xlsx"),
        "--dataset",
        "shop",
        "--stat-date",
        "2024-04-20",
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "wecom_groups.xlsx: groups table, 3 rows accepted, 0 rejected" in lines
    assert "wecom_groups.xlsx: group_daily table, 3 rows accepted, 0 rejected" in lines
    assert "ktt_orders.xlsx: orders table, 4 rows accepted, 0 rejected" in lines
    assert "  8 rows combined into 4" in lines
    kpis = siyu("metric", "kpis", "--dataset", "shop", "--start", "2024-04-01", "--end",
                "2024-04-30")  # fmt: skip
    values = dict(line.split(",", 1) for line in kpis.stdout.strip().splitlines()[1:])
    assert values["gmv"] == "224" and values["buyers"] == "2"
