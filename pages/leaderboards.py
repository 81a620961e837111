"""Leaderboards (排行榜): inviters, buyers, groups and products, and the fission panel (SPEC §4)."""

import streamlit as st

from siyu import fmt, ui
from siyu.charts.leaderboards import (
    fission_weeks,
    image_config,
    invitation_levels,
    leaderboard_bars,
)
from siyu.metrics.base import previous_period
from siyu.metrics.leaderboards import (
    BOARDS,
    DEFAULT_TOP,
    SUSPICIOUS_HOLLOW_SHARE,
    SUSPICIOUS_MIN_INVITES,
    TOP_CHOICES,
    WINDOW_COLUMNS,
    rank_change_arrow,
    tree_size,
)

ctx = ui.frame("leaderboards")
if ctx.source is None:
    ui.no_dataset(ctx)
    st.stop()
has = {t: ctx.source.has(t) for t in ("orders", "members", "activity")}
if not has["orders"] and not has["members"]:
    st.info(ctx.t("needs.orders"))
    st.stop()

period = ui.period_filter(ctx)
if period is None:
    st.stop()
start, end = period
prev_start, prev_end = previous_period(start, end)


def column_label(column: str, board: str) -> str:
    if column == "name" and board == "groups":
        return ctx.t("leaderboards.col.group_name")
    return ctx.t(f"leaderboards.col.{column}")


def kinds_of(frame, kinds: dict[str, str], labels) -> dict[str, str]:
    """How the columns read (siyu.fmt), under their shown labels; values stay numbers in
    the downloads."""
    return {labels[c]: kind for c, kind in kinds.items() if c in frame}


boards_tab, fission_tab = st.tabs(
    [ctx.t("leaderboards.tab.boards"), ctx.t("leaderboards.tab.fission")]
)

# -- boards --------------------------------------------------------------------------------

with boards_tab:
    controls = st.columns([4, 2, 3])
    choices = list(BOARDS)
    board = ui.choice(
        controls[0].segmented_control,
        ctx.t("leaderboards.board"),
        choices,
        default="inviters" if has["members"] else "buyers",
        format_func=lambda b: ctx.t(f"leaderboards.board.{b}"),
        key="lb_board",
    )
    board = board if board in choices else choices[1]
    spec = BOARDS[board]
    columns = list(spec.columns)
    rank_by = ui.choice(
        controls[1].selectbox,
        ctx.t("leaderboards.rank_by"),
        columns,
        format_func=lambda c: ctx.t(f"leaderboards.col.{c}"),
        key=f"lb_by_{board}",
    )
    rank_by = rank_by if rank_by in columns else columns[0]
    top = controls[2].segmented_control(
        ctx.t("leaderboards.top"),
        list(TOP_CHOICES),
        default=DEFAULT_TOP,
        key="lb_top",
        bind="query-params",
    )
    top = top if top in TOP_CHOICES else DEFAULT_TOP
    st.caption(ctx.t(f"leaderboards.help.{board}"))

    missing = next((t for t in spec.requires if not has[t]), None)
    needs = spec.needs.get(rank_by)
    if missing is not None:
        st.info(ctx.t(f"needs.{missing}"))
    elif needs is not None and not has[needs]:
        st.info(ctx.t("leaderboards.needs_rank_by", table=ctx.t(f"table.{needs}")))
    else:
        ranked = ui.metric(
            ctx, f"leaderboard_{board}", start=start, end=end, top=top, rank_by=rank_by, names=True
        )
        if ranked.empty:
            st.info(ctx.t("leaderboards.empty"))
        else:
            title = ctx.t(
                "leaderboards.chart_title",
                board=ctx.t(f"leaderboards.board.{board}"),
                top=top,
                metric=ctx.t(f"leaderboards.col.{rank_by}"),
                start=start,
                end=end,
            )
            label = "name" if "name" in ranked else spec.id
            st.plotly_chart(
                leaderboard_bars(
                    ranked,
                    label=label,
                    ident=spec.id,
                    value=rank_by,
                    title=title,
                    kind=spec.columns[rank_by],
                ),
                width="stretch",
                config=image_config(f"leaderboard-{board}-{start}-{end}"),
            )
            st.caption(ctx.t("leaderboards.image_hint"))

            table = ranked.copy()
            table["rank_change"] = table["rank_change"].map(
                lambda c: rank_change_arrow(c, ctx.t("leaderboards.new"))
            )
            labels = {c: column_label(c, board) for c in table.columns}
            table = table.rename(columns=labels)
            ui.table(table, kinds_of(ranked, spec.columns, labels), hide_index=True)
            ui.download_buttons(ctx, table, f"leaderboard-{board}-{start}-{end}", "lb_board")
            if rank_by in WINDOW_COLUMNS:
                st.caption(ctx.t("window.compare.ranks", n=(end - start).days + 1))
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
        st.info(ctx.t("needs.members"))
    else:
        summary = ui.metric(ctx, "fission_summary", start=start, end=end)
        value = dict(zip(summary["metric"], summary["value"], strict=True))

        def ratio_text(v) -> str:
            return "—" if v is None else f"{v:.2f}"

        grid = ui.card_grid("fission_cards")
        cards = [grid.container(border=True) for _ in range(4)]
        cards[0].metric(
            ctx.t("leaderboards.fission.k_factor"),
            ratio_text(value["k_factor"]),
            help=ctx.t("leaderboards.fission.k_factor.help"),
        )
        cards[1].metric(
            ctx.t("leaderboards.fission.invites_per_active_inviter"),
            ratio_text(value["invites_per_active_inviter"]),
            help=ctx.t("leaderboards.fission.invites_per_active_inviter.help"),
        )
        cards[2].metric(
            ctx.t("leaderboards.fission.active_inviters"),
            fmt.show("count", value["active_inviters"]),
        )
        cards[3].metric(
            ctx.t("leaderboards.fission.fission_growth"),
            ratio_text(value["fission_growth"]),
        )
        weekly = ui.metric(ctx, "fission", start=start, end=end)
        st.plotly_chart(
            fission_weeks(
                weekly,
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
                share=round(SUSPICIOUS_HOLLOW_SHARE * 100),
            )
        )
        if not has["activity"]:
            st.caption(ctx.t("leaderboards.suspicious.no_activity"))
        checked = ui.metric(ctx, "suspicious_inviters", start=start, end=end, names=True)
        flagged = checked[checked["suspicious"]].drop(columns="suspicious")
        if flagged.empty:
            st.success(
                ctx.t(
                    "leaderboards.suspicious.none",
                    checked=len(checked),
                    min_invites=SUSPICIOUS_MIN_INVITES,
                )
            )
        else:
            labels = {
                c: ctx.t(f"leaderboards.suspicious.col.{c}")
                if c in ("left_within_a_day", "never_acted", "hollow", "hollow_share")
                else column_label(c, "inviters")
                for c in flagged.columns
            }
            shown = flagged.rename(columns=labels)
            ui.table(shown, kinds_of(flagged, {"hollow_share": "rate"}, labels), hide_index=True)
            ui.download_buttons(ctx, shown, f"suspicious-inviters-{start}-{end}", "lb_suspicious")

        # invitation tree
        st.subheader(ctx.t("leaderboards.tree.title"))
        inviters = ui.metric(
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
            options = list(who)
            inviter = ui.choice(
                st.selectbox,
                ctx.t("leaderboards.tree.inviter"),
                options,
                format_func=lambda u: f"{u} · {who[u]}" if who.get(u) else u,
                key="lb_tree_inviter",
            )
            inviter = inviter if inviter in who else options[0]
            levels = ui.metric(ctx, "invitation_levels", start=start, end=end, inviter=inviter)
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
            tree = ui.metric(
                ctx, "invitation_tree", start=start, end=end, inviter=inviter, names=True
            )
            tree_labels = {
                c: ctx.t(f"leaderboards.tree.col.{c}")
                if c in ("depth", "inviter_id", "join_day", "in_period")
                else column_label(c, "inviters")
                for c in tree.columns
            }
            members = tree.rename(columns=tree_labels)
            ui.table(members, hide_index=True)
            ui.download_buttons(ctx, members, f"invitation-tree-{inviter}-{end}", "lb_tree")
