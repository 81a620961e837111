"""The SQL explorer (siyu.explorer): one read-only statement, nothing outside the dataset.

Every escape attempt must be refused with a message naming what was refused; results of
real queries must equal what the metric functions compute on the same tiny dataset.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pandas as pd
import pytest

from siyu import explorer, exports, importer
from siyu.db import Source, database
from siyu.i18n import LANGUAGES, TEXT
from siyu.metrics.overview import kpis
from siyu.privacy import mask_name, mask_phone
from siyu.workspace import Workspace

# Six orders, hand-checked (paid = status null or 'paid', and amount > 0):
#   A1 u1 04-09 10:00  100.00 paid      -> paid
#   A2 u1 04-10 09:00   50.50 paid      -> paid
#   A3 u2 04-10 12:00   30.00 refunded  -> not paid
#   A4 u3 04-11 23:59    0.00 paid      -> not paid (0-yuan welfare claim)
#   A5 u2 04-12 08:00   19.99 (missing) -> paid
#   A6 u4 04-13 00:00   70.00 paid      -> paid, but after a period ending 04-12
# GMV 04-09 .. 04-12 = 100.00 + 50.50 + 19.99 = 170.49; by day: 04-09 100.00, 04-10 50.50,
# 04-12 19.99, 04-13 70.00.
ORDERS = pd.DataFrame(
    {
        "order_id": ["A1", "A2", "A3", "A4", "A5", "A6"],
        "user_id": ["u1", "u1", "u2", "u3", "u2", "u4"],
        "ordered_at": pd.to_datetime(
            [
                "2024-04-09 10:00",
                "2024-04-10 09:00",
                "2024-04-10 12:00",
                "2024-04-11 23:59",
                "2024-04-12 08:00",
                "2024-04-13 00:00",
            ]
        ),
        "amount": [100.00, 50.50, 30.00, 0.00, 19.99, 70.00],
        "status": ["paid", "paid", "refunded", "paid", None, "paid"],
        "nickname": ["张三丰", "张三丰", "Li", None, "Li", "  "],
        "phone": ["13812345678", "13812345678", None, "12345", None, "139****0000"],
    }
)


@pytest.fixture
def tiny() -> Source:
    return Source({"orders": ORDERS}, key="tiny@1")


@pytest.fixture(scope="module")
def two_datasets(tmp_path_factory) -> Workspace:
    """Dataset `a` (two versions: the second replaces the first) and dataset `b`."""
    ws = Workspace(tmp_path_factory.mktemp("explorer") / "ws")
    head = "订单号,用户ID,下单时间,实付金额\n"
    for name, body in (
        ("a", "A1,u1,2024-04-09 10:00:00,10\n"),
        ("a", "A1,u1,2024-04-09 10:00:00,10\nA2,u2,2024-04-10 10:00:00,20\n"),
        ("b", "B1,u9,2024-04-09 10:00:00,99\n"),
    ):
        mode = "replace" if ws.exists(name) else "auto"
        importer.import_files(
            ws, name, [importer.FileRequest((head + body).encode(), "o.csv")], mode=mode
        )
    return ws


def values(column: pd.Series) -> list:
    """A column as a list, with every kind of missing value (None, NaN, NA) as None."""
    return [None if pd.isna(v) else v for v in column]


def refused(source: Source, sql: str, **kw) -> explorer.QueryError:
    with pytest.raises(explorer.QueryError) as info:
        explorer.run(source, sql, **kw)
    return info.value


# ---- escape attempts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "key", "kind"),
    [
        ("select * from read_csv('/etc/passwd')", "explorer.refused.files", None),
        ("select * from read_text('/etc/hostname')", "explorer.refused.files", None),
        ("select * from glob('/etc/*')", "explorer.refused.files", None),
        ("select * from 'https://example.com/x.csv'", "explorer.refused.files", None),
        ("SET threads = 1", "explorer.refused.settings", "SET"),
        ("RESET threads", "explorer.refused.settings", "SET"),
        ("set enable_external_access = true", "explorer.refused.settings", "SET"),
        ("PRAGMA threads = 1", "explorer.refused.settings", "SET"),
        ("PRAGMA version", "explorer.refused.settings", "PRAGMA"),
        ("set variable x = 1", "explorer.refused.settings", "SET"),
        ("INSTALL httpfs", "explorer.refused.extensions", "LOAD"),
        ("LOAD httpfs", "explorer.refused.extensions", "LOAD"),
        ("update extensions", "explorer.refused.unknown", None),
        ("CREATE TABLE x (a int)", "explorer.refused.statement", "CREATE"),
        ("create or replace view orders as select 1", "explorer.refused.statement", "CREATE"),
        ("create macro m(x) as x", "explorer.refused.statement", "CREATE"),
        ("drop view orders", "explorer.refused.statement", "DROP"),
        ("insert into orders (order_id) values ('x')", "explorer.refused.statement", "INSERT"),
        (
            "with x as (select 1) insert into orders select 1",
            "explorer.refused.statement",
            "INSERT",
        ),
        ("delete from orders", "explorer.refused.statement", "DELETE"),
        ("CALL pragma_version()", "explorer.refused.statement", "CALL"),
        ("checkpoint", "explorer.refused.statement", "CALL"),
        ("begin transaction", "explorer.refused.statement", "TRANSACTION"),
        ("prepare p as select 1", "explorer.refused.statement", "PREPARE"),
        ("vacuum", "explorer.refused.statement", "VACUUM"),
        ("detach memory", "explorer.refused.attach", "DETACH"),
        ("use system", "explorer.refused.settings", "SET"),
        ("select 1; drop view orders", "explorer.refused.multiple", None),
        ("", "explorer.refused.empty", None),
        ("  -- only a comment\n", "explorer.refused.empty", None),
    ],
)
def test_escape_attempt_is_refused_with_its_reason(tiny, sql, key, kind):
    err = refused(tiny, sql)
    assert err.key == key
    if kind is not None:
        assert err.params["kind"] == kind
    for lang in LANGUAGES:  # a sentence in every language, never a traceback
        text = err.message(lang)
        assert text != key and "Traceback" not in text
        assert text == TEXT[key][lang].format(**err.params)


def test_copy_attach_and_export_write_no_file(tiny, tmp_path):
    target = tmp_path / "x.csv"
    for sql, key in (
        (f"COPY orders TO '{target}'", "explorer.refused.copy"),
        (f"copy (select * from orders) to '{target}' (format csv)", "explorer.refused.copy"),
        (f"explain analyze copy orders to '{target}'", "explorer.refused.copy"),
        (f"EXPORT DATABASE '{tmp_path / 'dump'}'", "explorer.refused.copy"),
        (f"ATTACH '{tmp_path / 'x.db'}'", "explorer.refused.attach"),
        (f"attach '{tmp_path / 'y.db'}' as y; select 1", "explorer.refused.multiple"),
    ):
        assert refused(tiny, sql).key == key, sql
    assert list(tmp_path.iterdir()) == []


def test_refusal_happens_before_anything_runs(tiny):
    """`select 1; drop view orders` runs neither part; the next query still sees orders."""
    assert refused(tiny, "select 1; drop view orders").params == {"count": 2}
    assert explorer.run(tiny, "select count(*) as n from orders").frame["n"].tolist() == [6]


def test_another_dataset_and_an_older_version_are_out_of_reach(two_datasets):
    ws = two_datasets
    a, b = ws.get("a"), ws.get("b")
    assert [v.version for v in a.versions] == [1, 2]
    source = ws.source("a")
    # the current version of `a` reads through its table only: not even its own snapshot file
    # is readable (it holds clear nicknames; the table holds masked ones)
    assert explorer.run(source, "select count(*) as n from orders").frame["n"].tolist() == [2]
    others = [
        ws.root / a.head.tables["orders"].path,  # this very version's snapshot
        ws.root / b.head.tables["orders"].path,  # another dataset
        ws.root / a.version(1).tables["orders"].path,  # an earlier version of this one
        Path(ws.root / b.head.tables["orders"].path).parent / ".." / "*" / "*.parquet",
        ws.root / "catalog.json",
    ]
    for path in others:
        for reader in ("read_parquet", "read_csv", "read_blob"):
            err = refused(source, f"select * from {reader}('{path}')")
            assert err.key == "explorer.refused.files", (reader, path)
    err = refused(source, f"attach '{ws.root / b.head.tables['orders'].path}' as b")
    assert err.key == "explorer.refused.attach"


def test_settings_can_be_read_but_not_changed(tiny):
    result = explorer.run(
        tiny,
        "select name, value from duckdb_settings() "
        "where name in ('enable_external_access', 'lock_configuration', 'temp_directory') "
        "order by name",
    )
    assert result.frame.values.tolist() == [
        ["enable_external_access", "false"],
        ["lock_configuration", "true"],
        ["temp_directory", ""],  # nothing spills to disk
    ]
    # the process-wide database of the metrics is untouched by the explorer's locking
    cur = database().cursor()
    try:
        row = cur.execute(
            "select current_setting('enable_external_access'), "
            "current_setting('lock_configuration')"
        ).fetchone()
    finally:
        cur.close()
    assert row == (True, False)


def test_python_variables_and_the_source_frame_are_not_reachable(tiny):
    secret_frame = pd.DataFrame({"secret": [42]})  # a replacement scan would find this
    assert len(secret_frame) == 1
    assert refused(tiny, "select * from secret_frame").key == "explorer.error.names"
    assert refused(tiny, "select * from __frame").key == "explorer.error.names"
    assert refused(tiny, "select * from ORDERS_frame").key == "explorer.error.names"


def test_a_long_query_is_stopped_by_the_time_limit(tiny):
    started = time.monotonic()
    err = refused(
        tiny,
        "select count(*) from range(1000000000) as a cross join range(1000000000) as b",
        time_limit=0.5,
    )
    elapsed = time.monotonic() - started
    assert err.key == "explorer.error.timeout"
    assert err.params == {"seconds": "0.5"}
    assert "0.5" in err.message("en")
    assert elapsed < 20  # interrupted, not run to the end (which would take years)


# ---- read statements ---------------------------------------------------------------------


def test_gmv_query_equals_the_overview_kpi(tiny):
    sql = """
        select sum(amount) as gmv
        from orders
        where coalesce(status, 'paid') = 'paid' and amount > 0
          and cast(ordered_at as date) between date '2024-04-09' and date '2024-04-12'
    """
    result = explorer.run(tiny, sql)
    kpi = kpis(tiny, dt.date(2024, 4, 9), dt.date(2024, 4, 12)).set_index("metric")
    assert result.frame["gmv"].tolist() == [pytest.approx(170.49)]
    assert kpi.loc["gmv", "value"] == pytest.approx(result.frame["gmv"].iloc[0])


def test_gmv_by_day_example(tiny):
    result = explorer.run(tiny, explorer.EXAMPLES["gmv_by_day"])
    frame = result.frame
    assert [d.date() for d in frame["day"]] == [
        dt.date(2024, 4, 9),
        dt.date(2024, 4, 10),
        dt.date(2024, 4, 12),
        dt.date(2024, 4, 13),
    ]
    assert frame["gmv"].tolist() == pytest.approx([100.00, 50.50, 19.99, 70.00])
    assert frame["paid_orders"].tolist() == [1, 1, 1, 1]
    assert not result.truncated and result.kind == "SELECT"


def test_top_buyers_example_masks_nicknames(tiny):
    frame = explorer.run(tiny, explorer.EXAMPLES["top_buyers"]).frame
    # u1 150.50 (A1 + A2), u4 70.00, u2 19.99 (A3 refunded); u3 bought nothing paid
    assert frame["user_id"].tolist() == ["u1", "u4", "u2"]
    assert frame["gmv"].tolist() == pytest.approx([150.50, 70.00, 19.99])
    assert values(frame["nickname"]) == ["张**", None, "L*"]


def test_every_example_runs_on_an_empty_dataset():
    empty = Source({})
    for key, sql in explorer.EXAMPLES.items():
        result = explorer.run(empty, sql)
        assert not result.truncated, key
        for lang in LANGUAGES:
            assert TEXT[f"explorer.example.{key}"][lang]


@pytest.mark.parametrize("stored", ["parquet", "frame"])
def test_views_mask_personal_data_like_the_pages_do(tmp_path, stored):
    names = ["张三丰", "张三", "A", "Alexander", "  Li ", "\u3000王五\t", "👍🏽ab", "", "   ", None]
    phones = ["13812345678", "+86 138 1234 5678", "12345", "", "138****1234", None]
    width = max(len(names), len(phones))
    frame = pd.DataFrame(
        {
            "order_id": [f"o{i:02d}" for i in range(width)],
            "user_id": [f"u{i}" for i in range(width)],
            "ordered_at": pd.Timestamp("2024-04-09"),
            "amount": 1.0,
            "nickname": names + [None] * (width - len(names)),
            "phone": phones + [None] * (width - len(phones)),
        }
    )
    if stored == "parquet":  # imports store phones masked; nicknames as exported
        path = tmp_path / "orders.parquet"
        frame.assign(phone=frame["phone"].map(mask_phone)).to_parquet(path)
        source = Source({"orders": path})
    else:
        source = Source({"orders": frame})
    sql = "select nickname, phone, upper(nickname) as shout from orders order by order_id"
    got = explorer.run(source, sql).frame
    assert values(got["nickname"]) == [mask_name(v) for v in frame["nickname"]]
    assert values(got["phone"]) == [mask_phone(v) for v in frame["phone"]]
    assert values(got["shout"])[:2] == ["张**", "张*"]  # no clear nickname reaches a query


def test_missing_tables_are_empty_views_with_canonical_columns(tiny):
    assert explorer.run(tiny, "select count(*) as n from group_daily").frame["n"].tolist() == [0]
    cols = explorer.run(tiny, "describe members").frame["column_name"].tolist()
    assert cols[:3] == ["user_id", "joined_at", "channel"]
    tables = explorer.run(tiny, "show tables").frame["name"].tolist()
    assert sorted(tables) == [
        "activity",
        "group_daily",
        "groups",
        "members",
        "order_items",
        "orders",
        "staff_daily",
    ]


@pytest.mark.parametrize(
    ("sql", "kind", "rows"),
    [
        (
            "with paid as (select * from orders where amount > 0) select count(*) from paid",
            "SELECT",
            1,
        ),
        ("from orders select user_id", "SELECT", 6),
        ("values (1, 'a'), (2, 'b')", "SELECT", 2),
        ("describe orders", "SELECT", 12),
        ("summarize orders", "SELECT", 12),
        ("pivot (select status from orders) on status in ('paid', 'refunded')", "SELECT", 1),
        ("explain select * from orders", "EXPLAIN", 1),
        ("explain analyze select count(*) from orders", "EXPLAIN", 1),
        ("/* note */ select 1 as one;", "SELECT", 1),
    ],
)
def test_read_statements_run(tiny, sql, kind, rows):
    result = explorer.run(tiny, sql)
    assert (result.kind, len(result.frame)) == (kind, rows)


def test_row_limit_cuts_and_says_so(tiny):
    exact = explorer.run(tiny, "select * from range(10)", row_limit=10)
    assert (len(exact.frame), exact.truncated) == (10, False)
    cut = explorer.run(tiny, "select * from range(11)", row_limit=10)
    assert (len(cut.frame), cut.truncated) == (10, True)
    # across several fetched chunks (DuckDB hands out 2048 rows a vector)
    big = explorer.run(tiny, "select range as r from range(100000)", row_limit=4097)
    assert (len(big.frame), big.truncated) == (4097, True)
    assert big.frame["r"].tolist() == list(range(4097))
    empty = explorer.run(tiny, "select * from orders where false")
    assert (len(empty.frame), empty.truncated) == (0, False)
    assert list(empty.frame.columns)[:2] == ["order_id", "user_id"]


def test_errors_carry_duckdbs_detail_without_a_traceback(tiny):
    err = refused(tiny, "selec 1")
    assert err.key == "explorer.error.syntax" and "selec" in err.detail
    err = refused(tiny, "select no_such_column from orders")
    assert err.key == "explorer.error.names" and "no_such_column" in err.detail
    err = refused(tiny, "select 1 / 0 = 'x'::int")
    assert err.key in ("explorer.error.query", "explorer.error.names")
    for e in (err,):
        assert "Traceback" not in e.detail and not e.detail.startswith("Conversion Error")


def test_unusual_types_become_text_that_exports(tiny):
    sql = (
        "select [1, 2] as l, {'a': 1} as s, map {'k': 1} as m, 'ab'::blob as b, "
        "gen_random_uuid() as u, 12::hugeint as h, interval 1 day as i, "
        "'=cmd'::varchar as f, timestamptz '2024-04-09 10:00:00+08' as tz"
    )
    frame = explorer.run(tiny, sql).frame
    assert frame.loc[0, "l"] == "[1, 2]"
    assert frame.loc[0, "s"] == '{"a": 1}'
    assert frame.loc[0, "b"] == "ab"
    assert len(frame.loc[0, "u"]) == 36
    assert frame.loc[0, "h"] == 12
    assert exports.to_xlsx_bytes(frame)[:2] == b"PK"
    assert "'=cmd" in exports.to_csv_bytes(frame).decode("utf-8-sig")


def test_check_names_the_statement_kind():
    assert explorer.check("select 1") == "SELECT"
    assert explorer.check("explain (format json) select 1") == "EXPLAIN"
    with pytest.raises(explorer.QueryError) as info:
        explorer.check("explain (format json) copy (select 1) to 'x.csv'")
    assert info.value.key == "explorer.refused.copy"


def test_limits_must_be_positive(tiny):
    with pytest.raises(ValueError):
        explorer.run(tiny, "select 1", row_limit=0)
    with pytest.raises(ValueError):
        explorer.run(tiny, "select 1", time_limit=0)


def test_schema_lists_every_canonical_column_and_which_tables_exist(tiny):
    frame = explorer.schema(tiny)
    assert frame.groupby("table", sort=False)["present"].first().to_dict() == {
        "orders": True,
        "members": False,
        "activity": False,
        "groups": False,
        "group_daily": False,
        "staff_daily": False,
        "order_items": False,
    }
    orders = frame[frame["table"] == "orders"]
    assert orders["column"].tolist()[:4] == ["order_id", "user_id", "ordered_at", "amount"]
    assert orders["type"].tolist()[3] == "DECIMAL(18,2)"


def test_every_explorer_text_has_three_languages_with_the_same_placeholders():
    import string

    from siyu.text.explorer import TEXT as OWN

    keys = set(OWN)
    assert {"nav.sql", *explorer._REFUSED.values()} <= keys
    assert {f"explorer.example.{k}" for k in explorer.EXAMPLES} <= keys
    for key, entry in OWN.items():
        assert set(entry) == set(LANGUAGES), key
        fields = {
            lang: {f for _, f, _, _ in string.Formatter().parse(text) if f}
            for lang, text in entry.items()
        }
        assert all(text.strip() for text in entry.values()), key
        assert len({frozenset(f) for f in fields.values()}) == 1, key
