"""What a page keeps in its address: options bound by code, values carried between pages,
and the copy-link control (SPEC §5 "links")."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from siyu.i18n import t

# Keys of the widgets `choice` binds to the address (by option, not label), for the link tests.
BOUND_BY_CODE: set[str] = set()


def choice(widget: Callable[..., Any], label: str, options: Any, *, key: str, **kwargs: Any) -> Any:
    """A choice widget (`st.selectbox`, `st.segmented_control`, `st.radio` … passed as
    `widget`, e.g. `columns[0].segmented_control`) bound to the address by its option, not
    by the label it shows.

    Streamlit's `bind="query-params"` writes the formatted label: a zh-Hans reader's link read
    `?lb_board=商品榜`, which an English reader's page cannot resolve and falls back to the
    default. Here the address holds the option itself (`?lb_board=products`); a fresh session
    takes it from there (and still accepts the label in the reader's language, as older links
    spell it). The option is left out of the address while it is the default.
    """
    BOUND_BY_CODE.add(key)
    options = list(options)
    format_func = kwargs.get("format_func", str)
    if "default" in kwargs:
        default = kwargs["default"]
    elif "index" in kwargs:
        default = None if kwargs["index"] is None else options[kwargs["index"]]
    else:
        default = options[0] if options and widget.__name__ in ("selectbox", "radio") else None
    if key not in st.session_state:
        wanted = st.query_params.get(key)
        if wanted is not None:
            by_code = {str(o): o for o in options}
            chosen = by_code.get(wanted)
            if chosen is None:
                chosen = next((o for o in options if format_func(o) == wanted), None)
            if chosen is not None:
                st.session_state[key] = chosen
    if key in st.session_state:  # set here or carried: Streamlit warns if a default is given too
        kwargs.pop("default", None)
        kwargs.pop("index", None)
    value = widget(label, options, key=key, **kwargs)
    wanted = None if value is None or value == default else str(value)
    if st.query_params.get(key) != wanted:
        if wanted is None:
            del st.query_params[key]
        else:
            st.query_params[key] = wanted
        _draw_share_link()
    return value


def carry(key: str, scope: str = "") -> None:
    """On the first run of a page, give a widget every page shares its value of the page
    before.

    Streamlit forgets the widgets of a page when another page runs (and a page switch drops
    the address's query), so without this the language, the dataset and the period would
    fall back to their defaults on every page switch. A fresh session (nothing kept yet)
    takes them from the address: a shared link.
    """
    kept = st.session_state.get(f"_kept_{key}")
    if kept is None or not st.session_state.get("_page_switched"):
        return
    if kept[0] == scope:
        st.session_state[key] = kept[1]


def keep(key: str, value: Any, scope: str = "") -> None:
    st.session_state[f"_kept_{key}"] = (scope, value)


# URL keys every page shares: a page link keeps them, so switching pages keeps the view.
SHARED_KEYS = ("period",)


def share_link(lang: str, dataset: str | None) -> str | None:
    """This view's address with every URL-bound filter, and always the dataset and language
    (the browser's address leaves out values at their default, which a link must not rely
    on: the default dataset may differ when the link is opened)."""
    base = st.context.url
    if not base:
        return None
    params = {k: v for k, v in st.query_params.to_dict().items() if v is not None}
    params["lang"] = lang
    if dataset:
        params.setdefault("dataset", dataset)
    return base + "?" + urlencode(params)


# The copy-link control of this run (its slot, language and dataset): `choice` draws it again
# when it writes an option into the address after the sidebar was drawn.
_SHARE = threading.local()


def share_link_slot(lang: str, dataset: str | None) -> None:
    """A copy-link control: the page's address with every URL-bound filter of this view."""
    _SHARE.slot, _SHARE.lang, _SHARE.dataset = st.sidebar.empty(), lang, dataset
    _draw_share_link()


def _draw_share_link() -> None:
    slot = getattr(_SHARE, "slot", None)
    if slot is None:
        return
    link = share_link(_SHARE.lang, _SHARE.dataset)
    if not link:
        return
    with slot.container(), st.popover(t("frame.share", _SHARE.lang), icon=":material/link:"):
        st.caption(t("frame.share_help", _SHARE.lang))
        st.code(link, language=None, wrap_lines=True)
