"""Benchmark of a What-if slider move: the page's re-render time in AppTest on the demo dataset.

    python tests/bench/bench_whatif.py [--moves 20] [--workspace DIR] [--json]

Builds the demo workspace in a temporary folder (or uses `--workspace`, which must hold the
dataset `demo`), opens the What-if page, warms it up once (the baseline queries run and are
cached), then moves scenario A's coupon slider `--moves` times to a new value and times each
re-run. Prints the median and the worst move, and the number of SQL executions during the
moves (must be 0: a move recomputes only the model). Target (issue 9): median < 0.3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 0.3


def measure(workspace: Path, moves: int) -> dict:
    os.environ["SIYU_WORKSPACE"] = str(workspace)
    os.environ["SIYU_AUTO_DEMO"] = "0"
    from streamlit.testing.v1 import AppTest

    from siyu import db

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/whatif.py")
    at.run()
    if at.exception:
        raise SystemExit(f"the page failed: {[e.value for e in at.exception]}")
    slider = "wi_a_coupon"
    start = at.slider(key=slider).value
    at.slider(key=slider).set_value((start + 5) % 95).run()  # one warm move
    queries = db.EXECUTIONS["count"]
    times = []
    for i in range(moves):
        value = (start + 10 + 5 * i) % 95
        t0 = time.perf_counter()
        at.slider(key=slider).set_value(value).run()
        times.append(time.perf_counter() - t0)
        if at.exception:
            raise SystemExit(f"the page failed: {[e.value for e in at.exception]}")
    return {
        "moves": moves,
        "median_s": statistics.median(times),
        "max_s": max(times),
        "sql_during_moves": db.EXECUTIONS["count"] - queries,
        "target_s": TARGET_SECONDS,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--moves", type=int, default=20)
    ap.add_argument("--workspace", type=Path, default=None)
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workspace = args.workspace
        if workspace is None:
            from siyu.demo import ensure_demo
            from siyu.workspace import Workspace

            workspace = Path(tmp) / "ws"
            ensure_demo(Workspace(workspace))
        result = measure(workspace, args.moves)
    if args.json:
        print(json.dumps(result))
        return
    verdict = "ok" if result["median_s"] < TARGET_SECONDS else "SLOW"
    print(
        f"what-if slider move: median {result['median_s']:.3f} s, worst {result['max_s']:.3f} s "
        f"over {result['moves']} moves; {result['sql_during_moves']} SQL executions; "
        f"target < {TARGET_SECONDS} s: {verdict}"
    )


if __name__ == "__main__":
    main()
