"""siyu.ingest: encodings, formats, header rows, mapping, value parsing, rejected rows."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from siyu import ingest
from siyu.i18n import TEXT
from siyu.ingest import ImportRefused, Limits
from siyu.schema import TABLE_KINDS, TABLES

HEADER = "订单编号,买家ID,下单时间,实付金额,订单状态,商品名称\n"


def run(tmp_path: Path, data: bytes, name: str = "orders.csv", **kw):
    """Preview then convert as the app does; returns (preview, converted, accepted rows)."""
    pv = ingest.preview(data, name, **{k: v for k, v in kw.items() if k != "limits"})
    conv = ingest.convert(
        data, name, kind=kw.pop("kind", pv.kind), mapping=pv.mapping, out_dir=tmp_path / "out", **kw
    )
    rows = duckdb.sql(f"select * from read_parquet('{conv.parquet}')").fetchall()
    return pv, conv, rows


def rejected(conv: ingest.Converted) -> list[tuple]:
    return duckdb.sql(
        f"select line, \"column\", value, reason from read_parquet('{conv.rejected_parquet}') "
        "order by line"
    ).fetchall()


def one_value(tmp_path: Path, column: str, value: str, header: str | None = None):
    """Import one order whose `column` holds `value`; the parsed value, or the reason."""
    base = {"订单编号": "A1", "买家ID": "u1", "下单时间": "2024-04-09 11:54:00", "实付金额": "10"}
    names = {
        "ordered_at": "下单时间",
        "amount": "实付金额",
        "status": "订单状态",
        "quantity": "数量",
    }
    name = header or names[column]
    base[name] = value
    text = ",".join(base) + "\n" + ",".join(f'"{v}"' for v in base.values()) + "\n"
    pv = ingest.preview(text.encode(), "one.csv")
    out = tmp_path / f"o{abs(hash(value))}"
    try:
        conv = ingest.convert(
            text.encode(), "one.csv", kind="orders", mapping=pv.mapping, out_dir=out
        )
    except ImportRefused as exc:
        return exc.params["reason"][0]
    return duckdb.sql(f"select {column} from read_parquet('{conv.parquet}')").fetchall()[0][0]


# --- encodings ---------------------------------------------------------------------------------

SIMPLIFIED_ROWS = [
    ("E001", "0012", "2024-04-09 11:54:00", "¥1,299.00", "已完成", "有机草莓礼盒"),
    ("E002", "0013", "2024-04-09 12:10:00", "￥99", "交易成功", "赣南脐橙 5斤"),
    ("E003", "0014", "2024-04-10 08:00:00", "35.5元", "已退款", "东北大米"),
]
TRADITIONAL_ROWS = [
    ("E001", "0012", "2024-04-09 11:54:00", "1,299.00", "已完成", "臺灣高山烏龍茶"),
    ("E002", "0013", "2024-04-09 12:10:00", "99", "交易成功", "鳳梨酥禮盒"),
    ("E003", "0014", "2024-04-10 08:00:00", "35.5", "已退款", "繁體中文測試"),
]


def _csv(header: str, rows: list[tuple]) -> str:
    return header + "".join(",".join(f'"{v}"' for v in r) + "\n" for r in rows)


@pytest.mark.parametrize(
    ("encoding", "detected", "rows", "header"),
    [
        ("utf-8", "utf-8", SIMPLIFIED_ROWS, HEADER),
        ("utf-8-sig", "utf-8-sig", SIMPLIFIED_ROWS, HEADER),
        ("utf-16", "utf-16", SIMPLIFIED_ROWS, HEADER),
        ("gb18030", "gb18030", SIMPLIFIED_ROWS, HEADER),
        ("big5", "big5", TRADITIONAL_ROWS, "訂單編號,買家ID,下單時間,實付金額,訂單狀態,商品名稱\n"),
    ],
)
def test_each_encoding_is_detected_and_keeps_every_row_and_chinese_text(
    tmp_path, encoding, detected, rows, header
):
    data = _csv(header, rows).encode(encoding)
    pv, conv, got = run(tmp_path, data)
    assert pv.encoding == detected == conv.encoding
    assert conv.accepted == 3 and conv.rejected == 0
    assert [r[6] for r in got] == [r[5] for r in rows]
    assert [r[1] for r in got] == ["0012", "0013", "0014"]  # leading zeros kept


def test_big5_file_of_traditional_chinese_is_not_taken_for_gb18030():
    text = "會員編號,入群時間,渠道,會員等級\n" + "".join(
        f"M{i:03d},2024-04-0{1 + i % 9} 10:00,門市活動掃碼,鑽石會員\n" for i in range(30)
    )
    pv = ingest.preview(text.encode("big5"), "會員.csv")
    assert pv.encoding == "big5"
    assert pv.headers == ["會員編號", "入群時間", "渠道", "會員等級"]
    assert pv.kind == "members"
    assert pv.rows[0][2] == "門市活動掃碼"


def test_gb18030_export_with_title_row_imports_all_rows(tmp_path):
    rows = [
        (f"E{i:04d}", f"{i:06d}", f"2024-04-{1 + i % 28:02d} 10:00:00", "¥1,299.00", "已完成", "")
        for i in range(50)
    ]
    data = (
        "有赞订单导出 2024-04-09\n"
        + _csv("订单编号,买家ID,下单时间,实付金额,订单状态,商品名称\n", rows)
    ).encode("gb18030")
    pv, conv, got = run(tmp_path, data)
    assert pv.header_row == 1
    assert conv.accepted == 50 and conv.rejected == 0
    assert sum(r[3] for r in got) == Decimal("64950.00")


def test_gbk_text_after_a_long_ascii_start_is_still_detected(tmp_path):
    rows = [
        (f"E{i:06d}", f"{i:06d}", "2024-04-09 11:54:00", "10", "paid", "apple") for i in range(8000)
    ]
    rows += [
        (f"F{i:06d}", "u", "2024-04-09 11:54:00", "10", "已完成", "有机草莓") for i in range(50)
    ]
    src = tmp_path / "orders.csv"
    src.write_bytes(_csv("order_id,user_id,ordered_at,amount,status,product\n", rows).encode("gbk"))
    assert src.stat().st_size > 300_000
    pv, conv, got = run(tmp_path, src)
    assert pv.encoding == "gb18030"
    assert conv.accepted == 8050 and got[-1][6] == "有机草莓"


def test_encoding_can_be_overridden_by_the_user(tmp_path):
    data = _csv(HEADER, SIMPLIFIED_ROWS).encode("gb18030")
    pv = ingest.preview(data, "x.csv", encoding="gbk")
    assert pv.rows[0][5] == "有机草莓礼盒"
    with pytest.raises(ImportRefused) as exc:
        ingest.preview(data, "x.csv", encoding="klingon")
    assert exc.value.key == "ingest.refused.unknown_encoding"


# --- formats -----------------------------------------------------------------------------------


def test_tsv_with_tabs_imports_all_rows(tmp_path):
    data = "\t".join(HEADER.strip().split(",")) + "\n"
    data += "".join("\t".join(r) + "\n" for r in SIMPLIFIED_ROWS)
    pv, conv, _ = run(tmp_path, data.encode(), name="orders.tsv")
    assert pv.delimiter == "\t"
    assert conv.accepted == 3


def _xlsx(build) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    build(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_with_merged_title_cell_imports_all_rows(tmp_path):
    def build(wb):
        ws = wb.active
        ws.title = "订单"
        ws.append(["有赞订单导出 2024-04-09"])
        ws.merge_cells("A1:F1")
        ws.append(HEADER.strip().split(","))
        for r in SIMPLIFIED_ROWS:
            ws.append(list(r))
        ws.append([])
        ws.append(["E004", 15, datetime(2024, 4, 11, 9, 30), 20.5, "已发货", "苹果"])

    pv, conv, got = run(tmp_path, _xlsx(build), name="orders.xlsx")
    assert pv.encoding is None and pv.sheet == "订单" and pv.header_row == 1
    assert conv.accepted == 4 and conv.rejected == 0
    assert got[3][:4] == ("E004", "15", datetime(2024, 4, 11, 9, 30), Decimal("20.50"))


def test_xlsx_merged_header_cells_fill_their_range_and_sheet_can_be_chosen(tmp_path):
    def build(wb):
        wb.active.title = "说明"
        wb.active.append(["本文件由系统导出"])
        ws = wb.create_sheet("明细")
        ws.append(["订单编号", "买家ID", "时间", None, "实付金额"])
        ws.merge_cells("C1:D1")  # a merged header over two columns
        ws.append(["", "", "下单时间", "付款时间", ""])
        ws.merge_cells("A1:A2")
        ws.merge_cells("B1:B2")
        ws.merge_cells("E1:E2")
        ws.append(["E1", "u1", "2024-04-09 11:54:00", "2024-04-09 11:55:00", 10])
        ws.append(["E2", "u2", "2024-04-09 12:54:00", "2024-04-09 12:55:00", 20])

    data = _xlsx(build)
    first = ingest.preview(data, "x.xlsx")  # the note sheet holds no table: skipped
    assert first.sheet_names == ["说明", "明细"] and first.sheet == "明细"
    pv = ingest.preview(data, "x.xlsx", sheet="明细")
    assert pv.header_row == 1
    assert pv.headers == ["订单编号", "买家ID", "下单时间", "付款时间", "实付金额"]
    assert pv.mapping["ordered_at"] == "下单时间"
    conv = ingest.convert(
        data, "x.xlsx", kind="orders", mapping=pv.mapping, out_dir=tmp_path, sheet="明细"
    )
    assert conv.accepted == 2 and conv.sheet == "明细"
    with pytest.raises(ImportRefused) as exc:
        ingest.preview(data, "x.xlsx", sheet="没有")
    assert exc.value.key == "ingest.refused.sheet_not_found"


def test_xlsx_rejected_rows_carry_the_excel_row_number(tmp_path):
    def build(wb):
        ws = wb.active
        ws.append(["订单导出"])
        ws.append([])
        ws.append(["订单号", "用户ID", "下单时间", "实付金额"])
        ws.append(["A1", "u1", "2024-04-09", 1])
        ws.append(["A2", "u2", "不是日期", 2])

    _, conv, _ = run(tmp_path, _xlsx(build), name="x.xlsx")
    assert [r[0] for r in rejected(conv)] == [5]


# --- header row and mapping --------------------------------------------------------------------


def test_header_found_below_title_and_blank_rows():
    text = "微盟订单报表\n导出时间：2024-04-09 11:54\n\n,,\n" + _csv(HEADER, SIMPLIFIED_ROWS)
    pv = ingest.preview(text.encode(), "x.csv")
    assert pv.header_row == 4
    assert pv.headers == HEADER.strip().split(",")
    assert len(pv.rows) == 3


def test_header_row_can_be_chosen_by_the_user(tmp_path):
    text = "说明,请勿修改\n" + _csv(HEADER, SIMPLIFIED_ROWS)
    pv = ingest.preview(text.encode(), "x.csv", header_row=1)
    assert pv.header_row == 1 and pv.headers[0] == "订单编号"
    with pytest.raises(ImportRefused) as exc:
        ingest.preview(text.encode(), "x.csv", header_row=99)
    assert exc.value.key == "ingest.refused.bad_header_row"


def test_headers_are_cleaned_blank_and_duplicate_names_made_unique():
    text = "\ufeff 订单号 ,,用户ID,订单号,下单时间,实付金额\nA,x,u,B,2024-04-09,1\n"
    pv = ingest.preview(text.encode(), "x.csv")
    assert pv.headers == ["订单号", "column_2", "用户ID", "订单号 (2)", "下单时间", "实付金额"]
    assert pv.mapping["order_id"] == "订单号"


@pytest.mark.parametrize(
    ("headers", "kind", "expected"),
    [
        (
            ["订单号", "订单创建时间", "买家付款时间", "订单实付金额", "订单状态", "买家昵称"],
            "orders",
            {
                "order_id": "订单号",
                "ordered_at": "订单创建时间",
                "amount": "订单实付金额",
                "status": "订单状态",
                "user_id": "买家昵称",
            },
        ),
        (
            ["Order ID", "Customer ID", "Payment Time", "Amount", "Status", "Quantity"],
            "orders",
            {
                "order_id": "Order ID",
                "user_id": "Customer ID",
                "ordered_at": "Payment Time",
                "amount": "Amount",
                "quantity": "Quantity",
            },
        ),
        (
            ["order_id", "user_id", "ordered_at", "amount", "discount", "campaign"],
            "orders",
            {"order_id": "order_id", "discount": "discount", "campaign": "campaign"},
        ),
        (
            ["订单金额", "实付金额（元）", "订单号", "客户ID", "支付时间", "下单时间"],
            "orders",
            {"amount": "实付金额（元）", "ordered_at": "下单时间"},
        ),
        (
            ["客户ID", "添加时间", "来源", "邀请人", "会员等级", "标签", "退群时间", "群ID"],
            "members",
            {
                "user_id": "客户ID",
                "joined_at": "添加时间",
                "channel": "来源",
                "inviter_id": "邀请人",
                "tier": "会员等级",
                "tags": "标签",
                "left_at": "退群时间",
                "group_id": "群ID",
            },
        ),
        (
            ["用户ID", "行为时间", "群ID", "行为"],
            "activity",
            {"user_id": "用户ID", "at": "行为时间", "group_id": "群ID", "kind": "行为"},
        ),
        (
            ["群ID", "群名称", "群主", "创建时间"],
            "groups",
            {"group_id": "群ID", "name": "群名称", "owner": "群主", "created_at": "创建时间"},
        ),
        (
            [
                "统计日期",
                "群ID",
                "群成员总数",
                "今日入群",
                "今日退群",
                "发送消息群成员数",
                "群消息总数",
            ],
            "group_daily",
            {
                "stat_date": "统计日期",
                "member_total": "群成员总数",
                "new_members": "今日入群",
                "quit_members": "今日退群",
                "speakers": "发送消息群成员数",
                "messages": "群消息总数",
            },
        ),
    ],
)
def test_headers_map_to_canonical_columns_and_kind_is_guessed(headers, kind, expected):
    guessed, scores = ingest.guess_kind(headers)
    assert guessed == kind
    assert set(scores) == set(TABLE_KINDS)  # order_items comes with orders, never guessed
    mapping = ingest.propose_mapping(headers, kind)
    assert set(mapping) == set(TABLES[kind].column_names)
    for col, header in expected.items():
        assert mapping[col] == header, col


def test_mapping_normalises_full_width_case_spaces_and_brackets():
    mapping = ingest.propose_mapping(
        ["ＯＲＤＥＲ　ＩＤ", "User Id", "下单 时间", "实付金额(元)"], "orders"
    )
    assert mapping["order_id"] == "ＯＲＤＥＲ　ＩＤ"
    assert mapping["user_id"] == "User Id"
    assert mapping["ordered_at"] == "下单 时间"
    assert mapping["amount"] == "实付金额(元)"


def test_unrecognised_headers_guess_orders_with_nothing_mapped():
    kind, scores = ingest.guess_kind(["甲", "乙"])
    assert kind == "orders" and max(scores.values()) == 0
    assert set(ingest.propose_mapping(["甲", "乙"], "orders").values()) == {None}


def test_missing_required_column_is_refused_naming_it_in_the_users_language(tmp_path):
    data = "订单号,下单时间,实付金额\nA1,2024-04-09,1\n".encode()
    pv = ingest.preview(data, "x.csv")
    with pytest.raises(ImportRefused) as exc:
        ingest.convert(data, "x.csv", kind="orders", mapping=pv.mapping, out_dir=tmp_path)
    assert exc.value.key == "ingest.refused.missing_columns"
    assert exc.value.params["columns"] == ["user_id"]
    assert "用户ID" in exc.value.message("zh-Hans")
    assert "用戶ID" in exc.value.message("zh-Hant")
    assert "User ID" in exc.value.message("en")
    assert not list(tmp_path.iterdir())  # nothing left behind


def test_mapping_to_a_header_not_in_the_file_is_refused(tmp_path):
    data = _csv(HEADER, SIMPLIFIED_ROWS).encode()
    mapping = ingest.preview(data, "x.csv").mapping | {"product": "不存在"}
    with pytest.raises(ImportRefused) as exc:
        ingest.convert(data, "x.csv", kind="orders", mapping=mapping, out_dir=tmp_path)
    assert exc.value.key == "ingest.refused.bad_mapping"


def test_unmapped_optional_columns_are_null_and_status_defaults_to_paid(tmp_path):
    data = "订单号,用户ID,下单时间,实付金额\nA1,u1,2024-04-09,5\n".encode()
    _, conv, got = run(tmp_path, data)
    cols = duckdb.sql(f"describe select * from read_parquet('{conv.parquet}')").fetchall()
    assert [(c[0], c[1]) for c in cols] == [(c.name, c.sql_type) for c in TABLES["orders"].columns]
    assert got == [
        ("A1", "u1", datetime(2024, 4, 9), Decimal("5.00"), "paid")
        + (None,) * (len(TABLES["orders"].columns) - 5)
    ]


# --- values --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-04-09 11:54:00", datetime(2024, 4, 9, 11, 54)),
        ("2024/4/9 11:54", datetime(2024, 4, 9, 11, 54)),
        ("2024年4月9日 11:54", datetime(2024, 4, 9, 11, 54)),
        ("2024-04-09", datetime(2024, 4, 9)),
        ("2024-04-09T11:54:00", datetime(2024, 4, 9, 11, 54)),
        ("2024-04-09 11:54:00 +0800 CST", datetime(2024, 4, 9, 11, 54)),
        ("2024-04-09 03:54:00 +0000", datetime(2024, 4, 9, 11, 54)),
        ("2024-04-09T03:54:00Z", datetime(2024, 4, 9, 11, 54)),
        ("2024-04-09T11:54:00+08:00", datetime(2024, 4, 9, 11, 54)),
        ("2024-04-08T23:54:00-04:00", datetime(2024, 4, 9, 11, 54)),
        ("45391.49583", datetime(2024, 4, 9, 11, 54)),
        ("1712634840", datetime(2024, 4, 9, 11, 54)),
        ("1712634840000", datetime(2024, 4, 9, 11, 54)),
        ("２０２４－０４－０９　１１：５４", datetime(2024, 4, 9, 11, 54)),
        ("20240409", datetime(2024, 4, 9)),
    ],
)
def test_dates_in_every_export_format_become_shanghai_wall_time(tmp_path, value, expected):
    assert one_value(tmp_path, "ordered_at", value) == expected


def test_dates_follow_the_workspace_time_zone(tmp_path, monkeypatch):
    monkeypatch.setenv("SIYU_TIMEZONE", "UTC")
    assert one_value(tmp_path, "ordered_at", "1712634840") == datetime(2024, 4, 9, 3, 54)
    assert one_value(tmp_path, "ordered_at", "2024-04-09 11:54:00 +0800") == datetime(
        2024, 4, 9, 3, 54
    )
    assert one_value(tmp_path, "ordered_at", "2024-04-09 11:54:00") == datetime(2024, 4, 9, 11, 54)


@pytest.mark.parametrize("value", ["2024-13-45", "2024-02-30", "昨天", "12:00"])
def test_impossible_dates_are_rejected(tmp_path, value):
    assert one_value(tmp_path, "ordered_at", value) == "ingest.reason.bad_date"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("¥1,299.00", Decimal("1299.00")),
        ("￥1299", Decimal("1299.00")),
        ("1299元", Decimal("1299.00")),
        ("1,299", Decimal("1299.00")),
        ("１２９９", Decimal("1299.00")),
        ("499.00（仅供参考）", Decimal("499.00")),
        ("0", Decimal("0.00")),
        ("12.345", Decimal("12.35")),
        ("-", "ingest.reason.required_missing"),
        ("", "ingest.reason.required_missing"),
        ("-5", "ingest.reason.negative"),
        ("abc", "ingest.reason.bad_number"),
        ("12abc", "ingest.reason.bad_number"),
    ],
)
def test_money_formats(tmp_path, value, expected):
    assert one_value(tmp_path, "amount", value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3件", 3),
        ("３", 3),
        ("2.0", 2),
        ("", None),
        ("2.5", "ingest.reason.bad_integer"),
        ("-1", "ingest.reason.negative"),
    ],
)
def test_integer_formats(tmp_path, value, expected):
    assert one_value(tmp_path, "quantity", value) == expected


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("已付款", "paid"),
        ("已支付", "paid"),
        ("待发货", "paid"),
        ("已发货", "paid"),
        ("已完成", "paid"),
        ("交易成功", "paid"),
        ("交易完成", "paid"),
        ("已签收", "paid"),
        ("Paid", "paid"),
        ("COMPLETED", "paid"),
        ("success", "paid"),
        ("已退款", "refunded"),
        ("退款成功", "refunded"),
        ("全额退款", "refunded"),
        ("refunded", "refunded"),
        ("refund", "refunded"),
        ("已关闭", "cancelled"),
        ("已取消", "cancelled"),
        ("交易关闭", "cancelled"),
        ("交易取消", "cancelled"),
        ("待付款", "cancelled"),
        ("未付款", "cancelled"),
        ("cancelled", "cancelled"),
        ("canceled", "cancelled"),
        ("closed", "cancelled"),
        ("unpaid", "cancelled"),
        ("交易關閉", "cancelled"),
        ("", "paid"),
        ("火星", "ingest.reason.unknown_status"),
    ],
)
def test_status_words_are_normalised(tmp_path, word, status):
    assert one_value(tmp_path, "status", word) == status


def test_ids_keep_text_exactly_and_spreadsheet_guards_are_unwrapped(tmp_path):
    data = (
        '订单号,用户ID,下单时间,实付金额\n 0001 ,00777,2024-04-09,1\n17850.0,="0012",2024-04-09,1\n'
    ).encode()
    _, _, got = run(tmp_path, data)
    assert [(r[0], r[1]) for r in got] == [("0001", "00777"), ("17850.0", "0012")]


# --- rejected rows -------------------------------------------------------------------------------


def test_bad_rows_are_rejected_with_line_column_value_and_good_rows_kept(tmp_path):
    data = (
        "有赞订单导出\n"
        "订单号,用户ID,下单时间,实付金额\n"
        "A1,u1,2024-04-09 11:54:00,10\n"
        "A2,u2,2024-13-45,20\n"
        "A1,u3,2024-04-09 11:56:00,30\n"
        "A4,u4,2024-04-09 11:57:00,40\n"
    ).encode()
    _, conv, got = run(tmp_path, data)
    assert (conv.accepted, conv.rejected) == (2, 2)
    assert [r[0] for r in got] == ["A1", "A4"]
    assert rejected(conv) == [
        (4, "下单时间", "2024-13-45", "ingest.reason.bad_date"),
        (5, "订单号", "A1", "ingest.reason.duplicate"),
    ]
    frame = ingest.rejected_frame(conv, "zh-Hans")
    assert list(frame.columns) == ["line", "column", "value", "reason"]
    assert frame["reason"].tolist() == [
        "下单时间「2024-13-45」无法识别为日期",
        "订单号「A1」重复，已保留第 3 行",
    ]
    assert ingest.rejected_frame(conv, "en", limit=1)["reason"].tolist() == [
        "下单时间 “2024-13-45” is not a date"
    ]


def test_every_row_rejected_refuses_the_file_with_the_most_common_reason(tmp_path):
    data = "订单号,用户ID,下单时间,实付金额\nA1,u1,x,1\nA2,u2,y,1\nA3,,2024-04-09,1\n".encode()
    pv = ingest.preview(data, "x.csv")
    with pytest.raises(ImportRefused) as exc:
        ingest.convert(data, "x.csv", kind="orders", mapping=pv.mapping, out_dir=tmp_path / "o")
    assert exc.value.key == "ingest.refused.all_rejected"
    assert exc.value.params["top_count"] == 2 and exc.value.params["line"] == 2
    assert exc.value.message("zh-Hans") == (
        "没有可导入的行：全部 3 行都有问题。最常见的问题（2 行，例如第 2 行）：下单时间「x」无法识别为日期"
    )
    assert not list((tmp_path / "o").glob("*.parquet"))


def test_members_duplicates_and_composite_keys(tmp_path):
    members = "客户ID,添加时间,来源\nu1,2024-04-01,活码\nu2,2024-04-02,搜索\nu1,2024-04-03,活码\n"
    _, conv, _ = run(tmp_path / "m", members.encode())
    assert conv.kind == "members" and (conv.accepted, conv.rejected) == (2, 1)
    daily = "统计日期,群ID,群成员总数\n2024-04-01,g1,10\n2024-04-01,g2,20\n2024-04-01,g1,11\n"
    _, conv, _ = run(tmp_path / "d", daily.encode())
    assert conv.kind == "group_daily" and (conv.accepted, conv.rejected) == (2, 1)
    assert rejected(conv)[0][2] == "2024-04-01 / g1"


# --- limits --------------------------------------------------------------------------------------


def test_file_over_the_size_limit_is_refused_with_sizes():
    data = _csv(HEADER, SIMPLIFIED_ROWS * 1000).encode()
    with pytest.raises(ImportRefused) as exc:
        ingest.preview(data, "x.csv", limits=Limits(max_file_bytes=100_000, max_rows=10))
    assert exc.value.key == "ingest.refused.too_large"
    assert "MB" in exc.value.message("zh-Hans")


def test_file_over_the_row_limit_is_refused(tmp_path):
    data = _csv(HEADER, [(f"E{i}", *SIMPLIFIED_ROWS[0][1:]) for i in range(11)]).encode()
    pv = ingest.preview(data, "x.csv")
    with pytest.raises(ImportRefused) as exc:
        ingest.convert(
            data,
            "x.csv",
            kind="orders",
            mapping=pv.mapping,
            out_dir=tmp_path,
            limits=Limits(max_file_bytes=10**9, max_rows=10),
        )
    assert exc.value.key == "ingest.refused.too_many_rows"


def test_limits_come_from_settings_and_are_stated_in_every_language(monkeypatch):
    monkeypatch.setenv("SIYU_MAX_FILE_MB", "7")
    monkeypatch.setenv("SIYU_MAX_ROWS", "1234")
    monkeypatch.setenv("SIYU_MAX_UNPACKED_MB", "64")
    assert Limits() == Limits(
        max_file_bytes=7 * 1024 * 1024, max_rows=1234, max_unpacked_bytes=64 * 1024 * 1024
    )
    assert ingest.limits_text("zh-Hans") == (
        "支持 CSV、TSV、XLSX 文件（CSV 可用 .gz 压缩），单个文件不超过 7 MB、1,234 行，"
        "解压后不超过 64 MB；每行不超过 1,000 K 字符，每个单元格不超过 64 K 字符。"
    )
    assert "7 MB" in ingest.limits_text("en") and "1,234" in ingest.limits_text("zh-Hant")


def test_convert_reads_a_path_as_well_as_bytes(tmp_path):
    src = tmp_path / "orders.csv"
    src.write_bytes(_csv(HEADER, SIMPLIFIED_ROWS).encode("gb18030"))
    pv = ingest.preview(src, src.name)
    conv = ingest.convert(src, src.name, kind="orders", mapping=pv.mapping, out_dir=tmp_path / "o")
    assert conv.accepted == 3
    assert conv.parquet.exists() and conv.rejected_parquet.exists()
    assert [p.name for p in (tmp_path / "o").iterdir() if p.name.startswith(".")] == []


# --- messages ------------------------------------------------------------------------------------


def test_every_ingest_message_has_all_three_languages_with_the_same_placeholders():
    import string

    from siyu.text.ingest import TEXT as INGEST

    for key, entry in INGEST.items():
        assert set(entry) == {"zh-Hans", "zh-Hant", "en"}, key
        fields = [{f for _, f, _, _ in string.Formatter().parse(v) if f} for v in entry.values()]
        assert fields[0] == fields[1] == fields[2], key
        assert TEXT[key] == entry


def test_every_key_the_code_uses_is_translated():
    import re

    root = Path(ingest.__file__).parent
    keys = set()
    for path in root.glob("*.py"):
        keys |= set(re.findall(r"\"(ingest\.(?:refused|reason)\.[a-z_]+)\"", path.read_text()))
    assert keys and keys <= set(TEXT)
    for col in {c.name for t in TABLES.values() for c in t.columns}:
        assert f"ingest.column.{col}" in TEXT
