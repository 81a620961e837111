"""Views that agree (issue 18.8): a rate shown under two names on two pages is either the same
number or says, on screen, why it differs.

The overview's 7 日复购率 is SPEC's repurchase rate (Y days): of everyone whose first paid order
falls in the period. The what-if baseline's and the funnels page's repurchase rate is the
member funnel's third step: of the members who joined in the period and first ordered within
X days of joining. On the demo they differ (43.6% against 49.1%), so both pages name the other
one and the difference of base.
"""

from __future__ import annotations

import pytest

from siyu import fmt, metrics
from siyu.i18n import LANGUAGES, t
from tests.pages.test_pages import open_app

WINDOWS = {"x_days": 3, "y_days": 7}


def demo_rates(source) -> tuple[float, float, float]:
    start, end = metrics.default_period(source)
    overview = metrics.kpis(source, start, end).set_index("metric")["value"]
    funnel = metrics.lookup("member_funnel")(source, start, end).set_index("step")
    baseline = metrics.lookup("whatif_baseline")(source, start, end).set_index("item")["value"]
    return (
        float(overview["repurchase_rate_7d"]),
        float(funnel.loc["repurchase", "conversion_from_previous"]),
        float(baseline["repurchase_rate"]),
    )


def test_the_two_repurchase_rates_of_the_demo_are_two_questions(demo_ws):
    overview, funnel, whatif = demo_rates(demo_ws.source("demo"))
    assert whatif == funnel  # the same question, the same number
    assert fmt.show("rate", overview) != fmt.show("rate", whatif)  # 43.6% against 49.1%


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_two_repurchase_rates_never_share_a_name(lang):
    overview = t("metric.repurchase_rate_7d", lang, **WINDOWS)
    whatif = t("whatif.item.repurchase_rate", lang, **WINDOWS)
    assert overview != whatif
    # the explanation names the overview's rate, and the overview's help names the other pages
    assert overview in t("metric.repurchase_rate_7d.vs_funnel", lang, **WINDOWS)
    help_text = t("metric.repurchase_rate_7d.help", lang, **WINDOWS)
    assert t("nav.funnels", lang) in help_text and t("nav.whatif", lang) in help_text


def explained(at) -> bool:
    return any("7 日复购率" in c.value and "新会员" in c.value for c in at.caption)


def test_what_if_and_funnels_say_why_their_repurchase_rate_is_not_the_overviews(
    monkeypatch, demo_ws
):
    overview_rate, _, whatif_rate = demo_rates(demo_ws.source("demo"))
    at = open_app(monkeypatch, demo_ws)
    cards = {m.label: m for m in at.metric}
    card = cards["7 日复购率"]
    assert card.value == fmt.show("rate", overview_rate)
    assert "转化漏斗" in card.proto.help

    at = open_app(monkeypatch, demo_ws, "pages/whatif.py")
    assert not at.exception, [e.value for e in at.exception]
    baseline = at.dataframe[0].value
    row = baseline[baseline.iloc[:, 0] == "新会员首单后 7 天复购率"]
    assert len(row) == 1
    assert fmt.show("rate", whatif_rate) in row.astype(str).to_numpy().ravel().tolist()
    assert "7 日复购率" not in set(baseline.iloc[:, 0])
    assert explained(at)

    at = open_app(monkeypatch, demo_ws, "pages/funnels.py")
    assert not at.exception, [e.value for e in at.exception]
    assert explained(at)
