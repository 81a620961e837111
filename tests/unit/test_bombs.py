"""Issue 19: decompression bombs are refused while the bytes stream in.

A 6.3 MB `.csv.gz` holding one 6 GiB line passed 10 GB of memory in the preview, and a 1 MB
`.xlsx` whose sheet holds a 1 GiB cell took 156 s and 3.1 GB to refuse. The probes run here
scaled down (a small unpacked limit from the environment, lines and cells of tens of MB) in a
subprocess with a memory cap of its own, which reports how much its memory grew.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from siyu import ingest
from siyu.i18n import t
from tests.pages.test_pages import APP

ROOT = Path(__file__).resolve().parents[2]
HEADER = "订单号,用户ID,下单时间,实付金额\n"
GOOD = "A1,u1,2024-04-09 10:00:00,10\nA2,u2,2024-04-09 11:00:00,20\n"
GOOD_ROWS = [["A1", "u1", "2024-04-09 10:00:00", "10"], ["A2", "u2", "2024-04-09 11:00:00", "20"]]
MB = 1024 * 1024

_PREVIEW = textwrap.dedent(
    """
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, resource.RLIM_INFINITY))
    from siyu import ingest
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        pv = ingest.preview(sys.argv[1], sys.argv[2])
        outcome = {"key": None, "rows": [r[:4] for r in pv.rows]}
    except ingest.ImportRefused as exc:
        outcome = {"key": exc.key, "params": exc.params, "en": exc.message("en")}
    outcome["grew_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(json.dumps(outcome))
    """
)


def preview_in_a_box(path: Path, unpacked_mb: int = 32) -> dict:
    """`ingest.preview` of a file in a subprocess capped at 3 GiB; its outcome and growth."""
    done = subprocess.run(
        [sys.executable, "-c", _PREVIEW, str(path), path.name],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "SIYU_MAX_UNPACKED_MB": str(unpacked_mb)},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def gz_with_one_long_line(path: Path, mb: int) -> Path:
    with gzip.open(path, "wb", compresslevel=1) as f:
        f.write(HEADER.encode())
        block = b"x" * MB
        for _ in range(mb):
            f.write(block)
        f.write(b"\n" + GOOD.encode())
    return path


SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
Part = bytes | tuple[bytes, bytes, int, bytes]  # whole, or (head, piece, times, tail)


def workbook_parts(last_cell: str) -> dict[str, Part]:
    """The parts of a real workbook (openpyxl) with a header and one order row whose last
    cell is written as `last_cell` (XML); a shared-strings part is added when it uses one."""
    wb = Workbook()
    ws = wb.active
    ws.append(["订单号", "用户ID", "下单时间", "实付金额"])
    ws.append(["A1", "u1", "2024-04-09 10:00:00", "PLACEHOLDER"])
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as z:
        parts: dict[str, Part] = {n: z.read(n) for n in z.namelist()}
    cell = b'<c r="D2" t="inlineStr"><is><t>PLACEHOLDER</t></is></c>'
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert isinstance(sheet, bytes) and cell in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(cell, last_cell.encode())
    return parts


def with_shared_string(parts: dict[str, Part], text: Part) -> dict[str, Part]:
    types = parts["[Content_Types].xml"]
    assert isinstance(types, bytes)
    override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST}" /></Types>'
    parts["[Content_Types].xml"] = types.replace(b"</Types>", override.encode())
    head = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    tail = b"</t></si></sst>"
    if isinstance(text, bytes):
        parts["xl/sharedStrings.xml"] = head + text + tail
    else:
        parts["xl/sharedStrings.xml"] = (head + text[0], text[1], text[2], text[3] + tail)
    return parts


def write_xlsx(path: Path, parts: dict[str, Part]) -> Path:
    """A workbook file; a big part is written a piece at a time."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, part in parts.items():
            if isinstance(part, bytes):
                out.writestr(name, part)
                continue
            head, piece, times, tail = part
            with out.open(name, "w", force_zip64=True) as f:
                f.write(head)
                for _ in range(times):
                    f.write(piece)
                f.write(tail)
    return path


def with_sheet_rows(
    parts: dict[str, Part], start: bytes, piece: bytes, times: int, end: bytes
) -> None:
    """The sheet, with `start` + `piece` * `times` + `end` put just before `</sheetData>`."""
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert isinstance(sheet, bytes)
    head, found, tail = sheet.partition(b"</sheetData>")
    assert found
    parts["xl/worksheets/sheet1.xml"] = (head + start, piece, times, end + found + tail)


def test_a_gz_holding_one_huge_line_is_refused_while_it_unpacks(tmp_path):
    bomb = gz_with_one_long_line(tmp_path / "orders.csv.gz", mb=200)
    assert bomb.stat().st_size < 2 * MB
    outcome = preview_in_a_box(bomb)
    assert outcome["grew_mb"] < 100  # never the line, never the whole content
    assert outcome["key"] == "ingest.refused.too_big_unpacked"
    assert outcome["params"] == {"max_mb": "32"}
    assert "32 MB" in outcome["en"]  # the message states the limit


def test_a_long_line_is_rejected_without_being_held(tmp_path):
    """An uncompressed file within the size limit: the 150 MB line is one rejected row, and
    it is skipped a piece at a time."""
    path = tmp_path / "orders.csv"
    with path.open("wb") as f:
        f.write(HEADER.encode())
        for _ in range(150):
            f.write(b"x" * MB)
        f.write(b"\n" + GOOD.encode())
    outcome = preview_in_a_box(path)
    assert outcome["grew_mb"] < 50
    assert outcome["key"] is None
    assert outcome["rows"] == GOOD_ROWS


def test_an_xlsx_with_a_huge_shared_string_is_refused_as_it_streams(tmp_path):
    parts = with_shared_string(
        workbook_parts('<c r="D2" t="s"><v>0</v></c>'), (b"", b"x" * MB, 50, b"")
    )
    bomb = write_xlsx(tmp_path / "orders.xlsx", parts)
    assert bomb.stat().st_size < MB
    outcome = preview_in_a_box(bomb, unpacked_mb=1024)
    assert outcome["grew_mb"] < 100
    assert outcome["key"] == "ingest.refused.xml_too_long"
    assert outcome["params"] == {"max_kb": 1024}


def test_an_xlsx_with_a_huge_inline_cell_is_refused_as_it_streams(tmp_path):
    parts = workbook_parts('<c r="D2" t="inlineStr"><is><t>12.5</t></is></c>')
    # a third row whose one inline cell holds 50 MB
    start, end = b'<row r="3"><c r="A3" t="inlineStr"><is><t>', b"</t></is></c></row>"
    with_sheet_rows(parts, start, b"y" * MB, 50, end)
    bomb = write_xlsx(tmp_path / "orders.xlsx", parts)
    assert bomb.stat().st_size < MB
    outcome = preview_in_a_box(bomb, unpacked_mb=1024)
    assert outcome["grew_mb"] < 100
    assert outcome["key"] == "ingest.refused.xml_too_long"


def test_an_xlsx_declaring_more_than_the_unpacked_limit_is_refused_before_reading(tmp_path):
    parts = workbook_parts('<c r="D2" t="inlineStr"><is><t>12.5</t></is></c>')
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    with_sheet_rows(parts, b"", row, 200_000, b"")  # about 10 MB of XML
    bomb = write_xlsx(tmp_path / "orders.xlsx", parts)
    outcome = preview_in_a_box(bomb, unpacked_mb=8)
    assert outcome["key"] == "ingest.refused.too_big_unpacked"
    assert outcome["params"] == {"max_mb": "8"}


def test_the_cli_import_refuses_a_bomb_with_the_limit(tmp_path):
    bomb = gz_with_one_long_line(tmp_path / "orders.csv.gz", mb=100)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "siyu",
            "import",
            str(bomb),
            "--dataset",
            "shop",
            "--workspace",
            str(tmp_path / "ws"),
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SIYU_AUTO_DEMO": "0", "SIYU_MAX_UNPACKED_MB": "16"},
        timeout=300,
        check=False,
    )
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.strip() == t("ingest.refused.too_big_unpacked", "en", max_mb="16")


def test_a_small_gz_and_xlsx_still_import(tmp_path):
    gz = tmp_path / "orders.csv.gz"
    gz.write_bytes(gzip.compress((HEADER + GOOD).encode()))
    assert ingest.preview(gz, gz.name).rows == GOOD_ROWS
    shared = with_shared_string(workbook_parts('<c r="D2" t="s"><v>0</v></c>'), b"12.5")
    inline = workbook_parts('<c r="D2" t="inlineStr"><is><t>12.5</t></is></c>')
    for name, parts in (("shared.xlsx", shared), ("inline.xlsx", inline)):
        book = write_xlsx(tmp_path / name, parts)
        assert ingest.preview(book, book.name).rows == [["A1", "u1", "2024-04-09 10:00:00", "12.5"]]


def test_the_uploader_states_the_limits(monkeypatch, tmp_path):
    monkeypatch.setenv("SIYU_WORKSPACE", str(tmp_path / "ws"))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    monkeypatch.setenv("SIYU_MAX_UNPACKED_MB", "256")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert ingest.limits_text("zh-Hans") in captions
    assert "256 MB" in ingest.limits_text("zh-Hans")
