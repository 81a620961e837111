"""The Data page's import flow: preview an upload (cached), check it into a staging folder,
save it as a dataset version, and the tables of datasets and their history."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import streamlit as st

from siyu import fmt, importer, ingest
from siyu.importer import FileRequest
from siyu.ingest.identity import MODE_TEXT
from siyu.schema import TABLE_LABELS
from siyu.web.frame import Context, dataset_label
from siyu.workspace import Dataset, WorkspaceError


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
        identity=ctx.t(MODE_TEXT[who.mode], column=who.column),
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


# The columns of `ingest.rejected_frame` on screen and in its download (translation keys).
REJECTED_HEADERS: dict[str, str] = {
    "line": "ingest.col.line",
    "column": "ingest.col.column",
    "value": "ingest.col.value",
    "reason": "ingest.col.reason",
}
# What made each version of a dataset, as the history reads it (translation keys).
ACTION_LABELS: dict[str, str] = {
    "import": "action.import",
    "replace": "action.replace",
    "append": "action.append",
    "restore": "action.restore",
    "demo": "action.demo",
}


def rejected_rows(ctx: Context, conv: ingest.Converted, limit: int | None = None) -> pd.DataFrame:
    """The rejected rows of a checked file as shown and downloaded: headers in the reader's
    language (行号 / 列 / 原始值 / 原因)."""
    frame = ingest.rejected_frame(conv, ctx.lang, limit=limit)
    return frame.rename(columns=lambda c: ctx.t(REJECTED_HEADERS[c]))


def flash(ctx: Context) -> None:
    message = st.session_state.pop("flash", None)
    if message:
        st.success(message)


def tables_frame(ctx: Context, ds: Dataset) -> pd.DataFrame:
    head = ds.head
    return pd.DataFrame(
        {
            ctx.t("data.col_table"): [ctx.t(TABLE_LABELS[k]) for k in head.tables],
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
                ctx.t("data.col_action"): ctx.t(ACTION_LABELS[v.action]),
                ctx.t("data.col_files"): ", ".join(v.files),
                ctx.t("data.col_rows"): ", ".join(
                    f"{ctx.t(TABLE_LABELS[k])} {fmt.show('count', tf.rows)}"
                    for k, tf in v.tables.items()
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
