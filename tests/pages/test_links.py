"""Links: every filter and option on every page is bound to the URL, and a URL reopens the
same view in a fresh session (AppTest standing in for a new browser)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from streamlit.testing.v1 import AppTest

from siyu.web.pages import PAGES
from tests.pages.test_pages import APP

# Inputs that must not live in a link: a delete confirmation, the SQL text, a passcode; and
# the language, which the frame writes into the address itself as a code (`lang=en`, see
# tests/pages/test_language_links.py) where a bound menu would spell it `English`; the
# Alerts page's form and rule picker (a rule being written, not a view).
NOT_IN_LINKS = {"explorer_sql", "auth-code", "lang"}
NOT_IN_LINKS_PREFIX = (
    *("sure-", "new_name", "map-", "enc-", "hdr-", "kind-", "sheet-", "rv-"),
    "alerts_",
)


def walk(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from walk(child)


def open_page(monkeypatch, ws, page, params=None) -> AppTest:
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=60)
    at.context["url"] = "http://localhost:8501/"
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    if page != "app.py":
        at.switch_page(page)
        at.run()
    return at


def bound_by_code() -> set[str]:
    """Keys of the widgets bound to the address by option (`choice`)."""
    from siyu.web import address

    return address.BOUND_BY_CODE


def widgets(at):
    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "query_param_key") and node.type != "expander":
            yield node, proto


@pytest.mark.parametrize("page", [p.path for p in PAGES])
def test_every_filter_of_the_page_is_bound_to_the_url(monkeypatch, demo_ws, page):
    at = open_page(monkeypatch, demo_ws, page)
    assert not at.exception
    unbound = [
        (node.type, node.key)
        for node, proto in widgets(at)
        if not proto.query_param_key
        and node.key not in bound_by_code()
        and node.key not in NOT_IN_LINKS
        and not str(node.key or "").startswith(NOT_IN_LINKS_PREFIX)
    ]
    assert unbound == []


def _option_in_link(at):
    """A bound option of the main area and another value of it, as a link spells it."""
    for slider in at.main.slider:
        if slider.proto.query_param_key and slider.value != slider.max:
            return slider.proto.query_param_key, str(slider.max), "slider", slider.max
    for box in at.main.selectbox:
        key = box.proto.query_param_key or (box.key if box.key in bound_by_code() else None)
        if key and len(box.options) > 1:
            index = 1 if box.index != 1 else 0
            # the label as the reader sees it: the spelling of links made before options were
            # written as codes (siyu.web.address.choice), still read
            return key, box.options[index], "selectbox", index
    return None


@pytest.mark.parametrize("page", [p.path for p in PAGES if p.path != "pages/data.py"])
def test_a_link_reopens_the_same_view_in_a_fresh_session(monkeypatch, demo_ws, page):
    """The reading side of a link (the browser writes bound values into its address itself:
    `tests/e2e/test_browser.py` checks that side and the copy-link control)."""
    at = open_page(monkeypatch, demo_ws, page, {"lang": "English"})
    copied = [c.value for c in at.sidebar.code if c.value.startswith("http://localhost:8501")]
    assert len(copied) == 1  # the copy-link control, with dataset and language always in it
    link = {k: v[0] for k, v in parse_qs(urlparse(copied[0]).query).items()}
    assert link["lang"] == "en" and link["dataset"] == "demo"
    option = _option_in_link(at)
    if option is None:
        pytest.skip(f"{page} has no bound slider or selectbox on the demo")
    key, spelled, kind, expected = option
    fresh = open_page(monkeypatch, demo_ws, page, {**link, key: spelled})
    assert not fresh.exception
    assert fresh.title[0].value == at.title[0].value
    widget = next(w for w in getattr(fresh.main, kind) if key in (w.proto.query_param_key, w.key))
    assert (widget.value if kind == "slider" else widget.index) == expected
