"""The widgets pages share: the period filter, KPI cards, the uploader in the reader's
language, the note under a shortened list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from siyu import fmt
from siyu.i18n import t
from siyu.labels import KPI_HELP, KPI_LABELS, PENDING_LABELS, TARGET_LABELS, TARGET_MET
from siyu.schema import TABLE_NEEDS
from siyu.web.address import carry, choice, keep
from siyu.web.cache import dataset_fact, metric
from siyu.web.frame import Context


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
    carry("period", scope=ctx.source.key if ctx.source else "")
    value = st.date_input(
        ctx.t("filter.period"),
        value=(default[0], default[1]),
        min_value=min(first, default[0]) - dt.timedelta(days=366) if first else None,
        max_value=max(last, default[1]) + dt.timedelta(days=366) if last else None,
        key="period",
        bind="query-params",
    )
    if isinstance(value, (tuple, list)) and len(value) == 2:
        keep("period", tuple(value), scope=ctx.source.key if ctx.source else "")
        return value[0], value[1]
    st.caption(ctx.t("filter.pick_end"))
    return None


def period(ctx: Context, default: tuple[dt.date, dt.date] | None = None) -> tuple[dt.date, dt.date]:
    """The period filter's first and last day; the page stops until both are picked (the
    filter says so)."""
    value = period_filter(ctx, default)
    if value is None:
        st.stop()
    return value


def card_grid(key: str = "kpi_cards", width_rem: float = 10.5) -> Any:
    """A row of KPI cards that wraps instead of squeezing: each card at least `width_rem`
    wide (a value such as ¥24.73万 and a two-line caption fit), as many per row as the page
    holds — four at 1,280 px, two on a 900 px window with the sidebar open, one on a phone.
    Columns (`st.columns(4)`) kept four cards per row down to 640 px and cut their values to
    "2,…". Fill it with `grid.container(border=True)`, one per card."""
    st.html(f"<style>.st-key-{key}>div{{flex:1 1 {width_rem}rem;min-width:{width_rem}rem}}</style>")
    return st.container(horizontal=True, wrap=True, gap="small", key=key)


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


def kpi_card(
    box: Any,
    ctx: Context,
    metric: str,
    kind: str,
    value: Any,
    *,
    change: Any = None,
    target: float | None = None,
    pending: int | None = None,
    needs: str | None = None,
    windows: Mapping[str, int] | None = None,
) -> None:
    """A headline figure's card (`siyu.labels.KPI_LABELS`): its label and definition, the
    value by `siyu.fmt`, the like-for-like `change`, the people still inside the window,
    and whether the `target` is met. A figure the dataset cannot give (`needs` names the
    missing table) shows — and asks for the file."""
    windows = dict(windows or {})
    label = ctx.t(KPI_LABELS[metric], **windows)
    help_text = ctx.t(KPI_HELP[metric], **windows)
    if needs:
        box.metric(label, "—", help=help_text)
        box.caption(ctx.t(TABLE_NEEDS[needs]))
        return
    card(box, ctx, label, kind, value, delta=fmt.show_change(kind, change), help=help_text)
    if pending:
        count = fmt.show("count", pending)
        box.caption(ctx.t(PENDING_LABELS[metric], n=count, **windows))
    if target is not None:
        met = value is not None and value >= target
        box.caption(f"{ctx.t(TARGET_LABELS[metric])} · {ctx.t(TARGET_MET[met])}")


def pick(
    ctx: Context,
    label: str,
    options: Mapping[str, str],
    *,
    key: str,
    widget: Callable[..., Any] = st.segmented_control,
    default: str | None = None,
    **kwargs: Any,
) -> str:
    """A choice among the codes of `options` (code → translation key of what it reads as),
    bound to the address by code; `widget` is `st.segmented_control` (default),
    `st.selectbox`, `st.radio` or one of a container's. Never None: a cleared control reads
    as the default."""
    codes = list(options)
    default = default if default is not None else codes[0]
    if getattr(widget, "__name__", "") in ("selectbox", "radio"):
        kwargs["index"] = codes.index(default)
    else:
        kwargs["default"] = default
    value = choice(
        widget,
        ctx.t(label),
        codes,
        format_func=lambda code: ctx.t(options[code]),
        key=key,
        **kwargs,
    )
    return value if value in codes else default


def tag_filter(
    ctx: Context, start: dt.date, end: dt.date, *, key: str = "member_tag", widget: Any = None
) -> str | None:
    """The member-tag picker of the boards and lists (members.tags, split as the queries
    split them: `member_tags`), each tag with its members; None (every member) when "all"
    is picked or the dataset has no members table. Bound to the address under `key`."""
    if not ctx.source.has("members"):
        return None
    tags = metric(ctx, "member_tags", start=start, end=end)
    counts = dict(zip(tags["tag"], tags["members"], strict=True))
    tag = choice(
        widget or st.selectbox,
        ctx.t("staff.tag"),
        ["", *counts],
        format_func=lambda v: (
            ctx.t("staff.tag.option", tag=v, n=fmt.show("count", counts[v]))
            if v
            else ctx.t("staff.tag.all")
        ),
        key=key,
        help=ctx.t("staff.tag.help"),
    )
    return tag if tag in counts else None
