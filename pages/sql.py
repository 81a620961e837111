"""SQL explorer (editors): one read-only DuckDB query over the current dataset's tables.

The SQL itself is not put in the URL (a link should not carry a query); the last result is
kept in the session, tied to the dataset version it ran on.
"""

import streamlit as st

from siyu import explorer, ui

ctx = ui.frame("sql")
if not ctx.can_edit:
    st.info(ctx.t("explorer.editors_only"))
    st.stop()
if ctx.source is None:
    ui.no_dataset(ctx)
    st.stop()
source = ctx.source
limits = explorer.limits()

st.caption(
    ctx.t(
        "explorer.intro",
        dataset=ui.dataset_label(ctx.dataset or "", ctx.lang),
        version=source.meta.get("version", "—"),
        seconds=f"{limits.seconds:g}",
        rows=f"{limits.rows:,}",
        mb=f"{limits.result_bytes / 1024 / 1024:g}",
        memory=f"{limits.memory_bytes / 1024 / 1024:g}",
    )
)


def load_example(key: str) -> None:
    st.session_state["explorer_sql"] = explorer.EXAMPLES[key]


schema_col, editor_col = st.columns([1, 3])
with schema_col:
    st.subheader(ctx.t("explorer.schema"))
    st.caption(ctx.t("explorer.schema.masked"))
    tables = explorer.schema(source)
    for name, columns in tables.groupby("table", sort=False):
        label = f"`{name}` · {ctx.t(f'table.{name}')}"
        if not columns["present"].iloc[0]:
            label += f" · {ctx.t('explorer.schema.missing')}"
        with st.expander(label):
            ui.table(
                columns[["column", "type"]].rename(
                    columns={
                        "column": ctx.t("explorer.col_column"),
                        "type": ctx.t("explorer.col_type"),
                    }
                ),
                hide_index=True,
                width="stretch",
            )

with editor_col:
    st.caption(ctx.t("explorer.examples"))
    buttons = st.columns(len(explorer.EXAMPLES))
    for box, key in zip(buttons, explorer.EXAMPLES, strict=True):
        box.button(
            ctx.t(f"explorer.example.{key}"),
            key=f"explorer-example-{key}",
            on_click=load_example,
            args=(key,),
            width="stretch",
        )
    sql = st.text_area(
        ctx.t("explorer.sql"),
        key="explorer_sql",
        height=220,
        placeholder=ctx.t("explorer.placeholder"),
    )
    if st.button(
        ctx.t("explorer.run"), key="explorer-run", type="primary", icon=":material/play_arrow:"
    ):
        try:
            outcome = explorer.run(source, sql or "")
        except explorer.QueryError as exc:
            outcome = exc
        st.session_state["explorer_outcome"] = (source.key, outcome)

    held = st.session_state.get("explorer_outcome")
    if held is not None and held[0] == source.key:
        outcome = held[1]
        if isinstance(outcome, explorer.QueryError):
            st.error(outcome.message(ctx.lang))
            if outcome.detail:
                st.code(outcome.detail, language=None)
        else:
            if outcome.cut == "bytes":
                st.warning(
                    ctx.t(
                        "explorer.truncated_bytes",
                        mb=f"{outcome.byte_limit / 1024 / 1024:g}",
                        rows=f"{len(outcome.frame):,}",
                    )
                )
            elif outcome.truncated:
                st.warning(ctx.t("explorer.truncated", rows=f"{outcome.row_limit:,}"))
            st.caption(
                ctx.t(
                    "explorer.rows",
                    rows=f"{len(outcome.frame):,}",
                    seconds=f"{outcome.seconds:.2f}",
                )
            )
            if outcome.kind == "EXPLAIN":
                for plan in outcome.frame.iloc[:, -1]:
                    st.code(str(plan), language=None)
            else:
                ui.table(outcome.frame, hide_index=True, width="stretch")
            ui.download_buttons(ctx, outcome.frame, "sql_result", "explorer-download")
