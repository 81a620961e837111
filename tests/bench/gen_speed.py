"""Quick speed check of the demo-data generator (not a test).

    python tests/bench/gen_speed.py [members] [--orders-per-member N] [--activity-per-member N]
    python tests/bench/gen_speed.py 100000 --natural   # the default rates (≈ 1.3 orders/member)

Times `siyu.sample.generate`, prints rows and file sizes per table and the peak memory, and
extrapolates linearly to one million members.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from siyu.sample import generate


def _rows(path: Path) -> int:
    with path.open("rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 24), b"")) - 1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("members", nargs="?", type=int, default=100_000)
    ap.add_argument("--orders-per-member", type=float, default=10.0)
    ap.add_argument("--activity-per-member", type=float, default=20.0)
    ap.add_argument("--natural", action="store_true", help="default rates, no targets")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        t0 = time.perf_counter()
        paths = generate(
            out,
            members=args.members,
            orders_per_member=None if args.natural else args.orders_per_member,
            activity_per_member=None if args.natural else args.activity_per_member,
        )
        secs = time.perf_counter() - t0
        print(f"members={args.members:,}  seconds={secs:.1f}")
        for table, path in paths.items():
            size = path.stat().st_size / 1e6
            print(f"  {table:9s} rows={_rows(path):>12,}  size={size:9.1f} MB")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
        print(f"  peak RSS ≈ {peak:.2f} GB")
        factor = 1_000_000 / args.members
        print(f"  extrapolated to 1,000,000 members: ≈ {secs * factor:.0f} s")


if __name__ == "__main__":
    main()
