"""Links take language codes: `?lang=en|zh-Hans|zh-Hant` (the names the menu shows, such as
`English`, still open), and the language menu writes the code into the address."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from streamlit.testing.v1 import AppTest

from siyu.i18n import LANGUAGES, t
from tests.pages.test_links import open_page
from tests.pages.test_pages import APP


def open_app(monkeypatch, ws, lang: str | None, url: str | None = None) -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=60)
    if url:
        at.context["url"] = url
    if lang is not None:
        at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(
    "spelled,code",
    [
        ("en", "en"),
        ("zh-Hant", "zh-Hant"),
        ("zh-Hans", "zh-Hans"),
        ("zh-hant", "zh-Hant"),
        ("EN", "en"),
        ("English", "en"),
        ("繁體中文", "zh-Hant"),
    ],
)
def test_a_link_opens_in_the_language_it_names(monkeypatch, demo_ws, spelled, code):
    at = open_app(monkeypatch, demo_ws, spelled)
    assert at.title[0].value == t("nav.overview", code)
    assert at.sidebar.selectbox(key="lang").value == code
    assert at.query_params["lang"] == code  # the address now spells it as a code


def test_a_link_with_an_unknown_language_opens_in_simplified_chinese(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, "fr")
    assert at.title[0].value == "概览"
    assert at.query_params["lang"] == "zh-Hans"


def test_the_language_menu_writes_the_code_into_the_address_and_the_links(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, None, url="http://localhost:8501/")
    assert "lang" not in at.query_params  # the default language needs no parameter
    at.sidebar.selectbox(key="lang").set_value("en").run()
    assert at.title[0].value == "Overview"
    assert at.query_params["lang"] == "en"
    for link in at.sidebar.get("page_link"):
        assert parse_qs(link.proto.query_string)["lang"] == ["en"]
    copied = [c.value for c in at.sidebar.code if c.value.startswith("http://localhost:8501")]
    assert parse_qs(urlparse(copied[0]).query)["lang"] == ["en"]
    at.sidebar.selectbox(key="lang").set_value("zh-Hant").run()
    assert at.title[0].value == "概覽"
    assert at.query_params["lang"] == "zh-Hant"


def test_switching_pages_keeps_the_language(monkeypatch, demo_ws):
    at = open_app(monkeypatch, demo_ws, "en")
    at.switch_page("pages/funnels.py").run()
    assert at.title[0].value == t("nav.funnels", "en")
    assert at.query_params["lang"] == "en"


def test_every_language_has_a_code_and_a_name():
    from siyu.i18n import language_code

    for code, name in LANGUAGES.items():
        assert language_code(code) == code
        assert language_code(name) == code
    assert language_code("fr") is None and language_code(None) is None


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "en"])
def test_the_dataset_menu_names_the_demo_in_the_readers_words(monkeypatch, demo_ws, lang):
    # the menu read the raw name `demo` on a Chinese screen, with 演示数据 under it
    at = open_app(monkeypatch, demo_ws, lang)
    menu = at.sidebar.selectbox(key="dataset")
    assert menu.value == "demo"  # links and the session keep the name
    assert menu.options == [t("dataset.demo", lang)]


def test_options_live_in_links_as_codes_not_as_the_readers_words(monkeypatch, demo_ws):
    # a zh-Hans reader's link read ?lb_board=商品榜: an English reader's page fell back to
    # the default board
    at = open_app(monkeypatch, demo_ws, "zh-Hans")
    at.switch_page("pages/leaderboards.py").run()
    board = next(w for w in at.get("segmented_control") if w.key == "lb_board")
    board.set_value("products").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["lb_board"] == "products"
    rank_by = at.selectbox(key="lb_by_products")
    rank_by.select_index(1).run()
    assert at.query_params["lb_by_products"] == "gmv"

    for lang, spelled in (("en", "products"), ("zh-Hans", "商品榜"), ("zh-Hant", "products")):
        fresh = open_page(
            monkeypatch, demo_ws, "pages/leaderboards.py", {"lang": lang, "lb_board": spelled}
        )
        assert not fresh.exception, [e.value for e in fresh.exception]
        chosen = next(w for w in fresh.get("segmented_control") if w.key == "lb_board")
        assert chosen.value == "products", (lang, spelled)
