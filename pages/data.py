"""Data (数据): upload exports, check the mapping, save; dataset list, history, restore, delete."""

import streamlit as st

from siyu import exports, ingest, ui
from siyu.importer import FileRequest
from siyu.schema import TABLE_KINDS, TABLES
from siyu.workspace import WorkspaceError

ctx = ui.frame("data")
tab_import, tab_datasets, tab_templates = st.tabs(
    [ctx.t("data.tab_import"), ctx.t("data.tab_datasets"), ctx.t("data.tab_templates")]
)

ENCODINGS = ["auto", "utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"]


def file_settings(i: int, upload) -> FileRequest | None:
    """Preview one uploaded file with the user's choices; returns the request to import."""
    data = upload.getvalue()
    is_xlsx = upload.name.lower().endswith((".xlsx", ".xlsm"))
    key = f"{i}-{upload.file_id}"
    c1, c2, c3 = st.columns(3)
    encoding = None
    sheet = None
    if is_xlsx:
        try:
            sheets = ui.preview(upload.file_id, data, upload.name).sheet_names
        except ingest.ImportRefused as exc:
            st.error(exc.message(ctx.lang))
            return None
        sheet = c1.selectbox(ctx.t("data.sheet"), sheets, key=f"sheet-{key}") if sheets else None
    else:
        chosen = c1.selectbox(
            ctx.t("data.encoding"),
            ENCODINGS,
            format_func=lambda e: ctx.t("data.auto") if e == "auto" else e,
            key=f"enc-{key}",
        )
        encoding = None if chosen == "auto" else chosen
    header = c2.number_input(
        ctx.t("data.header_row"),
        min_value=1,
        max_value=1000,
        value=None,
        placeholder=ctx.t("data.auto"),
        key=f"hdr-{key}",
    )
    header_row = None if header is None else int(header) - 1
    try:
        pv = ui.preview(upload.file_id, data, upload.name, encoding, sheet, header_row)
    except ingest.ImportRefused as exc:
        st.error(exc.message(ctx.lang))
        return None
    kind = c3.selectbox(
        ctx.t("data.kind"),
        TABLE_KINDS,
        index=TABLE_KINDS.index(pv.kind),
        format_func=lambda k: ctx.t(f"table.{k}"),
        key=f"kind-{key}",
    )
    st.caption(
        ctx.t(
            "data.detected",
            encoding=pv.encoding or "xlsx",
            header_row=pv.header_row + 1,
            kind=ctx.t(f"table.{pv.kind}"),
        )
    )
    proposal = pv.mapping if kind == pv.kind else ingest.propose_mapping(pv.headers, kind)
    st.markdown(f"**{ctx.t('data.mapping')}**")
    mapping: dict[str, str | None] = {}
    options = [None, *pv.headers]
    cols = st.columns(4)
    for j, column in enumerate(TABLES[kind].columns):
        current = proposal.get(column.name)
        label = ctx.t(f"col.{column.name}") + (" *" if column.required else "")
        mapping[column.name] = cols[j % 4].selectbox(
            label,
            options,
            index=options.index(current) if current in options else 0,
            format_func=lambda h: ctx.t("data.not_mapped") if h is None else h,
            key=f"map-{key}-{kind}-{column.name}",
        )
    missing = [c for c in TABLES[kind].required if not mapping.get(c)]
    if missing:
        st.warning(
            ctx.t("data.missing_required", columns=", ".join(ctx.t(f"col.{c}") for c in missing))
        )
    st.dataframe(ui.preview_frame(pv), hide_index=True, width="stretch")
    return FileRequest(
        data=data,
        filename=upload.name,
        kind=kind,
        mapping=mapping,
        encoding=encoding,
        sheet=sheet,
        header_row=header_row,
    )


with tab_import:
    if not ctx.can_edit:
        st.info(ctx.t("data.viewer_cannot_import"))
    else:
        st.caption(ingest.limits_text(ctx.lang))
        uploads = st.file_uploader(
            ctx.t("data.upload"),
            type=["csv", "tsv", "txt", "xlsx", "xlsm"],
            accept_multiple_files=True,
            key="upload",
        )
        requests = []
        for i, upload in enumerate(uploads or []):
            with st.expander(upload.name, expanded=True):
                req = file_settings(i, upload)
                if req is not None:
                    requests.append(req)

        if requests:
            st.divider()
            names = ctx.names()
            target = st.radio(
                ctx.t("data.target"),
                ["new", "existing"] if names else ["new"],
                format_func=lambda k: ctx.t(f"data.target_{k}"),
                horizontal=True,
                key="target",
            )
            if target == "new":
                name = st.text_input(ctx.t("data.dataset_name"), key="new_name")
                mode = "new"
            else:
                name = st.selectbox(
                    ctx.t("frame.dataset"),
                    names,
                    format_func=lambda n: ui.dataset_label(n, ctx.lang),
                    key="existing_name",
                )
                mode = st.radio(
                    ctx.t("data.mode"),
                    ["replace", "append"],
                    format_func=lambda m: ctx.t(f"data.mode_{m}"),
                    horizontal=True,
                    key="mode",
                )
            signature = ui.request_signature(requests)
            if st.button(ctx.t("data.check"), type="secondary", key="check"):
                ui.stage_files(ctx, requests, signature)
            staged = ui.current_stage(signature)
            if staged is not None:
                for req, conv in zip(staged.requests, staged.converted, strict=True):
                    a, b = st.columns(2)
                    a.metric(f"{req.filename} · {ctx.t('data.accepted')}", f"{conv.accepted:,}")
                    b.metric(ctx.t("data.rejected"), f"{conv.rejected:,}")
                    if conv.rejected:
                        st.dataframe(
                            ingest.rejected_frame(conv, ctx.lang, limit=20),
                            hide_index=True,
                            width="stretch",
                        )
                        st.download_button(
                            ctx.t("data.download_rejected"),
                            exports.to_csv_bytes(ingest.rejected_frame(conv, ctx.lang)),
                            file_name=f"rejected-{req.filename}.csv",
                            mime="text/csv",
                            on_click="ignore",
                            key=f"rej-{req.filename}",
                        )
                if st.button(ctx.t("data.save"), type="primary", key="save"):
                    ui.save_stage(ctx, name, mode)
        ui.flash(ctx)

with tab_datasets:
    datasets = ctx.datasets()
    if not datasets:
        st.info(ctx.t("data.no_datasets"))
    for ds in datasets:
        with st.expander(ui.dataset_label(ds.name, ctx.lang), expanded=ds.name == ctx.dataset):
            st.dataframe(ui.tables_frame(ctx, ds), hide_index=True, width="stretch")
            st.markdown(f"**{ctx.t('data.history')}**")
            st.dataframe(ui.history_frame(ctx, ds), hide_index=True, width="stretch")
            if not ctx.can_edit:
                continue
            older = [v.version for v in reversed(ds.versions) if v.version != ds.current]
            c1, c2 = st.columns(2)
            if older:
                chosen = c1.selectbox(ctx.t("data.restore_version"), older, key=f"rv-{ds.name}")
                if c1.button(ctx.t("data.restore"), key=f"restore-{ds.name}"):
                    try:
                        v = ctx.ws.restore(ds.name, chosen)
                        st.success(ctx.t("data.restored", version=chosen, new=v.version))
                        st.rerun()
                    except WorkspaceError as exc:
                        st.error(exc.message(ctx.lang))
            sure = c2.checkbox(ctx.t("data.delete_confirm"), key=f"sure-{ds.name}")
            if c2.button(ctx.t("data.delete"), disabled=not sure, key=f"delete-{ds.name}"):
                try:
                    ctx.ws.delete(ds.name)
                    st.rerun()
                except WorkspaceError as exc:
                    st.error(exc.message(ctx.lang))

with tab_templates:
    st.caption(ctx.t("data.templates_help"))
    for kind in TABLE_KINDS:
        st.download_button(
            ctx.t("data.template", table=ctx.t(f"table.{kind}")),
            exports.template_csv(kind),
            file_name=f"siyu-{kind}-template.csv",
            mime="text/csv",
            on_click="ignore",
            key=f"tpl-{kind}",
        )
