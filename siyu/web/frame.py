"""The frame every page opens with: page config, sign-in, language, dataset picker and the
navigation drawn from the page table (`siyu.web.pages`).

`open(name)` is a page's first line: it draws the frame and stops the page, with a word to
the reader, when there is no dataset or it lacks the tables the page needs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import streamlit as st

from siyu import access, i18n
from siyu.access import OPEN, Grant
from siyu.db import Source
from siyu.demo import DEMO_NAME, ensure_demo
from siyu.i18n import DEFAULT_LANGUAGE, LANGUAGES, language_code, t
from siyu.schema import TABLE_NEEDS
from siyu.web.address import SHARED_KEYS, carry, choice, keep, share_link_slot
from siyu.web.pages import DATA_PAGE, PAGES, page
from siyu.web.signin import gate, sign_out, workspace_from_secrets
from siyu.workspace import Dataset, Workspace, WorkspaceError


@dataclass
class Context:
    lang: str
    ws: Workspace
    dataset: str | None
    source: Source | None
    grant: Grant = OPEN

    def t(self, key: str, **params: Any) -> str:
        return t(key, self.lang, **params)

    def campaign(self, code: object) -> str:
        """A campaign code as the reader names it (`7day` → 7天活动)."""
        return i18n.campaign(code, self.lang)

    @property
    def role(self) -> str:  # viewer or editor
        return self.grant.role

    @property
    def can_edit(self) -> bool:
        return self.grant.can_edit

    def datasets(self) -> list[Dataset]:
        """The datasets of the spaces this person may open (all of them when open)."""
        return access.visible(self.grant, self.ws.datasets())

    def names(self) -> list[str]:
        return [d.name for d in self.datasets()]


@st.cache_resource(show_spinner=False)
def _bootstrap(root: str) -> bool:
    """Once per process: remove what interrupted imports left, then import the demo dataset
    into an empty workspace (SPEC §5)."""
    Workspace(root).tidy()
    if os.environ.get("SIYU_AUTO_DEMO", "1") == "0":
        return False
    return ensure_demo(Workspace(root)) is not None


def _language_before_widget() -> str:
    """The language the switch will hold, known before the widget runs (for its label).

    A fresh session takes it from the address: `?lang=en|zh-Hans|zh-Hant`, or the name the
    menu shows (`English`), as older links spell it.
    """
    if "lang" not in st.session_state:
        code = language_code(st.query_params.get("lang"))
        if code is not None:
            st.session_state["lang"] = code
    return st.session_state.get("lang", DEFAULT_LANGUAGE)


def _language_to_url(lang: str) -> None:
    """Write the language's code into the address (the switch is not bound to the URL, which
    would spell it as the menu shows it: `English`)."""
    current = st.query_params.get("lang")
    if current != lang and (current is not None or lang != DEFAULT_LANGUAGE):
        st.query_params["lang"] = lang


# How a role reads beside the signed-in name (translation keys).
ROLE_LABELS: dict[str, str] = {"viewer": "role.viewer", "editor": "role.editor"}


def open_page(name: str, *, needs: tuple[str, ...] = ()) -> Context:
    """A page's first line: the frame of page `name` (see `frame`), and the page stopped with
    a word to the reader when it is for editors only, when there is no dataset, or when the
    dataset lacks a table of `needs` (the message names the file to upload)."""
    ctx = frame(name)
    viewers_read = page(name).editors_only
    if viewers_read and not ctx.can_edit:
        st.info(ctx.t(viewers_read))
        st.stop()
    if ctx.source is None:
        no_dataset(ctx)
        st.stop()
    for table in needs:
        if not ctx.source.has(table):
            st.info(ctx.t(TABLE_NEEDS[table]))
            st.stop()
    return ctx


def frame(name: str) -> Context:
    """Set up page `name` of the page table: config, language, sign-in, navigation, the
    dataset picker and the page's title."""
    st.set_page_config(page_title="Siyu 私域", page_icon="📊", layout="wide")
    title = page(name).title
    codes = list(LANGUAGES)
    st.session_state["_page_switched"] = st.session_state.get("_page") not in (None, name)
    st.session_state["_page"] = name
    carry("lang")
    lang = st.sidebar.selectbox(
        t("frame.language", _language_before_widget()),
        codes,
        index=codes.index(DEFAULT_LANGUAGE),
        format_func=LANGUAGES.__getitem__,
        key="lang",
    )
    keep("lang", lang)
    _language_to_url(lang)
    grant = gate(lang)
    # this person's view: the datasets of their spaces, names unique per space
    ws = Workspace(
        os.environ.get("SIYU_WORKSPACE") or workspace_from_secrets(), spaces=grant.spaces
    )
    _bootstrap(str(ws.root))

    st.sidebar.title(t("app.name", lang))
    nav = st.sidebar.container()  # filled once the dataset is known: the links carry it

    ctx = Context(lang=lang, ws=ws, dataset=None, source=None, grant=grant)
    names = ctx.names()
    wanted = st.query_params.get("dataset")
    if wanted and wanted not in names and "dataset" not in st.session_state:
        # A link to a dataset that does not exist, or lives in a space this person may not
        # open: say so, never open it (the two cases read alike on purpose).
        st.warning(t("frame.no_such_dataset", lang, dataset=wanted))
        del st.query_params["dataset"]
    dataset = None
    if names:
        default = names.index(DEMO_NAME) if DEMO_NAME in names else 0
        goto = st.session_state.pop("goto_dataset", None)
        if goto in names:  # set before the widget exists, as Streamlit requires
            st.session_state["dataset"] = goto
        carry("dataset")
        if st.session_state.get("dataset") not in (None, *names):
            del st.session_state["dataset"]  # deleted meanwhile, or not this person's
        dataset = choice(
            st.sidebar.selectbox,
            t("frame.dataset", lang),
            names,
            index=default,
            key="dataset",
            format_func=lambda name: dataset_label(name, lang),
        )
        keep("dataset", dataset)
    source = None
    if dataset:
        try:
            source = ws.source(dataset)
        except WorkspaceError as exc:
            st.error(exc.message(lang))
    if source is not None and source.meta.get("damaged_version"):
        st.warning(
            t(
                "ws.damaged_served",
                lang,
                dataset=dataset_label(dataset, lang),
                damaged=source.meta["damaged_version"],
                served=source.meta["version"],
            )
        )
    if source is not None and source.meta.get("identity"):
        st.sidebar.caption(t("frame.identity", lang, column=source.meta["identity"]))
    _navigation(nav, lang, dataset, grant)
    if grant.who:
        st.sidebar.caption(
            t("auth.signed_in_as", lang, who=grant.who, role=t(ROLE_LABELS[grant.role], lang))
        )
        st.sidebar.button(t("auth.sign_out", lang), on_click=sign_out, key="auth-sign-out")
    share_link_slot(lang, dataset)
    st.title(t(title, lang))
    ctx.dataset, ctx.source = dataset, source
    return ctx


def _navigation(nav: Any, lang: str, dataset: str | None, grant: Grant) -> None:
    """The translated page links; each keeps the language, the dataset and the period."""
    params = {"lang": lang}
    if dataset:
        params["dataset"] = dataset
    for key in SHARED_KEYS:
        value = st.query_params.get(key)
        if value:
            params[key] = value
    for p in PAGES:
        if p.editors_only and not grant.can_edit:
            continue
        nav.page_link(p.path, label=t(p.title, lang), icon=p.icon, query_params=params)


def dataset_label(name: str, lang: str) -> str:
    return t("dataset.demo", lang) if name == DEMO_NAME else name


def no_dataset(ctx: Context) -> None:
    """Say there is no dataset yet, with a link to the Data page."""
    st.info(ctx.t("frame.no_dataset"))
    data = next(p for p in PAGES if p.path == DATA_PAGE)
    st.page_link(data.path, label=ctx.t(data.title), icon=data.icon)
