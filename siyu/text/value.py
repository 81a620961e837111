"""Value page (价值): lifetime value, P(alive), at-risk buyers, cohort value curves."""

TEXT = {
    "nav.value": {"zh-Hans": "价值", "zh-Hant": "價值", "en": "Value"},
    # -- controls ------------------------------------------------------------------------
    "value.unit": {"zh-Hans": "时间单位", "zh-Hant": "時間單位", "en": "Time unit"},
    "value.unit.day": {"zh-Hans": "天", "zh-Hant": "天", "en": "day"},
    "value.unit.week": {"zh-Hans": "周", "zh-Hant": "週", "en": "week"},
    "value.as_of": {
        "zh-Hans": "模型用截至 {end}（含）的支付订单拟合，预测从 {as_of} 起。所选期间只用其最后一天。",
        "zh-Hant": "模型用截至 {end}（含）的支付訂單擬合，預測從 {as_of} 起。所選期間只用其最後一天。",
        "en": "The model is fitted on the paid orders up to {end} (inclusive) and predicts from "
        "{as_of} on. Only the last day of the selected period is used.",
    },
    "value.warn.no_fit": {
        "zh-Hans": "还没有复购的顾客，无法拟合模型：存活概率和价值暂不显示。",
        "zh-Hant": "還沒有復購的顧客，無法擬合模型：存活機率和價值暫不顯示。",
        "en": "No buyer has bought again yet, so the model cannot be fitted: P(alive) and "
        "value are not shown.",
    },
    "value.warn.few_repeat_buyers": {
        "zh-Hans": "只有 {n} 位复购顾客（建议至少 {min} 位）：参数不稳定，数字仅供参考。",
        "zh-Hant": "只有 {n} 位復購顧客（建議至少 {min} 位）：參數不穩定，數字僅供參考。",
        "en": "Only {n} repeat buyers (at least {min} advised): the parameters are unstable, "
        "read the numbers as rough.",
    },
    "value.warn.short_history": {
        "zh-Hans": "购买记录只有 {days} 天（建议至少 {weeks} 周）：历史太短，预测不可靠。",
        "zh-Hant": "購買記錄只有 {days} 天（建議至少 {weeks} 週）：歷史太短，預測不可靠。",
        "en": "Only {days} days of purchases (at least {weeks} weeks advised): too little "
        "history for a reliable prediction.",
    },
    "value.no_fit": {
        "zh-Hans": "没有可用的模型（还没有复购顾客）。",
        "zh-Hant": "沒有可用的模型（還沒有復購顧客）。",
        "en": "No model to use (no repeat buyer yet).",
    },
    # -- tabs ----------------------------------------------------------------------------
    "value.tab.model": {"zh-Hans": "模型", "zh-Hant": "模型", "en": "Model"},
    "value.tab.people": {"zh-Hans": "每人价值", "zh-Hant": "每人價值", "en": "Per person"},
    "value.tab.risk": {
        "zh-Hans": "高价值流失风险",
        "zh-Hant": "高價值流失風險",
        "en": "At risk and valuable",
    },
    "value.tab.check": {"zh-Hans": "模型检验", "zh-Hant": "模型檢驗", "en": "Check the model"},
    "value.tab.cohorts": {
        "zh-Hans": "同期群价值",
        "zh-Hant": "同期群價值",
        "en": "Cohort value",
    },
    # -- the model -----------------------------------------------------------------------
    "value.model.how": {
        "zh-Hans": "每位买家从支付订单算出：**复购天数**（首个购买日之后、有支付订单的不同日期数，"
        "同一天多单算一次）、**最近购买**（末次购买日 − 首次购买日）和**观察期**（截止日 − 首次"
        "购买日），后两者以{unit}为单位、可带小数（10 天 = 1.4286 周）。BG/NBD 模型"
        "（Fader, Hardie & Lee 2005）据此估计每人是否仍是顾客（存活概率）和未来的复购天数；"
        "Gamma-Gamma 模型（Fader & Hardie 2013）用复购顾客每个复购日的平均消费估计每人"
        "每次的消费。两者都用最大似然拟合，相同的（复购天数、最近购买、观察期）合并计算。",
        "zh-Hant": "每位買家從支付訂單算出：**復購天數**（首個購買日之後、有支付訂單的不同日期數，"
        "同一天多單算一次）、**最近購買**（末次購買日 − 首次購買日）和**觀察期**（截止日 − 首次"
        "購買日），後兩者以{unit}為單位、可帶小數（10 天 = 1.4286 週）。BG/NBD 模型"
        "（Fader, Hardie & Lee 2005）據此估計每人是否仍是顧客（存活機率）和未來的復購天數；"
        "Gamma-Gamma 模型（Fader & Hardie 2013）用復購顧客每個復購日的平均消費估計每人"
        "每次的消費。兩者都用最大似然擬合，相同的（復購天數、最近購買、觀察期）合併計算。",
        "en": "For each buyer, from the paid orders: **frequency** (distinct days with a paid "
        "order after the first one; several orders on one day count once), **recency** (last "
        "purchase day − first) and **T** (calibration end − first purchase day), the last two "
        "in {unit}s, with decimals (10 days = 1.4286 weeks). The BG/NBD model (Fader, Hardie & "
        "Lee 2005) estimates from these whether each person is still a customer (P(alive)) "
        "and their future purchase days; the Gamma-Gamma model (Fader & Hardie 2013) their "
        "spend per purchase day, from the repeat buyers' mean spend per repeat day. Both are "
        "fitted by maximum likelihood over buyers grouped by identical (frequency, recency, T).",
    },
    "value.model.bgnbd": {"zh-Hans": "BG/NBD", "zh-Hant": "BG/NBD", "en": "BG/NBD"},
    "value.model.spend": {
        "zh-Hans": "Gamma-Gamma",
        "zh-Hant": "Gamma-Gamma",
        "en": "Gamma-Gamma",
    },
    "value.model.sources": {
        "zh-Hans": "在 CDNOW 样本（2,357 位顾客，39 周）上本模型复现已发表的参数 r = 0.243、"
        "α = 4.414、a = 0.793、b = 2.426，p = 6.25、q = 3.74、γ = 15.44。",
        "zh-Hant": "在 CDNOW 樣本（2,357 位顧客，39 週）上本模型復現已發表的參數 r = 0.243、"
        "α = 4.414、a = 0.793、b = 2.426，p = 6.25、q = 3.74、γ = 15.44。",
        "en": "On the CDNOW sample (2,357 customers, 39 weeks) this fit reproduces the "
        "published r = 0.243, α = 4.414, a = 0.793, b = 2.426 and p = 6.25, q = 3.74, "
        "γ = 15.44.",
    },
    "value.param.r": {"zh-Hans": "r", "zh-Hant": "r", "en": "r"},
    "value.param.alpha": {"zh-Hans": "α", "zh-Hant": "α", "en": "α"},
    "value.param.a": {"zh-Hans": "a", "zh-Hant": "a", "en": "a"},
    "value.param.b": {"zh-Hans": "b", "zh-Hant": "b", "en": "b"},
    "value.param.p": {"zh-Hans": "p", "zh-Hant": "p", "en": "p"},
    "value.param.q": {"zh-Hans": "q", "zh-Hant": "q", "en": "q"},
    "value.param.gamma": {"zh-Hans": "γ", "zh-Hant": "γ", "en": "γ"},
    "value.param.log_likelihood": {
        "zh-Hans": "对数似然",
        "zh-Hant": "對數似然",
        "en": "log-likelihood",
    },
    "value.param.spend_log_likelihood": {
        "zh-Hans": "对数似然",
        "zh-Hant": "對數似然",
        "en": "log-likelihood",
    },
    "value.meaning.r": {
        "zh-Hans": "购买频率分布的形状（越小，顾客间差异越大）",
        "zh-Hant": "購買頻率分佈的形狀（越小，顧客間差異越大）",
        "en": "shape of the purchase rates across people (smaller: more unequal)",
    },
    "value.meaning.alpha": {
        "zh-Hans": "购买频率分布的尺度：平均每{unit}购买 r/α 天",
        "zh-Hant": "購買頻率分佈的尺度：平均每{unit}購買 r/α 天",
        "en": "scale of the purchase rates: r/α purchase days a {unit} on average",
    },
    "value.meaning.a": {
        "zh-Hans": "每次购买后流失概率的分布（与 b 一起）",
        "zh-Hant": "每次購買後流失機率的分佈（與 b 一起）",
        "en": "the chance of dropping out after a purchase (with b)",
    },
    "value.meaning.b": {
        "zh-Hans": "平均流失概率 a/(a+b)",
        "zh-Hant": "平均流失機率 a/(a+b)",
        "en": "mean drop-out chance a/(a+b)",
    },
    "value.meaning.p": {
        "zh-Hans": "每日消费金额分布的形状",
        "zh-Hant": "每日消費金額分佈的形狀",
        "en": "shape of the spend per purchase day",
    },
    "value.meaning.q": {
        "zh-Hans": "顾客间平均消费差异的形状",
        "zh-Hant": "顧客間平均消費差異的形狀",
        "en": "shape of the differences in mean spend between people",
    },
    "value.meaning.gamma": {
        "zh-Hans": "顾客间平均消费差异的尺度",
        "zh-Hant": "顧客間平均消費差異的尺度",
        "en": "scale of the differences in mean spend between people",
    },
    "value.meaning.log_likelihood": {
        "zh-Hans": "拟合优度（越大越好，只在同一数据上比较）",
        "zh-Hant": "擬合優度（越大越好，只在同一資料上比較）",
        "en": "goodness of fit (higher is better; compare on the same data only)",
    },
    "value.meaning.spend_log_likelihood": {
        "zh-Hans": "拟合优度（复购顾客的消费）",
        "zh-Hant": "擬合優度（復購顧客的消費）",
        "en": "goodness of fit (the repeat buyers' spend)",
    },
    "value.card.customers": {"zh-Hans": "买家", "zh-Hant": "買家", "en": "Buyers"},
    "value.card.repeat_customers": {
        "zh-Hans": "复购买家",
        "zh-Hant": "復購買家",
        "en": "Repeat buyers",
    },
    "value.card.mean_spend": {
        "zh-Hans": "每个购买日平均消费",
        "zh-Hant": "每個購買日平均消費",
        "en": "Mean spend per purchase day",
    },
    "value.card.mean_spend.help": {
        "zh-Hans": "模型估计的总体平均：pγ/(q − 1)。",
        "zh-Hant": "模型估計的總體平均：pγ/(q − 1)。",
        "en": "The population mean of the model: pγ/(q − 1).",
    },
    # -- per person ----------------------------------------------------------------------
    "value.horizon": {"zh-Hans": "预测期", "zh-Hant": "預測期", "en": "Horizon"},
    "value.horizon.months": {
        "zh-Hans": "未来 {n} 个月",
        "zh-Hant": "未來 {n} 個月",
        "en": "next {n} months",
    },
    "value.margin": {"zh-Hans": "毛利率（%）", "zh-Hant": "毛利率（%）", "en": "Margin (%)"},
    "value.discount": {
        "zh-Hans": "月折现率（%）",
        "zh-Hant": "月折現率（%）",
        "en": "Monthly discount rate (%)",
    },
    "value.people.assumptions": {
        "zh-Hans": "价值 = 未来 {months} 个月的预期复购天数 × 每个购买日的预期消费 × 毛利率 "
        "{margin}%，第 k 个月的购买按 (1 + {discount}%)^k 折现。毛利率 100% 时价值就是预期成交额。",
        "zh-Hant": "價值 = 未來 {months} 個月的預期復購天數 × 每個購買日的預期消費 × 毛利率 "
        "{margin}%，第 k 個月的購買按 (1 + {discount}%)^k 折現。毛利率 100% 時價值就是預期成交額。",
        "en": "Value = expected purchase days over the next {months} months × expected spend "
        "per purchase day × margin {margin}%, the purchases of month k discounted by "
        "(1 + {discount}%)^k. At a margin of 100% the value is the expected paid amount.",
    },
    "value.summary.buyers": {"zh-Hans": "买家", "zh-Hant": "買家", "en": "Buyers"},
    "value.summary.buyers.help": {
        "zh-Hans": "截止日前有支付订单的人。",
        "zh-Hant": "截止日前有支付訂單的人。",
        "en": "People with a paid order up to the calibration end.",
    },
    "value.summary.alive": {
        "zh-Hans": "预计仍在的顾客",
        "zh-Hant": "預計仍在的顧客",
        "en": "Expected still customers",
    },
    "value.summary.alive.help": {
        "zh-Hans": "所有买家存活概率之和。",
        "zh-Hant": "所有買家存活機率之和。",
        "en": "The sum of every buyer's P(alive).",
    },
    "value.summary.expected_purchases": {
        "zh-Hans": "{months} 个月预期复购天数",
        "zh-Hant": "{months} 個月預期復購天數",
        "en": "Expected purchase days, {months} months",
    },
    "value.summary.expected_purchases.help": {
        "zh-Hans": "所有买家未来 {months} 个月预期购买天数之和（未折现）。",
        "zh-Hant": "所有買家未來 {months} 個月預期購買天數之和（未折現）。",
        "en": "Every buyer's expected purchase days over the next {months} months, summed "
        "(not discounted).",
    },
    "value.summary.clv": {
        "zh-Hans": "{months} 个月顾客价值",
        "zh-Hant": "{months} 個月顧客價值",
        "en": "Customer value, {months} months",
    },
    "value.summary.clv.help": {
        "zh-Hans": "所有买家价值之和（含毛利率和折现）。",
        "zh-Hant": "所有買家價值之和（含毛利率和折現）。",
        "en": "Every buyer's value summed (margin and discount applied).",
    },
    "value.people.count": {
        "zh-Hans": "共 {n} 位买家，按价值从高到低。",
        "zh-Hant": "共 {n} 位買家，按價值從高到低。",
        "en": "{n} buyers, most valuable first.",
    },
    # -- at risk -------------------------------------------------------------------------
    "value.threshold": {
        "zh-Hans": "存活概率低于",
        "zh-Hant": "存活機率低於",
        "en": "P(alive) below",
    },
    "value.risk.help": {
        "zh-Hans": "列出存活概率低于 {threshold}、且截止日前消费或预测价值位于前 {share} 的买家。"
        "仍属高价值层（金卡/钻石卡或重要价值）的建议拉入 VIP群一对一维护，其余拉入召回群。",
        "zh-Hant": "列出存活機率低於 {threshold}、且截止日前消費或預測價值位於前 {share} 的買家。"
        "仍屬高價值層（金卡/鑽石卡或重要價值）的建議拉入 VIP群一對一維護，其餘拉入召回群。",
        "en": "Buyers whose P(alive) is below {threshold} and whose spend so far or predicted "
        "value is in the top {share}. Those still in the high-value layer (gold/diamond or "
        "important value) are suggested for the VIP group and a personal call, the others for "
        "the win-back group.",
    },
    "value.risk.count": {
        "zh-Hans": "{n} 位买家有流失风险。",
        "zh-Hant": "{n} 位買家有流失風險。",
        "en": "{n} buyers at risk.",
    },
    # -- check ---------------------------------------------------------------------------
    "value.check.too_short": {
        "zh-Hans": "数据太短，无法留出检验期。",
        "zh-Hant": "資料太短，無法留出檢驗期。",
        "en": "Too little data to hold a period out for checking.",
    },
    "value.check.cut": {
        "zh-Hans": "拟合截止日",
        "zh-Hant": "擬合截止日",
        "en": "Fit up to",
    },
    "value.check.help": {
        "zh-Hans": "用截至 {cut} 的数据拟合，预测 {first} 至 {end} 每人的购买天数，再与实际比较。",
        "zh-Hant": "用截至 {cut} 的資料擬合，預測 {first} 至 {end} 每人的購買天數，再與實際比較。",
        "en": "Fitted on the data up to {cut}; each person's purchase days from {first} to "
        "{end} predicted, then compared with what happened.",
    },
    "value.check.error": {
        "zh-Hans": "检验期内 {n} 位买家实际购买 {actual} 天次，模型预测 {predicted}，"
        "{direction} {relative}；按复购次数分组，每人平均相差 {mae} 天次。",
        "zh-Hant": "檢驗期內 {n} 位買家實際購買 {actual} 天次，模型預測 {predicted}，"
        "{direction} {relative}；按復購次數分組，每人平均相差 {mae} 天次。",
        "en": "In the holdout the {n} buyers made {actual} purchase days; the model predicted "
        "{predicted}, {relative} {direction}. By frequency group it is off by {mae} purchase "
        "days a person on average.",
    },
    "value.check.over": {"zh-Hans": "高估", "zh-Hant": "高估", "en": "too many"},
    "value.check.under": {"zh-Hans": "低估", "zh-Hant": "低估", "en": "too few"},
    "value.check.actual": {"zh-Hans": "实际", "zh-Hant": "實際", "en": "Actual"},
    "value.check.predicted": {"zh-Hans": "模型预测", "zh-Hant": "模型預測", "en": "Model"},
    "value.check.per_person": {
        "zh-Hans": "每人购买天数",
        "zh-Hant": "每人購買天數",
        "en": "Purchase days a person",
    },
    "value.check.groups_title": {
        "zh-Hans": "检验期的购买：按拟合期复购天数分组",
        "zh-Hant": "檢驗期的購買：按擬合期復購天數分組",
        "en": "Holdout purchases by calibration frequency",
    },
    "value.check.groups_x": {
        "zh-Hans": "拟合期复购天数",
        "zh-Hant": "擬合期復購天數",
        "en": "Repeat purchase days before the cut",
    },
    "value.check.cumulative": {
        "zh-Hans": "累计复购天数",
        "zh-Hant": "累計復購天數",
        "en": "Cumulative repeat purchase days",
    },
    "value.check.tracking_title": {
        "zh-Hans": "累计复购：实际与模型（每{unit}）",
        "zh-Hant": "累計復購：實際與模型（每{unit}）",
        "en": "Cumulative repeat purchases, actual and model (by {unit})",
    },
    "value.check.cut_label": {"zh-Hans": "拟合截止", "zh-Hant": "擬合截止", "en": "cut"},
    # -- cohorts -------------------------------------------------------------------------
    "value.cohort_by": {"zh-Hans": "同期群按", "zh-Hant": "同期群按", "en": "Cohorts by"},
    "value.cohort_by.join": {"zh-Hans": "入群日", "zh-Hant": "入群日", "en": "Join day"},
    "value.cohort_by.first_order": {
        "zh-Hans": "首单日",
        "zh-Hant": "首單日",
        "en": "First-order day",
    },
    "value.grain": {"zh-Hans": "周期", "zh-Hant": "週期", "en": "Periods"},
    "value.grain.month": {"zh-Hans": "月", "zh-Hant": "月", "en": "Months"},
    "value.grain.week": {"zh-Hans": "周", "zh-Hant": "週", "en": "Weeks"},
    "value.breakdown": {"zh-Hans": "拆分", "zh-Hant": "拆分", "en": "Split by"},
    "value.breakdown.none": {"zh-Hans": "不拆分", "zh-Hant": "不拆分", "en": "No split"},
    "value.breakdown.channel": {"zh-Hans": "渠道", "zh-Hant": "渠道", "en": "Channel"},
    "value.channel": {"zh-Hans": "渠道", "zh-Hant": "渠道", "en": "Channel"},
    "value.cohorts.unknown_channel": {
        "zh-Hans": "（未知渠道）",
        "zh-Hant": "（未知渠道）",
        "en": "(unknown channel)",
    },
    "value.cohorts.no_members": {
        "zh-Hans": "没有会员表：按首单日分组，不能按渠道拆分。",
        "zh-Hant": "沒有會員表：按首單日分組，不能按渠道拆分。",
        "en": "No members table: cohorts by first order, no split by channel.",
    },
    "value.cohorts.help": {
        "zh-Hans": "{since} 至 {end} 开始的人，按开始后的周期累计支付金额（{per}）。",
        "zh-Hant": "{since} 至 {end} 開始的人，按開始後的週期累計支付金額（{per}）。",
        "en": "People who started from {since} to {end}: paid amount accumulated by period "
        "since each one's start ({per}).",
    },
    "value.cohorts.per.join": {
        "zh-Hans": "每位会员",
        "zh-Hant": "每位會員",
        "en": "per member",
    },
    "value.cohorts.per.first_order": {
        "zh-Hans": "每位首购买家",
        "zh-Hant": "每位首購買家",
        "en": "per first buyer",
    },
    "value.cohorts.title.join": {
        "zh-Hans": "会员累计价值（按入群月/周）",
        "zh-Hant": "會員累計價值（按入群月/週）",
        "en": "Cumulative value per member, by join cohort",
    },
    "value.cohorts.title.first_order": {
        "zh-Hans": "首购买家累计价值（按首单月/周）",
        "zh-Hant": "首購買家累計價值（按首單月/週）",
        "en": "Cumulative value per first buyer, by first-order cohort",
    },
    "value.cohorts.empty": {
        "zh-Hans": "这段时间没有人开始。",
        "zh-Hant": "這段時間沒有人開始。",
        "en": "Nobody started in this time.",
    },
    "value.cohorts.empty_cells": {
        "zh-Hans": "空白格：该周期对同期群中的部分人尚未结束，不计为零。",
        "zh-Hant": "空白格：該週期對同期群中的部分人尚未結束，不計為零。",
        "en": "Empty cells: the period has not ended yet for everyone in the cohort; they are "
        "not zero.",
    },
    "value.period.month": {"zh-Hans": "第{n}月", "zh-Hant": "第{n}月", "en": "M{n}"},
    "value.period.week": {"zh-Hans": "第{n}周", "zh-Hant": "第{n}週", "en": "W{n}"},
    # -- columns -------------------------------------------------------------------------
    "value.col.parameter": {"zh-Hans": "参数", "zh-Hant": "參數", "en": "Parameter"},
    "value.col.value": {"zh-Hans": "数值", "zh-Hant": "數值", "en": "Value"},
    "value.col.model": {"zh-Hans": "模型", "zh-Hant": "模型", "en": "Model"},
    "value.col.meaning": {"zh-Hans": "含义", "zh-Hant": "含義", "en": "Meaning"},
    "value.col.user_id": {"zh-Hans": "用户 ID", "zh-Hant": "用戶 ID", "en": "User ID"},
    "value.col.nickname": {"zh-Hans": "昵称", "zh-Hant": "暱稱", "en": "Nickname"},
    "value.col.phone": {"zh-Hans": "手机号", "zh-Hant": "手機號", "en": "Phone"},
    "value.col.frequency": {"zh-Hans": "复购天数", "zh-Hant": "復購天數", "en": "Frequency"},
    "value.col.recency": {"zh-Hans": "最近购买", "zh-Hant": "最近購買", "en": "Recency"},
    "value.col.T": {"zh-Hans": "观察期", "zh-Hant": "觀察期", "en": "T"},
    "value.col.p_alive": {"zh-Hans": "存活概率", "zh-Hant": "存活機率", "en": "P(alive)"},
    "value.col.expected_purchases": {
        "zh-Hans": "预期购买天数",
        "zh-Hant": "預期購買天數",
        "en": "Expected purchase days",
    },
    "value.col.expected_spend": {
        "zh-Hans": "预期消费",
        "zh-Hant": "預期消費",
        "en": "Expected spend",
    },
    "value.col.clv": {"zh-Hans": "顾客价值", "zh-Hant": "顧客價值", "en": "CLV"},
    "value.col.paid_amount": {
        "zh-Hans": "已支付金额",
        "zh-Hant": "已支付金額",
        "en": "Paid so far",
    },
    "value.col.tier": {"zh-Hans": "会员等级", "zh-Hant": "會員等級", "en": "Tier"},
    "value.col.segment": {"zh-Hans": "RFM 分层", "zh-Hant": "RFM 分層", "en": "RFM segment"},
    "value.col.group": {"zh-Hans": "建议群", "zh-Hant": "建議群", "en": "Suggested group"},
    "value.col.cohort": {"zh-Hans": "同期群", "zh-Hant": "同期群", "en": "Cohort"},
    "value.col.cohort_size": {"zh-Hans": "人数", "zh-Hant": "人數", "en": "People"},
    # the value columns of the Members page's lists (siyu.metrics.clv.add_values)
    "members.col.p_alive": {"zh-Hans": "存活概率", "zh-Hant": "存活機率", "en": "P(alive)"},
    "members.col.clv": {
        "zh-Hans": "顾客价值（12 个月）",
        "zh-Hant": "顧客價值（12 個月）",
        "en": "CLV (12 months)",
    },
}
