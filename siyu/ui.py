"""The shared frame every page opens with, and the few Streamlit helpers pages share.

`frame()` sets the page up (config, sign-in gate, language, navigation, dataset picker) and
returns a `Context`; pages then read widgets, call `siyu` and draw. This is the only module of
the package, with `siyu.charts` for figures, that knows about Streamlit.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import numpy as np
import pandas as pd
import streamlit as st

from siyu import access, exports, fmt, i18n, importer, ingest, metrics
from siyu.access import OPEN, Grant
from siyu.db import Source
from siyu.demo import DEMO_NAME, ensure_demo
from siyu.i18n import DEFAULT_LANGUAGE, LANGUAGES, language_code, t
from siyu.importer import FileRequest
from siyu.workspace import Dataset, Workspace, WorkspaceError

# (file, translation key, icon) of every page, in sidebar order.
_ALL_PAGES: list[tuple[str, str, str]] = [
    ("app.py", "nav.overview", ":material/dashboard:"),
    ("pages/funnels.py", "nav.funnels", ":material/filter_alt:"),
    ("pages/retention.py", "nav.retention", ":material/grid_on:"),
    ("pages/leaderboards.py", "nav.leaderboards", ":material/leaderboard:"),
    ("pages/staff.py", "nav.staff", ":material/support_agent:"),
    ("pages/members.py", "nav.members", ":material/workspace_premium:"),
    ("pages/value.py", "nav.value", ":material/savings:"),
    ("pages/groups.py", "nav.groups", ":material/groups:"),
    ("pages/whatif.py", "nav.whatif", ":material/tune:"),
    ("pages/data.py", "nav.data", ":material/upload_file:"),
    ("pages/sql.py", "nav.sql", ":material/terminal:"),
    ("pages/alerts.py", "nav.alerts", ":material/notifications:"),
]
# Pages only editors see (and open: each checks `ctx.can_edit` again).
EDITOR_PAGES = {"pages/sql.py", "pages/alerts.py"}
# TODO(lead): while pages are being built in parallel, list only those that exist.
PAGES = [p for p in _ALL_PAGES if (Path(__file__).resolve().parents[1] / p[0]).exists()]


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


def _secrets() -> Any:
    """`st.secrets` when a secrets file exists, else None (st.secrets raises without one)."""
    try:
        return st.secrets if st.secrets.load_if_toml_exists() else None
    except Exception:
        return None


def access_config() -> access.AccessConfig:
    """The sign-in configuration of `.streamlit/secrets.toml` (open when there is none)."""
    return access.config_from(_secrets())


def _local_only() -> bool:
    address = st.get_option("server.address")
    return address in ("localhost", "127.0.0.1", "::1")


def gate(lang: str) -> Grant:
    """The sign-in gate: the grant of the person at the browser, or a sign-in screen and stop.

    Open (editor of every space) when no sign-in is configured, with a banner when the
    server listens on anything but localhost.
    """
    try:
        cfg = access_config()
    except access.AccessError as exc:
        st.error(t(exc.key, lang, **exc.params))
        st.stop()
    if not cfg.enabled:
        if not _local_only():
            st.warning(t("auth.open_banner", lang))
        return access.OPEN
    held = st.session_state.get("grant")
    if isinstance(held, Grant):
        return held
    if cfg.providers and st.user.is_logged_in:
        email = st.user.get("email")
        grant = cfg.grant_for_email(email)
        if grant is None:
            st.error(t("auth.not_granted", lang, who=email or "?"))
            st.button(t("auth.sign_out", lang), on_click=st.logout, key="auth-out")
            st.stop()
        return grant
    _sign_in_screen(cfg, lang)
    st.stop()


def _client_address(cfg: access.AccessConfig) -> str:
    """The address wrong passcodes are counted against (see `access.client_address`)."""
    try:
        ip = st.context.ip_address
        forwarded = st.context.headers.get("X-Forwarded-For") if cfg.behind_proxy else None
    except Exception:  # no request behind this run (a test harness)
        ip, forwarded = None, None
    return access.client_address(ip, forwarded, cfg.behind_proxy)


def _throttle() -> access.Throttle:
    """Wrong passcodes counted in the workspace, so every session and replica shares them."""
    return access.Throttle(
        Workspace(os.environ.get("SIYU_WORKSPACE") or _workspace_from_secrets()).root
    )


def _sign_in_screen(cfg: access.AccessConfig, lang: str) -> None:
    st.title(t("app.name", lang))
    st.info(t("auth.please_sign_in", lang))
    for provider in cfg.providers:
        label = (
            t("auth.sign_in_with", lang, provider=provider) if provider else t("auth.sign_in", lang)
        )
        st.button(
            label,
            on_click=st.login,
            args=(provider,) if provider else (),
            key=f"auth-login-{provider}",
        )
    if not cfg.passcodes:
        return
    address = _client_address(cfg)
    throttle = _throttle()
    with st.form("auth-passcode"):
        code = st.text_input(t("auth.passcode", lang), type="password", key="auth-code")
        sent = st.form_submit_button(t("auth.enter", lang))
    if not sent:
        left = throttle.wait(address)
        if left > 0:
            st.warning(t("auth.wait", lang, seconds=access.wait_text_seconds(left)))
        return
    left = throttle.admit(address)  # refused while a wait runs: no passcode is hashed
    if left > 0:
        st.error(t("auth.wait", lang, seconds=access.wait_text_seconds(left)))
        return
    grant = cfg.grant_for_passcode(code or "")
    if grant is not None:
        throttle.succeeded(address)
        st.session_state["grant"] = grant
        st.rerun()
    st.error(t("auth.wrong_passcode", lang))
    left = throttle.wait(address)
    if left > 0:
        st.warning(t("auth.wait", lang, seconds=access.wait_text_seconds(left)))


def _sign_out() -> None:
    st.session_state.pop("grant", None)
    if st.user.is_logged_in:
        st.logout()


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


def _carry(key: str, scope: str = "") -> None:
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


def _keep(key: str, value: Any, scope: str = "") -> None:
    st.session_state[f"_kept_{key}"] = (scope, value)


def frame(page_key: str) -> Context:
    """Set up a page: config, language, sign-in, navigation and the dataset picker."""
    st.set_page_config(page_title="Siyu 私域", page_icon="📊", layout="wide")
    codes = list(LANGUAGES)
    st.session_state["_page_switched"] = st.session_state.get("_page") not in (None, page_key)
    st.session_state["_page"] = page_key
    _carry("lang")
    lang = st.sidebar.selectbox(
        t("frame.language", _language_before_widget()),
        codes,
        index=codes.index(DEFAULT_LANGUAGE),
        format_func=LANGUAGES.__getitem__,
        key="lang",
    )
    _keep("lang", lang)
    _language_to_url(lang)
    grant = gate(lang)
    # this person's view: the datasets of their spaces, names unique per space
    ws = Workspace(
        os.environ.get("SIYU_WORKSPACE") or _workspace_from_secrets(), spaces=grant.spaces
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
        _carry("dataset")
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
        _keep("dataset", dataset)
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
            t("auth.signed_in_as", lang, who=grant.who, role=t(f"role.{grant.role}", lang))
        )
        st.sidebar.button(t("auth.sign_out", lang), on_click=_sign_out, key="auth-sign-out")
    _share_link(lang, dataset)
    st.title(t(f"nav.{page_key}", lang))
    ctx.dataset, ctx.source = dataset, source
    return ctx


# URL keys every page shares: a page link keeps them, so switching pages keeps the view.
SHARED_KEYS = ("period",)


def _navigation(nav: Any, lang: str, dataset: str | None, grant: Grant) -> None:
    """The translated page links; each keeps the language, the dataset and the period."""
    params = {"lang": lang}
    if dataset:
        params["dataset"] = dataset
    for key in SHARED_KEYS:
        value = st.query_params.get(key)
        if value:
            params[key] = value
    for path, key, icon in PAGES:
        if path in EDITOR_PAGES and not grant.can_edit:
            continue
        nav.page_link(path, label=t(key, lang), icon=icon, query_params=params)


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


def _share_link(lang: str, dataset: str | None) -> None:
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


def _workspace_from_secrets() -> str | None:
    secrets = _secrets()
    if secrets is not None and "workspace" in secrets:
        return str(secrets["workspace"])
    return None


def dataset_label(name: str, lang: str) -> str:
    return t("dataset.demo", lang) if name == DEMO_NAME else name


# ---- cached metrics -------------------------------------------------------------------------


# Cache keys: the workspace folder and `Source.key` (dataset id @ version), so a new version
# (an import, a restore) misses while every other dataset's entries stay hits; two workspaces
# copied from one another (same ids) never share entries.
# A question to a metric: its declared name, the period and the options as sorted (name,
# value) pairs of their own types; Streamlit hashes them as they are (no text round trip).
Question = tuple[str, Any, Any, tuple[tuple[str, Any], ...]]


def _question(name: str, params: dict[str, Any]) -> Question:
    """`name` and `params` as a cache key; UnknownMetric / UnknownOption when not declared."""
    declared = metrics.get(name)
    options = dict(params)
    start, end = options.pop("start", None), options.pop("end", None)
    return declared.name, start, end, tuple(sorted(declared.check(options).items()))


def _compute(question: Question, source: Source) -> pd.DataFrame:
    name, start, end, options = question
    return metrics.get(name)(source, start, end, **dict(options))


@st.cache_data(ttl=3600, max_entries=512, show_spinner=False)
def _cached_metric(key: str, question: Question, _source: Source) -> pd.DataFrame:
    return _compute(question, _source)


def metric(ctx: Context, name: str, **params: Any) -> pd.DataFrame:
    """A declared metric's result, cached by dataset version, name, period and options."""
    assert ctx.source is not None
    return _cached_metric(_cache_key(ctx), _question(name, params), ctx.source)


# A list on screen shows its first rows; the whole list is in the downloads. Shipping a
# million members to every visitor's browser (and unpickling them on each rerun) would make
# the page slow for everyone on the link.
LIST_ROWS = 5000


@st.cache_data(ttl=3600, max_entries=256, show_spinner=False)
def _cached_preview(key: str, question: Question, rows: int, _source: Source) -> Any:
    # The whole list is not cached here: pickling half a million rows into the cache costs
    # more than the query (3.7 s against 1 s for the silent list at 1M members). The
    # download asks for it through `metric` when someone clicks.
    full = _compute(question, _source)
    return full.head(rows).reset_index(drop=True), len(full)


def metric_preview(
    ctx: Context, name: str, rows: int | None = None, **params: Any
) -> tuple[pd.DataFrame, int]:
    """The first `rows` rows of a list metric and the length of the whole list.

    Cached apart from the whole list, so a warm rerun moves `rows` rows, not the list.
    """
    assert ctx.source is not None
    question = _question(name, params)
    return _cached_preview(_cache_key(ctx), question, rows or LIST_ROWS, ctx.source)


def preview_note(ctx: Context, shown: int, total: int) -> None:
    """Say that a table shows only the first rows of a longer list."""
    if total > shown:
        st.caption(ctx.t("list.preview", shown=shown, total=total))


@st.cache_data(ttl=3600, max_entries=128, show_spinner=False)
def _cached_call(key: str, name: str, _source: Source) -> Any:
    return getattr(metrics, name)(_source)


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def _cached_report(key: str, week: str, lang: str, dataset: str, _source: Source) -> str:
    from siyu import report

    return report.build(_source, dt.date.fromisoformat(week), lang, dataset=dataset)


def weekly_report(ctx: Context, week: dt.date) -> str:
    """The weekly review HTML of `week` (cached by dataset version, week and language)."""
    assert ctx.source is not None and ctx.dataset is not None
    return _cached_report(
        ctx.source.key, week.isoformat(), ctx.lang, dataset_label(ctx.dataset, ctx.lang), ctx.source
    )


def dataset_fact(ctx: Context, name: str) -> Any:
    """A cached no-argument fact about the dataset (`default_period`, `data_range`, `as_of`)."""
    assert ctx.source is not None
    return _cached_call(_cache_key(ctx), name, ctx.source)


def _cache_key(ctx: Context) -> str:
    assert ctx.source is not None
    return f"{ctx.ws.root.resolve()}|{ctx.source.key}"


# ---- small drawing helpers ------------------------------------------------------------------


def period_filter(
    ctx: Context, default: tuple[dt.date, dt.date] | None = None
) -> tuple[dt.date, dt.date] | None:
    """A date-range filter bound to the URL, defaulting to the dataset's recent period (the
    last 28 days of its own range, `metrics.default_period`) or to the page's `default` (a
    view that needs observed windows opens on the latest period that has them)."""
    default = default or dataset_fact(ctx, "default_period")
    first, last = dataset_fact(ctx, "data_range")
    if default is None or default[0] is None:
        return None
    _carry("period", scope=ctx.source.key if ctx.source else "")
    value = st.date_input(
        ctx.t("filter.period"),
        value=(default[0], default[1]),
        min_value=min(first, default[0]) - dt.timedelta(days=366) if first else None,
        max_value=max(last, default[1]) + dt.timedelta(days=366) if last else None,
        key="period",
        bind="query-params",
    )
    if isinstance(value, (tuple, list)) and len(value) == 2:
        _keep("period", tuple(value), scope=ctx.source.key if ctx.source else "")
        return value[0], value[1]
    st.caption(ctx.t("filter.pick_end"))
    return None


# How a table on screen shows a missing value (Streamlit's own default reads "None").
MISSING = "—"


def table(data: Any, kinds: dict[str, str] | None = None, **kwargs: Any) -> Any:
    """`st.dataframe` with missing values shown as "—" rather than Streamlit's "None", and
    numbers as `siyu.fmt` writes them (`kinds` maps a shown column to count, money, rate or
    number; see `number_columns`). Entries of `column_config` win over the number formats."""
    kwargs.setdefault("placeholder", MISSING)
    if isinstance(data, pd.DataFrame):
        kinds = column_kinds(data, kinds)
        given = kwargs.get("column_config") or {}
        kwargs["column_config"] = {
            **text_widths(data, skip=set(kinds) | set(given)),
            **number_columns(data, kinds),
            **given,
        }
        data = shown_numbers(data, kinds)
    return st.dataframe(data, **kwargs)


def _text_width(text: str) -> int:
    """Pixels a cell's text takes in the table font: CJK and full-width characters about
    twice a Latin one."""
    return sum(14 if unicodedata.east_asian_width(c) in "WF" else 8 for c in text)


def text_widths(frame: pd.DataFrame, skip: set[str] = frozenset()) -> dict[str, Any]:
    """Column widths that show every text and time cell whole: Streamlit sizes a column by
    the rows it sees first, so a column of "—" cut the later 2026-10-14 13:47:09 to
    "2026-10-14 13:47:". Measured on the first 1,000 rows and the header, at most 480 px."""
    out: dict[str, Any] = {}
    head = frame.head(1000)
    for name in frame.columns:
        if name in skip or pd.api.types.is_numeric_dtype(head[name].dtype):
            continue
        if pd.api.types.is_bool_dtype(head[name].dtype):
            continue
        cells = [str(v) for v in head[name] if v is not None and not _missing(v)]
        widest = max([_text_width(str(name)) + 16, *(_text_width(c) for c in cells)])
        out[name] = st.column_config.Column(width=min(widest + 28, 480))
    return out


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def card_grid(key: str = "kpi_cards", width_rem: float = 10.5) -> Any:
    """A row of KPI cards that wraps instead of squeezing: each card at least `width_rem`
    wide (a value such as ¥24.73万 and a two-line caption fit), as many per row as the page
    holds — four at 1,280 px, two on a 900 px window with the sidebar open, one on a phone.
    Columns (`st.columns(4)`) kept four cards per row down to 640 px and cut their values to
    "2,…". Fill it with `grid.container(border=True)`, one per card."""
    st.html(f"<style>.st-key-{key}>div{{flex:1 1 {width_rem}rem;min-width:{width_rem}rem}}</style>")
    return st.container(horizontal=True, wrap=True, gap="small", key=key)


def shown_numbers(frame: pd.DataFrame, kinds: dict[str, str] | None) -> pd.DataFrame:
    """`frame` with the columns of `kinds` holding the numbers `siyu.fmt` shows (rates to a
    tenth of a percent, people whole): Streamlit's formats cut the digits they do not show,
    so 27.167% would read 27.1% beside a card's 27.2%. Only the screen gets these; the
    downloads keep every digit."""
    wanted = {c: k for c, k in (kinds or {}).items() if c in frame.columns}
    if not wanted:
        return frame
    out = frame.copy()
    for name, kind in wanted.items():
        if pd.api.types.is_integer_dtype(out[name].dtype):
            continue
        out[name] = pd.Series(
            [fmt.shown_value(kind, v) for v in out[name]], index=out.index, dtype="Float64"
        )
    return out


def card(
    box: Any,
    ctx: Context,
    label: str,
    kind: str,
    value: Any,
    *,
    delta: str | None = None,
    help: str | None = None,
    **options: Any,
) -> None:
    """A KPI card whose value reads by `siyu.fmt` and is never cut: a value too wide for a
    card shows in the compact form of the language (¥121.6万), the full one in the help."""
    shown, full = fmt.card(kind, value, ctx.lang)
    box.metric(label, shown, delta=delta, help=fmt.card_help(help, full, ctx.lang), **options)


def _whole_numbers(column: pd.Series) -> bool:
    """Whether a column holds whole numbers (people, orders), of an integer dtype or as
    Python/NumPy integers in an object column (a metric column with missing values)."""
    dtype = column.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return False
    if pd.api.types.is_integer_dtype(dtype):
        return True
    if not pd.api.types.is_object_dtype(dtype):
        return False
    values = column.dropna().head(500)
    return len(values) > 0 and all(
        isinstance(v, int | np.integer) and not isinstance(v, bool | np.bool_) for v in values
    )


def column_kinds(frame: pd.DataFrame, kinds: dict[str, str] | None = None) -> dict[str, str]:
    """`kinds` (shown column → count, money, rate or number) with the columns of whole
    numbers not named added as counts."""
    out = dict(kinds or {})
    for name in frame.columns:
        if name not in out and _whole_numbers(frame[name]):
            out[name] = "count"
    return out


def number_columns(frame: pd.DataFrame, kinds: dict[str, str] | None = None) -> dict[str, Any]:
    """Streamlit column formats by `siyu.fmt` for the columns of `frame` (see
    `column_kinds`): 1,234 / ¥1,234.50 / 27.2%. The values stay numbers (sorting)."""
    kinds = column_kinds(frame, kinds)
    return {
        name: st.column_config.NumberColumn(**fmt.column(kind))
        for name, kind in kinds.items()
        if name in frame.columns
    }


def download_table(ctx: Context, frame: pd.DataFrame | Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """A table as its downloads hold it: true / false cells in the reader's words."""
    data = frame() if callable(frame) else frame
    return exports.readable(data, yes=ctx.t("value.yes"), no=ctx.t("value.no"))


def download_buttons(
    ctx: Context,
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    stem: str,
    key: str,
) -> None:
    """CSV (UTF-8 with BOM) and XLSX downloads of a table, formula cells neutralised.

    The files are built only when a button is clicked (a callable `data`), never on a render:
    a list of a million members would otherwise be written twice on every rerun. `frame` may
    itself be a callable (the whole list behind a preview), fetched only on a click.
    """

    def whole() -> pd.DataFrame:
        return download_table(ctx, frame)

    left, right = st.columns(2)
    left.download_button(
        ctx.t("download.csv"),
        lambda: exports.to_csv_bytes(whole()),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}-csv",
        on_click="ignore",
    )
    right.download_button(
        ctx.t("download.xlsx"),
        lambda: exports.to_xlsx_bytes(whole()),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx",
        on_click="ignore",
    )


def _css_string(text: str) -> str:
    """`text` as a CSS string literal (for `content:`)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


# Streamlit's own texts of the file uploader (1.67 has no option for them): the button's label,
# the size and types note, and the overlay shown while a file is dragged over the zone.
_UPLOADER = '[data-testid="stFileUploaderDropzone"]'
_UPLOADER_TEXTS = (
    (f'{_UPLOADER} button [data-testid="stMarkdownContainer"] p', "browse", "0.875rem"),
    ('[data-testid="stFileUploaderDropzoneInstructions"] span', "note", "0.875rem"),
    (f"{_UPLOADER} > div:not([data-testid]) > span", "drop", "1rem"),
)


def uploader_style(lang: str, types: list[str], mb: int) -> str:
    """The CSS that puts the uploader's texts in `lang`: each English text is set to size 0
    and the translation drawn after it (`::after`), so layout and clicks stay Streamlit's."""
    texts = {
        "browse": t("uploader.browse", lang),
        "note": t("uploader.note", lang, mb=mb, types=" / ".join(x.upper() for x in types)),
        "drop": t("uploader.drop", lang),
    }
    rules = []
    for selector, key, size in _UPLOADER_TEXTS:
        rules.append(f"{selector}{{font-size:0}}")
        rules.append(f"{selector}::after{{content:{_css_string(texts[key])};font-size:{size}}}")
    return "<style>" + "".join(rules) + "</style>"


def file_uploader(ctx: Context, label: str, *, type: list[str], **kwargs: Any) -> Any:
    """`st.file_uploader` with Streamlit's own English texts in the reader's language.

    Streamlit 1.67 offers no setting for them; CSS replaces what shows ("Upload", "500MB per
    file • …", "Drag and drop files here"). What only a screen reader hears (the hidden
    input's "file upload", the "Add files" icon button) and the per-file error Streamlit
    shows for a file of another type stay English: CSS cannot reach them.
    """
    mb = int(st.get_option("server.maxUploadSize"))
    st.html(uploader_style(ctx.lang, type, mb))
    return st.file_uploader(label, type=type, **kwargs)


def no_dataset(ctx: Context) -> None:
    st.info(ctx.t("frame.no_dataset"))
    st.page_link("pages/data.py", label=ctx.t("nav.data"), icon=":material/upload_file:")


# ---- import flow (Data page) ----------------------------------------------------------------


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def _preview(
    file_id: str,
    name: str,
    encoding: str | None,
    sheet: str | None,
    header_row: int | None,
    kind: str | None,
    _data: bytes,
) -> ingest.Preview:
    return ingest.preview(
        _data, name, encoding=encoding, sheet=sheet, header_row=header_row, kind=kind
    )


def preview(
    file_id: str,
    data: bytes,
    name: str,
    encoding: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    kind: str | None = None,
) -> ingest.Preview:
    """The preview of an uploaded file, cached by upload id and the user's choices."""
    return _preview(file_id, name, encoding, sheet, header_row, kind, data)


def preview_frame(pv: ingest.Preview) -> pd.DataFrame:
    """The first rows of the file as read, with every mobile number masked."""
    from siyu.privacy import scrub_phones

    width = len(pv.headers)
    rows = [[scrub_phones(c) for c in r[:width]] + [""] * (width - len(r)) for r in pv.rows]
    return pd.DataFrame(rows, columns=pv.headers).astype(str)


def remembered_plan(
    ctx: Context, pv: ingest.Preview
) -> tuple[ingest.Plan, list[ingest.Plan], str] | None:
    """The settings saved in this workspace for files with the preview's headers."""
    return importer.remembered(ctx.ws, pv)


def request_signature(requests: list[FileRequest]) -> str:
    parts = [
        [
            r.filename,
            len(r.data) if isinstance(r.data, bytes) else str(r.data),
            r.kind,
            r.mapping,
            r.encoding,
            r.sheet,
            r.header_row,
            r.options.to_json() if r.options else None,
            [p.to_json() for p in r.also or []],
            r.stat_date,
        ]
        for r in requests
    ]
    return json.dumps(parts, default=str, sort_keys=True, ensure_ascii=False)


def local_time(iso: str) -> str:
    return _local_time(iso)


def identity_line(ctx: Context, who: ingest.Identity) -> str:
    return ctx.t(
        "ingest.ui.identity",
        identity=ctx.t(f"ingest.identity.{who.mode}", column=who.column),
    )


def stage_files(ctx: Context, requests: list[FileRequest], signature: str) -> None:
    """Convert and validate the files; keep the result in the session until saved."""
    old = st.session_state.pop("staged", None)
    if old is not None:
        old[1].discard()
    try:
        with st.spinner(ctx.t("data.checking")):
            staged = importer.stage(ctx.ws, requests)
    except ingest.ImportRefused as exc:
        st.error(exc.message(ctx.lang))
        return
    st.session_state["staged"] = (signature, staged)


def current_stage(signature: str) -> importer.Staged | None:
    held = st.session_state.get("staged")
    if held is None or held[0] != signature or not held[1].folder.exists():
        return None
    return held[1]


def save_stage(ctx: Context, name: str, mode: str) -> None:
    """Publish the checked files; on success reload the page on the saved dataset."""
    held = st.session_state.get("staged")
    if held is None:
        return
    staged = held[1]
    try:
        if mode != "new" and (name or "") not in ctx.names():
            raise WorkspaceError("ws.no_dataset", dataset=name or "")
        # A new dataset goes to the space of the person who saves it.
        meta = {"space": ctx.grant.home_space()} if mode == "new" else None
        report = importer.commit(ctx.ws, staged, name or "", mode=mode, meta=meta, lang=ctx.lang)
    except WorkspaceError as exc:
        st.error(exc.message(ctx.lang))
        # commit() dropped the staging folder: the user checks again after fixing the name
        st.session_state.pop("staged", None)
        return
    st.session_state.pop("staged", None)
    st.session_state["flash"] = ctx.t(
        "data.saved",
        dataset=dataset_label(name.strip(), ctx.lang),
        version=report.version.version,
        rows=report.accepted,
    )
    st.session_state["goto_dataset"] = name.strip()
    st.rerun()


def rejected_rows(ctx: Context, conv: ingest.Converted, limit: int | None = None) -> pd.DataFrame:
    """The rejected rows of a checked file as shown and downloaded: headers in the reader's
    language (行号 / 列 / 原始值 / 原因)."""
    frame = ingest.rejected_frame(conv, ctx.lang, limit=limit)
    return frame.rename(columns=lambda c: ctx.t(f"ingest.col.{c}"))


def flash(ctx: Context) -> None:
    message = st.session_state.pop("flash", None)
    if message:
        st.success(message)


def tables_frame(ctx: Context, ds: Dataset) -> pd.DataFrame:
    head = ds.head
    return pd.DataFrame(
        {
            ctx.t("data.col_table"): [ctx.t(f"table.{k}") for k in head.tables],
            ctx.t("data.col_rows"): [v.rows for v in head.tables.values()],
        }
    )


def history_frame(ctx: Context, ds: Dataset) -> pd.DataFrame:
    rows = []
    for v in reversed(ds.versions):
        rows.append(
            {
                ctx.t("data.col_version"): v.version,
                ctx.t("data.col_at"): _local_time(v.at),
                ctx.t("data.col_action"): ctx.t(f"action.{v.action}"),
                ctx.t("data.col_files"): ", ".join(v.files),
                ctx.t("data.col_rows"): ", ".join(
                    f"{ctx.t(f'table.{k}')} {tf.rows:,}" for k, tf in v.tables.items()
                ),
                ctx.t("data.col_current"): "✓" if v.version == ds.current else "",
            }
        )
    return pd.DataFrame(rows)


def _local_time(iso: str) -> str:
    from zoneinfo import ZoneInfo

    from siyu.config import settings

    try:
        when = dt.datetime.fromisoformat(iso).astimezone(ZoneInfo(settings().timezone))
    except ValueError:
        return iso
    return when.strftime("%Y-%m-%d %H:%M:%S")
