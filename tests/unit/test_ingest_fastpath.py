"""The fast path (DuckDB reads the file) gives exactly what the Python path gives.

Every file is converted twice, with `fastpath.ENABLED` on and off, and the two results must
be identical: the accepted rows (Parquet, in order, every value), the rejected rows (line,
column, value, reason, params), the counts, the identity and the encoding. Clean files must
take the fast path; messy ones must fall back to the Python path.
"""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import importlib.util
import random
from pathlib import Path

import duckdb
import pytest

from siyu import importer, ingest
from siyu.ingest import fastpath
from siyu.privacy import MOBILE

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
KEY = b"fast-path-test-key-0123456789abcdef"
UCI = Path("/work/shared/public-data/online_retail_uci.csv.gz")
if not UCI.exists():
    UCI = ROOT.parent / "shared" / "public-data" / "online_retail_uci.csv.gz"


def _manifest():
    spec = importlib.util.spec_from_file_location("manifest", ROOT / "tests/bad_files/manifest.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _read(path: Path) -> list[tuple]:
    con = duckdb.connect()
    try:
        return con.execute("select * from read_parquet($p)", {"p": str(path)}).fetchall()
    finally:
        con.close()


def _convert(data, name: str, plan: ingest.Plan, out: Path, fast: bool, monkeypatch):
    monkeypatch.setattr(fastpath, "ENABLED", fast)
    try:
        conv = ingest.convert(
            data,
            name,
            kind=plan.kind,
            mapping=plan.mapping,
            options=plan.options,
            out_dir=out,
            phone_key=KEY,
        )
    except ingest.ImportRefused as exc:
        return ("refused", exc.key, exc.params), None
    return (
        "converted",
        conv.kind,
        conv.accepted,
        conv.rejected,
        conv.lines,
        conv.encoding,
        conv.header_row,
        conv.identity,
        _read(conv.parquet),
        _read(conv.rejected_parquet),
    ), conv


def both(data, name: str, tmp_path: Path, monkeypatch, stat_date: dt.date | None = None):
    """Convert every table of the file both ways; assert equality; return the fast results."""
    req = importer.FileRequest(data, name, stat_date=stat_date)
    try:
        main, also, _ = importer.plans_for(req)
    except ingest.ImportRefused:
        return []
    fast_convs = []
    for n, plan in enumerate([main, *also]):
        fast, conv = _convert(data, name, plan, tmp_path / f"fast{n}", True, monkeypatch)
        slow, _ = _convert(data, name, plan, tmp_path / f"slow{n}", False, monkeypatch)
        assert fast == slow, f"{name} ({plan.kind}): fast and Python paths differ"
        fast_convs.append(conv)
    return fast_convs


def took_fast(convs) -> bool:
    return bool(convs) and all(c is not None and c.fast for c in convs)


# ---------------------------------------------------------------------------------------------
# The files the project ships


@pytest.mark.parametrize(
    "name", sorted(p.name for p in DATA.iterdir() if p.is_file() and p.suffix != ".py")
)
def test_platform_samples_are_the_same_both_ways(name, tmp_path, monkeypatch):
    path = DATA / name
    day = dt.date(2024, 4, 9)
    convs = both(path, name, tmp_path / "p", monkeypatch, stat_date=day)
    both(path.read_bytes(), name, tmp_path / "b", monkeypatch, stat_date=day)
    if path.suffix == ".csv":
        assert took_fast(convs), f"{name} should take the fast path"


@pytest.mark.parametrize("name", sorted(_manifest().corpus()))
def test_bad_files_are_the_same_both_ways(name, tmp_path, monkeypatch):
    data = _manifest().corpus()[name]
    both(data, name, tmp_path / "b", monkeypatch)
    path = tmp_path / name
    path.write_bytes(data)
    both(path, name, tmp_path / "p", monkeypatch)


@pytest.mark.skipif(not UCI.exists(), reason="public data not present")
def test_the_uci_file_is_the_same_both_ways(tmp_path, monkeypatch):
    convs = both(UCI, UCI.name, tmp_path, monkeypatch)
    assert took_fast(convs)


# ---------------------------------------------------------------------------------------------
# Generated files


PHONES = [
    "13812345678",
    "138-1234-5678",
    "+86 139 1234 5678",
    "008615012345678",
    " 13712345678 ",
    "１３８１２３４５６７８",  # full width
    "186******05",  # masked
    "12345",  # too short
    "",
]
NICKS = ["小王", "李四13912345678", "Tom 138 1234 5678", "阿花＊", "赵六", "", "钱七"]


def _orders(rows: int, phone_id: bool, seed: int = 3, phones=PHONES) -> list[list[str]]:
    rnd = random.Random(seed)
    out = []
    for i in range(rows):
        phone = phones[i % len(phones)] if phones else ""
        out.append(
            [
                f"E{i:08d}",
                phone if phone_id else f"u{rnd.randrange(500):04d}",
                f"2024-04-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:00",
                rnd.choice(["¥1,299.00", "12.5", "0", "99元", "1.2E+3", "abc", "-3"]),
                rnd.choice(["已完成", "交易成功", "已退款", "已關閉", "Paid", " 已完成 ", "??"]),
                rnd.choice(["苹果, 红色", '说 "好"', "梨"]),
                NICKS[i % len(NICKS)],
                phone,
            ]
        )
    return out


HEADER = [
    "订单号",
    "买家ID",
    "下单时间",
    "实付金额",
    "订单状态",
    "商品名称",
    "买家昵称",
    "买家手机号",
]


def _text(rows, header=HEADER, title: str | None = None, delimiter: str = ",", nl: str = "\n"):
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=nl)
    if title:
        buf.write(title + nl + nl)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


CLEAN = {
    "ids_utf8.csv": lambda: _text(_orders(400, False)).encode("utf-8"),
    "phone_ids_title.csv": lambda: _text(
        _orders(400, True, phones=PHONES[:6]), title="有赞订单导出"
    ).encode("utf-8"),
    "phone_ids_clean.csv": lambda: _text(_orders(300, True, phones=PHONES[:5])).encode("utf-8"),
    "bom_crlf.csv": lambda: codecs.BOM_UTF8 + _text(_orders(300, False), nl="\r\n").encode(),
    "gb18030_title.csv": lambda: _text(_orders(300, True, phones=PHONES[:6]), title="导出").encode(
        "gb18030"
    ),
    "big5.csv": lambda: "".join(
        ["訂單號,用戶ID,下單時間,實付金額,訂單狀態\n"]
        + [f"T{i},u{i % 7},2024-04-{1 + i % 28:02d} 10:00,{i}.5,已完成\n" for i in range(200)]
    ).encode("big5"),
    "utf16.tsv": lambda: _text(_orders(200, False), delimiter="\t").encode("utf-16"),
    "gzip.csv.gz": lambda: gzip.compress(_text(_orders(300, False)).encode("utf-8")),
    "semicolon.csv": lambda: _text(_orders(200, False), delimiter=";").encode("utf-8"),
    "trailing_blank_lines.csv": lambda: (_text(_orders(50, False)) + "\n\n").encode(),
    "no_final_newline.csv": lambda: _text(_orders(50, False)).rstrip("\n").encode(),
    "empty_rows.csv": lambda: (
        _text(_orders(20, False)) + ",,,,,,,\n" + "E9,u1,2024-04-01,1,,,,\n"
    ).encode(),
    "trailing_comma_header.csv": lambda: (
        "订单号,用户ID,下单时间,实付金额,\nA1,u1,2024-04-09 11:54:00,10,\nA2,u2,2024-04-09,20,\n"
    ).encode(),
    "duplicates.csv": lambda: (
        "订单号,用户ID,下单时间,实付金额\nA1,u1,2024-04-09 11:54:00,10\nA1,u2,2024-04-09,20\n"
        "A2,,2024-04-09,5\nA2,u3,2024-04-09,5\n"
    ).encode(),
}

MESSY = {
    "quoted_newline.csv": lambda: _text(_orders(30, False)) + 'Z1,u1,2024-04-01,1,,"a\nb",,\n',
    "blank_line_inside.csv": lambda: _text(_orders(30, False)).replace("\n", "\n\n", 3),
    "space_before_quote.csv": lambda: _text(_orders(30, False)) + 'Z1,u1,2024-04-01,1,, "x",,\n',
    "ragged.csv": lambda: _text(_orders(30, False)) + "Z1,u1\n",
    "nul.csv": lambda: _text(_orders(30, False)) + "Z1,u1,2024-04-01,1,,x\x00y,,\n",
    "replacement_char.csv": lambda: _text(_orders(30, False)) + "Z1,u1,2024-04-01,1,,x\ufffd,,\n",
    "bare_cr.csv": lambda: _text(_orders(30, False)) + "Z1,u1,2024-04-01,1,,x\ry,,\n",
    "stray_quote.csv": lambda: _text(_orders(30, False)) + 'Z1,u1,2024-04-01,1,,"x"y,,\n',
    "masked_phone_id.csv": lambda: _text(_orders(40, True)),
}


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_clean_generated_files_take_the_fast_path_with_the_same_result(name, tmp_path, monkeypatch):
    data = CLEAN[name]()
    path = tmp_path / name
    path.write_bytes(data)
    convs = both(path, name, tmp_path / "p", monkeypatch)
    both(data, name, tmp_path / "b", monkeypatch)
    assert took_fast(convs), f"{name} should take the fast path"


@pytest.mark.parametrize("name", sorted(MESSY))
def test_messy_files_fall_back_to_the_python_path(name, tmp_path, monkeypatch):
    data = MESSY[name]()
    data = data.encode("utf-8") if isinstance(data, str) else data
    path = tmp_path / name
    path.write_bytes(data)
    convs = both(path, name, tmp_path / "p", monkeypatch)
    assert convs and not any(c is not None and c.fast for c in convs)


def test_a_bad_byte_far_into_a_utf8_file_falls_back(tmp_path, monkeypatch):
    text = _text(_orders(20_000, False)).encode("utf-8")
    data = text + b"Z1,u1,2024-04-01,1,,\xff\xfe,,\n"
    path = tmp_path / "late_bad_byte.csv"
    path.write_bytes(data)
    convs = both(path, path.name, tmp_path / "p", monkeypatch)
    assert convs and not convs[0].fast


def test_members_with_channel_codes_and_phones(tmp_path, monkeypatch):
    rows = [
        ["客户名称", "添加人", "添加时间", "来源", "手机号", "标签"],
        *[
            [
                f"客户{i}",
                f"员工{i % 3}",
                f"2024-03-{1 + i % 28:02d} 10:00:00",
                ["1", "2", " 3 ", "4", "201", "其他", "13812345678"][i % 7],
                PHONES[i % 5],
                ["a,b", "13912345678", ""][i % 3],
            ]
            for i in range(120)
        ],
    ]
    data = "\n".join(",".join(f'"{c}"' for c in r) for r in rows).encode() + b"\n"
    path = tmp_path / "wecom_customers.csv"
    path.write_bytes(data)
    convs = both(path, path.name, tmp_path / "p", monkeypatch)
    assert took_fast(convs)


def test_no_clear_phone_is_left_in_the_outputs(tmp_path, monkeypatch):
    data = CLEAN["phone_ids_clean.csv"]()
    path = tmp_path / "in.csv"
    path.write_bytes(data)
    convs = both(path, path.name, tmp_path / "p", monkeypatch)
    assert took_fast(convs)
    for conv in convs:
        for file in (conv.parquet, conv.rejected_parquet):
            for row in _read(file):
                for value in row:
                    assert not MOBILE.search(str(value)), value


def test_the_row_limit_is_enforced_on_the_fast_path(tmp_path, monkeypatch):
    path = tmp_path / "many.csv"
    path.write_bytes(_text(_orders(50, False)).encode())
    pv = ingest.preview(path, path.name)
    with pytest.raises(ingest.ImportRefused) as err:
        ingest.convert(
            path,
            path.name,
            kind=pv.kind,
            mapping=pv.mapping,
            out_dir=tmp_path / "o",
            limits=ingest.Limits(max_rows=10),
        )
    assert err.value.key == "ingest.refused.too_many_rows"


# ---------------------------------------------------------------------------------------------
# The value macros: their quicker forms give what the plain forms gave

_WS = " \t\r\n\u3000\u00a0\ufeff"
_OLD_MACROS = {
    "trim": "nullif(trim(s, {ws}), '')",
    "present": "case when lower(s) in ({missing}) then null else s end",
    "status": "siyu_status_word(translate(lower(regexp_replace(s, '\\s', '', 'g')), {trad}, {simp}))",
    "money": "coalesce(try_cast(s as decimal(18, 2)), siyu_money_any(s))",
    "price": "coalesce(try_cast(s as decimal(18, 4)), try_cast(siyu_money_text(s) as decimal(18, 4)))",
    "ts": "coalesce(try_strptime(s, '%Y-%m-%d %H:%M:%S'), siyu_ts_any(s))",
}
_PIECES = [
    "1", "23", "4.5", "0", "-", "+", ".", ",", "¥", "￥", "$", "元", "１２", "．", "，", "e3", "E",
    " ", "\t", "\u3000", "\u00a0", "\ufeff", "\r\n", "N", "n", "a", "u", "l", "o", "/", "—",
    "无", "空", "已完成", "已關閉", "PAID", "paid", "交易 成功", "已退款", "(备注)", "（仅供参考）",
    "2024-04-09", " ", "11:54:00", "2024/4/9", "年", "CST", "+0800", "Z", "45391.5", "1712634840",
    "K", "ẞ", "İ", "null", "NaN", "N/A", "*", "1_000", "１",
]  # fmt: skip


def _samples() -> list[str]:
    rnd = random.Random(11)
    out = [*_PIECES, "", "  ", "none", "NONE", "——", " - ", "¥1,299.00", "1,234.5"]
    for _ in range(4000):
        out.append("".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 4))))
    return out


def test_quicker_macros_agree_with_their_plain_forms():
    from siyu.ingest import sqlgen
    from siyu.ingest.aliases import SIMPLIFIED, TRADITIONAL
    from siyu.ingest.values import MISSING_WORDS, macro_statements
    from siyu.schema import quote_literal as lit

    con = duckdb.connect()
    for stmt in macro_statements("Asia/Shanghai"):
        con.execute(stmt)
    fill = {
        "ws": lit(_WS),
        "missing": ", ".join(lit(w) for w in MISSING_WORDS),
        "trad": lit(TRADITIONAL),
        "simp": lit(SIMPLIFIED),
    }
    for name, body in _OLD_MACROS.items():
        con.execute(f"create temp macro old_{name}(s) as {body.format(**fill)}")
    con.execute("create temp table v (s varchar)")
    con.executemany("insert into v values (?)", [[s] for s in _samples()] + [[None]])
    text = sqlgen.raw_cell("s", "a", "z", "text")
    typed = sqlgen.raw_cell("s", "a", "z", "money")
    pairs = {
        "trim": ("siyu_trim(s)", "old_trim(s)"),
        "present": ("siyu_present(s)", "old_present(s)"),
        "raw text cell": (text, "old_trim(s)"),
        "raw typed cell": (typed, "old_present(old_trim(s))"),
        "status": ("siyu_status(s)", "old_status(s)"),
        "money": ("siyu_money(s)", "old_money(s)"),
        "price": ("siyu_price(s)", "old_price(s)"),
        "ts": ("siyu_ts(s)", "old_ts(s)"),
    }
    for name, (new, old) in pairs.items():
        differ = con.execute(
            f"select s, {new}, {old} from (select s, {sqlgen.first_last('s', 'a', 'z')} from v) "
            f"where ({new}) is distinct from ({old}) limit 5"
        ).fetchall()
        assert not differ, f"{name}: {differ}"


@pytest.mark.parametrize(
    "value",
    ["13812345678", "138-1234-5678", "+86 138 1234 5678", "008613812345678", " 13812345678 ",
     "8613812345678", "1381234567", "13812345678901", "12", "   ", "１３８１２３４５６７８",
     "138 1234 5678 ", "+8613812345678", "86-13812345678", "0086 13812345678"],
)  # fmt: skip
def test_phones_are_masked_and_hashed_in_sql_as_in_python(value):
    from siyu.ingest.fastpath import CellPlan, _cell_sql, _hmac_pads
    from siyu.ingest.pipeline import _hash_rewrite, _Key, _mask_cell
    from siyu.ingest.staging import RowProblem

    con = duckdb.connect()
    ipad, opad = _hmac_pads(KEY)
    con.create_function("py_mask", _mask_cell, ["VARCHAR"], "VARCHAR")
    hashed = _hash_rewrite(_Key(KEY), "手机")

    def py_hash(v: str) -> str:
        try:
            return hashed(v)
        except RowProblem:
            return "problem"

    con.create_function("py_hash", py_hash, ["VARCHAR"], "VARCHAR")
    mask_sql = _cell_sql("x", CellPlan("mask", None, None), "py_mask")
    hash_sql = _cell_sql("x", CellPlan("hash", None, None), "py_hash")
    got = con.execute(
        f"select {mask_sql}, {hash_sql} from (select $v as x)",
        {"v": value, "siyu_ipad": ipad, "siyu_opad": opad},
    ).fetchone()
    assert got[0] == _mask_cell(value)
    assert got[1] == py_hash(value)


def test_the_mobile_prefilter_matches_wherever_privacy_mobile_does():
    from siyu.ingest.fastpath import MAYBE_MOBILE

    rnd = random.Random(5)
    parts = ["1", "3", "8", "138", "1234", "5678", "１３８", "１", "٣", "-", " ", "－", "\u3000",
             "\x1f", "+86", "＋86", "0086", "86", "a", "张", "*", "9", "0", "\n"]  # fmt: skip
    values = [
        "13812345678",
        "a13812345678b",
        "0013812345678",
        "+86 138-1234-5678",
        "x８613812345678",
    ]
    values += ["".join(rnd.choice(parts) for _ in range(rnd.randint(3, 12))) for _ in range(20000)]
    con = duckdb.connect()
    con.execute("create temp table v (s varchar)")
    con.executemany("insert into v values (?)", [[s] for s in values])
    got = dict(
        con.execute("select s, regexp_matches(s, $p) from v", {"p": MAYBE_MOBILE}).fetchall()
    )
    hits = [s for s in values if MOBILE.search(s)]
    assert len(hits) > 100
    assert all(got[s] for s in hits)


def test_python_white_space_is_listed_exactly():
    expected = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
    assert expected == fastpath.PY_SPACE
