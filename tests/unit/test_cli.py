"""The command line: imports keep every valid row, metrics print plain CSV, errors are one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[2]

# Five orders of three buyers. Paid orders > 0 yuan: A1 1299.00, A2 58.50, A3 100.00 (U001)…
GB_ORDERS = (
    "订单编号,买家ID,下单时间,实付金额,订单状态\n"
    'A1,007,2024-04-09 11:54:00,"¥1,299.00",已付款\n'
    "A2,007,2024-04-10 09:00:00,58.50元,交易成功\n"
    "A3,U001,2024/4/10 12:00,100,已完成\n"
    "A4,U002,2024年4月11日 08:00,200.00,已退款\n"
    "A5,U002,2024-04-11 09:00:00,0,已付款\n"
)
# gmv = 1299.00 + 58.50 + 100.00 = 1457.50; buyers = {007, U001} = 2; paid orders = 3


def siyu(*args: str, ws: Path, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "siyu", "--lang", "en", *args, "--workspace", str(ws)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def kpis(ws: Path, dataset: str, *extra: str) -> dict[str, str]:
    out = siyu("metric", "kpis", "--dataset", dataset, *extra, ws=ws).stdout
    lines = out.strip().splitlines()
    assert lines[0] == "metric,value"
    return dict(line.split(",", 1) for line in lines[1:])


def test_gb18030_chinese_header_orders_import_and_kpis_print_gmv_and_buyers(tmp_path):
    path = tmp_path / "有赞订单.csv"
    path.write_bytes(GB_ORDERS.encode("gb18030"))
    ws = tmp_path / "ws"
    out = siyu("import", str(path), "--dataset", "shop", ws=ws).stdout
    assert "5 rows accepted, 0 rejected" in out
    k = kpis(ws, "shop", "--start", "2024-04-01", "--end", "2024-04-30")
    assert k["gmv"] == "1457.5"
    assert k["buyers"] == "2"
    assert k["orders"] == "3"
    assert k["members"] == ""  # no members table: undefined, not zero


def test_xlsx_with_a_title_row_keeps_every_valid_row(tmp_path):
    wb = openpyxl.Workbook()
    sh = wb.active
    sh.title = "订单"
    sh.append(["快团团订单导出 2024-04-09"])
    sh.merge_cells("A1:D1")
    sh.append(["订单号", "用户ID", "下单时间", "实付金额"])
    sh.append(["X1", "0001", "2024-04-09 10:00:00", 10])
    sh.append(["X2", "0002", "2024-04-09 11:00:00", 20.5])
    sh.append(["X3", "0001", "2024-04-10 11:00:00", "30"])
    path = tmp_path / "orders.xlsx"
    wb.save(path)
    ws = tmp_path / "ws"
    out = siyu("import", str(path), "--dataset", "x", ws=ws).stdout
    assert "3 rows accepted, 0 rejected" in out
    k = kpis(ws, "x", "--start", "2024-04-09", "--end", "2024-04-10")
    assert (k["gmv"], k["buyers"], k["orders"]) == ("60.5", "2", "3")


def test_metric_json_output_and_history_and_restore(tmp_path):
    path = tmp_path / "o.csv"
    path.write_bytes(GB_ORDERS.encode("gb18030"))
    ws = tmp_path / "ws"
    siyu("import", str(path), "--dataset", "shop", ws=ws)
    small = tmp_path / "small.csv"
    small.write_text("order_id,user_id,ordered_at,amount\nB1,9,2024-04-09 10:00:00,5\n", "utf-8")
    refused = siyu("import", str(small), "--dataset", "shop", ws=ws, check=False)
    assert refused.returncode != 0 and "replace or append" in refused.stderr
    siyu("import", str(small), "--dataset", "shop", "--replace", ws=ws)
    hist = siyu("history", "--dataset", "shop", ws=ws).stdout.splitlines()
    assert hist[0].startswith("version,at,action,files,current,orders")
    assert len(hist) == 3 and hist[2].split(",")[4] == "yes"
    siyu("restore", "--dataset", "shop", "--version", "1", ws=ws)
    rows = json.loads(
        siyu(
            "metric",
            "kpis",
            "--dataset",
            "shop",
            "--start",
            "2024-04-01",
            "--end",
            "2024-04-30",
            "--format",
            "json",
            ws=ws,
        ).stdout
    )
    assert {r["metric"]: r["value"] for r in rows}["buyers"] == 2
    listed = json.loads(siyu("datasets", "--json", ws=ws).stdout)
    assert listed[0]["dataset"] == "shop" and listed[0]["version"] == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["metric", "kpis", "--dataset", "nope"], "There is no dataset named “nope”."),
        (["history", "--dataset", "nope"], "There is no dataset named “nope”."),
        (["import", "missing.csv", "--dataset", "d"], "File not found: missing.csv"),
    ],
)
def test_bad_commands_exit_non_zero_with_one_line_and_no_traceback(tmp_path, args, message):
    proc = siyu(*args, ws=tmp_path / "ws", check=False)
    assert proc.returncode != 0
    assert proc.stderr.strip() == message
    assert "Traceback" not in proc.stderr


def test_metric_with_a_bad_date_says_how_to_write_it(tmp_path):
    path = tmp_path / "o.csv"
    path.write_bytes(GB_ORDERS.encode("gb18030"))
    ws = tmp_path / "ws"
    siyu("import", str(path), "--dataset", "shop", ws=ws)
    proc = siyu("metric", "kpis", "--dataset", "shop", "--start", "2024-13-01", ws=ws, check=False)
    assert proc.returncode != 0
    assert proc.stderr.strip() == "Date “2024-13-01” is not valid; write it as YYYY-MM-DD."


def test_set_options_keep_ids_with_leading_zeros_as_text():
    # --set texts are read as the metric declares each option: an id stays text as typed
    from siyu import metrics

    assert metrics.get("invitation_tree").parse([("inviter", "007")]) == {"inviter": "007"}
    assert metrics.get("leaderboard_buyers").parse([("top", "10"), ("by", "gmv")]) == {
        "top": 10,
        "by": "gmv",
    }
    assert metrics.get("suspicious_inviters").parse(
        [("hollow_share", "0.5"), ("min_invites", "0")]
    ) == {"hollow_share": 0.5, "min_invites": 0}


def test_data_range_covers_group_daily_statistics():
    import datetime as dt

    import pandas as pd

    from siyu import metrics
    from siyu.db import Source

    daily = pd.DataFrame(
        {
            "stat_date": [dt.date(2024, 4, 1), dt.date(2024, 4, 9)],
            "group_id": ["g1", "g1"],
            "member_total": [10, 12],
        }
    )
    src = Source({"group_daily": daily})
    assert metrics.data_range(src) == (dt.date(2024, 4, 1), dt.date(2024, 4, 9))
    # the default period never reaches before the data: 04-01 … 04-09, not 28 days
    assert metrics.default_period(src) == (dt.date(2024, 4, 1), dt.date(2024, 4, 9))


def test_event_funnel_runs_on_an_event_log_without_a_dataset(tmp_path):
    log = tmp_path / "events.csv"
    log.write_text(
        "user_id,event,at\n007,view,2024-04-01 10:00:00\n007,buy,2024-04-01 11:00:00\n"
        "008,view,2024-04-02 10:00:00\n",
        encoding="utf-8",
    )
    base = [sys.executable, "-m", "siyu", "metric", "event-funnel", "--events", str(log)]
    done = subprocess.run(
        [*base, "--set", "steps=view,buy", "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "step,event,count,mean_seconds_to_convert,median_seconds_to_convert",
        "1,view,2,,",
        "2,buy,1,3600,3600",
    ]
    bad = subprocess.run(
        [*base, "--set", "steps=view,zzz", "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode != 0 and "zzz" in bad.stderr and "Traceback" not in bad.stderr
    none = subprocess.run(
        [sys.executable, "-m", "siyu", "metric", "kpis", "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (
        none.stderr.strip() == "Name a dataset with --dataset (or give an event log with --events)."
    )


def test_whole_columns_are_written_as_cell_by_cell():
    # the column-at-a-time writer (for a million-row list) prints what format_value prints
    import datetime as dt
    from decimal import Decimal

    import numpy as np
    import pandas as pd

    from siyu.cli import format_column, format_value

    columns = [
        pd.Series([0.5, 1.0, -0.0, 1 / 3, np.nan, np.inf, 1e16, 2.5e-7, -12.3456789]),
        pd.Series([1, 0, -7, 2**40]),
        pd.Series([1, None, 3], dtype="Int64"),
        pd.Series([True, False]),
        pd.Series(["a", None, "0012", "逗,号", 'quote"d']),
        pd.Series([Decimal("1.50"), None, Decimal("-0.01")]),
        pd.Series([dt.date(2024, 3, 1), None]),
        pd.Series([pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-01 09:30")]),
        pd.Series([None, None], dtype=object),
        pd.Series(["x", 1.5, None], dtype=object),
    ]
    for column in columns:
        assert format_column(column) == [format_value(v) for v in column.astype(object)]
    assert format_column(columns[0])[:4] == ["0.5", "1", "0", "0.333333"]


def test_a_large_result_is_written_as_csv_writer_writes_it():
    # from BULK_ROWS on DuckDB writes the rows: the same cells, the same minimal quoting
    import csv
    import datetime as dt
    import io

    import pandas as pd

    from siyu.cli import BULK_ROWS, format_value, write_frame

    texts = ["x", "", "a,b", 'q"z', "two\nlines", " sp", "中文", None, '""', "=1+1"]
    n = BULK_ROWS + 7
    frame = pd.DataFrame(
        {
            "text": [texts[i % len(texts)] for i in range(n)],
            "rate": [(0.125, None, 2.0, float("nan"))[i % 4] for i in range(n)],
            "day": [dt.date(2026, 1, 1 + i % 28) if i % 3 else None for i in range(n)],
            "n": range(n),
        }
    )
    fast = io.StringIO()
    write_frame(frame, "csv", fast)
    slow = io.StringIO()
    writer = csv.writer(slow, lineterminator="\n")
    writer.writerow(list(frame.columns))
    writer.writerows(
        [format_value(v) for v in row] for row in frame.astype(object).itertuples(index=False)
    )
    assert fast.getvalue() == slow.getvalue()
    assert fast.getvalue().splitlines()[1:4] == [
        "x,0.125,,0",
        ",,2026-01-02,1",
        '"a,b",2,2026-01-03,2',
    ]
