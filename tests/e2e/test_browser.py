"""Every page in a real browser: it loads without an exception and draws its charts; an upload
through the dropzone changes the overview; the language switch, a copied link and a CSV
download behave as a user expects."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from siyu.i18n import t
from siyu.web.pages import PAGES

# Pages that draw no chart by design (forms and lists only).
NO_CHARTS = {"pages/data.py", "pages/sql.py", "pages/alerts.py"}


def slug(path: str) -> str:
    return "" if path == "app.py" else Path(path).stem


def settle(page, timeout: float = 60.0) -> None:
    """Wait until the script run is over: the running indicator stays away for a moment."""
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    idle = 0
    while time.monotonic() < deadline:
        running = page.locator('[data-testid^="stStatusWidgetRunning"]').count()
        skeleton = page.locator('[data-testid="stSkeleton"]').count()
        idle = idle + 1 if not running and not skeleton else 0
        if idle >= 4:
            return
        page.wait_for_timeout(250)
    raise AssertionError("the app kept running")


def title(page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text().strip()


def no_exception(page) -> None:
    errors = page.locator('[data-testid="stException"]')
    assert errors.count() == 0, errors.first.inner_text()


@pytest.mark.parametrize("path,key", [(p.path, p.title) for p in PAGES])
def test_page_loads_without_exception_and_draws_its_charts(server, page, path, key):
    page.goto(f"{server.url}/{slug(path)}?dataset=demo")
    settle(page)
    no_exception(page)
    assert title(page) == t(key, "zh-Hans")
    if path not in NO_CHARTS:
        # drawn, though maybe in a tab not open yet (the Value page opens on its model table)
        page.wait_for_selector(
            '[data-testid="stPlotlyChart"] .main-svg', state="attached", timeout=30_000
        )
        assert page.locator('[data-testid="stPlotlyChart"]').count() >= 1


def _gmv(page) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=t("metric.gmv", "zh-Hans"))
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_gb18030_upload_through_the_dropzone_changes_the_overview(server, page, tmp_path):
    page.goto(f"{server.url}/?dataset=demo")
    settle(page)
    demo_gmv = _gmv(page)

    export = tmp_path / "有赞订单.csv"
    export.write_bytes(
        (
            "有赞订单导出 2024-04-09\n"
            "订单号,买家ID,下单时间,实付金额,订单状态\n"
            'E1,0001,2024-04-08 11:54:00,"¥1,299.00",交易成功\n'
            "E2,0002,2024-04-09 09:00:00,¥58.50,已完成\n"
            "E3,0002,2024-04-09 10:00:00,¥99.00,已退款\n"
        ).encode("gb18030")
    )
    page.goto(f"{server.url}/data?dataset=demo")
    settle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(export))
    page.get_by_text(t("data.mapping", "zh-Hans")).first.wait_for(timeout=30_000)
    settle(page)
    name = page.get_by_label(t("data.dataset_name", "zh-Hans"))
    name.fill("shop")
    name.press("Enter")
    settle(page)
    page.get_by_role("button", name=t("data.check", "zh-Hans")).click()
    page.get_by_text(t("data.accepted", "zh-Hans")).first.wait_for(timeout=30_000)
    settle(page)
    page.get_by_role("button", name=t("data.save", "zh-Hans")).click()
    page.get_by_text("shop").first.wait_for(timeout=30_000)
    settle(page)
    no_exception(page)

    page.goto(f"{server.url}/?dataset=shop")
    settle(page)
    no_exception(page)
    assert _gmv(page) == "¥1,357.50" != demo_gmv
    buyers = page.locator('[data-testid="stMetric"]').filter(has_text=t("metric.buyers", "zh-Hans"))
    assert buyers.locator('[data-testid="stMetricValue"]').inner_text().strip() == "2"


def test_language_switch_changes_the_labels_and_the_url(server, page):
    page.goto(f"{server.url}/?dataset=demo")
    settle(page)
    assert title(page) == "概览"
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="English").click()
    settle(page)
    assert title(page) == "Overview"
    assert page.get_by_text(t("metric.gmv", "en")).count() >= 1
    assert parse_qs(urlparse(page.url).query)["lang"] == ["en"]  # the code, not the name


def test_a_copied_link_reopens_the_same_view_in_a_fresh_session(server, browser, page):
    page.goto(f"{server.url}/?dataset=demo&lang=English")
    settle(page)
    page.get_by_role("radio", name=t("grain.week", "en")).click()
    settle(page)
    # the option as a code, not the English label a Chinese reader's page could not read
    assert parse_qs(urlparse(page.url).query)["grain"] == ["week"]
    # The copy-link control shows this view's link, with the dataset even at its default.
    page.get_by_text(t("frame.share", "en"), exact=True).click()
    link = page.locator('[data-testid="stPopoverBody"] code').inner_text().strip()
    query = parse_qs(urlparse(link).query)
    assert query["grain"] == ["week"]
    assert query["dataset"] == ["demo"] and query["lang"] == ["en"]
    page.keyboard.press("Escape")
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()

    fresh = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        other = fresh.new_page()
        other.goto(link)
        settle(other)
        assert title(other) == "Overview"
        assert other.locator('[data-testid="stMetricValue"]').all_inner_texts() == values
        active = other.locator('[data-testid="stButtonGroup"] [role="radio"][aria-checked="true"]')
        assert active.inner_text().strip() == t("grain.week", "en")
    finally:
        fresh.close()


def test_csv_download_has_a_bom_and_the_canonical_header(server, page):
    page.goto(f"{server.url}/data?dataset=demo")
    settle(page)
    page.get_by_role("tab", name=t("data.tab_templates", "zh-Hans")).click()
    label = t("data.template", "zh-Hans", table=t("table.orders", "zh-Hans"))
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    body = Path(info.value.path()).read_bytes()
    assert body.startswith(b"\xef\xbb\xbf")
    assert body[3:].decode("utf-8").splitlines()[0].startswith("order_id,user_id,ordered_at")


def test_switching_pages_keeps_language_dataset_and_period(server, page):
    page.goto(f"{server.url}/?dataset=demo&lang=English&period=2026-10-01&period=2026-10-20")
    settle(page)
    before = page.locator('[data-testid="stDateInput"] input').first.input_value()
    page.locator('[data-testid="stSidebar"] a', has_text=t("nav.leaderboards", "en")).click()
    page.wait_for_timeout(500)
    settle(page)
    no_exception(page)
    assert title(page) == t("nav.leaderboards", "en")
    assert page.locator('[data-testid="stDateInput"] input').first.input_value() == before
    assert "2026/10/01" in before or "2026-10-01" in before


def test_markup_in_product_and_group_names_reads_as_plain_text(server, page, tmp_path):
    from siyu import importer
    from siyu.workspace import Workspace

    evil = '<b>粗体</b><img src=x onerror="window.__xss=1">'
    rows = "".join(
        f'H{i},u{i},2026-10-2{i} 10:00:00,{10 + i},"{evil.replace(chr(34), chr(34) * 2)}",<i>g</i>\n'
        for i in range(3)
    )
    csv = "订单号,用户ID,下单时间,实付金额,商品名称,群ID\n" + rows
    importer.import_files(
        Workspace(server.workspace), "markup", [importer.FileRequest(csv.encode(), "o.csv")]
    )
    board = t("leaderboards.board.products", "en")
    page.goto(f"{server.url}/leaderboards?dataset=markup&lang=English&lb_board={board}")
    settle(page)
    no_exception(page)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=30_000)
    ticks = page.evaluate(
        "Array.from(document.querySelectorAll('.ytick text')).map(e => e.textContent)"
    )
    assert any(evil in tick for tick in ticks), ticks  # the markup shows as the text it is
    assert page.locator('[data-testid="stPlotlyChart"] .ytick [style*="bold"]').count() == 0
    assert page.locator('[data-testid="stPlotlyChart"] img').count() == 0
    assert page.evaluate("window.__xss") is None


def test_a_table_download_is_built_on_click_with_bom_and_the_rows(server, page):
    board = t("leaderboards.board.buyers", "en")
    page.goto(f"{server.url}/leaderboards?dataset=demo&lang=English&lb_board={board}")
    settle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name=t("download.csv", "en")).first.click()
    body = Path(info.value.path()).read_bytes()
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body[3:].decode("utf-8").splitlines()
    assert len(lines) >= 11  # header and the top 10 (ties may add rows)
    assert t("leaderboards.col.gmv", "en") in lines[0]


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_the_uploader_shows_its_texts_in_the_readers_language(server, page, lang):
    """Streamlit draws "Upload" and "500MB per file • …" itself; the Data page hides them and
    draws the translation after them (CSS), as a reader sees it."""
    page.goto(f"{server.url}/data?dataset=demo&lang={lang}")
    settle(page)
    zone = '[data-testid="stFileUploaderDropzone"]'
    page.wait_for_selector(zone)
    shown = page.evaluate(
        """(zone) => {
            const read = (sel) => {
                const el = document.querySelector(sel);
                return [getComputedStyle(el).fontSize, getComputedStyle(el, "::after").content];
            };
            return [
                read(zone + ' button [data-testid="stMarkdownContainer"] p'),
                read('[data-testid="stFileUploaderDropzoneInstructions"] span'),
            ];
        }""",
        zone,
    )
    note = t("uploader.note", lang, mb=500, types="CSV / TSV / TXT / XLSX / XLSM / GZ")
    assert shown == [
        ["0px", f'"{t("uploader.browse", lang)}"'],  # Streamlit's "Upload" takes no room
        ["0px", f'"{note}"'],
    ]
