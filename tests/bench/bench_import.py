"""Benchmark of `siyu.ingest.convert` on a 1,000,000-row orders export (UTF-8 and GB18030).

    .venv/bin/python tests/bench/bench_import.py [--rows 1000000] [--runs 3] [--dir /tmp/siyu-bench]

Writes the files (about 100 MB per million rows each) once, then, for each run, converts
each file in a fresh process and times DuckDB's bare `create table t as select * from
read_csv(file)` of the UTF-8 file into a file-backed database, also in a fresh process. It
prints every run (seconds, peak resident memory of the process, whether the fast path was
taken) and the medians with the ratios.

Targets: import ≤ 1.5 × the bare create-table-as (issue 11); GB18030 ≤ 2 × UTF-8 (issue 3).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADER = "订单编号,买家ID,下单时间,实付金额,订单状态,商品名称,数量,群ID,活动,优惠金额\n"
PRODUCTS = [
    "有机草莓 500g",
    "赣南脐橙 5斤",
    "云南小粒咖啡",
    "东北大米 10kg",
    "手工水饺（猪肉白菜）",
]
STATUSES = ["已完成", "已完成", "已完成", "交易成功", "已退款", "已关闭"]
CAMPAIGNS = ["7day", "flash_sale", "fission", ""]


def write_orders(path: Path, rows: int, encoding: str) -> None:
    rnd = random.Random(7)
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write("有赞订单导出 2024-04-09\n")
        f.write(HEADER)
        chunk: list[str] = []
        for i in range(rows):
            day = 1 + i % 28
            chunk.append(
                f"E2024{i:012d},{rnd.randrange(10**7):08d},2024-03-{day:02d} "
                f"{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d},"
                f'"¥{rnd.randrange(1, 300000) / 100:,.2f}",{STATUSES[i % 6]},'
                f"{PRODUCTS[i % 5]},{1 + i % 3},G{i % 40:03d},{CAMPAIGNS[i % 4]},{i % 10}\n"
            )
            if len(chunk) >= 50_000:
                f.write("".join(chunk))
                chunk.clear()
        f.write("".join(chunk))


def convert_one(path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from siyu import ingest

    limits = ingest.Limits(max_file_bytes=1 << 40, max_rows=10**9)  # a benchmark, not a limit test
    started = time.perf_counter()
    pv = ingest.preview(path, path.name, limits=limits)
    with tempfile.TemporaryDirectory(dir=path.parent) as out:
        conv = ingest.convert(
            path,
            path.name,
            kind=pv.kind,
            mapping=pv.mapping,
            out_dir=Path(out),
            encoding=None,
            limits=limits,
        )
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    path_taken = "fast path" if conv.fast else "python path"
    print(
        f"{path.name}: {path.stat().st_size / 1e6:.0f} MB, encoding {conv.encoding}, "
        f"accepted {conv.accepted:,}, rejected {conv.rejected:,}, {path_taken}, "
        f"peak RSS {peak_mb:.0f} MB, {seconds:.2f} s"
    )


def bare_one(path: Path) -> None:
    """DuckDB alone: the file into a table of a file-backed database (sniffing included)."""
    import duckdb

    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        con = duckdb.connect(str(Path(tmp) / "bare.duckdb"))
        started = time.perf_counter()
        con.execute("create table t as select * from read_csv($p)", {"p": str(path)})
        con.close()
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{path.name}: bare DuckDB create table as, peak RSS {peak_mb:.0f} MB, {seconds:.2f} s")


def _run(flag: str, path: Path) -> float:
    done = subprocess.run(
        [sys.executable, __file__, flag, str(path)], check=True, capture_output=True, text=True
    )
    print("  " + done.stdout.strip(), flush=True)
    return float(done.stdout.rsplit(", ", 1)[-1].strip().removesuffix(" s"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "siyu-bench")
    parser.add_argument("--convert", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--bare", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.convert:
        convert_one(args.convert)
        return
    if args.bare:
        bare_one(args.bare)
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    files = {}
    for encoding, name in (("utf-8", "orders_utf8.csv"), ("gb18030", "orders_gb18030.csv")):
        files[encoding] = args.dir / f"{args.rows}_{name}"
        if not files[encoding].exists():
            write_orders(files[encoding], args.rows, encoding)
    times: dict[str, list[float]] = {"bare": [], "utf-8": [], "gb18030": []}
    for run in range(args.runs):  # interleaved, so that a busy machine weighs on all alike
        print(f"run {run + 1}:")
        times["bare"].append(_run("--bare", files["utf-8"]))
        times["utf-8"].append(_run("--convert", files["utf-8"]))
        times["gb18030"].append(_run("--convert", files["gb18030"]))
    med = {k: statistics.median(v) for k, v in times.items()}
    print(
        f"medians of {args.runs}: bare DuckDB {med['bare']:.2f} s, "
        f"UTF-8 import {med['utf-8']:.2f} s, GB18030 import {med['gb18030']:.2f} s"
    )
    ratio = med["utf-8"] / med["bare"]
    print(
        f"UTF-8 import / bare DuckDB = {ratio:.2f} "
        f"({'ok' if ratio <= 1.5 else 'over the 1.5x target'})"
    )
    print(f"GB18030 import / bare DuckDB (UTF-8 file) = {med['gb18030'] / med['bare']:.2f}")
    ratio = med["gb18030"] / med["utf-8"]
    print(f"GB18030 / UTF-8 = {ratio:.2f} ({'ok' if ratio <= 2 else 'over the 2x target'})")


if __name__ == "__main__":
    main()
