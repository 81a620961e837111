"""Words for figures whose window has not closed yet, and for like-for-like comparisons.

SPEC §4 "Windows and comparisons": a figure that follows people over a window says how many
of its base are still inside it (pending), and its change compares both periods at the same
age. Keys: `window.pending.<figure>` (a caption beside the figure; `{n}` people, and the
window's `{x_days}` / `{y_days}` / `{days}`), `window.compare.*` (how the change is read),
`window.incomplete` / `window.open` (legends of a period drawn as not yet complete).
"""

TEXT = {
    # -- pending people beside a figure ---------------------------------------------------
    "window.pending.first_order_conversion": {
        "zh-Hans": "其中 {n} 人入群未满 {x_days} 天，仍可能首单",
        "zh-Hant": "其中 {n} 人入群未滿 {x_days} 天，仍可能首單",
        "en": "{n} joined less than {x_days} days ago and may still buy",
    },
    "window.pending.repurchase_rate": {
        "zh-Hans": "其中 {n} 位首单顾客尚未复购，仍可能回购",
        "zh-Hant": "其中 {n} 位首單顧客尚未複購，仍可能回購",
        "en": "{n} first buyers have not come back yet and still may",
    },
    "window.pending.repurchase_rate_7d": {
        "zh-Hans": "其中 {n} 位首单顾客首单未满 {y_days} 天，仍在观察期",
        "zh-Hant": "其中 {n} 位首單顧客首單未滿 {y_days} 天，仍在觀察期",
        "en": "{n} first buyers are still inside their {y_days} days",
    },
    "window.pending.repurchase": {
        "zh-Hans": "{n} 位首单顾客首单未满 {y_days} 天，仍在观察期",
        "zh-Hant": "{n} 位首單顧客首單未滿 {y_days} 天，仍在觀察期",
        "en": "{n} first buyers are still inside their {y_days} days",
    },
    "window.pending.first_order": {
        "zh-Hans": "{n} 人入群未满 {x_days} 天，仍可能首单",
        "zh-Hant": "{n} 人入群未滿 {x_days} 天，仍可能首單",
        "en": "{n} members joined less than {x_days} days ago and may still buy",
    },
    "window.pending.activation": {
        "zh-Hans": "{n} 人入群未满 {x_days} 天，仍可能激活",
        "zh-Hant": "{n} 人入群未滿 {x_days} 天，仍可能啟用",
        "en": "{n} members joined less than {x_days} days ago and may still activate",
    },
    "window.pending.retention": {
        "zh-Hans": "{n} 人入群未满 7 天，第 1–7 天尚未看完",
        "zh-Hant": "{n} 人入群未滿 7 天，第 1–7 天尚未看完",
        "en": "{n} members joined less than 7 days ago: days 1–7 are not all observed yet",
    },
    "window.pending.effective_invites": {
        "zh-Hans": "本期受邀会员中 {n} 人入群未满 {days} 天，仍可能成为有效邀请",
        "zh-Hant": "本期受邀會員中 {n} 人入群未滿 {days} 天，仍可能成為有效邀請",
        "en": "{n} invitees of the period joined less than {days} days ago and may still "
        "become effective invites",
    },
    "window.pending.group_repurchase": {
        "zh-Hans": "本期 {n} 位首单顾客尚未复购，仍可能回购",
        "zh-Hant": "本期 {n} 位首單顧客尚未複購，仍可能回購",
        "en": "{n} first buyers of the period have not come back yet and still may",
    },
    "window.pending.seven_day": {
        "zh-Hans": "本期开始的 {n} 人尚未满 {days} 天（第 {days} 天未到），暂不计入",
        "zh-Hant": "本期開始的 {n} 人尚未滿 {days} 天（第 {days} 天未到），暫不計入",
        "en": "{n} people who started in the period have not reached day {days} yet and "
        "are not counted",
    },
    "window.pending.cohorts": {
        "zh-Hans": "{n} 人所在的同期群还有格子未满期：留空，不是 0",
        "zh-Hant": "{n} 人所在的同期群還有格子未滿期：留空，不是 0",
        "en": "{n} people are in cohorts with cells not fully observed yet: blank, not zero",
    },
    # -- how changes compare ------------------------------------------------------------
    "window.compare.cards": {
        "zh-Hans": "变化为同龄比较：上一周期按 {n} 天前的数据计算，"
        "每人与本期同位置的人观察天数相同；未满观察期的人不会被读成下降。",
        "zh-Hant": "變化為同齡比較：上一週期按 {n} 天前的資料計算，"
        "每人與本期同位置的人觀察天數相同；未滿觀察期的人不會被讀成下降。",
        "en": "Changes compare like for like: the previous period as it stood {n} days ago, "
        "so each of its people has been observed as long as their counterpart now; people "
        "still inside their window never read as a drop.",
    },
    "window.compare.ranks": {
        "zh-Hans": "按有观察期的指标排名时，上期排名按 {n} 天前的数据计算（同龄比较）。",
        "zh-Hant": "按有觀察期的指標排名時，上期排名按 {n} 天前的資料計算（同齡比較）。",
        "en": "Ranked by a windowed figure, the previous rank is taken from the data as it "
        "stood {n} days ago (like for like).",
    },
    # the heading of the `pending` column in the funnels page's tables and downloads
    "funnels.col.pending": {
        "zh-Hans": "观察期内人数",
        "zh-Hant": "觀察期內人數",
        "en": "Still in window",
    },
    # the heading of the boards' `pending` column (leaderboards page, downloads)
    "leaderboards.col.pending": {
        "zh-Hans": "观察期内人数",
        "zh-Hant": "觀察期內人數",
        "en": "Still in window",
    },
    "window.col.pending": {
        "zh-Hans": "观察期内人数",
        "zh-Hant": "觀察期內人數",
        "en": "Still in window",
    },
    # -- charts -------------------------------------------------------------------------
    "window.incomplete": {
        "zh-Hans": "未完整时段（数据未覆盖全部天数）",
        "zh-Hant": "未完整時段（資料未涵蓋全部天數）",
        "en": "Incomplete period (not every day in the data yet)",
    },
    "window.open": {
        "zh-Hans": "仍在观察期（部分人的窗口未结束）",
        "zh-Hant": "仍在觀察期（部分人的窗口未結束）",
        "en": "Window still open for some people",
    },
}
