"""Line items are a table (issue 18.2): line-level exports keep their lines in `order_items`,
`orders` keeps one row per order, and product figures read the lines.

Every number below is computed by hand in the comments.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from siyu import cli, importer, ingest, sample
from siyu.db import Source
from siyu.ingest.presets import detect_lines
from siyu.metrics.leaderboards import leaderboard_products
from siyu.metrics.overview import kpis
from siyu.workspace import Workspace
from tests.helpers import read_sql

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
MAY1, MAY3 = dt.date(2024, 5, 1), dt.date(2024, 5, 3)

# A line-level export with a unit price (单品价格, a header no alias knows) and a quantity,
# but no amount paid: the order's amount is Σ 件数 × 单品价格.
#   A1 小明: 苹果 2 × 5.50 = 11.00, 香蕉 1 × 8.00 = 8.00 → 19.00
#   A2 小红: 苹果 3 × 5.50 = 16.50                      → 16.50
#   A3 小明: 梨 1 × 4.00 = 4.00, refunded (no product figure counts it)
#   A4 小刚: 苹果 1 × 10.00 = 10.00, 梨 2 × 4.00 = 8.00  → 18.00
LINES = (
    "订单编号,下单时间,买家昵称,商品名称,规格,单品价格,件数,订单状态\n"
    "A1,2024-05-01 10:00,小明,苹果,1斤,5.50,2,已完成\n"
    "A1,2024-05-01 10:00,小明,香蕉,1把,8.00,1,已完成\n"
    "A2,2024-05-02 11:00,小红,苹果,1斤,5.50,3,已完成\n"
    "A3,2024-05-03 12:00,小明,梨,1斤,4.00,1,已退款\n"
    "A4,2024-05-03 13:00,小刚,苹果,2斤,10.00,1,已完成\n"
    "A4,2024-05-03 13:00,小刚,梨,1斤,4.00,2,已完成\n"
)


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--lang", "en", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def gmv(src: Source, start: dt.date, end: dt.date) -> float:
    df = kpis(src, start, end)
    return float(df.set_index("metric").loc["gmv", "value"])


def board(src: Source) -> dict[str, tuple[int, int, str, int]]:
    """product → (rank, units, gmv, buyers) over 2024-05-01 … 05-03."""
    df = leaderboard_products(src, MAY1, MAY3, top=None)
    return {
        r.product: (int(r.rank), int(r.units), f"{r.gmv:.2f}", int(r.buyers))
        for r in df.itertuples()
    }


@pytest.fixture
def lines_file(tmp_path) -> Path:
    path = tmp_path / "明细.csv"
    path.write_bytes(LINES.encode("gb18030"))
    return path


def test_a_gb18030_line_file_without_an_amount_imports_through_the_cli_with_a_map(
    lines_file, tmp_path, capsys
):
    ws = tmp_path / "ws"
    # without the mapping the amount is neither mapped nor derivable: one clear line
    code, out, err = run_cli(
        capsys, "import", str(lines_file), "--dataset", "d", "--workspace", str(ws)
    )
    assert code != 0 and "Amount paid" in err and "Traceback" not in err
    code, out, err = run_cli(
        capsys,
        "import",
        str(lines_file),
        "--dataset",
        "d",
        "--workspace",
        str(ws),
        "--map",
        "单品价格=unit_price",
        "--map",
        "件数=quantity",
    )
    assert code == 0, err
    assert "4 rows accepted, 0 rejected" in out and "6 rows combined into 4" in out
    assert "6 order lines kept" in out
    head = Workspace(ws).get("d").head
    assert head.tables["orders"].rows == 4 and head.tables["order_items"].rows == 6
    src = Workspace(ws).source("d")
    orders = read_sql(src, "select order_id, amount, status from orders order by order_id")
    assert [str(a) for a in orders.amount] == ["19.0", "16.5", "4.0", "18.0"]
    assert list(orders.status) == ["paid", "paid", "refunded", "paid"]
    items = read_sql(src, "select order_id, item_no, product, sku, quantity, unit_price, amount "
                    "from order_items order by order_id, item_no")  # fmt: skip
    assert items.values.tolist() == [
        ["A1", 1, "苹果", "1斤", 2, 5.5, 11.0],
        ["A1", 2, "香蕉", "1把", 1, 8.0, 8.0],
        ["A2", 1, "苹果", "1斤", 3, 5.5, 16.5],
        ["A3", 1, "梨", "1斤", 1, 4.0, 4.0],
        ["A4", 1, "苹果", "2斤", 1, 10.0, 10.0],
        ["A4", 2, "梨", "1斤", 2, 4.0, 8.0],
    ]
    # 苹果: A1, A2, A4 → 2 + 3 + 1 = 6 units, 11 + 16.50 + 10 = 37.50, 3 buyers;
    # 梨: A4 only (A3 refunded) → 2 units, 8.00, 1 buyer; 香蕉: A1 → 1, 8.00, 1
    assert board(src) == {
        "苹果": (1, 6, "37.50", 3),
        "梨": (2, 2, "8.00", 1),
        "香蕉": (3, 1, "8.00", 1),
    }
    # the board's GMV adds up to the overview's: 19 + 16.50 + 18 = 53.50
    assert gmv(src, MAY1, MAY3) == 53.5
    code, out, _ = run_cli(capsys, "metric", "leaderboard_products", "--dataset", "d",
                           "--workspace", str(ws), "--start", "2024-05-01", "--end",
                           "2024-05-03", "--set", "rank_by=buyers")  # fmt: skip
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert (rows[0]["product"], rows[0]["buyers"]) == ("苹果", "3")


def test_the_cli_map_refuses_an_unknown_column_in_one_line(lines_file, tmp_path, capsys):
    code, _, err = run_cli(capsys, "import", str(lines_file), "--dataset", "d", "--workspace",
                           str(tmp_path / "ws"), "--map", "单品价格=price")  # fmt: skip
    assert code != 0 and "--map 单品价格=price" in err and "unit_price" in err
    assert len(err.strip().splitlines()) == 1


def test_a_line_file_with_a_known_unit_price_header_needs_no_mapping(tmp_path):
    data = LINES.replace("单品价格", "单价").encode("gb18030")
    pv = ingest.preview(data, "b.csv")
    assert pv.encoding == "gb18030"
    assert pv.mapping["amount"] is None and pv.mapping["unit_price"] == "单价"
    # the same order id on several rows with different products: line-level, ticked for the user
    assert pv.options.lines
    assert ("ingest.note.lines_detected", {"column": "订单编号"}) in pv.notes
    assert ingest.missing_columns("orders", pv.mapping, pv.options) == []
    assert ingest.resolve_lines("orders", pv.mapping, pv.options)[2] == "unit_price"
    ws = Workspace(tmp_path / "ws")
    importer.import_files(ws, "d", [importer.FileRequest(data, "b.csv")])
    assert board(ws.source("d"))["苹果"] == (1, 6, "37.50", 3)


def test_what_is_missing_is_named_before_the_check():
    mapping = {"order_id": "订单编号", "user_id": "买家昵称", "ordered_at": "下单时间"}
    opts = ingest.Options(lines=True)
    assert ingest.missing_columns("orders", mapping, opts) == ["amount"]
    # a unit price alone is not enough; with a quantity it is
    assert ingest.missing_columns("orders", {**mapping, "unit_price": "单价"}, opts) == ["amount"]
    ok = {**mapping, "unit_price": "单价", "quantity": "数量"}
    assert ingest.missing_columns("orders", ok, ingest.Options()) == []
    # a derived amount reads the file line by line even when the box was left unticked
    _, run, source = ingest.resolve_lines("orders", ok, ingest.Options())
    assert run.lines and run.amount_rule == "unit_price" and source == "unit_price"
    assert ingest.missing_columns("orders", {**mapping, "line_amount": "小计"}, opts) == []


def test_detect_lines_tells_an_order_total_from_line_amounts():
    mapping = {"order_id": "号", "product": "品", "amount": "额"}
    total = {"号": ["1", "1", "2"], "品": ["a", "b", "a"], "额": ["30", "", "5"]}
    assert detect_lines(mapping, total) == (True, "first")
    repeated = {"号": ["1", "1", "2"], "品": ["a", "b", "a"], "额": ["30", "30", "5"]}
    assert detect_lines(mapping, repeated) == (True, "first")
    own = {"号": ["1", "1", "2"], "品": ["a", "b", "a"], "额": ["10", "20", "5"]}
    assert detect_lines(mapping, own) == (True, "sum")
    # a repeated id with one product is no item list; unique ids are one row per order
    assert detect_lines(mapping, {"号": ["1", "1"], "品": ["a", "a"], "额": ["1", "1"]})[0] is False
    assert detect_lines(mapping, {"号": ["1", "2"], "品": ["a", "b"], "额": ["1", "1"]})[0] is False


YOUZAN = (
    "订单号,订单创建时间,买家付款时间,订单状态,买家昵称,买家手机号,商品名称,商品规格,商品单价,"
    "商品数量,商品实际成交金额,订单实付金额\n"
    # Y1 (13800000001): 草莓 2 × 30.00 paid 54.00, 牛奶 1 × 20.00 paid 18.00; order paid 72.00
    "Y1,2024-05-01 09:00,2024-05-01 09:01,交易成功,甲,13800000001,草莓,500g,30.00,2,54.00,72.00\n"
    "Y1,2024-05-01 09:00,2024-05-01 09:01,交易成功,甲,13800000001,牛奶,1L,20.00,1,18.00,72.00\n"
    # Y2 (13800000002): 草莓 1, paid 30.00
    "Y2,2024-05-02 09:00,2024-05-02 09:01,交易成功,乙,13800000002,草莓,500g,30.00,1,30.00,30.00\n"
    # Y3 (13800000003): 草莓 1 paid 27.00 and 牛奶 2 paid 40.00; order paid 67.00
    "Y3,2024-05-03 09:00,2024-05-03 09:01,交易成功,丙,13800000003,草莓,500g,30.00,1,27.00,67.00\n"
    "Y3,2024-05-03 09:00,2024-05-03 09:01,交易成功,丙,13800000003,牛奶,1L,20.00,2,40.00,67.00\n"
)


def test_youzan_item_rows_keep_their_lines_and_the_board_counts_buyers_per_product(tmp_path):
    data = YOUZAN.encode("gb18030")
    pv = ingest.preview(data, "youzan.csv")
    assert pv.platform == "youzan_items"
    assert pv.options.lines and pv.options.amount_rule == "first"
    assert pv.mapping["line_amount"] == "商品实际成交金额" and pv.mapping["sku"] == "商品规格"
    ws = Workspace(tmp_path / "ws")
    importer.import_files(ws, "yz", [importer.FileRequest(data, "youzan.csv")])
    src = ws.source("yz")
    orders = read_sql(src, "select order_id, amount, product from orders order by order_id")
    assert [str(a) for a in orders.amount] == ["72.0", "30.0", "67.0"]
    # orders keep the joined list as before; the products board does not read it
    assert orders["product"][0] == "草莓、牛奶"
    # 草莓: Y1 2, Y2 1, Y3 1 → 4 units, 54 + 30 + 27 = 111.00, 3 buyers;
    # 牛奶: Y1 1, Y3 2 → 3 units, 18 + 40 = 58.00, 2 buyers
    assert board(src) == {"草莓": (1, 4, "111.00", 3), "牛奶": (2, 3, "58.00", 2)}
    assert "草莓、牛奶" not in board(src)


def test_ktt_lines_share_the_order_total_by_quantity(tmp_path):
    ws = Workspace(tmp_path / "ws")
    importer.import_files(ws, "k", [importer.FileRequest(DATA / "ktt_orders.xlsx", "k.xlsx")])
    items = read_sql(
        ws.source("k"),
        "select order_id, product, quantity, amount from order_items order by order_id, item_no",
    )
    # KTT001 156.00 over quantities 2, 1, 3 (of 6) → 52.00, 26.00, 78.00
    assert items[items.order_id == "KTT001"].amount.tolist() == [52.0, 26.0, 78.0]
    # every order's lines add up to what it was paid
    sums = read_sql(
        ws.source("k"),
        "select o.order_id, o.amount, sum(i.amount) as lines from orders as o "
        "join order_items as i using (order_id) group by all",
    )
    assert (sums.amount == sums.lines).all()


def test_shares_that_do_not_divide_leave_the_cents_on_the_last_line(tmp_path):
    text = (
        "跟团号,订单号,下单人,团购标题,下单时间,商品名称,数量,订单金额,订单状态,联系电话\n"
        "1,K1,甲,团,2024-05-01 10:00,苹果,1,100,已完成,13600000011\n"
        "1,K1,甲,团,2024-05-01 10:00,梨,1,,已完成,13600000011\n"
        "1,K1,甲,团,2024-05-01 10:00,桃,1,,已完成,13600000011\n"
    )
    ws = Workspace(tmp_path / "ws")
    importer.import_files(ws, "k", [importer.FileRequest(text.encode(), "k.csv")])
    items = read_sql(ws.source("k"), "select amount from order_items order by item_no")
    assert [Decimal(str(a)).quantize(Decimal("0.01")) for a in items.amount] == [
        Decimal("33.33"),
        Decimal("33.33"),
        Decimal("33.34"),
    ]


def test_jielong_item_lists_become_lines(tmp_path):
    ws = Workspace(tmp_path / "ws")
    name = "jielong_orders.xlsx"
    importer.import_files(ws, "j", [importer.FileRequest(DATA / name, name)])
    items = read_sql(
        ws.source("j"),
        "select order_id, item_no, product, quantity, amount from order_items "
        "where order_id = '4' order by item_no",
    )
    # 草莓(500g) * 2, 酸奶(1L) * 2, 面包 (1): 120.00 shared 2:2:1 → 48, 48, 24
    assert items[["product", "quantity", "amount"]].values.tolist() == [
        ["草莓(500g)", 2, 48.0],
        ["酸奶(1L)", 2, 48.0],
        ["面包", 1, 24.0],
    ]


def test_a_dataset_without_lines_reads_orders_product_as_before():
    orders = pd.DataFrame(
        {
            "order_id": ["O1", "O2", "O3"],
            "user_id": ["u1", "u2", "u1"],
            "ordered_at": pd.to_datetime(
                ["2024-05-01 10:00", "2024-05-02 10:00", "2024-05-03 10:00"]
            ),
            "amount": [10.0, 20.0, 5.0],
            "status": ["paid", "paid", "paid"],
            "quantity": [2, None, 1],
            "product": ["苹果、香蕉", "苹果", "苹果、香蕉"],
        }
    )
    src = Source({"orders": orders})
    # one row per order, its product as stored: 苹果、香蕉 2 + 1 units, 15.00, 1 buyer
    assert board(src) == {"苹果、香蕉": (1, 3, "15.00", 1), "苹果": (2, 1, "20.00", 1)}
    # with lines for O1 only, O1 reads its lines and the others their own product
    items = pd.DataFrame(
        {
            "order_id": ["O1", "O1"],
            "item_no": [1, 2],
            "product": ["苹果", "香蕉"],
            "quantity": [1, 1],
            "amount": [4.0, 6.0],
        }
    )
    mixed = Source({"orders": orders, "order_items": items})
    assert board(mixed) == {
        "苹果": (1, 2, "24.00", 2),  # O1's line 1 + O2 (no quantity: 1 unit)
        "苹果、香蕉": (2, 1, "5.00", 1),  # O3, no lines
        "香蕉": (2, 1, "6.00", 1),
    }


def test_replacing_orders_with_a_file_without_lines_drops_the_old_lines(lines_file, tmp_path):
    ws = Workspace(tmp_path / "ws")
    data = LINES.replace("单品价格", "单价").encode("gb18030")
    importer.import_files(ws, "d", [importer.FileRequest(data, "b.csv")])
    plain = "订单号,用户ID,下单时间,实付金额,商品\nP1,u9,2024-05-02 10:00,9.90,梨\n".encode()
    # appended orders without lines: the lines stay, the new order reads its own product
    importer.import_files(ws, "d", [importer.FileRequest(plain, "p.csv")], mode="append")
    assert ws.get("d").head.tables["order_items"].rows == 6
    assert board(ws.source("d"))["梨"] == (2, 3, "17.90", 2)
    # appending the line file again adds no line twice (its orders are already there)
    importer.import_files(ws, "d", [importer.FileRequest(data, "b.csv")], mode="append")
    assert ws.get("d").head.tables["order_items"].rows == 6
    importer.import_files(ws, "d", [importer.FileRequest(plain, "p.csv")], mode="replace")
    assert "order_items" not in ws.get("d").head.tables
    assert board(ws.source("d")) == {"梨": (1, 1, "9.90", 1)}


def test_the_youzan_items_sample_is_deterministic_and_imports_as_lines(tmp_path, capsys):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    code, out, err = run_cli(capsys, "sample", "youzan-items", str(a), "--members", "300")
    assert code == 0, err
    orders, lines = sample.youzan_items(b, members=300)
    assert f"({orders} orders, {lines} item rows)" in out and lines > orders
    assert a.read_bytes() == b.read_bytes()
    head = a.read_bytes().decode("gb18030").splitlines()[0]
    assert head.split(",") == list(sample.YOUZAN_ITEM_HEADERS)
    ws = tmp_path / "ws"
    code, out, err = run_cli(capsys, "import", str(a), "--dataset", "yz", "--workspace", str(ws))
    assert code == 0, err
    tables = Workspace(ws).get("yz").head.tables
    assert tables["orders"].rows == orders and tables["order_items"].rows == lines
    src = Workspace(ws).source("yz")
    # each order's lines add up to its 订单实付金额
    bad = read_sql(
        src,
        "select o.order_id from orders as o join order_items as i using (order_id) "
        "group by o.order_id, o.amount having sum(i.amount) <> o.amount",
    )
    assert bad.empty
    span = read_sql(src, "select min(ordered_at) as a, max(ordered_at) as b from orders").iloc[0]
    first, last = span["a"].date(), span["b"].date()
    top = leaderboard_products(src, first, last, top=None, rank_by="buyers")
    assert not top["product"].str.contains("、").any()  # products, not joined item lists
    assert top["buyers"].iloc[0] > 10
    # the board's GMV adds up to the overview's
    assert round(float(top["gmv"].sum()), 2) == gmv(src, first, last)


def test_items_parquet_holds_the_canonical_columns(lines_file, tmp_path):
    data = LINES.replace("单品价格", "单价").encode("gb18030")
    pv = ingest.preview(data, "b.csv")
    conv = ingest.convert(
        data, "b.csv", kind="orders", mapping=pv.mapping, options=pv.options, out_dir=tmp_path
    )
    assert (conv.accepted, conv.items) == (4, 6)
    cols = duckdb.sql(f"describe select * from '{conv.items_parquet}'").fetchall()
    assert [(c[0], c[1]) for c in cols] == [
        ("order_id", "VARCHAR"),
        ("item_no", "INTEGER"),
        ("product", "VARCHAR"),
        ("sku", "VARCHAR"),
        ("quantity", "INTEGER"),
        ("unit_price", "DECIMAL(18,4)"),
        ("amount", "DECIMAL(18,2)"),
    ]


def test_the_flash_sale_prices_one_item_from_the_order_lines(tmp_path):
    from dataclasses import replace

    from siyu import whatif as model
    from siyu.metrics.whatif import baseline_from_frame, whatif_baseline

    ws = Workspace(tmp_path / "ws")
    data = LINES.replace("单品价格", "单价").encode("gb18030")
    importer.import_files(ws, "d", [importer.FileRequest(data, "b.csv")])
    frame = whatif_baseline(ws.source("d"), MAY1, MAY3).set_index("item")
    # paid lines: A1 2 + 1, A2 3, A4 1 + 2 = 9 units for 19 + 16.50 + 18 = 53.50 → 5.9444 …
    assert frame.loc["item_price", "n"] == 9
    assert frame.loc["item_price", "value"] == pytest.approx(53.5 / 9)
    base = baseline_from_frame(frame.reset_index())
    assert base.item_price == pytest.approx(53.5 / 9)
    # AOV: 53.50 / 3 paid orders = 17.83; one item is not a whole order
    assert base.aov == pytest.approx(17.83)
    # a dataset without lines keeps the AOV as the list price (no item_price row)
    plain = Source({"orders": read_sql(ws.source("d"), "select * from orders")})
    assert "item_price" not in set(whatif_baseline(plain, MAY1, MAY3)["item"])

    # 10 items at 4.00 instead of F = 5.9444: the discount is (F - P) · 10 = 19.44 a week
    # (the AOV would make it (17.83 - 4) · 10 = 138.30); the flash sale sells P · 10 = 40
    assume = model.Assumptions(weeks=1, flash_takeup=1.0)
    base = replace(base, domain_members=100)  # no members table: a domain to sell to
    levers = model.Levers(flash_price=4.0, flash_stock=10.0)
    out = model.project(base, levers, assume)
    assert out["flash_items"][0] == pytest.approx(10.0)
    assert out["discount_cost"][0] == pytest.approx((53.5 / 9 - 4.0) * 10)
    neutral = model.project(base, model.neutral_levers(assume), assume)
    assert out["gmv"][0] - neutral["gmv"][0] == pytest.approx(40.0)
    # a flash price left open is the list price of one item
    same = model.project(base, replace(levers, flash_price=None), assume)
    assert same["discount_cost"][0] == pytest.approx(0.0)
