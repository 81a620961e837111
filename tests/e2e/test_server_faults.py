"""The server killed (SIGKILL) in the middle of an import: after a restart the workspace
opens, the previous version is served and the import can be done again."""

from __future__ import annotations

import hashlib
import shutil
import time

from siyu.i18n import t
from siyu.workspace import Workspace
from tests.e2e.conftest import Server
from tests.e2e.test_browser import _gmv, no_exception, settle

HEADER = "订单号,用户ID,下单时间,实付金额\n"


def _upload_and_check(page, server: Server, path, name: str) -> None:
    page.goto(f"{server.url}/data?dataset=demo")
    settle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_text(t("data.mapping", "zh-Hans")).first.wait_for(timeout=60_000)
    settle(page)
    box = page.get_by_label(t("data.dataset_name", "zh-Hans"))
    box.fill(name)
    box.press("Enter")
    settle(page)
    page.get_by_role("button", name=t("data.check", "zh-Hans")).click()


def test_sigkill_during_an_import_then_restart(demo_root, browser, tmp_path):
    root = tmp_path / "ws"
    shutil.copytree(demo_root, root)
    catalog = hashlib.sha256((root / "catalog.json").read_bytes()).hexdigest()
    big = tmp_path / "big.csv"
    rows = "".join(f"K{i},u{i % 900},2026-10-2{i % 9} 10:00:00,{i % 250}\n" for i in range(600_000))
    big.write_text(HEADER + rows, encoding="utf-8")

    server = Server(root)
    server.start()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        _upload_and_check(page, server, big, "big")
        staging = root / "staging"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(staging.rglob("*")):
            time.sleep(0.05)
        assert any(staging.rglob("*")), "the import never started"
        server.stop(kill=True)  # SIGKILL in the middle of converting the file
    finally:
        context.close()

    assert hashlib.sha256((root / "catalog.json").read_bytes()).hexdigest() == catalog
    assert Workspace(root).names() == ["demo"]

    server.start()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.goto(f"{server.url}/?dataset=demo")
        settle(page)
        no_exception(page)
        assert _gmv(page).startswith("¥")  # the demo is served as before

        small = tmp_path / "small.csv"
        small.write_text(HEADER + "R1,u1,2026-10-20 10:00:00,12.5\n", encoding="utf-8")
        _upload_and_check(page, server, small, "retry")
        page.get_by_text(t("data.accepted", "zh-Hans")).first.wait_for(timeout=60_000)
        settle(page)
        page.get_by_role("button", name=t("data.save", "zh-Hans")).click()
        page.get_by_text("retry").first.wait_for(timeout=60_000)
        settle(page)
        no_exception(page)
        assert sorted(Workspace(root).names()) == ["demo", "retry"]
        page.goto(f"{server.url}/?dataset=retry")
        settle(page)
        assert _gmv(page) == "¥12.50"
    finally:
        context.close()
        server.stop()
