"""Numbers as operators read them (issue 18.5): one set of rules in `siyu.fmt`, checked on
values written out by hand, and the charts built with the same rules."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pandas as pd
import pytest

from siyu import fmt
from siyu.charts.groups import group_counts
from siyu.charts.leaderboards import fission_weeks, leaderboard_bars
from siyu.charts.members import tier_bars
from siyu.charts.retention import retention_heatmap, seven_day_histogram
from siyu.charts.series import bars_over_time
from siyu.charts.whatif import whatif_cumulative, whatif_tornado


@pytest.mark.parametrize(
    ("kind", "value", "shown"),
    [
        ("money", 1216271.5, "¥1,216,271.50"),
        ("money", 174682.56, "¥174,682.56"),
        ("money", Decimal("99.335"), "¥99.34"),
        ("money", -3.2, "-¥3.20"),
        ("money", 0, "¥0.00"),
        ("count", 1234567, "1,234,567"),
        ("count", 539.25, "539"),  # people are whole
        ("count", -2, "-2"),
        ("rate", 0.08, "8.0%"),  # one decimal always: 8.0%, 8.7%, 11.1%, never 8% / 11.11%
        ("rate", 0.0871, "8.7%"),
        ("rate", 1 / 9, "11.1%"),
        ("rate", 1, "100.0%"),
        ("number", 0.123, "0.12"),
        ("number", 12345.678, "12,345.68"),
        ("money", None, "—"),
        ("rate", float("nan"), "—"),
        ("count", math.inf, "—"),
        ("count", "12", "—"),  # text is not a number to format
    ],
)
def test_show_writes_each_kind_by_hand(kind, value, shown):
    assert fmt.show(kind, value) == shown


@pytest.mark.parametrize(
    ("lang", "value", "shown"),
    [
        ("zh-Hans", 1216271.5, "¥121.6万"),
        ("zh-Hant", 1216271.5, "¥121.6萬"),
        ("en", 1216271.5, "¥1.22M"),
        ("zh-Hans", 57914.82, "¥5.79万"),
        ("en", 57914.82, "¥57.9K"),
        ("zh-Hans", 123456789, "¥1.23亿"),
        ("zh-Hant", 123456789, "¥1.23億"),
        ("en", 999_999, "¥1M"),  # rounds up into the next unit, never ¥1,000K
        ("en", 120_000, "¥120K"),
        ("zh-Hans", -121627, "-¥12.16万"),
        ("zh-Hans", 9999.5, "¥1万"),
        ("zh-Hans", 999.5, "¥999.50"),  # below the smallest unit: in full
    ],
)
def test_compact_amounts_in_each_language(lang, value, shown):
    assert fmt.compact("money", value, lang) == shown


def test_compact_counts_and_other_kinds():
    assert fmt.compact("count", 12_345_678, "zh-Hans") == "1,235万"
    assert fmt.compact("count", 12_345_678, "en") == "12.3M"
    assert fmt.compact("rate", 0.5, "en") == "50.0%"  # rates are never shortened


def test_a_seven_digit_gmv_card_is_compact_with_the_full_value_in_its_help():
    shown, full = fmt.card("money", 1216271.5, "zh-Hans")
    assert (shown, full) == ("¥121.6万", "¥1,216,271.50")
    assert fmt.width_em(shown) <= fmt.CARD_EM < fmt.width_em(full)
    help_text = fmt.card_help("本期成交额", full, "zh-Hans")
    assert help_text.startswith("本期成交额") and "¥1,216,271.50" in help_text
    # what fits a card is shown whole, and its help is left alone
    assert fmt.card("money", 99.34, "zh-Hans") == ("¥99.34", None)
    assert fmt.card("count", 1234567, "en") == ("1,234,567", None)
    assert fmt.card("rate", 0.217, "en") == ("21.7%", None)
    assert fmt.card_help("h", None) == "h"
    # the width measured in Chromium: "1,234,567" fits a card, "¥57,914.82" does not
    assert fmt.width_em("1,234,567") <= fmt.CARD_EM < fmt.width_em("¥57,914.82")


def test_plotly_and_table_formats_follow_the_same_rules():
    assert fmt.hover("money") == "¥%{y:,.2f}"
    assert fmt.hover("rate", "x") == "%{x:.1%}"
    assert fmt.hover("count", "value") == "%{value:,.0f}"
    assert fmt.tick_format("rate", 0.1) == ".0%"
    assert fmt.tick_format("rate", 0.025) == ".1%"
    assert fmt.tick_format("count", 200) == ",.0f"
    assert fmt.tick_format("number", 0.05) == ",.2f"
    assert fmt.column("money") == {"format": "¥%,.2f"}
    assert fmt.column("rate") == {"format": "percent", "step": 0.001}
    assert fmt.column("count") == {"format": "%,d"}
    # what a table is handed: the shown digits (Streamlit cuts the rest off, 27.167% → 27.1%)
    assert fmt.shown_value("rate", 586 / 2157) == 0.272
    assert fmt.shown_value("count", 539.6) == 540
    assert fmt.shown_value("money", 174682.56) == 174682.56
    assert fmt.shown_value("rate", None) is None


# -- charts -----------------------------------------------------------------------------------


def _is_round(step: float) -> bool:
    mantissa = step / 10 ** math.floor(math.log10(step))
    return any(math.isclose(mantissa, m) for m in (1, 2, 2.5, 5))


def _ticks(axis) -> list[float]:
    steps = round(axis.range[1] / axis.dtick)
    return [axis.tick0 + k * axis.dtick for k in range(steps + 1)]


def _check_two_axes(fig, left_title: str, right_title: str) -> None:
    left, right = fig.layout.yaxis, fig.layout.yaxis2
    assert left.title.text == left_title and right.title.text == right_title
    for axis in (left, right):
        assert axis.tickmode == "linear" and axis.tick0 == 0 and axis.range[0] == 0
        assert _is_round(axis.dtick), axis.dtick
        assert math.isclose(axis.range[1] / axis.dtick, round(axis.range[1] / axis.dtick))
    # the same number of steps: the left gridlines fall on the right ticks
    assert len(_ticks(left)) == len(_ticks(right))


def test_group_counts_titles_both_axes_with_round_ticks():
    # members near 778 and messages near 4,100 read 195/389/584/778 on the right before
    frame = pd.DataFrame(
        {
            "date": pd.date_range("2026-10-01", periods=4).date,
            "members": [700, 720, 778, 760],
            "active": [100, 200, 150, 120],
            "messages": [1200, 3000, 4100, 900],
        }
    )
    series = {"members": "成员数", "active": "活跃人数", "messages": "消息数"}
    fig = group_counts(frame, x="date", series=series, title="群人数与消息", bars="messages")
    _check_two_axes(fig, "成员数 · 活跃人数", "消息数")
    assert _ticks(fig.layout.yaxis2) == [0, 1000, 2000, 3000, 4000, 5000]
    assert fig.layout.yaxis2.tickformat == ",.0f"


def test_every_two_axis_chart_is_titled_and_round():
    tiers = pd.DataFrame({"tier": ["普通", "金卡"], "members": [3456, 111], "share": [0.62, 0.38]})
    fig = tier_bars(
        tiers,
        x="tier",
        members="members",
        share="share",
        title="t",
        members_title="人数",
        share_title="GMV 占比",
    )
    _check_two_axes(fig, "人数", "GMV 占比")
    assert fig.layout.yaxis2.tickformat == ".0%" and fig.layout.yaxis2.dtick == 0.2

    hist = pd.DataFrame(
        {
            "purchase_days": [1, 2, 3],
            "members": [389, 120, 33],
            "repurchase_30d_rate": [0.2, 0.35, None],
        }
    )
    fig = seven_day_histogram(
        hist, title="t", x_title="天数", members_label="人数", rate_label="复购率"
    )
    _check_two_axes(fig, "人数", "复购率")

    weeks = pd.DataFrame(
        {
            "week": pd.date_range("2026-09-07", periods=3, freq="7D").date,
            "invited_members": [10, 20, 5],
            "other_members": [100, 80, 60],
            "k_factor": [0.12, 0.31, None],
        }
    )
    fig = fission_weeks(weeks, title="t", invited="受邀", other="其他", k_factor="K 因子")
    _check_two_axes(fig, "受邀 + 其他", "K 因子")
    assert fig.layout.yaxis.range[1] >= 110  # the stacked bars fit


def test_chart_numbers_read_by_the_same_rules():
    frame = pd.DataFrame({"day": ["10-01"], "gmv": [1216271.5]})
    fig = bars_over_time(frame, x="day", y="gmv", title="GMV", y_title="GMV", money=True)
    assert fig.data[0].hovertemplate.startswith("¥%{y:,.2f}")
    assert fig.layout.yaxis.tickprefix == "¥"
    board = pd.DataFrame({"rank": [1], "name": ["甲"], "user_id": ["u1"], "gmv": [174682.56]})
    fig = leaderboard_bars(
        board, label="name", ident="user_id", value="gmv", title="t", kind="money"
    )
    assert list(fig.data[0].text) == ["¥174,682.56"]
    retention = pd.DataFrame(
        {"cohort": ["10-01"], "period": [0], "rate": [0.0871], "cohort_size": [1234]}
    )
    fig = retention_heatmap(retention, period_labels=["D0"], title="t", size_label="人数")
    assert fig.data[0].text[0][0] == "8.7%"
    assert any(a.text == "1,234" for a in fig.layout.annotations)


def test_what_if_charts_read_amounts_in_yuan_not_si_units():
    # Plotly's own ticks wrote 500k / 100k on a Chinese screen: amounts are ¥500,000
    weekly = pd.DataFrame({"scenario": ["base"] * 2, "week": [1, 2], "cum_gmv": [61828.89, 1.2e6]})
    band = weekly.assign(low=weekly["cum_gmv"] * 0.9, high=weekly["cum_gmv"] * 1.1)
    fig = whatif_cumulative(
        weekly,
        band=band,
        value="cum_gmv",
        low="low",
        high="high",
        labels={"base": "基线"},
        title="t",
        y_title="元",
        band_label="区间",
    )
    assert fig.layout.yaxis.tickprefix == "¥" and fig.layout.yaxis.tickformat == ",.0f"
    assert fig.data[1].hovertemplate.startswith("¥%{y:,.2f}")
    tornado = pd.DataFrame(
        {"lever": ["margin"], "profit": [100.0], "low_profit": [70.0], "high_profit": [130.0]}
    )
    fig = whatif_tornado(
        tornado, labels={"margin": "毛利率"}, title="t", low_label="-20%", high_label="+20%"
    )
    assert fig.layout.xaxis.tickprefix == "¥" and fig.layout.xaxis.tickformat == ",.0f"


def test_a_stacked_chart_of_eight_staff_repeats_no_colour():
    # with seven colours the demo's eighth staff member was drawn in the first one's green
    from siyu.charts.leaderboards import lost_weeks

    staff = [f"员工{i}" for i in range(8)]
    frame = pd.DataFrame(
        {"week": [dt.date(2026, 10, 5)] * 8, "staff": staff, "lost": list(range(8, 0, -1))}
    )
    fig = lost_weeks(frame, "t", "人数", "无员工")
    colours = [bar.marker.color for bar in fig.data]
    assert len(colours) == 8 and len(set(colours)) == 8
