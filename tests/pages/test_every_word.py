"""Every word in the reader's language: each page, in the three languages, on the demo dataset
(and the Data page on a small messy file), read the way a user sees it.

The walk collects every text a page renders (markdown and captions, alerts, card labels,
values and changes, widget labels and options, tab and expander titles, table headers and
cells, chart titles, axis titles, legend names and category labels from the Plotly JSON) and
fails on a missing translation key (`i18n.t` raises in tests), on `None`, `nan`, `NaT` or
`<NA>`, on anything that looks like a raw key (`col.nickname`), and, on a Chinese screen, on an
English word outside a short list of terms a Chinese operator reads as they are (GMV, ROI …).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from siyu import exports
from siyu.i18n import LANGUAGES, TEXT, t
from siyu.web.pages import PAGES
from tests.pages.test_pages import APP

PAGE_FILES = [p.path for p in PAGES]

# English a Chinese screen may show as it is: acronyms and brands an operator reads as such,
# units, file formats, and the names of things (the demo dataset is called `demo`).
# fmt: off
ALLOWED_IN_CHINESE = {
    # metrics and methods; pp = percentage points; the intervals, by their authors' names
    "GMV", "ROI", "RFM", "AARRR", "KPI", "ID", "SKU", "UV", "PV", "ARPU", "LTV", "CAC", "VIP",
    "pp", "Wilson", "Newcombe",
    # lifetime value: the models and their authors, the data set the literature fits
    "BG", "NBD", "Gamma", "Fader", "Hardie", "Lee", "CDNOW",
    # files, encodings and tools
    "CSV", "XLSX", "XLSM", "TSV", "TXT", "GZ", "HTML", "PNG", "SQL", "UTF", "BOM", "GB", "GBK",
    "DuckDB", "Excel", "WPS", "URL", "JSON", "Parquet",
    # units; platforms and products
    "KB", "MB", "kg", "ml", "WeCom", "Siyu", "SCRM",
}
# fmt: on
# Words that are names, not language: the demo dataset, and what the Data page test uploads.
NAMES = {"demo"}

MISSING = re.compile(r"(?<![\w.])(None|nan|NaN|NaT|<NA>)(?![\w.])")
KEYLIKE = re.compile(r"(?<![\w./@-])([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)(?![\w/(-])")
WORD = re.compile(r"[A-Za-z]{2,}")
KEY_PREFIXES = {key.split(".", 1)[0] for key in TEXT}
_ALLOWED = {w.casefold() for w in ALLOWED_IN_CHINESE | NAMES}

# Text that is not language: icons, colour markup, addresses, file names, placeholders.
_NOISE = [
    re.compile(r":material/\w+:"),
    re.compile(r":(?:red|green|blue|orange|violet|gray|grey|rainbow|primary)(?:-background)?\["),
    re.compile(r"\]\([^)]*\)"),  # the address of a markdown link
    re.compile(r"https?://\S+"),
    re.compile(r"%\{[^}]*\}"),  # Plotly template fields
    re.compile(r"</?[a-zA-Z][^>]*>"),  # tags (<br>, <b>, <extra>)
    re.compile(r"[\w.-]*[/\\][\w./\\-]*"),  # paths
    re.compile(r"[\w-]+\.(?:csv|tsv|txt|xlsx|xlsm|gz|html|toml|parquet|json|py)\b", re.I),
    re.compile(r"\$\w+"),  # SQL parameters ($start)
    re.compile(r"```.*?```", re.S),  # code blocks: formulas, SQL
    re.compile(r"`[^`]*`"),  # code: SQL and column names the user types
    re.compile(r"(?<![\w.])\.(?:csv|tsv|txt|xlsx|xlsm|gz)\b", re.I),  # a file extension
]


CSS_CONTENT = re.compile(r'content:\s*"((?:[^"\\]|\\.)*)"')


def walk(node) -> Iterator:
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from walk(child)


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


# Where a Plotly figure keeps words: titles, trace names, category labels, hover and text.
_CHART_KEYS = {
    "text",
    "name",
    "title",
    "label",
    "labels",
    "ticktext",
    "x",
    "y",
    "hovertext",
    "texttemplate",
    "hovertemplate",
    "header",
    "values",
}


def chart_texts(spec: dict) -> Iterator[str]:
    def visit(obj, key=None):
        if isinstance(obj, dict):
            if "bdata" in obj:  # a packed numeric array
                return
            for k, v in obj.items():
                if k in ("template", "customdata", "meta", "uid", "marker", "line", "font"):
                    continue
                if k in _CHART_KEYS and isinstance(v, (str, list)):
                    yield from (s for s in _strings(v))
                yield from visit(v, k)
        elif isinstance(obj, list):
            for v in obj:
                if isinstance(v, (dict, list)):
                    yield from visit(v, key)

    yield from visit(spec)


def _cell_text(value) -> str:
    if isinstance(value, (bool, np.bool_)):
        return ""  # a tick box on screen
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""  # judged apart: a missing value is allowed only with a placeholder
    return str(value)


def table_texts(node) -> Iterator[tuple[str, str]]:
    frame: pd.DataFrame = node.value
    config = json.loads(node.proto.columns or "{}")
    has_missing = False
    for column in frame.columns:
        conf = config.get(str(column)) or config.get(f"col:{column}") or {}
        if conf.get("hidden"):
            continue
        yield "table header", str(conf.get("label") or column)
        if conf.get("help"):
            yield "table help", str(conf["help"])
        cells = frame[column]
        has_missing = has_missing or bool(cells.isna().any())
        for cell in cells.head(200):
            yield "table cell", _cell_text(cell)
    placeholder = node.proto.placeholder
    if has_missing and not placeholder:
        yield "table missing value", "None"  # what Streamlit shows without a placeholder
    elif has_missing:
        yield "table placeholder", placeholder


_FIELDS = ("label", "body", "delta", "help", "placeholder", "caption")


def page_texts(at: AppTest) -> list[tuple[str, str]]:
    """(where, text) of everything the page shows, the language menu and dataset names aside."""
    found: list[tuple[str, str]] = []
    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        key = str(getattr(node, "key", "") or "")
        if proto is None or kind in ("code", "json", "exception"):
            continue
        if key in ("lang", "dataset", "existing_name") or key.startswith(("enc-", "sheet-")):
            continue  # language names; dataset names; encodings and sheet names of a file
        if kind == "dataframe" or type(proto).__name__ == "Arrow":
            found.extend(table_texts(node))
            continue
        if kind == "html":  # style only (the uploader's texts): what `content:` draws
            found.extend(("style content", c) for c in CSS_CONTENT.findall(proto.body))
            continue
        if kind == "plotly_chart":
            found.extend(("chart", s) for s in chart_texts(json.loads(proto.spec)))
            continue
        if kind in ("expander", "tab", "popover"):
            label = getattr(node, "label", "")
            if label:
                found.append((kind, label))
            continue
        for field in _FIELDS:
            value = getattr(proto, field, None)
            if isinstance(value, str) and value:
                found.append((f"{kind} {field}", value))
        options = getattr(proto, "options", None)
        if options is not None and not isinstance(options, str):
            for option in options:
                text = option if isinstance(option, str) else getattr(option, "content", "")
                if text:
                    found.append((f"{kind} option", text))
    return found


def _clean(text: str) -> str:
    for pattern in _NOISE:
        text = pattern.sub(" ", text)
    return text


def problems(found: list[tuple[str, str]], lang: str, code: tuple[str, ...] = ()) -> list[str]:
    """What a reader of `lang` should never see, each with where it was seen.

    Texts whose `where` starts with one of `code` are SQL (the SQL page's schema and editor):
    English there is the language of the query, but a raw key or a missing value is not.
    """
    bad = []
    for where, text in found:
        if where == "table missing value":
            bad.append(f"{where}: a table shows missing values as 'None' (no placeholder)")
            continue
        clean = _clean(text)
        for m in MISSING.finditer(clean):
            bad.append(f"{where}: {m.group(1)!r} in {text!r}")
        for m in KEYLIKE.finditer(clean):
            token = m.group(1)
            if token in TEXT or token.split(".", 1)[0] in KEY_PREFIXES:
                bad.append(f"{where}: raw key {token!r} in {text!r}")
        if lang.startswith("zh") and not where.startswith(code):
            for m in WORD.finditer(clean):
                word = m.group(0)
                if word.casefold() not in _ALLOWED:
                    bad.append(f"{where}: English {word!r} in {text!r}")
    return sorted(set(bad))


def choices(at: AppTest) -> dict[str, list[str]]:
    """The URL-bound single-choice widgets of the main area: URL key → options as shown."""
    found: dict[str, list[str]] = {}
    for node in walk(at.main):
        proto = getattr(node, "proto", None)
        if getattr(node, "type", "") not in ("selectbox", "radio", "button_group"):
            continue
        if not proto.query_param_key:
            continue
        if node.type == "button_group" and proto.click_mode != proto.ClickMode.SINGLE_SELECT:
            continue
        options = [o if isinstance(o, str) else o.content for o in proto.options]
        if len(options) > 5:  # long lists (groups, inviters): a few of them
            options = [*options[:3], options[-1]]
        found[proto.query_param_key] = options
    return found


class Downloads:
    """What the page offers to download: every frame given to `download_buttons`."""

    def __init__(self, monkeypatch) -> None:
        from siyu.web import tables

        self.frames: list[tuple[str, pd.DataFrame]] = []

        def recorder(original):
            def record(ctx, frame, stem, key):
                # the CSV file as a click would give it, read back as text
                data = exports.to_csv_bytes(tables.download_table(ctx, frame))
                read = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
                self.frames.append((stem, read))
                return original(ctx, frame, stem, key)

            return record

        monkeypatch.setattr(tables, "download_buttons", recorder(tables.download_buttons))

    def texts(self) -> list[tuple[str, str]]:
        found = []
        for stem, frame in self.frames:
            for column in frame.columns:
                found.append((f"download {stem} header", str(column)))
                for cell in frame[column].head(200):
                    found.append((f"download {stem} cell", cell))
        self.frames.clear()
        return found


def open_page(monkeypatch, ws, page: str, lang: str, params: dict | None = None) -> AppTest:
    """The page as a link with `lang` and `params` opens it in a fresh session."""
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in {**(params or {}), "lang": lang}.items():
        at.query_params[key] = value
    at.run()
    if page != "app.py":
        at.switch_page(page)
        at.run()
    return at


def assert_reads_well(at: AppTest, lang: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert problems(page_texts(at), lang) == []


# Where a page shows SQL: the schema's column names and types, the editor's example query.
CODE = {"pages/sql.py": ("table cell", "text_area placeholder")}


def sweep(monkeypatch, ws, page: str, lang: str, depth: int) -> list[str]:
    """Open the page's default view and every option of its view pickers (and, at depth 2,
    every option of the pickers those views add); what a reader should not see, by view."""
    downloads = Downloads(monkeypatch)
    bad: list[str] = []

    def visit(params: dict) -> dict[str, list[str]]:
        at = open_page(monkeypatch, ws, page, lang, params)
        view = " & ".join(f"{k}={v}" for k, v in params.items()) or "default view"
        if at.exception:
            bad.append(f"[{view}] exception: {at.exception[0].value[:300]}")
            return {}
        code = CODE.get(page, ())
        for problem in problems(page_texts(at) + downloads.texts(), lang, code):
            bad.append(f"[{view}] {problem}")
        return choices(at)

    top = visit({})
    for key, options in top.items():
        for option in options[1:]:
            more = visit({key: option})
            if depth < 2:
                continue
            for key2, options2 in more.items():
                if key2 in top:
                    continue
                for option2 in options2[1:]:
                    visit({key: option, key2: option2})
    return sorted(set(bad))


# ---- the collector itself -------------------------------------------------------------------


def test_the_walk_flags_what_a_reader_should_not_see():
    seen = [
        ("markdown body", "每周 GMV 与 ROI"),
        ("selectbox label", "col.nickname"),
        ("table cell", "None"),
        ("table header", "reason"),
        ("chart", "new"),
        ("markdown body", "活动 7day 的效果"),
        ("table missing value", "None"),
    ]
    found = problems(seen, "zh-Hans")
    assert any("raw key 'col.nickname'" in p for p in found)
    assert any("'None'" in p and "table cell" in p for p in found)
    assert any("English 'reason'" in p for p in found)
    assert any("English 'new'" in p for p in found)
    assert any("English 'day'" in p for p in found)
    assert any("no placeholder" in p for p in found)
    assert not any("GMV" in p or "ROI" in p for p in found)
    # English screens may show English, never a key or a missing value
    assert problems([("table header", "reason"), ("chart", "new")], "en") == []
    assert problems([("selectbox label", "metric.gmv")], "en") != []


def test_a_chart_gives_its_titles_legend_and_categories():
    spec = {
        "data": [{"name": "7day", "x": ["2026-10-01"], "y": {"dtype": "i2", "bdata": "AA=="}}],
        "layout": {
            "title": {"text": "每周"},
            "xaxis": {"title": {"text": "date"}},
            "template": {"layout": {"title": {"text": "ignored"}}},
        },
    }
    assert sorted(chart_texts(spec)) == sorted(["7day", "2026-10-01", "每周", "date"])


# ---- every page, every language -------------------------------------------------------------

# Chinese screens in every view two picks deep; English in the default views.
DEPTH = {"zh-Hans": 2, "zh-Hant": 1, "en": 0}


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_word_on_the_page_is_in_the_readers_language(monkeypatch, demo_ws, page, lang):
    assert sweep(monkeypatch, demo_ws, page, lang, DEPTH[lang]) == []


# ---- the Data page on a small messy file ----------------------------------------------------

# An orders export as shops send them: a title row, nickname and phone columns, a bad date,
# a negative amount and a duplicate order among good rows.
MESSY = (
    "订单导出 2026-11-20\n"
    "订单编号,买家ID,下单时间,实付金额,订单状态,买家昵称,手机号\n"
    "N1,000123,2026-10-30 11:54:00,99.00,已付款,小美,13800001234\n"
    "N2,000124,2026-13-45 09:00:00,58.50,交易成功,阿强,13900002345\n"
    "N3,000125,2026-10-31 10:00:00,-5,已付款,,\n"
    "N1,000126,2026-10-31 11:00:00,20,已付款,小李,13700003456\n"
    "N4,000127,2026-10-31 12:00:00,30,已退款,小王,13600004567\n"
)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_data_page_reads_in_the_readers_language_on_a_messy_file(monkeypatch, demo_ws, lang):
    at = open_page(monkeypatch, demo_ws, "pages/data.py", lang)
    at.file_uploader[0].set_value(("订单.csv", MESSY.encode("gb18030"), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    found = page_texts(at)
    labels = [b.label for b in at.selectbox if b.key and b.key.startswith("map-")]
    assert t("col.nickname", lang) in labels and t("col.phone", lang) in labels
    kind = next(b for b in at.selectbox if b.key and b.key.startswith("kind-"))
    for index in [*range(1, len(kind.options)), 0]:  # every table's mapping form
        at.selectbox(key=kind.key).select_index(index).run()
        assert not at.exception, [e.value for e in at.exception]
        found += page_texts(at)
    at.text_input(key="new_name").set_value("杂乱订单").run()
    at.button(key="check").click().run()
    assert not at.exception, [e.value for e in at.exception]
    rejected = next(d for d in at.dataframe if len(d.value.columns) == 4)
    assert list(rejected.value.columns) == [
        t(f"ingest.col.{c}", lang) for c in ("line", "column", "value", "reason")
    ]
    assert len(rejected.value) == 3
    found += page_texts(at)
    assert problems(found, lang) == []


# ---- the weekly report ----------------------------------------------------------------------


class ReportText(HTMLParser):
    """The words of a report: every text outside scripts and styles (its charts are static
    HTML), and the titles and labels of its elements."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self._skip = 0
        self._figure = 0
        self._where = "report"

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")
        self._figure += tag == "figure"
        self._where = "report chart" if self._figure else f"report {tag}"
        for name, value in attrs:
            if name in ("title", "aria-label", "alt") and value:
                self.found.append((f"{self._where} {name}", value))

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")
        self._figure -= tag == "figure"

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.found.append((self._where, data.strip()))


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_weekly_report_reads_in_the_readers_language(demo_ws, lang):
    from siyu import report

    source = demo_ws.source("demo")
    page = ReportText()
    page.feed(report.build(source, report.default_week(source), lang, dataset="demo"))
    assert sum(where == "report chart" for where, _ in page.found) > 10  # the figures were read
    headers = [text for where, text in page.found if where == "report th"]
    assert t("report.col.rank_change", lang) in headers
    assert problems(page.found, lang) == []


# ---- Streamlit's own texts -----------------------------------------------------------------


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_uploader_draws_its_own_texts_in_the_readers_language(monkeypatch, demo_ws, lang):
    """Streamlit 1.67 has no setting for "Upload", "500MB per file" or "Drag and drop files
    here": the Data page draws them in CSS (`siyu.web.widgets.file_uploader`); a browser test checks they
    show (tests/e2e/test_browser.py)."""
    at = open_page(monkeypatch, demo_ws, "pages/data.py", lang)
    shown = [text for where, text in page_texts(at) if where == "style content"]
    types = "CSV / TSV / TXT / XLSX / XLSM / GZ"
    assert shown == [
        t("uploader.browse", lang),
        t("uploader.note", lang, mb=500, types=types),
        t("uploader.drop", lang),
    ]
    assert problems([("uploader", text) for text in shown], lang) == []
