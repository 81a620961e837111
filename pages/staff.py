"""Staff and channels (员工与渠道): the staff board, the channel board and the lost customers,
each filterable by a member tag (SPEC §4 "Staff and channels")."""

import streamlit as st

from siyu import fmt
from siyu.charts.leaderboards import image_config, leaderboard_bars
from siyu.metrics import staff as sm
from siyu.metrics.base import period_days, previous_period
from siyu.metrics.leaderboards import DEFAULT_TOP, TOP_CHOICES, rank_change_arrow
from siyu.schema import TABLE_NEEDS
from siyu.web.address import choice
from siyu.web.cache import metric
from siyu.web.frame import open_page
from siyu.web.lost import lost_customers
from siyu.web.tables import table_with_downloads
from siyu.web.widgets import period, tag_filter

ctx = open_page("staff", needs=("members",))
has = {t: ctx.source.has(t) for t in ("orders", "staff_daily")}
start, end = period(ctx)
prev_start, prev_end = previous_period(start, end)
windows = {"x_days": sm.X_DAYS, "y_days": sm.Y_DAYS}

tag = tag_filter(ctx, start, end, key="staff_tag")


def label(column: str) -> str:
    return ctx.t(sm.COLUMN_LABELS[column], **windows)


def show_board(name: str) -> None:
    """One board: rank-by and top controls, the bars, the table and its downloads."""
    ident, shown_as, kinds, choices = sm.BOARD_SHAPES[name]
    controls = st.columns(2)
    rank_by = choice(
        controls[0].selectbox,
        ctx.t("leaderboards.rank_by"),
        choices,
        format_func=label,
        key=f"{name}_by",
    )
    rank_by = rank_by if rank_by in choices else choices[0]
    top = controls[1].segmented_control(
        ctx.t("leaderboards.top"),
        TOP_CHOICES,
        default=DEFAULT_TOP,
        key=f"{name}_top",
        bind="query-params",
    )
    top = top if top in TOP_CHOICES else DEFAULT_TOP
    st.caption(ctx.t(sm.BOARD_HELP[name], **windows))
    needs = sm.NEEDS.get(rank_by)
    if needs is not None and not has[needs]:
        st.info(ctx.t(TABLE_NEEDS[needs]))
        return
    board = metric(ctx, sm.BOARDS[name], start=start, end=end, top=top, rank_by=rank_by, tag=tag)
    if board.empty:
        st.info(ctx.t(sm.BOARD_EMPTY[name]))
        return
    st.plotly_chart(
        leaderboard_bars(
            board,
            label=shown_as,
            ident=ident,
            value=rank_by,
            title=ctx.t(
                "leaderboards.chart_title",
                board=ctx.t(sm.BOARD_TITLES[name]),
                top=top,
                metric=label(rank_by),
                start=start,
                end=end,
            ),
            kind=kinds[rank_by],
        ),
        width="stretch",
        config=image_config(f"{name}-board-{start}-{end}"),
    )
    arrows = board["rank_change"].map(lambda c: rank_change_arrow(c, ctx.t("leaderboards.new")))
    shown = board.assign(rank_change=arrows)
    table_with_downloads(
        ctx,
        shown[sm.board_columns(name, service=has["staff_daily"])].rename(columns=label),
        stem=f"{name}-board-{start}-{end}",
        key=f"{name}_board",
        kinds={label(c): k for c, k in kinds.items()},
        download=shown.rename(columns=label),
    )
    first, again = sm.pending_totals(board)
    if first or again:
        st.caption(
            ctx.t(
                "staff.pending",
                first=fmt.show("count", first),
                repurchase=fmt.show("count", again),
                **windows,
            )
        )
    if rank_by in sm.WINDOW_COLUMNS:
        st.caption(ctx.t("window.compare.ranks", n=period_days(start, end)))
    if name == "staff" and not has["staff_daily"]:
        st.caption(ctx.t("staff.no_service"))
    st.caption(
        ctx.t(
            "staff.caption",
            start=start,
            end=end,
            prev_start=prev_start,
            prev_end=prev_end,
            top=top,
        )
    )


staff_tab, channel_tab, lost_tab = st.tabs(
    [ctx.t("staff.tab.staff"), ctx.t("staff.tab.channels"), ctx.t("staff.tab.lost")]
)
with staff_tab:
    show_board("staff")
with channel_tab:
    show_board("channels")

# -- lost customers ------------------------------------------------------------------------

with lost_tab:
    lost_customers(ctx, start, end, tag=tag)
