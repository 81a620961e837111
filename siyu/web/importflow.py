"""The Data page's import flow: preview an upload (cached), check it into a staging folder,
save it as a dataset version, and the tables of datasets and their history."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

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


# -- labels of the import form (translation keys) ---------------------------------------------

COLUMN_LABELS: dict[str, str] = {
    "staff": "col.staff",
    "chats": "col.chats",
    "reply_share": "col.reply_share",
    "first_reply_minutes": "col.first_reply_minutes",
    "new_contacts": "col.new_contacts",
    "lost_contacts": "col.lost_contacts",
    "order_id": "col.order_id",
    "user_id": "col.user_id",
    "ordered_at": "col.ordered_at",
    "amount": "col.amount",
    "status": "col.status",
    "quantity": "col.quantity",
    "product": "col.product",
    "group_id": "col.group_id",
    "campaign": "col.campaign",
    "discount": "col.discount",
    "joined_at": "col.joined_at",
    "channel": "col.channel",
    "inviter_id": "col.inviter_id",
    "tier": "col.tier",
    "left_at": "col.left_at",
    "tags": "col.tags",
    "at": "col.at",
    "kind": "col.kind",
    "name": "col.name",
    "owner": "col.owner",
    "created_at": "col.created_at",
    "stat_date": "col.stat_date",
    "member_total": "col.member_total",
    "new_members": "col.new_members",
    "quit_members": "col.quit_members",
    "speakers": "col.speakers",
    "messages": "col.messages",
    "nickname": "col.nickname",
    "phone": "col.phone",
    "sku": "col.sku",
    "unit_price": "col.unit_price",
    "line_amount": "col.line_amount",
}
AMOUNT_RULE_LABELS: dict[str, str] = {
    "first": "ingest.ui.amount_rule.first",
    "sum": "ingest.ui.amount_rule.sum",
    "unit_price": "ingest.ui.amount_rule.unit_price",
}
PLATFORM_LABELS: dict[str, str] = {
    "unknown": "ingest.platform.unknown",
    "youzan_orders": "ingest.platform.youzan_orders",
    "youzan_items": "ingest.platform.youzan_items",
    "youzan_customers": "ingest.platform.youzan_customers",
    "ktt_orders": "ingest.platform.ktt_orders",
    "jielong_orders": "ingest.platform.jielong_orders",
    "wecom_customers": "ingest.platform.wecom_customers",
    "wecom_groups": "ingest.platform.wecom_groups",
    "wecom_group_daily": "ingest.platform.wecom_group_daily",
    "weimob_orders": "ingest.platform.weimob_orders",
    "uci_online_retail": "ingest.platform.uci_online_retail",
    "wecom_staff_daily": "ingest.platform.wecom_staff_daily",
}
AMOUNT_FROM_LABELS: dict[str, str] = {
    "line_amount": "ingest.ui.amount_from.line_amount",
    "unit_price": "ingest.ui.amount_from.unit_price",
}
TARGET_LABELS: dict[str, str] = {
    "new": "data.target_new",
    "existing": "data.target_existing",
}
MODE_LABELS: dict[str, str] = {
    "replace": "data.mode_replace",
    "append": "data.mode_append",
}
ENCODINGS: tuple[str, ...] = ("auto", "utf-8", "utf-8-sig", "utf-16", "gb18030", "big5")


# -- the import form's words and numbers -----------------------------------------------------


def header_index(header: int | None) -> int | None:
    """The header row as the reader numbers it (1 = the first line) → as the reader counts
    from 0; None reads as "detect it"."""
    return None if header is None else int(header) - 1


def detected(ctx: Context, pv: ingest.Preview) -> str:
    """What the preview found: encoding, header row (numbered from 1), table, platform."""
    found = ctx.t(
        "data.detected",
        encoding=pv.encoding or "xlsx",
        header_row=pv.header_row + 1,
        kind=ctx.t(TABLE_LABELS[pv.kind]),
    )
    platform = ctx.t("ingest.ui.platform", platform=ctx.t(PLATFORM_LABELS[pv.platform]))
    return f"{found} · {platform}"


def column_names(ctx: Context, columns: list[str]) -> str:
    """Canonical columns in the reader's words, comma separated."""
    return ", ".join(ctx.t(COLUMN_LABELS[c]) for c in columns)


def blocked(requests: list[FileRequest]) -> list[tuple[str, list[str]]]:
    """(file, columns) of each file whose required columns are neither mapped nor derivable:
    it cannot be checked."""
    found = [
        (req.filename, ingest.missing_columns(req.kind, req.mapping, req.options))
        for req in requests
    ]
    return [(name, cols) for name, cols in found if cols]


def checked_words(ctx: Context, req: FileRequest, conv: ingest.Converted) -> dict[str, Any]:
    """What the check of one file says: its title, accepted and rejected rows, and captions
    (order lines combined, items kept, who a person is)."""
    captions = []
    if conv.lines and conv.lines != conv.accepted + conv.rejected:
        captions.append(
            ctx.t(
                "ingest.ui.lines_summary",
                lines=fmt.show("count", conv.lines - conv.rejected),
                rows=fmt.show("count", conv.accepted),
            )
        )
    if conv.items_parquet is not None:
        captions.append(ctx.t("ingest.ui.items_summary", items=fmt.show("count", conv.items)))
    if conv.identity is not None:
        captions.append(identity_line(ctx, conv.identity))
    title = f"{req.filename} · {ctx.t(TABLE_LABELS[conv.kind])} · {ctx.t('data.accepted')}"
    return {
        "title": title,
        "accepted": fmt.show("count", conv.accepted),
        "rejected": fmt.show("count", conv.rejected),
        "captions": captions,
    }


# -- datasets: restore and delete ------------------------------------------------------------


def restore_version(ctx: Context, dataset: str, version: int) -> None:
    """Make an earlier version current (a new version), say so and reload the page."""
    try:
        v = ctx.ws.restore(dataset, version)
    except WorkspaceError as exc:
        st.error(exc.message(ctx.lang))
        return
    st.success(ctx.t("data.restored", version=version, new=v.version))
    st.rerun()


def delete_dataset(ctx: Context, dataset: str) -> None:
    """Delete a dataset and reload the page."""
    try:
        ctx.ws.delete(dataset)
    except WorkspaceError as exc:
        st.error(exc.message(ctx.lang))
        return
    st.rerun()
