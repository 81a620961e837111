"""SQL explorer (editors): one read-only DuckDB query over the current dataset's tables.

The SQL itself is not put in the URL (a link should not carry a query); the last result is
kept in the session, tied to the dataset version it ran on.
"""

import streamlit as st

from siyu import explorer
from siyu.schema import TABLE_LABELS
from siyu.web.frame import dataset_label, open_page
from siyu.web.tables import download_buttons, table

ctx = open_page("sql")
source = ctx.source
st.caption(
    ctx.t(
        "explorer.intro",
        dataset=dataset_label(ctx.dataset or "", ctx.lang),
        version=source.meta.get("version", "—"),
        **explorer.limits_words(explorer.limits()),
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
        missing = "" if columns["present"].iloc[0] else f" · {ctx.t('explorer.schema.missing')}"
        with st.expander(f"`{name}` · {ctx.t(TABLE_LABELS[name])}{missing}"):
            table(
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
            ctx.t(explorer.EXAMPLE_TITLES[key]),
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
            for level, note in explorer.result_notes(outcome, ctx.lang):
                getattr(st, level)(note)
            if outcome.kind == "EXPLAIN":
                for plan in outcome.frame.iloc[:, -1]:
                    st.code(str(plan), language=None)
            else:
                table(outcome.frame, hide_index=True, width="stretch")
            download_buttons(ctx, outcome.frame, "sql_result", "explorer-download")
