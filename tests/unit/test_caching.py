"""Query results are cached by (workspace, dataset version, query, parameters).

A warm re-render, and a new session on a warm cache, run no SQL (`siyu.db.EXECUTIONS` counts
every query); an import makes a new version of its dataset, so only that dataset's entries
miss; two workspaces copied from one another (same dataset ids) never share entries.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from siyu.db import EXECUTIONS
from siyu.i18n import t
from siyu.importer import FileRequest, import_files
from siyu.web.pages import PAGES
from siyu.workspace import Workspace

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE_FILES = [p.path for p in PAGES]
GMV = t("metric.gmv", "zh-Hans")

# Two small order files for dataset "shop" (canonical headers; refunds are no purchase).
SHOP_V1 = (
    "order_id,user_id,ordered_at,amount,status\n"
    "O1,U1,2026-03-01 10:00:00,100.00,paid\n"
    "O2,U2,2026-03-02 11:00:00,23.45,paid\n"
    "O3,U2,2026-03-02 12:00:00,50.00,refunded\n"
)  # GMV 100.00 + 23.45 = 123.45
SHOP_V2 = SHOP_V1 + "O4,U3,2026-03-03 09:00:00,200.00,paid\n"  # GMV 323.45


def executions() -> int:
    return EXECUTIONS["count"]


def session(ws: Workspace, monkeypatch, dataset: str | None = None) -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=120)
    if dataset:
        at.query_params["dataset"] = dataset
    return at


def render(at: AppTest, page: str = "app.py") -> int:
    """Run the page (switching to it after the overview); the SQL it ran on its own page."""
    if page != "app.py":
        at.run()
        at.switch_page(page)
    before = executions()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return executions() - before


def gmv(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == GMV)


def import_orders(ws: Workspace, dataset: str, text: str, mode: str = "auto") -> None:
    req = FileRequest(data=text.encode(), filename="orders.csv", kind="orders")
    import_files(ws, dataset, [req], mode=mode)


@pytest.fixture(autouse=True)
def cold_cache():
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.mark.parametrize("page", PAGE_FILES)
def test_a_warm_render_runs_no_sql(monkeypatch, demo_ws, page):
    at = session(demo_ws, monkeypatch)
    cold = render(at, page)
    before = executions()
    at.run()  # the same session again (a widget click that changes nothing, a refresh)
    assert not at.exception
    assert executions() - before == 0
    # a new visitor opening the same page is served from the same cache
    assert render(session(demo_ws, monkeypatch), page) == 0
    if page in ("app.py", "pages/retention.py", "pages/members.py"):
        assert cold > 0  # the counter does see this page's queries when the cache is cold


def test_an_import_invalidates_only_its_own_dataset(monkeypatch, demo_ws):
    import_orders(demo_ws, "shop", SHOP_V1)
    demo, shop = session(demo_ws, monkeypatch, "demo"), session(demo_ws, monkeypatch, "shop")
    assert render(demo) > 0
    assert render(shop) > 0
    demo_gmv = gmv(demo)
    assert gmv(shop) == "¥123.45"

    import_orders(demo_ws, "shop", SHOP_V2, mode="replace")  # version 2 of shop only

    again = session(demo_ws, monkeypatch, "demo")
    assert render(again) == 0  # demo's entries are still hits
    assert gmv(again) == demo_gmv
    fresh = session(demo_ws, monkeypatch, "shop")
    assert render(fresh) > 0  # shop's new version misses and is computed
    assert gmv(fresh) == "¥323.45"
    assert render(session(demo_ws, monkeypatch, "shop")) == 0  # and is cached in turn


def test_copied_workspaces_do_not_share_entries(monkeypatch, demo_ws, tmp_path):
    twin = Workspace(shutil.copytree(demo_ws.root, tmp_path / "twin"))
    # the same dataset id and version number in both, with different rows
    import_orders(demo_ws, "demo", SHOP_V1, mode="replace")
    import_orders(twin, "demo", SHOP_V2, mode="replace")
    assert demo_ws.source("demo").key == twin.source("demo").key

    first = session(demo_ws, monkeypatch, "demo")
    render(first)
    assert gmv(first) == "¥123.45"
    second = session(twin, monkeypatch, "demo")
    assert render(second) > 0
    assert gmv(second) == "¥323.45"


def test_sessions_asking_the_same_question_at_once_share_one_computation(monkeypatch):
    # single-flight: eight sessions (threads) miss the cache together; the metric runs once
    # and every session gets its result
    import datetime as dt
    import threading
    import time
    import types

    import pandas as pd

    from siyu import metrics
    from siyu.db import Source
    from siyu.metrics.registry import Metric, options_of
    from siyu.web import cache

    calls = []

    def slow_probe(source, start=None, end=None, *, top: int | None = None):
        calls.append(top)
        time.sleep(0.5)
        return pd.DataFrame({"answer": [42]})

    probe = Metric(
        "slow_probe", slow_probe, "test", (), (), ("answer",), "", options=options_of(slow_probe)
    )
    monkeypatch.setitem(metrics.REGISTRY, "slow_probe", probe)
    ctx = types.SimpleNamespace(
        source=Source({}, key="probe@1"), ws=types.SimpleNamespace(root=Path("/nonexistent"))
    )
    results = []

    def ask() -> None:
        results.append(cache.metric(ctx, "slow_probe", start=dt.date(2024, 1, 1), top=3))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(calls) == 1
    assert [int(r["answer"].iloc[0]) for r in results] == [42] * 8
    # other options are another question
    cache.metric(ctx, "slow_probe", start=dt.date(2024, 1, 1), top=4)
    assert len(calls) == 2


def test_one_query_asked_twice_on_a_snapshot_runs_once(tmp_path):
    # push times and push hours read the same query: on snapshot files its small answer is
    # kept, so the groups page runs it once; a DataFrame source (mutable) is never kept
    import datetime as dt

    import pandas as pd

    from siyu.db import EXECUTIONS, Source
    from siyu.metrics import groups

    orders = pd.DataFrame(
        {
            "order_id": ["o1", "o2"],
            "user_id": ["u1", "u2"],
            "ordered_at": pd.to_datetime(["2026-03-02 09:15", "2026-03-03 20:40"]),
            "amount": [10.0, 20.0],
            "status": ["paid", "paid"],
        }
    )
    path = tmp_path / "orders.parquet"
    orders.to_parquet(path)
    day1, day2 = dt.date(2026, 3, 1), dt.date(2026, 3, 7)
    on_file = Source({"orders": path}, key="memo-test")
    before = EXECUTIONS["count"]
    cells = groups.push_times(on_file, day1, day2)
    hours = groups.push_hours(on_file, day1, day2)
    assert EXECUTIONS["count"] - before == 1
    assert int(cells.loc[(cells.weekday == 1) & (cells.hour == 9), "orders"].iloc[0]) == 1
    assert int(hours.loc[hours.hour == 20, "orders"].iloc[0]) == 1
    in_memory = Source({"orders": orders}, key="memo-test-frame")
    before = EXECUTIONS["count"]
    groups.push_times(in_memory, day1, day2)
    groups.push_hours(in_memory, day1, day2)
    assert EXECUTIONS["count"] - before == 2
