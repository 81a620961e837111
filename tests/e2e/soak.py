"""Soak: 20 browser sessions click through every page on the demo dataset for 2 minutes
while imports keep publishing new versions of the dataset they read: zero errors.

Page-load times (navigation until the page has finished its run and drawn its charts) are
printed as p50/p95 and written to `tests/e2e/artifacts/soak.json`. Length and width can be
changed with SIYU_SOAK_SECONDS and SIYU_SOAK_SESSIONS.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import statistics
import threading
import time
from pathlib import Path

from siyu import importer
from siyu.i18n import t
from siyu.web.pages import PAGES
from siyu.workspace import Workspace
from tests.e2e.conftest import ARTIFACTS, CHROMIUM, Server

SECONDS = float(os.environ.get("SIYU_SOAK_SECONDS", "120"))
SESSIONS = int(os.environ.get("SIYU_SOAK_SESSIONS", "20"))
SLUGS = ["" if p.path == "app.py" else Path(p.path).stem for p in PAGES if not p.editors_only]
TITLES = {t(p.title, "zh-Hans") for p in PAGES}


async def _settled(page, timeout: float = 90.0) -> None:
    await page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    idle = 0
    while time.monotonic() < deadline:
        running = await page.locator('[data-testid^="stStatusWidgetRunning"]').count()
        skeleton = await page.locator('[data-testid="stSkeleton"]').count()
        idle = idle + 1 if not running and not skeleton else 0
        if idle >= 3:
            return
        await page.wait_for_timeout(200)
    raise TimeoutError("page kept running")


async def _session(browser, url: str, n: int, stop: float, loads: list, errors: list) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.on("pageerror", lambda exc: errors.append(f"session {n}: page error {exc}"))
    i = n
    try:
        while time.monotonic() < stop:
            slug = SLUGS[i % len(SLUGS)]
            i += 1
            started = time.monotonic()
            try:
                await page.goto(f"{url}/{slug}?dataset=demo", timeout=90_000)
                await _settled(page)
            except Exception as exc:
                errors.append(f"session {n} /{slug}: {type(exc).__name__}: {exc}")
                continue
            loads.append(time.monotonic() - started)
            shown = await page.locator('[data-testid="stException"]').count()
            if shown:
                text = await page.locator('[data-testid="stException"]').first.inner_text()
                errors.append(f"session {n} /{slug}: exception on page: {text[:300]}")
            title = (await page.locator('[data-testid="stMain"] h1').first.inner_text()).strip()
            if title not in TITLES:
                errors.append(f"session {n} /{slug}: unexpected title {title!r}")
    finally:
        await context.close()


async def _drive(url: str, stop: float, loads: list, errors: list) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        try:
            await asyncio.gather(
                *(_session(browser, url, n, stop, loads, errors) for n in range(SESSIONS))
            )
        finally:
            await browser.close()


def _imports(root: Path, stop: float, done: list, errors: list) -> None:
    """Publish new versions of the demo's orders (the same rows) until the soak ends."""
    ws = Workspace(root)
    orders = ws.source("demo").tables["orders"]
    import duckdb

    csv = root.parent / "orders.csv"
    duckdb.sql(f"copy (select * from read_parquet('{orders}')) to '{csv}' (header)")
    while time.monotonic() < stop:
        try:
            importer.import_files(
                ws, "demo", [importer.FileRequest(csv, "orders.csv")], mode="replace"
            )
            done.append(time.monotonic())
        except Exception as exc:
            errors.append(f"import: {type(exc).__name__}: {exc}")
        time.sleep(1.0)


def test_soak_sessions_while_imports_run(demo_root, tmp_path):
    assert CHROMIUM.exists()
    root = tmp_path / "ws"
    shutil.copytree(demo_root, root)
    server = Server(root)
    server.start()
    loads: list[float] = []
    errors: list[str] = []
    imported: list[float] = []
    try:
        stop = time.monotonic() + SECONDS
        writer = threading.Thread(target=_imports, args=(root, stop, imported, errors))
        writer.start()
        asyncio.run(_drive(server.url, stop, loads, errors))
        writer.join()
    finally:
        server.stop()
    loads.sort()
    figures = {
        "sessions": SESSIONS,
        "seconds": SECONDS,
        "page_loads": len(loads),
        "imports": len(imported),
        "errors": len(errors),
        "p50_s": round(statistics.median(loads), 2) if loads else None,
        "p95_s": round(statistics.quantiles(loads, n=20, method="inclusive")[18], 2)
        if len(loads) > 1
        else None,
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "soak.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    print(f"soak: {figures}")
    assert errors == [], errors[:10]
    assert len(loads) >= SESSIONS and len(imported) >= 3
    assert Workspace(root).get("demo").current == 1 + len(imported)
