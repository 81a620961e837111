"""Data (数据): upload exports, check the mapping, save; dataset list, history, restore, delete."""

import datetime as dt
import itertools
from dataclasses import replace

import streamlit as st

from siyu import exports, ingest
from siyu.importer import FileRequest
from siyu.schema import LINE_COLUMNS, TABLE_KINDS, TABLE_LABELS, TABLES
from siyu.web import importflow as flow
from siyu.web.frame import dataset_label, frame
from siyu.web.tables import download_buttons, table
from siyu.web.widgets import file_uploader

ctx = frame("data")
tab_import, tab_datasets, tab_templates = st.tabs(
    [ctx.t("data.tab_import"), ctx.t("data.tab_datasets"), ctx.t("data.tab_templates")]
)


def option_widgets(kind: str, options: ingest.Options, key: str) -> ingest.Options:
    """The preset's options for this kind, as the user leaves them."""
    opts = options
    if kind == "orders":
        lines = st.checkbox(ctx.t("ingest.ui.lines_orders"), opts.lines, key=f"lines-{key}")
        opts = replace(opts, lines=lines)
        if lines:
            rule = st.radio(
                ctx.t("ingest.ui.amount_rule"),
                ingest.AMOUNT_RULES,
                index=ingest.AMOUNT_RULES.index(opts.amount_rule),
                format_func=lambda r: ctx.t(flow.AMOUNT_RULE_LABELS[r]),
                key=f"rule-{key}",
            )
            opts = replace(opts, amount_rule=rule)
            if rule == "unit_price":
                prefix = st.text_input(
                    ctx.t("ingest.ui.cancelled_prefix"), opts.cancelled_prefix, key=f"cx-{key}"
                )
                opts = replace(opts, cancelled_prefix=prefix.strip())
        if options.items_list:
            items = st.checkbox(ctx.t("ingest.ui.items_list"), True, key=f"items-{key}")
            opts = replace(opts, items_list=items)
    elif kind == "members":
        lines = st.checkbox(ctx.t("ingest.ui.lines_members"), opts.lines, key=f"lines-{key}")
        opts = replace(opts, lines=lines)
        if options.channel_codes:
            codes = st.checkbox(ctx.t("ingest.ui.channel_codes"), True, key=f"codes-{key}")
            opts = replace(opts, channel_codes=codes)
    return opts


def mapping_widgets(
    kind: str,
    proposal: dict[str, str | None],
    headers: list[str],
    key: str,
    lines: bool = False,
) -> dict[str, str | None]:
    st.markdown(f"**{ctx.t('data.mapping')}**")
    mapping: dict[str, str | None] = {}
    options = [None, *headers]

    def pick(cols, columns) -> None:
        for box, column in zip(itertools.cycle(cols), columns):
            current = proposal.get(column.name)
            required = " *" if column.required else ""
            label = f"{ctx.t(flow.COLUMN_LABELS[column.name])}{required}"
            mapping[column.name] = box.selectbox(
                label,
                options,
                index=options.index(current) if current in options else 0,
                format_func=lambda h: ctx.t("data.not_mapped") if h is None else h,
                key=f"map-{key}-{kind}-{column.name}",
            )

    pick(st.columns(4), TABLES[kind].columns)
    if kind == "orders" and lines:  # the line columns, kept as order lines
        st.caption(ctx.t("data.line_columns"))
        pick(st.columns(4), LINE_COLUMNS)
    return mapping


def stat_date_widget(plan: ingest.Plan, key: str) -> dt.date | None:
    """The statistics date, asked when the file's rows carry none."""
    if not ingest.needs_stat_date(plan):
        return None
    st.info(ctx.t("ingest.note.needs_stat_date"))
    return st.date_input(ctx.t("ingest.ui.stat_date"), value=None, key=f"date-{key}")


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
            first = flow.preview(upload.file_id, data, upload.name)
        except ingest.ImportRefused as exc:
            st.error(exc.message(ctx.lang))
            return None
        sheets = first.sheet_names
        proposed = sheets.index(first.sheet) if first.sheet in sheets else 0
        sheet = (
            c1.selectbox(ctx.t("data.sheet"), sheets, index=proposed, key=f"sheet-{key}")
            if sheets
            else None
        )
    else:
        chosen = c1.selectbox(
            ctx.t("data.encoding"),
            flow.ENCODINGS,
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
    header_row = flow.header_index(header)
    try:
        pv = flow.preview(upload.file_id, data, upload.name, encoding, sheet, header_row)
    except ingest.ImportRefused as exc:
        st.error(exc.message(ctx.lang))
        return None
    memory = flow.remembered_plan(ctx, pv)
    proposed_kind = memory[0].kind if memory else pv.kind
    kind = c3.selectbox(
        ctx.t("data.kind"),
        TABLE_KINDS,
        index=TABLE_KINDS.index(proposed_kind),
        format_func=lambda k: ctx.t(TABLE_LABELS[k]),
        key=f"kind-{key}",
    )
    st.caption(flow.detected(ctx, pv))
    if memory and memory[0].kind == kind:
        plan, also_plans = memory[0], memory[1]
        st.info(ctx.t("ingest.ui.remembered", at=flow.local_time(memory[2])))
    elif kind == pv.kind:
        plan, also_plans = pv.plan, [pv.also] if pv.also else []
    else:
        other = flow.preview(upload.file_id, data, upload.name, encoding, sheet, header_row, kind)
        plan, also_plans = other.plan, []
    for note_key, params in pv.notes:
        if note_key in ("ingest.note.masked_phone", "ingest.note.lines_detected") and (
            kind == pv.kind
        ):
            st.info(ctx.t(note_key, **params))
    options = option_widgets(kind, plan.options, f"{key}-{kind}")
    mapping = mapping_widgets(kind, plan.mapping, pv.headers, key, lines=options.lines)
    stat_date = stat_date_widget(ingest.Plan(kind, mapping, options), key)
    derived = ingest.resolve_lines(kind, mapping, options)[2]
    if derived:
        st.caption(
            ctx.t(
                flow.AMOUNT_FROM_LABELS[derived],
                column=mapping[derived],
                quantity=mapping.get("quantity") or "",
            )
        )
    missing = ingest.missing_columns(kind, mapping, replace(options, stat_date=stat_date))
    if missing:
        st.warning(ctx.t("data.missing_required", columns=flow.column_names(ctx, missing)))
        if kind == "orders" and "amount" in missing:
            st.info(ctx.t("ingest.ui.missing_amount"))
    who, problems = ingest.identity_of(kind, mapping, pv)
    for problem_key, params in problems:
        st.error(ctx.t(problem_key, **params))
    if who is not None:
        st.caption(flow.identity_line(ctx, who))
    elif kind in ("orders", "members") and not problems:
        st.warning(ctx.t("ingest.ui.no_identity"))
    also: list[ingest.Plan] = []
    for n, extra in enumerate(also_plans):
        label = ctx.t("ingest.ui.also", table=ctx.t(TABLE_LABELS[extra.kind]))
        if st.checkbox(label, True, key=f"also-{key}-{n}"):
            extra_map = mapping_widgets(extra.kind, extra.mapping, pv.headers, f"{key}-also{n}")
            extra_plan = ingest.Plan(extra.kind, extra_map, extra.options)
            day = stat_date_widget(extra_plan, f"{key}-also{n}")
            if day is not None or not ingest.needs_stat_date(extra_plan):
                also.append(replace(extra_plan, options=replace(extra.options, stat_date=day)))
    table(flow.preview_frame(pv), hide_index=True, width="stretch")
    return FileRequest(
        data=data,
        filename=upload.name,
        kind=kind,
        mapping=mapping,
        encoding=encoding,
        sheet=sheet,
        header_row=header_row,
        options=replace(options, stat_date=stat_date),
        also=also,
    )


with tab_import:
    if not ctx.can_edit:
        st.info(ctx.t("data.viewer_cannot_import"))
    else:
        st.caption(ingest.limits_text(ctx.lang))
        uploads = file_uploader(
            ctx,
            ctx.t("data.upload"),
            type=["csv", "tsv", "txt", "xlsx", "xlsm", "gz"],
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
                format_func=lambda k: ctx.t(flow.TARGET_LABELS[k]),
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
                    format_func=lambda n: dataset_label(n, ctx.lang),
                    key="existing_name",
                )
                mode = st.radio(
                    ctx.t("data.mode"),
                    ["replace", "append"],
                    format_func=lambda m: ctx.t(flow.MODE_LABELS[m]),
                    horizontal=True,
                    key="mode",
                )
            signature = flow.request_signature(requests)
            # a file whose required columns are neither mapped nor derivable cannot be checked
            blocked = flow.blocked(requests)
            for filename, cols in blocked:
                columns = flow.column_names(ctx, cols)
                st.warning(ctx.t("data.check_blocked", file=filename, columns=columns))
            if st.button(
                ctx.t("data.check"), type="secondary", key="check", disabled=bool(blocked)
            ):
                flow.stage_files(ctx, requests, signature)
            staged = flow.current_stage(signature)
            if staged is not None:
                for n, (req, conv) in enumerate(
                    zip(staged.requests, staged.converted, strict=True)
                ):
                    words = flow.checked_words(ctx, req, conv)
                    a, b = st.columns(2)
                    a.metric(words["title"], words["accepted"])
                    b.metric(ctx.t("data.rejected"), words["rejected"])
                    for caption in words["captions"]:
                        st.caption(caption)
                    if conv.rejected:
                        table(
                            flow.rejected_rows(ctx, conv, limit=20),
                            hide_index=True,
                            width="stretch",
                        )
                        st.download_button(
                            ctx.t("data.download_rejected"),
                            # built on click: a file may reject many rows
                            lambda conv=conv: exports.to_csv_bytes(flow.rejected_rows(ctx, conv)),
                            file_name=f"rejected-{req.filename}.csv",
                            mime="text/csv",
                            on_click="ignore",
                            key=f"rej-{n}-{req.filename}",
                        )
                if st.button(ctx.t("data.save"), type="primary", key="save"):
                    flow.save_stage(ctx, name, mode)
        flow.flash(ctx)

with tab_datasets:
    datasets = ctx.datasets()
    if not datasets:
        st.info(ctx.t("data.no_datasets"))
    for ds in datasets:
        with st.expander(dataset_label(ds.name, ctx.lang), expanded=ds.name == ctx.dataset):
            table(flow.tables_frame(ctx, ds), hide_index=True, width="stretch")
            st.markdown(f"**{ctx.t('data.history')}**")
            history = flow.history_frame(ctx, ds)
            table(history, hide_index=True, width="stretch")
            download_buttons(ctx, history, f"history-{ds.name}", f"history-{ds.name}")
            if not ctx.can_edit:
                continue
            older = [v.version for v in reversed(ds.versions) if v.version != ds.current]
            c1, c2 = st.columns(2)
            if older:
                chosen = c1.selectbox(ctx.t("data.restore_version"), older, key=f"rv-{ds.name}")
                if c1.button(ctx.t("data.restore"), key=f"restore-{ds.name}"):
                    flow.restore_version(ctx, ds.name, chosen)
            sure = c2.checkbox(ctx.t("data.delete_confirm"), key=f"sure-{ds.name}")
            if c2.button(ctx.t("data.delete"), disabled=not sure, key=f"delete-{ds.name}"):
                flow.delete_dataset(ctx, ds.name)

with tab_templates:
    st.caption(ctx.t("data.templates_help"))
    for kind in TABLE_KINDS:
        st.download_button(
            ctx.t("data.template", table=ctx.t(TABLE_LABELS[kind])),
            exports.template_csv(kind),
            file_name=f"siyu-{kind}-template.csv",
            mime="text/csv",
            on_click="ignore",
            key=f"tpl-{kind}",
        )
