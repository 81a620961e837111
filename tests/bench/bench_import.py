"""Benchmark of `siyu.ingest.convert` on a 1,000,000-row orders export (UTF-8 and GB18030).

    /tmp/sv/bin/python tests/bench/bench_import.py [--rows 1000000] [--dir /tmp/siyu-bench]

Writes the files (about 80 MB each) once, then converts each in a fresh process and prints
the seconds taken and the peak resident memory of that process (resource.getrusage).
Targets (SPEC open issue): UTF-8 ≤ 20 s and < 1.5 GB on 2 cores; GB18030 ≤ 2 × UTF-8.
"""

from __future__ import annotations

import argparse
import random
import resource
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

    started = time.perf_counter()
    pv = ingest.preview(path, path.name)
    with tempfile.TemporaryDirectory(dir=path.parent) as out:
        conv = ingest.convert(
            path, path.name, kind=pv.kind, mapping=pv.mapping, out_dir=Path(out), encoding=None
        )
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{path.name}: {path.stat().st_size / 1e6:.0f} MB, encoding {conv.encoding}, "
        f"accepted {conv.accepted:,}, rejected {conv.rejected:,}, "
        f"{seconds:.1f} s, peak RSS {peak_mb:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "siyu-bench")
    parser.add_argument("--convert", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.convert:
        convert_one(args.convert)
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    seconds = {}
    for encoding, name in (("utf-8", "orders_utf8.csv"), ("gb18030", "orders_gb18030.csv")):
        path = args.dir / f"{args.rows}_{name}"
        if not path.exists():
            write_orders(path, args.rows, encoding)
        done = subprocess.run(
            [sys.executable, __file__, "--convert", str(path)],
            check=True,
            capture_output=True,
            text=True,
        )
        print(done.stdout, end="")
        seconds[encoding] = float(done.stdout.rsplit(", ", 2)[-2].removesuffix(" s"))
    ratio = seconds["gb18030"] / seconds["utf-8"]
    verdict = "ok" if ratio <= 2 else "over the 2x target"
    print(f"GB18030 / UTF-8 = {ratio:.2f} ({verdict})")


if __name__ == "__main__":
    main()
