"""Metric names, one-line definitions, units, targets and "upload this file" messages.

Keys: `metric.<key>` (label), `metric.<key>.help` (definition an operator can check by hand),
`metric.<key>.unit`, `target.<key>`, `needs.<table>`. Labels and help of the windowed KPIs
carry `{x_days}` / `{y_days}`: pass them to `t()` (extra parameters are ignored, so a page can
pass both to every key).
"""

TEXT = {
    # -- labels --------------------------------------------------------------------------
    "metric.members": {"zh-Hans": "新增会员", "zh-Hant": "新增會員", "en": "New members"},
    "metric.buyers": {"zh-Hans": "购买人数", "zh-Hant": "購買人數", "en": "Buyers"},
    "metric.orders": {"zh-Hans": "支付订单数", "zh-Hant": "支付訂單數", "en": "Paid orders"},
    "metric.gmv": {"zh-Hans": "GMV（成交额）", "zh-Hant": "GMV（成交額）", "en": "GMV"},
    "metric.aov": {"zh-Hans": "客单价", "zh-Hant": "客單價", "en": "Average order value"},
    "metric.first_order_conversion": {
        "zh-Hans": "首单转化率（{x_days} 天）",
        "zh-Hant": "首單轉化率（{x_days} 天）",
        "en": "First-order conversion ({x_days} days)",
    },
    "metric.repurchase_rate": {"zh-Hans": "复购率", "zh-Hant": "複購率", "en": "Repurchase rate"},
    "metric.repurchase_rate_7d": {
        "zh-Hans": "{y_days} 日复购率",
        "zh-Hant": "{y_days} 日複購率",
        "en": "Repurchase rate ({y_days} days)",
    },
    "metric.daily_active_rate": {
        "zh-Hans": "日活率",
        "zh-Hant": "日活率",
        "en": "Daily active rate",
    },
    "metric.interaction_rate": {"zh-Hans": "互动率", "zh-Hant": "互動率", "en": "Interaction rate"},
    "metric.conversion_rate": {
        "zh-Hans": "转化率（日）",
        "zh-Hant": "轉化率（日）",
        "en": "Conversion rate (daily)",
    },
    "metric.paid_orders": {"zh-Hans": "支付订单数", "zh-Hant": "支付訂單數", "en": "Paid orders"},
    "metric.new_members": {"zh-Hans": "新增会员", "zh-Hant": "新增會員", "en": "New members"},
    "metric.period": {"zh-Hans": "日期", "zh-Hant": "日期", "en": "Period"},
    "metric.value": {"zh-Hans": "本期", "zh-Hant": "本期", "en": "This period"},
    "metric.previous": {"zh-Hans": "上期", "zh-Hant": "上期", "en": "Previous period"},
    "metric.change": {"zh-Hans": "环比", "zh-Hant": "環比", "en": "Change"},
    "metric.target": {"zh-Hans": "目标", "zh-Hant": "目標", "en": "Target"},
    "metric.grain.day": {"zh-Hans": "按日", "zh-Hant": "按日", "en": "Daily"},
    "metric.grain.week": {"zh-Hans": "按周", "zh-Hant": "按週", "en": "Weekly"},
    # -- one-line definitions ------------------------------------------------------------
    "metric.members.help": {
        "zh-Hans": "所选期间内加入私域（企微或社群）的会员人数。",
        "zh-Hant": "所選期間內加入私域（企微或社群）的會員人數。",
        "en": "Members who joined the private domain (WeCom or a group) in the period.",
    },
    "metric.buyers.help": {
        "zh-Hans": "期间内至少有 1 笔支付订单的人数（去重）；退款、取消和 0 元订单不计。",
        "zh-Hant": "期間內至少有 1 筆支付訂單的人數（去重）；退款、取消和 0 元訂單不計。",
        "en": "Distinct people with at least 1 paid order in the period; refunded, "
        "cancelled and 0-yuan orders do not count.",
    },
    "metric.orders.help": {
        "zh-Hans": "期间内的支付订单数：状态为已支付（或为空）且实付金额大于 0。",
        "zh-Hant": "期間內的支付訂單數：狀態為已支付（或為空）且實付金額大於 0。",
        "en": "Paid orders in the period: status paid (or empty) and amount paid above 0.",
    },
    "metric.gmv.help": {
        "zh-Hans": "期间内支付订单的实付金额合计。",
        "zh-Hant": "期間內支付訂單的實付金額合計。",
        "en": "Sum of the amount paid over the paid orders of the period.",
    },
    "metric.aov.help": {
        "zh-Hans": "GMV ÷ 支付订单数。",
        "zh-Hant": "GMV ÷ 支付訂單數。",
        "en": "GMV ÷ paid orders.",
    },
    "metric.first_order_conversion.help": {
        "zh-Hans": "期间内新入群会员中，首单（全部数据中最早的支付订单）落在入群当天至第 "
        "{x_days} 天的比例；入群前已下单的不算转化。",
        "zh-Hant": "期間內新入群會員中，首單（全部資料中最早的支付訂單）落在入群當天至第 "
        "{x_days} 天的比例；入群前已下單的不算轉化。",
        "en": "Of the members who joined in the period, the share whose first paid order "
        "(over all data) falls on the join day or up to {x_days} days after it; a first "
        "order before joining does not count.",
    },
    "metric.repurchase_rate.help": {
        "zh-Hans": "期间内首次购买的顾客中，累计有 2 笔及以上支付订单的比例。",
        "zh-Hant": "期間內首次購買的顧客中，累計有 2 筆及以上支付訂單的比例。",
        "en": "Of the people whose first paid order falls in the period, the share with 2 "
        "or more paid orders in all.",
    },
    "metric.repurchase_rate_7d.help": {
        "zh-Hans": "期间内首次购买的顾客中，首单当天至第 {y_days} 天内再次支付下单的比例"
        "（当天再下单也算）。基数是期间内所有首次购买的人（含更早入群的会员和非会员）；"
        "「转化漏斗」和「活动模拟」里的新会员复购率只算期间内入群、且入群后 {x_days} 天内首单的新会员，"
        "所以数字不同。",
        "zh-Hant": "期間內首次購買的顧客中，首單當天至第 {y_days} 天內再次支付下單的比例"
        "（當天再下單也算）。基數是期間內所有首次購買的人（含更早入群的會員和非會員）；"
        "「轉化漏斗」和「活動模擬」裡的新會員複購率只算期間內入群、且入群後 {x_days} 天內首單的新會員，"
        "所以數字不同。",
        "en": "Of the people whose first paid order falls in the period, the share with "
        "another paid order on the same day or up to {y_days} days after it. The base is "
        "everyone who first bought in the period (members who joined earlier and non-members "
        "included); the new members' repurchase rate of Funnels and What-if counts only "
        "members who joined in the period and first ordered within {x_days} days of joining, "
        "so the two differ.",
    },
    # -- the same word, two bases: said where the second one is shown ---------------------
    "metric.repurchase_rate_7d.vs_funnel": {
        "zh-Hans": "这里的复购率只算期间内入群、且入群后 {x_days} 天内下了首单的新会员（会员漏斗第 3 步）；"
        "首页的「{y_days} 日复购率」算的是期间内所有首次购买的人（含更早入群的会员和非会员），"
        "所以两者数字不同。",
        "zh-Hant": "這裡的複購率只算期間內入群、且入群後 {x_days} 天內下了首單的新會員（會員漏斗第 3 步）；"
        "首頁的「{y_days} 日複購率」算的是期間內所有首次購買的人（含更早入群的會員和非會員），"
        "所以兩者數字不同。",
        "en": "The repurchase rate here counts only members who joined in the period and "
        "placed their first order within {x_days} days of joining (step 3 of the member "
        "funnel); the overview's Repurchase rate ({y_days} days) counts everyone whose first "
        "order falls in the period (members who joined earlier and non-members included), so "
        "the two differ.",
    },
    "metric.daily_active_rate.help": {
        "zh-Hans": "每天：当天有互动或支付订单的会员 ÷ 当天在私域内的会员（已入群且未退群）；"
        "取期间内各天的平均值。",
        "zh-Hant": "每天：當天有互動或支付訂單的會員 ÷ 當天在私域內的會員（已入群且未退群）；"
        "取期間內各天的平均值。",
        "en": "Per day: members with activity or a paid order that day ÷ members in the "
        "private domain that day (joined, not left); the mean over the days of the period.",
    },
    "metric.interaction_rate.help": {
        "zh-Hans": "每天：有互动（浏览以外的行为）的会员 ÷ 当天活跃会员；取各天平均值。",
        "zh-Hant": "每天：有互動（瀏覽以外的行為）的會員 ÷ 當天活躍會員；取各天平均值。",
        "en": "Per day: members who interacted (any action but a view) ÷ active members "
        "that day; the mean over the days of the period.",
    },
    "metric.conversion_rate.help": {
        "zh-Hans": "每天：有支付订单的会员 ÷ 当天活跃会员；取各天平均值。",
        "zh-Hant": "每天：有支付訂單的會員 ÷ 當天活躍會員；取各天平均值。",
        "en": "Per day: members with a paid order ÷ active members that day; the mean over "
        "the days of the period.",
    },
    # -- units ---------------------------------------------------------------------------
    "metric.members.unit": {"zh-Hans": "人", "zh-Hant": "人", "en": "people"},
    "metric.buyers.unit": {"zh-Hans": "人", "zh-Hant": "人", "en": "people"},
    "metric.orders.unit": {"zh-Hans": "单", "zh-Hant": "單", "en": "orders"},
    "metric.gmv.unit": {"zh-Hans": "元", "zh-Hant": "元", "en": "yuan"},
    "metric.aov.unit": {"zh-Hans": "元", "zh-Hant": "元", "en": "yuan"},
    "metric.first_order_conversion.unit": {"zh-Hans": "%", "zh-Hant": "%", "en": "%"},
    "metric.repurchase_rate.unit": {"zh-Hans": "%", "zh-Hant": "%", "en": "%"},
    "metric.repurchase_rate_7d.unit": {"zh-Hans": "%", "zh-Hant": "%", "en": "%"},
    "metric.daily_active_rate.unit": {"zh-Hans": "%", "zh-Hant": "%", "en": "%"},
    "metric.interaction_rate.unit": {"zh-Hans": "%", "zh-Hant": "%", "en": "%"},
    "metric.conversion_rate.unit": {"zh-Hans": "%", "zh-Hant": "%", "en": "%"},
    # -- targets -------------------------------------------------------------------------
    "target.daily_active_rate": {
        "zh-Hans": "目标 ≥ 30%",
        "zh-Hant": "目標 ≥ 30%",
        "en": "Target ≥ 30%",
    },
    "target.interaction_rate": {
        "zh-Hans": "目标 ≥ 20%",
        "zh-Hant": "目標 ≥ 20%",
        "en": "Target ≥ 20%",
    },
    "target.conversion_rate": {"zh-Hans": "目标 ≥ 5%", "zh-Hant": "目標 ≥ 5%", "en": "Target ≥ 5%"},
    "target.repurchase_rate": {
        "zh-Hans": "目标 ≥ 40%（头部社群）",
        "zh-Hant": "目標 ≥ 40%（頭部社群）",
        "en": "Target ≥ 40% (top communities)",
    },
    "target.met": {"zh-Hans": "已达标", "zh-Hant": "已達標", "en": "On target"},
    "target.missed": {"zh-Hans": "未达标", "zh-Hant": "未達標", "en": "Below target"},
    # -- missing tables ------------------------------------------------------------------
    "needs.orders": {
        "zh-Hans": "上传订单文件后即可查看此指标。",
        "zh-Hant": "上傳訂單檔案後即可查看此指標。",
        "en": "Upload the orders file to see this.",
    },
    "needs.members": {
        "zh-Hans": "上传会员文件（企微客户列表或入群名单）后即可查看此指标。",
        "zh-Hant": "上傳會員檔案（企微客戶列表或入群名單）後即可查看此指標。",
        "en": "Upload the members file (WeCom customer list or group roster) to see this.",
    },
    "needs.activity": {
        "zh-Hans": "上传互动行为文件（群内发言、打卡等）后即可查看此指标。",
        "zh-Hant": "上傳互動行為檔案（群內發言、打卡等）後即可查看此指標。",
        "en": "Upload the activity file (group messages, check-ins …) to see this.",
    },
    "needs.groups": {
        "zh-Hans": "上传社群列表文件后即可查看此指标。",
        "zh-Hant": "上傳社群列表檔案後即可查看此指標。",
        "en": "Upload the groups file to see this.",
    },
    "needs.group_daily": {
        "zh-Hans": "上传企微群统计文件后即可查看此指标。",
        "zh-Hant": "上傳企微群統計檔案後即可查看此指標。",
        "en": "Upload the WeCom group statistics file to see this.",
    },
}
