"""Leaderboards (排行榜): inviters, buyers, groups and products, and the fission panel (SPEC §4)."""

import streamlit as st

from siyu import fmt, metrics
from siyu.charts.leaderboards import (
    fission_weeks,
    image_config,
    invitation_levels,
    leaderboard_bars,
)
from siyu.metrics.base import period_days, previous_period
from siyu.metrics.leaderboards import (
    BOARDS,
    DEFAULT_TOP,
    SUSPICIOUS_MIN_INVITES,
    TOP_CHOICES,
    WINDOW_COLUMNS,
    tree_size,
)
from siyu.schema import TABLE_LABELS, TABLE_NEEDS
from siyu.views import leaderboards as view
from siyu.web.address import choice
from siyu.web.cache import metric
from siyu.web.frame import open_page
from siyu.web.tables import table_with_downloads
from siyu.web.widgets import card_grid, period, tag_filter

ctx = open_page("leaderboards")
has = {t: ctx.source.has(t) for t in ("orders", "members", "activity")}
if not has["orders"] and not has["members"]:
    st.info(ctx.t(TABLE_NEEDS["orders"]))
    st.stop()
start, end = period(ctx)
prev_start, prev_end = previous_period(start, end)

boards_tab, fission_tab = st.tabs(
    [ctx.t("leaderboards.tab.boards"), ctx.t("leaderboards.tab.fission")]
)

# -- boards --------------------------------------------------------------------------------

with boards_tab:
    controls = st.columns([4, 2, 3])
    board = choice(
        controls[0].segmented_control,
        ctx.t("leaderboards.board"),
        list(BOARDS),
        default="inviters" if has["members"] else "buyers",
        format_func=lambda b: ctx.t(view.BOARDS[b]),
        key="lb_board",
    )
    board = board if board in BOARDS else "buyers"
    spec = BOARDS[board]
    rank_by = choice(
        controls[1].selectbox,
        ctx.t("leaderboards.rank_by"),
        list(spec.columns),
        format_func=lambda c: ctx.t(view.COLUMNS[c]),
        key=f"lb_by_{board}",
    )
    rank_by = view.first_of(spec.columns, rank_by)
    top = controls[2].segmented_control(
        ctx.t("leaderboards.top"),
        list(TOP_CHOICES),
        default=DEFAULT_TOP,
        key="lb_top",
        bind="query-params",
    )
    top = top if top in TOP_CHOICES else DEFAULT_TOP
    tag = tag_filter(ctx, start, end)
    st.caption(ctx.t(view.BOARD_HELP[board]))

    missing = metrics.get(view.BOARD_METRICS[board]).missing_table(ctx.source)
    needs = spec.needs.get(rank_by)
    if missing is not None:
        st.info(ctx.t(TABLE_NEEDS[missing]))
    elif needs is not None and not has[needs]:
        st.info(ctx.t("leaderboards.needs_rank_by", table=ctx.t(TABLE_LABELS[needs])))
    else:
        ranked = metric(
            ctx,
            view.BOARD_METRICS[board],
            start=start,
            end=end,
            top=top,
            rank_by=rank_by,
            names=True,
            tag=tag,
        )
        if ranked.empty:
            st.info(ctx.t("leaderboards.empty"))
        else:
            title = ctx.t(
                "leaderboards.chart_title",
                board=ctx.t(view.BOARDS[board]),
                top=top,
                metric=ctx.t(view.COLUMNS[rank_by]),
                start=start,
                end=end,
            )
            st.plotly_chart(
                leaderboard_bars(
                    ranked,
                    label="name" if "name" in ranked else spec.id,
                    ident=spec.id,
                    value=rank_by,
                    title=title,
                    kind=spec.columns[rank_by],
                ),
                width="stretch",
                config=image_config(f"leaderboard-{board}-{start}-{end}"),
            )
            st.caption(ctx.t("leaderboards.image_hint"))
            table_with_downloads(
                ctx,
                view.with_arrows(ctx.t, ranked),
                headers=view.board_headers(board),
                kinds=spec.columns,
                stem=f"leaderboard-{board}-{start}-{end}",
                key="lb_board",
            )
            if rank_by in WINDOW_COLUMNS:
                st.caption(ctx.t("window.compare.ranks", n=period_days(start, end)))
    st.caption(
        ctx.t(
            "leaderboards.caption",
            start=start,
            end=end,
            prev_start=prev_start,
            prev_end=prev_end,
            top=top,
        )
    )

# -- fission -------------------------------------------------------------------------------

with fission_tab:
    if not has["members"]:
        st.info(ctx.t(TABLE_NEEDS["members"]))
    else:
        summary = metric(ctx, "fission_summary", start=start, end=end)
        value = dict(zip(summary["metric"], summary["value"], strict=True))
        grid = card_grid("fission_cards")
        cards = [grid.container(border=True) for _ in range(4)]
        cards[0].metric(
            ctx.t("leaderboards.fission.k_factor"),
            view.ratio_text(value["k_factor"]),
            help=ctx.t("leaderboards.fission.k_factor.help"),
        )
        cards[1].metric(
            ctx.t("leaderboards.fission.invites_per_active_inviter"),
            view.ratio_text(value["invites_per_active_inviter"]),
            help=ctx.t("leaderboards.fission.invites_per_active_inviter.help"),
        )
        cards[2].metric(
            ctx.t("leaderboards.fission.active_inviters"),
            fmt.show("count", value["active_inviters"]),
        )
        cards[3].metric(
            ctx.t("leaderboards.fission.fission_growth"),
            view.ratio_text(value["fission_growth"]),
        )
        st.plotly_chart(
            fission_weeks(
                metric(ctx, "fission", start=start, end=end),
                title=ctx.t("leaderboards.fission.weekly"),
                invited=ctx.t("leaderboards.fission.invited_members"),
                other=ctx.t("leaderboards.fission.other_members"),
                k_factor=ctx.t("leaderboards.fission.k_factor"),
            ),
            width="stretch",
        )
        st.caption(ctx.t("leaderboards.fission.week_caption"))

        # suspicious inviters
        st.subheader(ctx.t("leaderboards.suspicious.title"))
        st.caption(
            ctx.t(
                "leaderboards.suspicious.caption",
                min_invites=SUSPICIOUS_MIN_INVITES,
                share=view.HOLLOW_PERCENT,
            )
        )
        if not has["activity"]:
            st.caption(ctx.t("leaderboards.suspicious.no_activity"))
        checked = metric(ctx, "suspicious_inviters", start=start, end=end, names=True)
        suspicious = view.flagged(checked)
        if suspicious.empty:
            st.success(
                ctx.t(
                    "leaderboards.suspicious.none",
                    checked=len(checked),
                    min_invites=SUSPICIOUS_MIN_INVITES,
                )
            )
        else:
            table_with_downloads(
                ctx,
                suspicious,
                headers=view.SUSPICIOUS_HEADERS,
                kinds={"hollow_share": "rate"},
                stem=f"suspicious-inviters-{start}-{end}",
                key="lb_suspicious",
            )

        # invitation tree
        st.subheader(ctx.t("leaderboards.tree.title"))
        inviters = metric(
            ctx,
            "leaderboard_inviters",
            start=start,
            end=end,
            top=100,
            rank_by="invites",
            names=True,
        )
        if inviters.empty:
            st.info(ctx.t("leaderboards.tree.none"))
        else:
            who = dict(zip(inviters["user_id"], inviters["name"], strict=True))
            inviter = choice(
                st.selectbox,
                ctx.t("leaderboards.tree.inviter"),
                list(who),
                format_func=lambda u: view.inviter_label(who, u),
                key="lb_tree_inviter",
            )
            inviter = view.first_of(who, inviter)
            levels = metric(ctx, "invitation_levels", start=start, end=end, inviter=inviter)
            depth, size = tree_size(levels)
            left, right = st.columns(2)
            left.metric(ctx.t("leaderboards.tree.depth"), fmt.show("count", depth))
            right.metric(ctx.t("leaderboards.tree.size"), fmt.show("count", size))
            st.plotly_chart(
                invitation_levels(
                    levels,
                    title=ctx.t("leaderboards.tree.chart"),
                    x_title=ctx.t("leaderboards.tree.level"),
                    y_title=ctx.t("leaderboards.tree.members"),
                ),
                width="stretch",
            )
            st.caption(ctx.t("leaderboards.tree.caption", end=end))
            table_with_downloads(
                ctx,
                metric(ctx, "invitation_tree", start=start, end=end, inviter=inviter, names=True),
                headers=view.TREE_HEADERS,
                stem=f"invitation-tree-{inviter}-{end}",
                key="lb_tree",
            )
