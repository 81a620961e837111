"""The bad-file corpus: every file and the outcome an import of it must have.

Small text files are committed beside this module; binary or large ones are built by
`GENERATED`. `corpus()` returns them all as {file name: bytes}; `outcome()` imports one the
way the app does (preview → proposed kind and mapping → convert) and describes the result in
the shape of `EXPECTED`, so the workspace test can reuse both:

    {"refused": message key}   the whole file is refused
    {"accepted": n, "rejected": m, "reasons": {reason key: count}, "lines": [...]}

Load it by path (tests are not a package):
    spec = importlib.util.spec_from_file_location("manifest", "tests/bad_files/manifest.py")
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = "订单号,用户ID,下单时间,实付金额\n"
GOOD = "A1,u1,2024-04-09 11:54:00,10\nA2,u2,2024-04-09 11:55:00,20\n"


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "订单号,用户ID\n" * 50)
    return buf.getvalue()


def _corrupt_xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["订单号", "用户ID", "下单时间", "实付金额"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()[: len(buf.getvalue()) // 2]  # cut in the middle


def _xlsx_with_broken_sheet() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["订单号", "用户ID", "下单时间", "实付金额"])
    wb.active.append(["A1", "u1", "2024-04-09", 1])
    buf = io.BytesIO()
    wb.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body[: len(body) // 2] + b"<<garbage"
            dst.writestr(item, body)
    return out.getvalue()


def _old_xls() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + bytes(range(256)) * 8


def _random_binary() -> bytes:
    import random

    rnd = random.Random(3)
    return bytes(rnd.randrange(256) for _ in range(4096))


def _long_line() -> bytes:
    huge = "A9,u9,2024-04-09 11:59:00," + "9" * 3_000_000 + "\n"
    return (
        HEADER + "A1,u1,2024-04-09 11:54:00,10\n" + huge + "A2,u2,2024-04-09 11:55:00,20\n"
    ).encode()


def _long_field() -> bytes:
    big = '"' + "长" * 100_000 + '"'
    return (
        "订单号,用户ID,下单时间,实付金额,备注\n"
        "A1,u1,2024-04-09 11:54:00,10,短\n"
        f"A2,u2,2024-04-09 11:55:00,20,{big}\n"
        "A3,u3,2024-04-09 11:56:00,30,短\n"
    ).encode()


def _nul_bytes() -> bytes:
    return (
        HEADER + "A1,u1,2024-04-09 11:54:00,1\x000\n" + "A2,u2,2024-04-09 11:55:00,20\n"
    ).encode() + b"\x00" * 8


def _mixed_encodings() -> bytes:
    head = (HEADER + "A1,张三,2024-04-09 11:54:00,10\n").encode("utf-8")
    gbk = "A2,李四,2024-04-09 11:55:00,20\n".encode("gb18030")
    tail = "A3,王五,2024-04-09 11:56:00,30\n".encode()
    return head + gbk + tail


def _ten_thousand_columns() -> bytes:
    names = ["订单号", "用户ID", "下单时间", "实付金额"] + [f"列{i}" for i in range(9_996)]
    values = ["A1", "u1", "2024-04-09 11:54:00", "10"] + [""] * 9_996
    return (",".join(names) + "\n" + ",".join(values) + "\n").encode()


def _utf16_no_bom() -> bytes:
    return (HEADER + GOOD).encode("utf-16-le")


GENERATED: dict[str, Callable[[], bytes]] = {
    "png_named.csv": _png,
    "zip_named.csv": _zip,
    "corrupt.xlsx": _corrupt_xlsx,
    "old_excel.xls": _old_xls,
    "broken_sheet.xlsx": _xlsx_with_broken_sheet,
    "random_bytes.csv": _random_binary,
    "long_line.csv": _long_line,
    "long_field.csv": _long_field,
    "nul_bytes.csv": _nul_bytes,
    "mixed_encodings.csv": _mixed_encodings,
    "ten_thousand_columns.csv": _ten_thousand_columns,
    "utf16_no_bom.csv": _utf16_no_bom,
}

EXPECTED: dict[str, dict] = {
    "empty.csv": {"refused": "ingest.refused.empty_file"},
    "whitespace_only.csv": {"refused": "ingest.refused.empty_file"},
    "header_only.csv": {"refused": "ingest.refused.header_only"},
    "title_rows_only.csv": {"refused": "ingest.refused.no_header"},
    "single_column.csv": {"refused": "ingest.refused.no_header"},
    "wrong_delimiter.csv": {"refused": "ingest.refused.no_header"},
    "missing_required.csv": {"refused": "ingest.refused.missing_columns"},
    "all_rows_bad.csv": {"refused": "ingest.refused.all_rejected"},
    "png_named.csv": {"refused": "ingest.refused.binary"},
    "zip_named.csv": {"refused": "ingest.refused.binary"},
    "random_bytes.csv": {"refused": "ingest.refused.binary"},
    "corrupt.xlsx": {"refused": "ingest.refused.corrupt_xlsx"},
    "old_excel.xls": {"refused": "ingest.refused.old_xls"},
    "broken_sheet.xlsx": {"refused": "ingest.refused.corrupt_xlsx"},
    "ten_thousand_columns.csv": {"refused": "ingest.refused.too_many_columns"},
    # A CSV saved with an .xlsx name is read by its content.
    "text_named.xlsx": {"accepted": 2, "rejected": 0, "reasons": {}, "lines": []},
    "semicolon_delimiter.csv": {"accepted": 2, "rejected": 0, "reasons": {}, "lines": []},
    "utf16_no_bom.csv": {"accepted": 2, "rejected": 0, "reasons": {}, "lines": []},
    # NUL bytes are dropped: "1\x000" reads as 10.
    "nul_bytes.csv": {"accepted": 2, "rejected": 0, "reasons": {}, "lines": []},
    "bad_dates.csv": {
        "accepted": 1,
        "rejected": 2,
        "reasons": {"ingest.reason.bad_date": 2},
        "lines": [3, 4],
    },
    "negative_amounts.csv": {
        "accepted": 2,
        "rejected": 1,
        "reasons": {"ingest.reason.negative": 1},
        "lines": [3],
    },
    "non_numeric_amounts.csv": {
        "accepted": 1,
        "rejected": 3,
        "reasons": {"ingest.reason.bad_number": 3},
        "lines": [2, 4, 5],
    },
    "duplicate_ids.csv": {
        "accepted": 3,
        "rejected": 2,
        "reasons": {"ingest.reason.duplicate": 2},
        "lines": [4, 6],
    },
    "ragged_rows.csv": {
        "accepted": 2,
        "rejected": 2,
        "reasons": {"ingest.reason.too_many_fields": 1, "ingest.reason.too_few_fields": 1},
        "lines": [3, 4],
    },
    "unclosed_quote.csv": {
        "accepted": 3,
        "rejected": 1,
        "reasons": {"ingest.reason.unclosed_quote": 1},
        "lines": [3],
    },
    "empty_required.csv": {
        "accepted": 1,
        "rejected": 4,
        "reasons": {"ingest.reason.required_missing": 4},
        "lines": [3, 4, 5, 6],
    },
    "unknown_status.csv": {
        "accepted": 2,
        "rejected": 1,
        "reasons": {"ingest.reason.unknown_status": 1},
        "lines": [3],
    },
    "blank_lines_between_rows.csv": {
        "accepted": 2,
        "rejected": 1,
        "reasons": {"ingest.reason.bad_number": 1},
        "lines": [6],
    },
    # A quoted cell spanning two lines is one row, as a spreadsheet shows it.
    "quoted_newline_in_cell.csv": {
        "accepted": 1,
        "rejected": 1,
        "reasons": {"ingest.reason.bad_number": 1},
        "lines": [3],
    },
    "long_line.csv": {
        "accepted": 2,
        "rejected": 1,
        "reasons": {"ingest.reason.line_too_long": 1},
        "lines": [3],
    },
    "long_field.csv": {
        "accepted": 2,
        "rejected": 1,
        "reasons": {"ingest.reason.field_too_long": 1},
        "lines": [3],
    },
    "mixed_encodings.csv": {
        "accepted": 2,
        "rejected": 1,
        "reasons": {"ingest.reason.undecodable": 1},
        "lines": [3],
    },
}


def corpus() -> dict[str, bytes]:
    """Every file of the corpus by name: the committed ones and the generated ones."""
    files = {p.name: p.read_bytes() for p in sorted(HERE.iterdir()) if p.name in EXPECTED}
    files.update({name: make() for name, make in GENERATED.items()})
    return files


def outcome(name: str, data: bytes, out_dir: Path | None = None) -> dict:
    """Import one file as the app does and describe the result like `EXPECTED`."""
    import duckdb

    from siyu import ingest

    try:
        pv = ingest.preview(data, name)
        with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
            conv = ingest.convert(data, name, kind=pv.kind, mapping=pv.mapping, out_dir=Path(tmp))
            rows = duckdb.sql(
                f"select line, reason from read_parquet('{conv.rejected_parquet}') order by line"
            ).fetchall()
    except ingest.ImportRefused as exc:
        return {"refused": exc.key}
    return {
        "accepted": conv.accepted,
        "rejected": conv.rejected,
        "reasons": dict(Counter(r for _, r in rows)),
        "lines": [line for line, _ in rows],
    }


if __name__ == "__main__":  # print the expectations as JSON, for tools outside Python
    print(json.dumps(EXPECTED, ensure_ascii=False, indent=1))
