"""In Chromium: KPI card values are never cut, and the weekly report reads on a phone and on
paper (issue 18.5 and 18.7)."""

from __future__ import annotations

import pytest

from siyu import report
from siyu.workspace import Workspace

from .test_browser import no_exception, settle

# Elements wider than their box: a cut card value, a table or chart running off the page.
OVERFLOWING = """els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""
# Texts drawn on more than one line (a label one character per line at worst): the lines of
# an element's text are the distinct tops of its text's boxes.
BROKEN_LABELS = """els => els.filter(e => {
    const range = document.createRange();
    range.selectNodeContents(e);
    const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
    return tops.size > 1;
}).map(e => e.innerText)"""


@pytest.mark.parametrize("width", [1280, 900, 700])
def test_overview_cards_show_every_value_whole(server, browser, width):
    # 1,280 pixels with the sidebar open: four cards of 161 pixels; "¥247,312.45" was cut.
    # At 900 and 700 pixels four columns of cards stayed and read "2,…" / "¥…"
    page = browser.new_page(viewport={"width": width, "height": 1000}, locale="zh-CN")
    try:
        page.goto(f"{server.url}/?dataset=demo")
        settle(page)
        no_exception(page)
        values = page.locator('[data-testid="stMetricValue"]')
        assert values.count() >= 8
        assert values.evaluate_all(OVERFLOWING) == []
        assert (
            values.evaluate_all(
                """els => els.flatMap(e => Array.from(e.querySelectorAll('*')))
                .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""
            )
            == []
        )
    finally:
        page.close()


def _report_file(demo_root, tmp_path, lang: str = "zh-Hans"):
    source = Workspace(demo_root).source("demo")
    path = tmp_path / f"weekly-{lang}.html"
    path.write_text(
        report.build(source, report.default_week(source), lang, dataset="demo"), encoding="utf-8"
    )
    return path


def test_weekly_report_fits_a_phone(browser, demo_root, tmp_path):
    for lang in ("zh-Hans", "en"):
        page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
        try:
            page.goto(_report_file(demo_root, tmp_path, lang).as_uri())
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"the page runs {width - 390} px off a phone"
            labels = page.locator(".sy-lbl")
            assert labels.count() >= 3 + 8  # funnel steps, RFM segments
            assert labels.evaluate_all(BROKEN_LABELS) == []
            # the heatmap fits the phone too (its own scroller is the fallback)
            heat = page.locator(".sy-scroll")
            assert heat.evaluate_all(OVERFLOWING) == []
        finally:
            page.close()


def test_weekly_report_prints_on_a4(browser, demo_root, tmp_path):
    page = browser.new_page(viewport={"width": 718, "height": 1000})  # A4 less 12 mm margins
    try:
        page.emulate_media(media="print")
        page.goto(_report_file(demo_root, tmp_path).as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 718
        assert page.locator(".sy-lbl").evaluate_all(BROKEN_LABELS) == []
        # short cells (names, 未达标, amounts) stay on one line when printed
        cells = page.locator("table.grid td.nw")
        assert cells.count() > 50
        assert cells.evaluate_all(BROKEN_LABELS) == []
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) < 2_000_000
    finally:
        page.close()
