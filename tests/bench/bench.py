"""Siyu's performance suite (issue 11): `make bench` runs it and writes `BENCHMARKS.md`.

    .venv/bin/python tests/bench/bench.py                 # the full suite (1 M members)
    .venv/bin/python tests/bench/bench.py --members 100000 --out /tmp/B.md   # a quick one
    .venv/bin/python tests/bench/bench.py --only metrics,pandas   # re-run some entries
    .venv/bin/python tests/bench/bench.py --report-only           # rewrite BENCHMARKS.md

It generates the large dataset once with `siyu.sample.generate` (1,000,000 members, ≈ 10 M
orders, ≈ 20 M activity rows; cached under `data/bench/`, which git ignores), imports it into
a bench workspace there (also cached), then runs every entry of `BENCHES` below and writes
each figure (the median of several runs) beside its target. A figure that misses its target
is reported, not hidden: the suite exits 0 unless it could not run. The figures are saved
in `data/bench/results-<size>.json`; `--only` re-runs some entries and keeps the others'.

To add a benchmark, write a function `(Ctx) -> list[Figure]` and append a `Bench` to
`BENCHES`; `Ctx` holds the workspace, the dataset's `Source` and its default period.
Helpers that must run in a fresh process (clean memory and caches) are `child` tasks.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(HERE)]

DATASET = "bench"
GiB = 1024**3
# Large inputs are the point here: lift the upload limits for the bench processes only.
BENCH_ENV = {"SIYU_MAX_FILE_MB": "100000", "SIYU_MAX_ROWS": "1000000000", "SIYU_AUTO_DEMO": "0"}
REFERENCE_SQL = (
    "select user_id, min(ordered_at), count(*), sum(amount) from orders group by user_id"
)


# ---- results ----------------------------------------------------------------------------------


@dataclass
class Figure:
    """One measured figure: `value` against `target`; `ok` None when there is no target."""

    section: str
    name: str
    value: str
    target: str = ""
    ok: bool | None = None
    note: str = ""


@dataclass
class Ctx:
    args: argparse.Namespace
    data: Path  # the generated CSV files
    ws_root: Path  # the bench workspace
    scratch: Path
    build: dict[str, Any] = field(default_factory=dict)  # how the workspace was built
    notes: dict[str, str] = field(default_factory=dict)  # free text per section
    _source: Any = None

    @property
    def source(self):
        if self._source is None:
            from siyu.workspace import Workspace

            self._source = Workspace(self.ws_root).source(DATASET)
        return self._source

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        from siyu.metrics import default_period

        return default_period(self.source)

    def csv(self, table: str) -> Path:
        return self.data / f"{table}.csv"


@dataclass
class Bench:
    key: str
    title: str
    run: Callable[[Ctx], list[Figure]]


def median_of(fn: Callable[[], Any], runs: int, slow: float = 60.0) -> tuple[float, Any, int]:
    """(median seconds, last result, runs made); a run slower than `slow` s ends the series."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
        if times[-1] > slow:
            break
    return statistics.median(times), result, len(times)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def secs(x: float) -> str:
    if x != x:  # nan: nothing was measured
        return "—"
    return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def proc_hwm(pid: int) -> int:
    """Peak resident memory (VmHWM) of a running process, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


# ---- child tasks (run in a fresh process: `bench.py --child NAME '{json}'`) -------------------


def child(task: str, limit: float = 3600, **kwargs: Any) -> dict[str, Any]:
    env = {**os.environ, **BENCH_ENV}
    cmd = [sys.executable, __file__, "--child", task, json.dumps(kwargs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=limit, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"child {task} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def task_import_siyu(csv: str, ws: str, dataset: str, table: str) -> dict[str, Any]:
    from siyu.importer import FileRequest, import_files
    from siyu.workspace import Workspace

    started = time.perf_counter()
    report = import_files(
        Workspace(ws), dataset, [FileRequest(data=Path(csv), filename=Path(csv).name, kind=table)]
    )
    return {
        "seconds": time.perf_counter() - started,
        "rows": report.accepted,
        "rejected": report.rejected,
        "rss": peak_rss_bytes(),
    }


def task_import_duckdb(csv: str, db: str) -> dict[str, Any]:
    import duckdb

    from siyu.config import settings

    Path(db).unlink(missing_ok=True)
    started = time.perf_counter()
    con = duckdb.connect(db, config={"threads": settings().duckdb_threads})
    con.execute("create table orders as select * from read_csv($p)", {"p": csv})
    rows = con.execute("select count(*) from orders").fetchone()[0]
    con.close()
    seconds = time.perf_counter() - started
    Path(db).unlink(missing_ok=True)
    return {"seconds": seconds, "rows": rows, "rss": peak_rss_bytes()}


def task_pages(ws: str, dataset: str, runs: int, timeout: float) -> dict[str, Any]:
    """Each page's AppTest render, cold (caches cleared) and warm (a rerun), `runs` times.

    A page whose cold render takes over 20 s is measured once. After the warm runs, one more
    warm rerun with the download files not generated (`siyu.exports` stubbed) shows what
    building the CSV/XLSX downloads on every render costs.
    """
    os.environ["SIYU_WORKSPACE"] = ws
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from siyu import exports
    from siyu.db import EXECUTIONS
    from siyu.web.pages import PAGES

    app = str(ROOT / "app.py")
    real = exports.to_csv_bytes, exports.to_xlsx_bytes
    out: dict[str, Any] = {}
    for path in [p.path for p in PAGES]:
        cold, warm, sql_warm, errors, bare = [], [], [], [], None
        for _ in range(runs):
            st.cache_data.clear()
            at = AppTest.from_file(app, default_timeout=timeout)
            at.query_params["dataset"] = dataset
            try:
                if path != "app.py":
                    at.run()
                    st.cache_data.clear()
                    at.switch_page(path)
                started = time.perf_counter()
                at.run()
                cold.append(time.perf_counter() - started)
                before = EXECUTIONS["count"]
                started = time.perf_counter()
                at.run()
                warm.append(time.perf_counter() - started)
                sql_warm.append(EXECUTIONS["count"] - before)
                errors += [str(e.value)[:300] for e in at.exception]
                exports.to_csv_bytes = exports.to_xlsx_bytes = lambda *a, **k: b""
                try:
                    started = time.perf_counter()
                    at.run()
                    bare = time.perf_counter() - started
                finally:
                    exports.to_csv_bytes, exports.to_xlsx_bytes = real
            except RuntimeError as exc:  # AppTest's timeout
                errors.append(f"timed out after {timeout:.0f} s: {exc}"[:300])
                if not cold:
                    cold.append(timeout)
                else:
                    warm.append(timeout)
                break
            if cold[-1] > 20:
                break
        out[path] = {
            "cold": cold,
            "warm": warm or [timeout],
            "sql_warm": sql_warm or [0],
            "errors": errors,
            "bare": bare,
        }
    out["rss"] = peak_rss_bytes()
    return out


CHILD_TASKS: dict[str, Callable[..., dict[str, Any]]] = {
    "import_siyu": task_import_siyu,
    "import_duckdb": task_import_duckdb,
    "pages": task_pages,
}


# ---- data and workspace -----------------------------------------------------------------------


def ensure_data(ctx: Ctx) -> list[Figure]:
    done = ctx.data / ".done"
    if done.exists():
        info = json.loads(done.read_text())
        return [
            Figure(
                "data",
                "generate the dataset (cached)",
                f"{info['seconds']:.1f} s when generated",
                note=info["rows"],
            )
        ]
    from siyu.sample import generate

    shutil.rmtree(ctx.data, ignore_errors=True)
    ctx.data.mkdir(parents=True)
    started = time.perf_counter()
    paths = generate(
        ctx.data,
        members=ctx.args.members,
        orders_per_member=ctx.args.orders_per_member,
        activity_per_member=ctx.args.activity_per_member,
    )
    seconds = time.perf_counter() - started
    rows = ", ".join(f"{t} {_lines(p) - 1:,}" for t, p in paths.items())
    done.write_text(json.dumps({"seconds": seconds, "rows": rows}))
    return [Figure("data", "generate the dataset", f"{seconds:.1f} s", note=rows)]


def _lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 24), b""))


def ensure_workspace(ctx: Ctx) -> list[Figure]:
    """The bench workspace: dataset `bench` with all four tables, imported through Siyu."""
    done = ctx.ws_root / ".bench-done"
    if done.exists():
        ctx.build = json.loads(done.read_text()) | {"fresh": False}
        return [Figure("data", "bench workspace (cached)", "imported earlier", note=_built(ctx))]
    shutil.rmtree(ctx.ws_root, ignore_errors=True)
    ctx.ws_root.mkdir(parents=True)
    for table in ("orders", "members", "activity", "groups"):
        r = child(
            "import_siyu",
            csv=str(ctx.csv(table)),
            ws=str(ctx.ws_root),
            dataset=DATASET,
            table=table,
        )
        ctx.build[table] = r
        print(f"  imported {table}: {r['rows']:,} rows in {r['seconds']:.1f} s", flush=True)
    ctx.build["fresh"] = True
    done.write_text(json.dumps(ctx.build))
    return [Figure("data", "bench workspace imported", "", note=_built(ctx))]


def _built(ctx: Ctx) -> str:
    return ", ".join(
        f"{t} {r['rows']:,} rows in {r['seconds']:.0f} s"
        for t, r in ctx.build.items()
        if isinstance(r, dict)
    )


# ---- 1. import ----------------------------------------------------------------------------------


def bench_import(ctx: Ctx) -> list[Figure]:
    csv = ctx.csv("orders")
    size = csv.stat().st_size / 1e6
    bare = [
        child("import_duckdb", csv=str(csv), db=str(ctx.scratch / "bare.duckdb"))
        for _ in range(ctx.args.runs)
    ]
    bare_s = statistics.median(r["seconds"] for r in bare)
    # Siyu's import: the run that built the workspace counts; more runs while they are quick.
    runs = []
    if ctx.build.get("fresh"):
        runs.append(ctx.build["orders"])
    while len(runs) < ctx.args.runs:
        ws = ctx.scratch / "import-ws"
        shutil.rmtree(ws, ignore_errors=True)
        runs.append(
            child("import_siyu", csv=str(csv), ws=str(ws), dataset="orders", table="orders")
        )
        shutil.rmtree(ws, ignore_errors=True)
        if runs[-1]["seconds"] > 90:
            break
    siyu_s = statistics.median(r["seconds"] for r in runs)
    ratio = siyu_s / bare_s
    rows = runs[-1]["rows"]
    return [
        Figure(
            "import",
            f"DuckDB `create table … as select * from read_csv(…)` ({size:.0f} MB, file database)",
            secs(bare_s),
            note=f"{bare[-1]['rows']:,} rows, median of {len(bare)}, "
            f"peak RSS {bare[-1]['rss'] / GiB:.2f} GiB",
        ),
        Figure(
            "import",
            "Siyu `importer.import_files` of the same file, base layer built",
            secs(siyu_s),
            note=f"{rows:,} rows ({runs[-1]['rejected']:,} rejected), median of {len(runs)}, "
            f"peak RSS {max(r['rss'] for r in runs) / GiB:.2f} GiB, "
            f"{rows / siyu_s / 1e3:,.0f} k rows/s",
        ),
        Figure("import", "ratio Siyu / DuckDB", f"{ratio:.2f}×", "≤ 1.5×", ratio <= 1.5),
    ]


# ---- 2. every metric against the reference scan ------------------------------------------------


def metric_args(ctx: Ctx) -> dict[str, dict[str, Any]]:
    """Options a metric cannot do without (no default), taken from the data itself."""
    from siyu import metrics

    start, end = ctx.period
    src = ctx.source
    inviters = metrics.METRICS["leaderboard_inviters"](src, start, end)
    top = str(inviters["user_id"].iloc[0]) if len(inviters) else "U0000001"
    cohorts = metrics.METRICS["cohort_retention"](src, start, end)
    first = cohorts["cohort"].iloc[0] if len(cohorts) else start
    events = list(metrics.METRICS["funnel_events"](src, start, end)["event"])
    kinds = [e for e in events if e not in ("join", "order")]
    steps = ",".join(e for e in ("join", *kinds[:1], "order") if e in events)  # the page's
    return {
        "event_funnel": {"steps": steps},
        "event_funnel_trend": {"steps": steps},
        "event_funnel_dropped": {"steps": steps},
        "invitation_tree": {"inviter": top},
        "invitation_levels": {"inviter": top},
        "retention_members": {"cohort": first, "period": 1},
    }


REFERENCE_PROCESS = """
import sys, duckdb, pandas
con = duckdb.connect(config={"threads": int(sys.argv[2])})
con.execute(
    "select user_id, min(ordered_at), count(*), sum(amount) from read_parquet($p) group by user_id",
    {"p": sys.argv[1]},
).df()
"""


def _timed_process(cmd: list[str], env: dict[str, str]) -> tuple[float, str, str]:
    started = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    took = time.perf_counter() - started
    if p.returncode != 0:
        raise RuntimeError((p.stderr or p.stdout).strip().splitlines()[-1][:200])
    return took, p.stdout, p.stderr


def bench_metrics(ctx: Ctx) -> list[Figure]:
    """Each metric as a whole `python -m siyu metric …` process against the reference scan as
    a whole process (interpreter start, imports, reading the snapshot, the answer printed)."""
    from siyu import db, metrics
    from siyu.config import settings
    from tests.helpers import read_sql

    src, (start, end) = ctx.source, ctx.period
    env = {**os.environ, **BENCH_ENV, "SIYU_WORKSPACE": str(ctx.ws_root)}
    threads = str(settings().duckdb_threads)
    ref_cmd = [sys.executable, "-c", REFERENCE_PROCESS, str(src.tables["orders"]), threads]
    _timed_process(ref_cmd, env)  # the snapshot into the page cache, as for every metric
    ref_s, _, _ = median_of(lambda: _timed_process(ref_cmd, env), ctx.args.runs)
    in_ref_s, ref, _ = median_of(lambda: read_sql(src, REFERENCE_SQL), ctx.args.runs)
    figures = [
        Figure(
            "metrics",
            "reference scan (orders grouped by user_id) as a whole process",
            secs(ref_s),
            note=f"{len(ref):,} rows, median of {ctx.args.runs}; in-process {secs(in_ref_s)}",
        )
    ]
    extra = metric_args(ctx)
    for name, fn in metrics.METRICS.items():
        opts = extra.get(name, {})
        absent = [t for t in getattr(fn, "requires", ("orders",)) if not src.has(t)]
        if absent:  # the bench data has no such file: nothing to time, not a miss
            figures.append(
                Figure("metrics", f"`{name}`", "n/a", "≤ 3×", None, f"needs {', '.join(absent)}")
            )
            continue
        cmd = [sys.executable, "-m", "siyu", "metric", name, "--dataset", DATASET,
               "--start", start.isoformat(), "--end", end.isoformat()]  # fmt: skip
        for k, v in opts.items():
            cmd += ["--set", f"{k}={v}"]
        try:
            took, _, _ = median_of(lambda cmd=cmd: _timed_process(cmd, env), ctx.args.runs, slow=20)

            def in_process(fn=fn, opts=opts):
                db._MEMO.clear()  # cold: the per-process memo of small answers would answer
                return fn(src, start, end, **opts)

            t_in, result, _ = median_of(in_process, ctx.args.runs, slow=10)
        except Exception as exc:
            figures.append(Figure("metrics", f"`{name}`", "error", "≤ 3×", False, repr(exc)[:200]))
            continue
        ratio = took / ref_s
        label = ", ".join(f"{k}={v}" for k, v in opts.items())
        figures.append(
            Figure(
                "metrics",
                f"`{name}`" + (f" ({label})" if label else ""),
                f"{secs(took)} = {ratio:.1f}×",
                "≤ 3×",
                ratio <= 3,
                f"{len(result):,} rows; in-process {secs(t_in)}",
            )
        )
    return figures


# The slowest metrics on DuckDB (BENCHMARKS.md), run on chdb too (issue 23).
ENGINE_METRICS = ("kpi_cards", "leaderboard_groups", "whatif", "layer_members", "retention")


def bench_engines(ctx: Ctx) -> list[Figure]:
    """The slow metrics in-process on DuckDB and on chdb (ClickHouse embedded), same dataset.

    Both read the same snapshot files and built base-layer files. A figure, no target: on
    one 2-core machine this measures the engines, not a cluster. The results must be equal
    (the run fails otherwise); the memo of small answers is cleared before every run.
    """
    try:
        import chdb  # noqa: F401
    except ImportError:
        return [Figure("engines", "chdb", "n/a", note="pip install -r requirements-clickhouse.txt")]
    import pandas as pd

    from siyu import db, metrics

    src, (start, end) = ctx.source, ctx.period
    extra = metric_args(ctx)
    figures = []
    for name in ENGINE_METRICS:
        fn, opts = metrics.METRICS[name], extra.get(name, {})
        took, frames = {}, {}
        for engine in ("duckdb", "chdb"):
            os.environ["SIYU_ENGINE"] = engine

            def run(fn=fn, opts=opts):
                db._MEMO.clear()
                return fn(src, start, end, **opts)

            try:
                run()  # a warm-up: files into the page cache, the translation cached
                took[engine], frames[engine], _ = median_of(run, ctx.args.runs, slow=60)
            except Exception as exc:
                took[engine] = float("nan")
                frames[engine] = repr(exc)[:200]
            finally:
                os.environ.pop("SIYU_ENGINE", None)
        same = isinstance(frames["chdb"], pd.DataFrame) and isinstance(
            frames["duckdb"], pd.DataFrame
        )
        if same:
            pd.testing.assert_frame_equal(
                frames["duckdb"].reset_index(drop=True),
                frames["chdb"].reset_index(drop=True),
                check_exact=False,
                rtol=1e-9,
            )
        ratio = took["chdb"] / took["duckdb"] if took["duckdb"] else float("nan")
        figures.append(
            Figure(
                "engines",
                f"`{name}` DuckDB → chdb",
                f"{secs(took['duckdb'])} → {secs(took['chdb'])} ({ratio:.1f}×)",
                note="same frame" if same else f"chdb: {frames['chdb']}",
            )
        )
    return figures


# ---- 3. three metrics against pandas ------------------------------------------------------------


def bench_pandas(ctx: Ctx) -> list[Figure]:
    import pandas_ref as pr

    from siyu import db, metrics

    src, (start, end) = ctx.source, ctx.period
    last = metrics.last_data_day(src)
    started = time.perf_counter()
    frames = pr.load(dict(src.tables), pr.NEEDS)
    load_s = time.perf_counter() - started
    cases = [
        (
            "KPIs (`kpis`)",
            lambda: metrics.METRICS["kpis"](src, start, end),
            lambda: pr.kpis(frames, start, end, last),
        ),
        (
            "weekly first-order retention (`retention`, cohort_by=first_order, grain=week)",
            lambda: metrics.METRICS["retention"](
                src, start, end, cohort_by="first_order", grain="week"
            ),
            lambda: pr.retention_weekly_first_order(frames, start, end, last),
        ),
        (
            "RFM (`rfm`)",
            lambda: metrics.METRICS["rfm"](src, start, end),
            lambda: pr.rfm(frames, start, end),
        ),
    ]
    figures = [
        Figure(
            "pandas",
            "pandas: reading the needed columns of the Parquet snapshot",
            secs(load_s),
            note="once, shared by the three; not in the in-memory figures",
        )
    ]
    for title, siyu_fn, pandas_fn in cases:

        def cold(siyu_fn=siyu_fn):
            db._MEMO.clear()  # the per-process memo of small answers would answer instead
            return siyu_fn()

        siyu_s, ours, _ = median_of(cold, ctx.args.runs)
        pandas_s, theirs, n = median_of(pandas_fn, ctx.args.runs, slow=20)
        diffs = pr.same(ours, theirs)
        speed = pandas_s / siyu_s
        speed_io = (pandas_s + load_s) / siyu_s
        figures += [
            Figure(
                "pandas",
                title + ": results equal",
                "equal" if not diffs else f"{len(diffs)} differences",
                "equal",
                not diffs,
                "; ".join(diffs[:3]),
            ),
            Figure(
                "pandas",
                title + ": Siyu vs pandas on frames in memory",
                f"{secs(siyu_s)} vs {secs(pandas_s)} = {speed:.1f}× faster",
                "≥ 10×",
                speed >= 10,
                f"pandas median of {n}",
            ),
            Figure(
                "pandas",
                title + ": Siyu vs pandas reading the snapshot",
                f"{secs(siyu_s)} vs {secs(pandas_s + load_s)} = {speed_io:.1f}× faster",
                "≥ 10×",
                speed_io >= 10,
            ),
        ]
        if diffs:
            print("\n".join(diffs[:20]), file=sys.stderr)
    return figures


# ---- 4. AppTest renders of every page -----------------------------------------------------------


def bench_pages(ctx: Ctx) -> list[Figure]:
    r = child("pages", ws=str(ctx.ws_root), dataset=DATASET, runs=ctx.args.runs, timeout=150.0)
    figures = []
    for path, v in r.items():
        if path == "rss":
            continue
        cold, warm = statistics.median(v["cold"]), statistics.median(v["warm"])
        n = "" if len(v["cold"]) == ctx.args.runs else f"{len(v['cold'])} run; "
        note = f"{n}warm rerun ran {max(v['sql_warm'])} queries"
        if v["bare"] is not None:
            note += f"; {secs(v['bare'])} without building the downloads"
        if v["errors"]:
            note += "; errors: " + " | ".join(v["errors"][:2])
        figures += [
            Figure("pages", f"`{path}` cold", secs(cold), "< 5 s", cold < 5 and not v["errors"]),
            Figure("pages", f"`{path}` warm", secs(warm), "< 0.5 s", warm < 0.5, note),
        ]
    figures.append(Figure("pages", "peak RSS of the AppTest process", f"{r['rss'] / GiB:.2f} GiB"))
    return figures


# ---- 5. a real server: memory, and 16 sessions during an import ---------------------------------


def _server(ctx: Ctx, **env: str):
    from tests.e2e.conftest import Server

    saved = dict(os.environ)
    os.environ.update(BENCH_ENV | env)
    try:
        srv = Server(ctx.ws_root)
        srv.log = ctx.scratch / f"server-{srv.port}.log"
        srv.start()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return srv


def _slug(path: str) -> str:
    return "" if path == "app.py" else Path(path).stem


def _browse_all_pages(url: str) -> tuple[list[tuple[str, float, str]], float]:
    """Open every page in Chromium; [(page, seconds, error)], seconds overall."""
    from playwright.sync_api import sync_playwright

    from siyu.web.pages import PAGES

    chromium = os.environ.get("SIYU_CHROMIUM", "/usr/bin/chromium")
    out = []
    begun = time.perf_counter()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for path in [p.path for p in PAGES]:
            started = time.perf_counter()
            error = ""
            try:
                page.goto(f"{url}/{_slug(path)}?dataset={DATASET}", timeout=240_000)
                _settle(page)
                exc = page.locator('[data-testid="stException"]')
                if exc.count():
                    error = exc.first.inner_text()[:300]
            except Exception as e:
                error = repr(e)[:300]
            out.append((path, time.perf_counter() - started, error))
        browser.close()
    return out, time.perf_counter() - begun


def _settle(page, timeout: float = 240.0) -> None:
    """Wait until the page's script run is over: the app reports `notRunning` for a second."""
    done = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    deadline = time.monotonic() + timeout
    idle = 0
    while time.monotonic() < deadline:
        idle = idle + 1 if page.locator(done).count() else 0
        if idle >= 4:
            page.wait_for_selector('[data-testid="stMain"] h1', timeout=10_000)
            return
        page.wait_for_timeout(250)
    raise TimeoutError(f"the page was still running after {timeout:.0f} s")


def bench_memory(ctx: Ctx) -> list[Figure]:
    figures = []
    for label, env, target in (
        ("default settings (memory_limit 4GB)", {}, 4 * GiB),
        ("SIYU_DUCKDB_MEMORY_LIMIT=1GB", {"SIYU_DUCKDB_MEMORY_LIMIT": "1GB"}, None),
    ):
        srv = _server(ctx, **env)
        try:
            pages, total = _browse_all_pages(srv.url)
            hwm = proc_hwm(srv.proc.pid)
        finally:
            srv.stop()
        errors = [f"{p}: {e}" for p, _, e in pages if e]
        slowest = max(pages, key=lambda x: x[1])
        figures.append(
            Figure(
                "memory",
                f"`streamlit run`, every page in Chromium, {label}: pages rendered",
                f"{len(pages) - len(errors)} of {len(pages)}",
                "all",
                not errors,
                f"{total:.0f} s in all, slowest {slowest[0]} {slowest[1]:.1f} s"
                + ("; " + " | ".join(errors[:3]) if errors else ""),
            )
        )
        figures.append(
            Figure(
                "memory",
                f"`streamlit run`, {label}: peak RSS of the server",
                f"{hwm / GiB:.2f} GiB",
                "< 4 GiB" if target else "",
                hwm < target if target else None,
            )
        )
    return figures


def _render_seconds(browser, url: str, timeout: float = 120.0, context=None) -> tuple[float, str]:
    """A visitor opens `url` in a new tab: seconds until the page's run is over, and any
    error shown.

    Without `context` a fresh browser context (no cache, no cookies) is a first-time visitor;
    with one, a visitor whose browser already holds Streamlit's static files. Each tab is a
    new Streamlit session. The run is over at the first moment the page has its title and
    the app reports `notRunning`, confirmed by a second of quiet (not counted) so a rerun
    right after does not end the wait early.
    """
    done = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    own = context is None
    if own:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        started = time.perf_counter()
        page.goto(url, timeout=timeout * 1000, wait_until="commit")
        deadline = started + timeout
        finished = None
        while time.perf_counter() < deadline:
            idle = page.locator(done).count() and page.locator('[data-testid="stMain"] h1').count()
            now = time.perf_counter()
            if idle and finished is None:
                finished = now
            elif not idle:
                finished = None
            if finished is not None and now - finished >= 1.0:
                exc = page.locator('[data-testid="stException"]')
                error = exc.first.inner_text()[:300] if exc.count() else ""
                return finished - started, error
            page.wait_for_timeout(25)
        return float("nan"), f"still running after {timeout:.0f} s"
    finally:
        page.close()
        if own:
            context.close()


def bench_browser(ctx: Ctx) -> list[Figure]:
    """Every page in Debian's Chromium against `streamlit run`: the first visitor after the
    server starts (cold: nothing cached) and a second visitor (warm)."""
    from playwright.sync_api import sync_playwright

    from siyu.web.pages import PAGES

    chromium = os.environ.get("SIYU_CHROMIUM", "/usr/bin/chromium")
    figures = []
    srv = _server(ctx)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium, headless=True, args=["--no-sandbox"]
            )
            for path in [p.path for p in PAGES]:
                url = f"{srv.url}/{_slug(path)}?dataset={DATASET}"
                cold, cold_err = _render_seconds(browser, url)
                first, first_err = _render_seconds(browser, url)
                known = browser.new_context(viewport={"width": 1400, "height": 1000})
                try:
                    _render_seconds(browser, f"{srv.url}/?dataset={DATASET}", context=known)
                    warm, warm_err = _render_seconds(browser, url, context=known)
                finally:
                    known.close()
                figures += [
                    Figure(
                        "browser", f"`{path}` cold", secs(cold), "≤ 3 s",
                        cold <= 3 and not cold_err, cold_err,
                    ),
                    Figure(
                        "browser", f"`{path}` warm (a second visitor)", secs(warm), "≤ 1 s",
                        warm <= 1 and not warm_err,
                        warm_err or "a teammate who has opened Siyu before: Streamlit's "
                        "static files in the browser cache, a new session",
                    ),
                    Figure(
                        "browser", f"`{path}` warm, first-time visitor (empty browser cache)",
                        secs(first), "", None,
                        first_err or "includes loading Streamlit's frontend (several MB of "
                        "JavaScript) into a browser that has never seen it",
                    ),
                ]  # fmt: skip
            browser.close()
        hwm = proc_hwm(srv.proc.pid)
    finally:
        srv.stop()
    figures.append(Figure("browser", "peak RSS of the server", f"{hwm / GiB:.2f} GiB"))
    return figures


def bench_concurrency(ctx: Ctx) -> list[Figure]:
    from stclient import Session

    from siyu.web.pages import PAGES

    sessions, rounds = ctx.args.sessions, 2
    pages = [_slug(p.path) for p in PAGES]
    srv = _server(ctx)
    stop = threading.Event()
    imports: list[tuple[int, float]] = []

    def import_loop() -> None:
        env = {**os.environ, **BENCH_ENV, "SIYU_WORKSPACE": str(ctx.ws_root)}
        first = True
        while not stop.is_set():
            cmd = [sys.executable, "-m", "siyu", "import", str(ctx.csv("members")),
                   "--dataset", "bench-concurrent", "--table", "members"]  # fmt: skip
            if not first:
                cmd.append("--replace")
            started = time.perf_counter()
            p = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
            imports.append((p.returncode, time.perf_counter() - started))
            if p.returncode != 0:
                print(p.stderr[-2000:], file=sys.stderr)
            first = False

    query = f"dataset={DATASET}"
    deadline = 0.0

    async def one(i: int) -> list[Any]:
        order = pages[i % len(pages) :] + pages[: i % len(pages)]
        done = []
        try:
            async with Session(srv.url) as s:
                for r in range(rounds):
                    for page in order:
                        left = deadline - time.perf_counter()
                        if left <= 0:
                            return done
                        res = await s.render(page, query, timeout=left)
                        done.append((r, res))
                        if res.status == "TIMEOUT":
                            return done
        except Exception as exc:
            done.append((-1, exc))
        return done

    async def everyone() -> list[list[Any]]:
        return await asyncio.gather(*(one(i) for i in range(sessions)))

    importer = threading.Thread(target=import_loop, daemon=True)
    importer.start()
    time.sleep(2)  # the import is under way when the sessions start
    started = time.perf_counter()
    deadline = started + ctx.args.window
    try:
        results = asyncio.run(everyone())
        wall = time.perf_counter() - started
        hwm = proc_hwm(srv.proc.pid)
    finally:
        stop.set()
        importer.join()
        srv.stop()
        _delete_dataset(ctx, "bench-concurrent")
    renders = [(r, res) for sess in results for r, res in sess]
    done = [(r, x) for r, x in renders if not isinstance(x, Exception) and x.status != "TIMEOUT"]
    cut = [x for _, x in renders if not isinstance(x, Exception) and x.status == "TIMEOUT"]
    errors = [
        x if isinstance(x, Exception) else f"{x.page}: {x.status} {x.exceptions[:1]}"
        for _, x in renders
        if isinstance(x, Exception) or (x.status != "TIMEOUT" and not x.ok)
    ]
    times = [x.seconds for _, x in done]
    first = [x.seconds for r, x in done if r == 0]
    later = [x.seconds for r, x in done if r > 0]
    failed_imports = [c for c, _ in imports if c != 0]
    planned = sessions * len(pages) * rounds
    by_page: dict[str, list[float]] = {}
    for _, x in done:
        by_page.setdefault(x.page, []).append(x.seconds)
    slowest = sorted(((statistics.median(v), k) for k, v in by_page.items()), reverse=True)[:3]
    return [
        Figure(
            "concurrency",
            f"{sessions} sessions × {len(pages)} pages × {rounds} rounds while imports run: errors",
            f"{len(errors)} of {len(done) + len(errors)} renders",
            "0",
            not errors and not failed_imports,
            f"{len(imports)} imports of {ctx.csv('members').name} (1 table, "
            f"{ctx.args.members:,} rows) ran meanwhile, {len(failed_imports)} failed"
            + ("; " + " | ".join(map(str, errors[:3])) if errors else ""),
        ),
        Figure(
            "concurrency",
            f"renders finished within the {ctx.args.window:.0f} s window",
            f"{len(done)} of {planned}",
            f"{planned}",
            len(done) == planned,
            f"{len(cut)} cut off at the end of the window; {wall:.0f} s in all",
        ),
        Figure(
            "concurrency",
            "render time p50 / p95, all finished renders",
            f"{secs(pct(times, 0.5))} / {secs(pct(times, 0.95))}",
            "p95 ≤ 5 s",
            bool(times) and pct(times, 0.95) <= 5,
            "slowest pages (median): " + ", ".join(f"{k} {secs(v)}" for v, k in slowest),
        ),
        Figure(
            "concurrency",
            "render time p50 / p95, first round (cold cache)",
            f"{secs(pct(first, 0.5))} / {secs(pct(first, 0.95))}",
            note=f"{len(first)} renders",
        ),
        Figure(
            "concurrency",
            "render time p50 / p95, second round (warm cache)",
            f"{secs(pct(later, 0.5))} / {secs(pct(later, 0.95))}",
            note=f"{len(later)} renders",
        ),
        Figure(
            "concurrency",
            "peak RSS of the server",
            f"{hwm / GiB:.2f} GiB",
            "≤ 4 GiB",
            hwm <= 4 * GiB,
        ),
    ]


def _delete_dataset(ctx: Ctx, name: str) -> None:
    from siyu.workspace import Workspace, WorkspaceError

    with contextlib.suppress(WorkspaceError):
        Workspace(ctx.ws_root).delete(name)
    shutil.rmtree(ctx.ws_root / "trash", ignore_errors=True)
    (ctx.ws_root / "trash").mkdir(exist_ok=True)


# ---- 6. scale-out and what-if (their own scripts) -----------------------------------------------


def bench_scaleout(ctx: Ctx) -> list[Figure]:
    test = ROOT / "tests" / "integration" / "test_replicas.py"
    started = time.perf_counter()
    env = {**os.environ, "SIYU_SCALEOUT": "1"}
    p = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    summary = (p.stdout.strip().splitlines() or ["no output"])[-1]
    return [
        Figure(
            "scaleout",
            "two replicas behind nginx (tests/integration/test_replicas.py, demo dataset)",
            summary,
            "pass",
            p.returncode == 0,
            f"{time.perf_counter() - started:.0f} s",
        )
    ]


def bench_whatif(ctx: Ctx) -> list[Figure]:
    """`tests/bench/bench_whatif.py` (slider moves on the What-if page) on the large dataset."""
    script = HERE / "bench_whatif.py"
    if not script.exists():
        return [Figure("whatif", "tests/bench/bench_whatif.py", "not present")]
    env = {**os.environ, **BENCH_ENV}
    cmd = [sys.executable, str(script), "--workspace", str(ctx.ws_root), "--moves", "10", "--json"]
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    if p.returncode != 0:
        return [Figure("whatif", "slider moves", "could not run", "runs", False, p.stderr[-300:])]
    r = json.loads(p.stdout.strip().splitlines()[-1])
    return [
        Figure(
            "whatif",
            f"What-if page: a slider move re-renders (AppTest, median of {r['moves']})",
            f"{secs(r['median_s'])} (worst {secs(r['max_s'])})",
            f"< {r['target_s']} s",
            r["median_s"] < r["target_s"],
        ),
        Figure(
            "whatif",
            "SQL run during the moves",
            str(r["sql_during_moves"]),
            "0",
            r["sql_during_moves"] == 0,
        ),
    ]


def bench_clv(ctx: Ctx) -> list[Figure]:
    """Lifetime value on `--members` simulated buyers (tests/bench/bench_clv.py: orders drawn
    from BG/NBD and Gamma-Gamma with the CDNOW parameters, imported through Siyu and cached
    under `data/bench/clv-N/`): the fit and the per-person table in one process, cold."""
    import bench_clv as sim

    from siyu.metrics import clv as C
    from siyu.workspace import Workspace

    n = ctx.args.members
    root = ctx.args.dir / f"clv-{n}"
    done = root / ".done"
    if not done.exists():
        shutil.rmtree(root, ignore_errors=True)
        started = time.perf_counter()
        rows = sim.write_orders(root / "orders.csv", n)
        made = time.perf_counter() - started
        r = child(
            "import_siyu", csv=str(root / "orders.csv"), ws=str(root / "ws"), dataset="clv",
            table="orders",
        )  # fmt: skip
        (root / "orders.csv").unlink()
        done.write_text(json.dumps({"rows": rows, "generate": made, "import": r["seconds"]}))
    info = json.loads(done.read_text())
    src = Workspace(root / "ws").source("clv")
    cal, end = sim.calibration_end(), sim.last_day()
    opts = {"calibration_end": cal, "unit": "week", "horizon": 52}
    runs = ctx.args.runs

    def cold(fn: Callable[[], Any]) -> Callable[[], Any]:
        def run() -> Any:
            C._FITS.clear()  # no fit kept from the run before
            return fn()

        return run

    t_people, people, made = median_of(cold(lambda: C.clv(src, end, end, **opts)), runs)
    t_model, model, _ = median_of(
        cold(lambda: C.clv_model(src, end, end, calibration_end=cal, unit="week")), runs
    )
    t_sql, summaries, _ = median_of(lambda: C.summaries(src, cal, "week"), runs)
    t_fit, _, _ = median_of(lambda: C.fit_summaries(summaries, cal, "week"), runs)
    from siyu.lifetime import aggregate

    distinct = len(aggregate(summaries["frequency"], summaries["recency"], summaries["age"])[0])
    values = dict(zip(model["parameter"], model["value"], strict=True))
    truth = {**sim.PARAMETERS, **sim.SPEND}
    recovered = ", ".join(f"{k} {values[k]:.3f} ({v:g})" for k, v in truth.items())
    env = {**os.environ, **BENCH_ENV, "SIYU_WORKSPACE": str(root / "ws")}
    cmd = [sys.executable, "-m", "siyu", "metric", "clv", "--dataset", "clv",
           "--start", str(end), "--end", str(end)]  # fmt: skip
    cmd += [f"--set={k}={v}" for k, v in opts.items()]

    def whole() -> None:
        p = subprocess.run(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT
        )
        if p.returncode != 0:
            raise RuntimeError(p.stderr.decode()[-300:])

    t_cli, _, _ = median_of(whole, runs)
    buyers = f"{len(people):,} buyers"
    return [
        Figure(
            "clv",
            "simulated orders imported through Siyu (cached)",
            f"{info['rows']:,} orders",
            note=f"{n:,} buyers, 78 weeks; generated in {info['generate']:.0f} s, imported in "
            f"{info['import']:.0f} s",
        ),
        Figure(
            "clv",
            "`clv`: fit and per-person table, cold (in-process)",
            secs(t_people),
            "≤ 10 s",
            t_people <= 10,
            f"{buyers}, horizon 52 weeks, tier and RFM segment joined; median of {made}",
        ),
        Figure("clv", "`clv_model`: summaries and both fits, cold", secs(t_model), note=buyers),
        Figure("clv", "per-buyer summaries in SQL (clv_people)", secs(t_sql), note=buyers),
        Figure(
            "clv",
            "BG/NBD and Gamma-Gamma fits on the summaries",
            secs(t_fit),
            note=f"{distinct:,} distinct (frequency, recency, T); "
            f"{values['repeat_customers']:,} repeat buyers",
        ),
        Figure(
            "clv",
            "`python -m siyu metric clv` as a whole process (CSV of every buyer)",
            secs(t_cli),
            note=buyers,
        ),
        Figure("clv", "parameters recovered (simulated with)", recovered),
    ]


BENCHES: list[Bench] = [
    Bench("import", "Import of the orders CSV", bench_import),
    Bench("metrics", "Every metric against the reference scan", bench_metrics),
    Bench("engines", "The slow metrics on DuckDB and on chdb (ClickHouse)", bench_engines),
    Bench("pandas", "Three metrics against pandas", bench_pandas),
    Bench("browser", "Every page in Chromium, cold and warm", bench_browser),
    Bench("pages", "Page renders (AppTest)", bench_pages),
    Bench("memory", "Memory of a server serving every page", bench_memory),
    Bench("concurrency", "Concurrent sessions during an import", bench_concurrency),
    Bench("whatif", "What-if simulation", bench_whatif),
    Bench("clv", "Lifetime value (BG/NBD and Gamma-Gamma)", bench_clv),
    Bench("scaleout", "Scale-out: two replicas behind nginx", bench_scaleout),
]


# ---- report -------------------------------------------------------------------------------------


def machine() -> list[str]:
    import duckdb
    import pandas
    import plotly
    import pyarrow
    import streamlit

    mem = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem = int(line.split()[1]) * 1024
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    from siyu.config import settings

    s = settings()
    return [
        f"- Machine: {os.cpu_count()} cores ({cpu}), {mem / GiB:.1f} GiB memory, "
        f"{platform.system()} {platform.release()}",
        f"- Versions: Python {platform.python_version()}, DuckDB {duckdb.__version__}, "
        f"Streamlit {streamlit.__version__}, pandas {pandas.__version__}, "
        f"PyArrow {pyarrow.__version__}, Plotly {plotly.__version__}",
        f"- Siyu settings: SIYU_DUCKDB_THREADS={s.duckdb_threads}, "
        f"SIYU_DUCKDB_MEMORY_LIMIT={s.duckdb_memory_limit}",
    ]


def _data_seconds(ctx: Ctx) -> tuple[float, float]:
    """Seconds it took to generate the data and to import it into the bench workspace."""
    done = ctx.data / ".done"
    gen = json.loads(done.read_text())["seconds"] if done.exists() else 0.0
    build = sum(r["seconds"] for r in ctx.build.values() if isinstance(r, dict))
    return gen, build


def write_report(ctx: Ctx, results: dict[str, Any], out: Path) -> None:
    a = ctx.args
    figures = [Figure(**f) for f in results["figures"]]
    runs = results["runs"]
    where = ctx.ws_root.relative_to(ROOT) if ctx.ws_root.is_relative_to(ROOT) else ctx.ws_root
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`tests/bench/bench.py`); do not edit by hand, run it again. "
        + "; ".join(f"{r['at']}: {', '.join(r['entries'])} ({r['minutes']} min)" for r in runs)
        + ".",
        "",
        *machine(),
        f"- Dataset: `siyu.sample.generate(members={a.members:,}, "
        f"orders_per_member={a.orders_per_member:g}, activity_per_member="
        f"{a.activity_per_member:g})`, imported through Siyu into `{where}`; "
        f"metrics run on the default period {ctx.period[0]} … {ctx.period[1]} "
        "with default options.",
        f"- Each figure is the median of {a.runs} runs unless its note says fewer "
        "(a slow run ends its series).",
        "- The machine is shared: other jobs ran at the same time, so times are upper bounds.",
        "",
    ]
    misses = [f for f in figures if f.ok is False]
    lines += [
        f"**{sum(f.ok is True for f in figures)} targets met, {len(misses)} missed.**",
        "",
    ]
    sections = {"data": "Data"} | {b.key: b.title for b in BENCHES}
    for key, title in sections.items():
        rows = [f for f in figures if f.section == key]
        if not rows:
            continue
        lines += [
            f"## {title}",
            "",
            "| figure | value | target | | note |",
            "|---|---|---|---|---|",
        ]
        for f in rows:
            mark = "" if f.ok is None else ("pass" if f.ok else "**miss**")
            note = f.note.replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {f.name} | {f.value} | {f.target} | {mark} | {note} |")
        lines.append("")
        if key in results["notes"]:
            lines += ["```", results["notes"][key], "```", ""]
    gen, build = _data_seconds(ctx)
    total = gen + build + sum(results["timings"].values())
    lines += [
        "## Running time of the suite",
        "",
        "| part | seconds |",
        "|---|---|",
        f"| generate the data (cached after the first run) | {gen:.0f} |",
        f"| import it into the bench workspace (cached after the first run) | {build:.0f} |",
        *(f"| {k} | {v:.0f} |" for k, v in results["timings"].items()),
        f"| **from a clean clone (sum)** | **{total:.0f} = {total / 60:.1f} min** "
        f"(target < 20 min: {'pass' if total < 1200 else '**miss**'}) |",
        "",
    ]
    if misses:
        lines += ["## Targets missed", ""]
        lines += [f"- {f.section}: {f.name}: {f.value} (target {f.target})" for f in misses]
        lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--members", type=int, default=1_000_000)
    ap.add_argument("--orders-per-member", type=float, default=10.0)
    ap.add_argument("--activity-per-member", type=float, default=20.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sessions", type=int, default=16)
    ap.add_argument("--window", type=float, default=240, help="seconds the sessions get")
    ap.add_argument(
        "--only", default="", help="comma-separated entries: " + ", ".join(b.key for b in BENCHES)
    )
    ap.add_argument("--dir", type=Path, default=ROOT / "data" / "bench")
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument(
        "--report-only", action="store_true", help="rewrite the report from the saved results"
    )
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(CHILD_TASKS[args.child[0]](**json.loads(args.child[1]))))
        return 0

    os.environ.update(BENCH_ENV)
    tag = f"{args.members}-{args.orders_per_member:g}-{args.activity_per_member:g}"
    ctx = Ctx(
        args=args,
        data=args.dir / f"csv-{tag}",
        ws_root=args.dir / f"ws-{tag}",
        scratch=args.dir / "scratch",
    )
    saved = args.dir / f"results-{tag}.json"
    if args.report_only:
        results = json.loads(saved.read_text(encoding="utf-8"))
        ctx.build = results["build"]
        write_report(ctx, results, args.out)
        print(f"wrote {args.out} from {saved}")
        return 0
    shutil.rmtree(ctx.scratch, ignore_errors=True)
    ctx.scratch.mkdir(parents=True)
    began = time.perf_counter()
    wanted = {k for k in args.only.split(",") if k}
    figures: list[Figure] = []
    timings: dict[str, float] = {}
    for step in (ensure_data, ensure_workspace):
        print(f"[{time.perf_counter() - began:6.0f} s] {step.__name__}", flush=True)
        figures += step(ctx)
    for bench in BENCHES:
        if wanted and bench.key not in wanted:
            continue
        print(f"[{time.perf_counter() - began:6.0f} s] {bench.key}", flush=True)
        started = time.perf_counter()
        try:
            got = bench.run(ctx)
        except Exception as exc:
            traceback.print_exc()
            got = [Figure(bench.key, bench.title, "could not run", "runs", False, repr(exc)[:300])]
        timings[bench.key] = time.perf_counter() - started
        for f in got:
            mark = "" if f.ok is None else ("pass" if f.ok else "MISS")
            print(f"    {f.name}: {f.value} {f.target} {mark} {f.note}", flush=True)
        figures += got
    took = time.perf_counter() - began
    results = merge_results(ctx, saved, figures, timings, took, wanted)
    write_report(ctx, results, args.out)
    shutil.rmtree(ctx.scratch, ignore_errors=True)
    print(f"wrote {args.out} in {took / 60:.1f} min", flush=True)
    return 0


def merge_results(
    ctx: Ctx,
    path: Path,
    figures: list[Figure],
    timings: dict[str, float],
    took: float,
    wanted: set[str],
) -> dict[str, Any]:
    """This run's figures; with --only, over the saved figures of the other entries."""
    run = {
        "at": dt.datetime.now().isoformat(timespec="minutes"),
        "minutes": round(took / 60, 1),
        "entries": sorted(timings),
    }
    old: dict[str, Any] = {"figures": [], "timings": {}, "runs": [], "notes": {}}
    if wanted and path.exists():
        old = json.loads(path.read_text(encoding="utf-8"))
    ran = set(timings) | {"data"}
    kept = [Figure(**f) for f in old["figures"] if f["section"] not in ran]
    results = {
        "figures": [vars(f) for f in figures + kept],
        "timings": {**old["timings"], **timings},
        "runs": [*old["runs"], run] if wanted else [run],
        "notes": {**old.get("notes", {}), **ctx.notes},
        "build": ctx.build,
    }
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return results


if __name__ == "__main__":
    sys.exit(main())
