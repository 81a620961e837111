"""Texts of the group health page (社群健康): labels, notes, chart titles, table headers."""

TEXT = {
    "nav.groups": {"zh-Hans": "社群健康", "zh-Hant": "社群健康", "en": "Group health"},
    # -- data notes ----------------------------------------------------------------------
    "groups.needs": {
        "zh-Hans": "上传会员文件（含所在群）或企微群统计文件后即可查看社群健康。",
        "zh-Hant": "上傳會員檔案（含所在群）或企微群統計檔案後即可查看社群健康。",
        "en": "Upload the members file (with each member's group) or the WeCom group "
        "statistics file to see group health.",
    },
    "groups.basis_stats": {
        "zh-Hans": "没有互动行为文件，以下数字来自企微群统计：群人数 = 群成员总数，活跃 = 发言人数，"
        "消息数 = 群消息数。群统计没有到人的明细，因此无法计算互动率、转化率、互动时段热力图、"
        "沉默成员和高潜成员名单；上传互动行为文件和会员文件后即可查看。",
        "zh-Hant": "沒有互動行為檔案，以下數字來自企微群統計：群人數 = 群成員總數，活躍 = 發言人數，"
        "訊息數 = 群訊息數。群統計沒有到人的明細，因此無法計算互動率、轉化率、互動時段熱力圖、"
        "沉默成員和高潛成員名單；上傳互動行為檔案和會員檔案後即可查看。",
        "en": "No activity file: the numbers below come from the WeCom group statistics "
        "(members = member total, active = speakers, messages = messages). The statistics "
        "hold no per-member detail, so the interaction rate, the conversion rate, the "
        "activity heatmap and the silent and high-potential lists cannot be computed; upload "
        "the activity and members files to see them.",
    },
    "groups.basis_no_activity": {
        "zh-Hans": "没有互动行为文件：活跃只按当天的支付订单计算，互动率和消息数无法计算。",
        "zh-Hant": "沒有互動行為檔案：活躍只按當天的支付訂單計算，互動率和訊息數無法計算。",
        "en": "No activity file: only paid orders make a member active; the interaction rate "
        "and messages cannot be computed.",
    },
    "groups.basis_no_orders": {
        "zh-Hans": "没有订单文件：转化率无法计算。",
        "zh-Hant": "沒有訂單檔案：轉化率無法計算。",
        "en": "No orders file: the conversion rate cannot be computed.",
    },
    "groups.definitions": {
        "zh-Hans": "成员归属其主群（会员表的所在群），其互动和订单都计入主群；消息按消息所在群计数。"
        "日活率 = 当天活跃（有互动或支付订单）的在群成员 / 当天在群成员；互动率 = 有非浏览互动的成员 / "
        "活跃成员；转化率 = 有支付订单的成员 / 活跃成员。期间值为每日比率的简单平均，"
        "「全部社群」与首页口径一致（含未入群成员）。",
        "zh-Hant": "成員歸屬其主群（會員表的所在群），其互動和訂單都計入主群；訊息按訊息所在群計數。"
        "日活率 = 當天活躍（有互動或支付訂單）的在群成員 / 當天在群成員；互動率 = 有非瀏覽互動的成員 / "
        "活躍成員；轉化率 = 有支付訂單的成員 / 活躍成員。期間值為每日比率的簡單平均，"
        "「全部社群」與首頁口徑一致（含未入群成員）。",
        "en": "A member belongs to their main group (the members file's group); their "
        "activity and orders count there; messages count in the group they were sent in. "
        "Daily active rate = members active that day (activity or a paid order) / members in "
        "the domain that day; interaction rate = members with an activity other than a view "
        "/ active members; conversion rate = members with a paid order / active members. A "
        "period shows the plain mean of the daily rates; “All groups” is the overview's "
        "number (members in no group included).",
    },
    # -- filters -------------------------------------------------------------------------
    "groups.group": {"zh-Hans": "社群", "zh-Hant": "社群", "en": "Group"},
    "groups.all": {"zh-Hans": "全部社群", "zh-Hant": "全部社群", "en": "All groups"},
    "groups.no_group": {
        "zh-Hans": "（未入群成员）",
        "zh-Hant": "（未入群成員）",
        "en": "(members in no group)",
    },
    "groups.size_now": {
        "zh-Hans": "群人数（期末）",
        "zh-Hant": "群人數（期末）",
        "en": "Members (period end)",
    },
    "groups.messages_total": {
        "zh-Hans": "消息数（期间）",
        "zh-Hant": "訊息數（期間）",
        "en": "Messages (period)",
    },
    # -- charts --------------------------------------------------------------------------
    "groups.chart.daily_active_rate": {
        "zh-Hans": "每日日活率",
        "zh-Hant": "每日日活率",
        "en": "Daily active rate by day",
    },
    "groups.chart.interaction_rate": {
        "zh-Hans": "每日互动率",
        "zh-Hant": "每日互動率",
        "en": "Interaction rate by day",
    },
    "groups.chart.conversion_rate": {
        "zh-Hans": "每日转化率",
        "zh-Hant": "每日轉化率",
        "en": "Conversion rate by day",
    },
    "groups.chart.counts": {
        "zh-Hans": "群人数、活跃人数与消息数",
        "zh-Hant": "群人數、活躍人數與訊息數",
        "en": "Members, active members and messages",
    },
    "groups.target_line": {
        "zh-Hans": "目标 {value}",
        "zh-Hant": "目標 {value}",
        "en": "Target {value}",
    },
    "groups.members": {"zh-Hans": "群人数", "zh-Hant": "群人數", "en": "Members"},
    "groups.active": {"zh-Hans": "活跃人数", "zh-Hant": "活躍人數", "en": "Active members"},
    "groups.messages": {"zh-Hans": "消息数", "zh-Hant": "訊息數", "en": "Messages"},
    "groups.date": {"zh-Hans": "日期", "zh-Hant": "日期", "en": "Date"},
    "groups.unavailable": {
        "zh-Hans": "{metric}：当前数据无法计算",
        "zh-Hant": "{metric}：目前資料無法計算",
        "en": "{metric}: cannot be computed from this data",
    },
    # -- group table ---------------------------------------------------------------------
    "groups.table": {
        "zh-Hans": "各群对比（离目标最远的排在前面）",
        "zh-Hant": "各群對比（離目標最遠的排在前面）",
        "en": "Groups compared (furthest below target first)",
    },
    "groups.table.help": {
        "zh-Hans": "差距 = 三项比率各自未达目标的比例之和：每项为 1 − 期间值 / 目标，达标的记 0；"
        "目标为日活率 30%、互动率 20%、转化率 5%；无法计算的比率不计。",
        "zh-Hant": "差距 = 三項比率各自未達目標的比例之和：每項為 1 − 期間值 / 目標，達標的記 0；"
        "目標為日活率 30%、互動率 20%、轉化率 5%；無法計算的比率不計。",
        "en": "Shortfall = the sum over the three rates of how far each falls short of its "
        "target: Σ max(0, 1 − period value / target), targets 30% daily active, 20% "
        "interaction, 5% conversion; rates that cannot be computed add nothing.",
    },
    "groups.col.group": {"zh-Hans": "群ID", "zh-Hant": "群ID", "en": "Group ID"},
    "groups.col.name": {"zh-Hans": "群名", "zh-Hant": "群名", "en": "Name"},
    "groups.col.size": {"zh-Hans": "群人数", "zh-Hant": "群人數", "en": "Members"},
    "groups.col.oversize": {"zh-Hans": "建议拆群", "zh-Hant": "建議拆群", "en": "Split"},
    "groups.col.days": {"zh-Hans": "统计天数", "zh-Hant": "統計天數", "en": "Days"},
    "groups.col.messages": {"zh-Hans": "消息数", "zh-Hant": "訊息數", "en": "Messages"},
    "groups.col.shortfall": {"zh-Hans": "差距", "zh-Hant": "差距", "en": "Shortfall"},
    "groups.col.week": {"zh-Hans": "周（周一）", "zh-Hant": "週（週一）", "en": "Week (Monday)"},
    "groups.col.joins": {"zh-Hans": "入群", "zh-Hant": "入群", "en": "Joined"},
    "groups.col.leaves": {"zh-Hans": "退群", "zh-Hant": "退群", "en": "Left"},
    "groups.col.net": {"zh-Hans": "净增", "zh-Hant": "淨增", "en": "Net"},
    "groups.col.user": {"zh-Hans": "会员ID", "zh-Hant": "會員ID", "en": "Member ID"},
    "groups.col.nickname": {"zh-Hans": "昵称", "zh-Hant": "暱稱", "en": "Nickname"},
    "groups.col.phone": {"zh-Hans": "手机号", "zh-Hant": "手機號", "en": "Phone"},
    "groups.col.joined_at": {"zh-Hans": "入群时间", "zh-Hant": "入群時間", "en": "Joined at"},
    "groups.col.last_active_at": {
        "zh-Hans": "最近互动",
        "zh-Hant": "最近互動",
        "en": "Last activity",
    },
    "groups.col.days_silent": {"zh-Hans": "沉默天数", "zh-Hant": "沉默天數", "en": "Days silent"},
    "groups.col.active_days": {
        "zh-Hans": "近期活跃天数",
        "zh-Hant": "近期活躍天數",
        "en": "Active days",
    },
    "groups.sep": {"zh-Hans": "、", "zh-Hant": "、", "en": ", "},
    "groups.yes": {"zh-Hans": "是", "zh-Hant": "是", "en": "Yes"},
    "groups.oversize": {
        "zh-Hans": "以下社群超过 {limit} 人，建议拆分成两个群，以保持互动：{groups}",
        "zh-Hant": "以下社群超過 {limit} 人，建議拆分成兩個群，以保持互動：{groups}",
        "en": "These groups have more than {limit} members; split each into two to keep members "
        "engaged: {groups}",
    },
    "groups.no_oversize": {
        "zh-Hans": "没有超过 {limit} 人的社群。",
        "zh-Hant": "沒有超過 {limit} 人的社群。",
        "en": "No group has more than {limit} members.",
    },
    # -- push times ----------------------------------------------------------------------
    "groups.push": {
        "zh-Hans": "推送时段（周几 × 几点）",
        "zh-Hant": "推送時段（週幾 × 幾點）",
        "en": "Push times (weekday × hour)",
    },
    "groups.heatmap.activity": {
        "zh-Hans": "互动次数",
        "zh-Hant": "互動次數",
        "en": "Activity",
    },
    "groups.heatmap.orders": {
        "zh-Hans": "支付订单数",
        "zh-Hant": "支付訂單數",
        "en": "Paid orders",
    },
    "groups.hour": {"zh-Hans": "几点", "zh-Hant": "幾點", "en": "Hour"},
    "groups.weekdays": {
        "zh-Hans": "周一,周二,周三,周四,周五,周六,周日",
        "zh-Hant": "週一,週二,週三,週四,週五,週六,週日",
        "en": "Mon,Tue,Wed,Thu,Fri,Sat,Sun",
    },
    "groups.hour_label": {"zh-Hans": "{hour} 点", "zh-Hant": "{hour} 點", "en": "{hour}:00"},
    "groups.best": {
        "zh-Hans": "{what}最多的时段：{hours}，其中 {inside} 个在常用推送时段（7–9、12–13、19–22 点）内；"
        "常用时段占一天 {hours_share} 的时间，占 {share} 的{what}。",
        "zh-Hant": "{what}最多的時段：{hours}，其中 {inside} 個在常用推送時段（7–9、12–13、19–22 點）內；"
        "常用時段佔一天 {hours_share} 的時間，佔 {share} 的{what}。",
        "en": "Busiest hours for {what}: {hours}; {inside} of them in the usual push slots "
        "(7–9, 12–13, 19–22 h). The usual slots are {hours_share} of the day and hold {share} "
        "of {what}.",
    },
    "groups.what.activity": {"zh-Hans": "互动", "zh-Hant": "互動", "en": "activity"},
    "groups.what.orders": {"zh-Hans": "下单", "zh-Hant": "下單", "en": "paid orders"},
    "groups.agree": {
        "zh-Hans": "成员的作息与常用推送时段一致。",
        "zh-Hant": "成員的作息與常用推送時段一致。",
        "en": "Members agree with the usual push slots.",
    },
    "groups.disagree": {
        "zh-Hans": "成员最活跃的时段不全在常用推送时段内，可考虑调整推送时间。",
        "zh-Hant": "成員最活躍的時段不全在常用推送時段內，可考慮調整推送時間。",
        "en": "Members' busiest hours are not all in the usual push slots; consider moving "
        "the pushes.",
    },
    "groups.push_empty": {
        "zh-Hans": "所选期间没有互动或订单。",
        "zh-Hant": "所選期間沒有互動或訂單。",
        "en": "No activity or orders in the period.",
    },
    # -- joins and leaves ----------------------------------------------------------------
    "groups.changes": {
        "zh-Hans": "每周入群与退群人数",
        "zh-Hant": "每週入群與退群人數",
        "en": "Joins and leaves per group and week",
    },
    "groups.changes_empty": {
        "zh-Hans": "所选期间没有人入群或退群。",
        "zh-Hant": "所選期間沒有人入群或退群。",
        "en": "Nobody joined or left in the period.",
    },
    # -- follow-up lists -----------------------------------------------------------------
    "groups.follow_up": {"zh-Hans": "跟进名单", "zh-Hant": "跟進名單", "en": "Follow-up lists"},
    "groups.silent": {"zh-Hans": "沉默成员", "zh-Hant": "沉默成員", "en": "Silent members"},
    "groups.silent_days": {
        "zh-Hans": "至少沉默天数",
        "zh-Hant": "至少沉默天數",
        "en": "Silent for at least (days)",
    },
    "groups.silent.help": {
        "zh-Hans": "截至 {ref}（所选期间最后一天，最晚为数据最后一天）仍在群、且至少 {days} 天没有任何互动的成员。"
        "沉默天数 = {ref} − 最近互动日与入群前一天中较晚的一天。共 {n} 人。",
        "zh-Hant": "截至 {ref}（所選期間最後一天，最晚為資料最後一天）仍在群、且至少 {days} 天沒有任何互動的成員。"
        "沉默天數 = {ref} − 最近互動日與入群前一天中較晚的一天。共 {n} 人。",
        "en": "Members still in a group on {ref} (the period's last day, at most the last day "
        "of data) with no activity for at least {days} days. Days silent = {ref} − max(last "
        "activity day, day before joining). {n} members.",
    },
    "groups.potential": {
        "zh-Hans": "高潜成员",
        "zh-Hant": "高潛成員",
        "en": "High-potential members",
    },
    "groups.potential.help": {
        "zh-Hans": "截至 {ref} 仍在群、最近 {window} 天（{since} 至 {ref}）有互动、但从未有过支付订单的成员。共 {n} 人。",
        "zh-Hant": "截至 {ref} 仍在群、最近 {window} 天（{since} 至 {ref}）有互動、但從未有過支付訂單的成員。共 {n} 人。",
        "en": "Members still in a group on {ref}, active in the last {window} days ({since} "
        "to {ref}) and without any paid order. {n} members.",
    },
    "groups.masked": {
        "zh-Hans": "昵称和手机号已脱敏。",
        "zh-Hant": "暱稱和手機號已去識別化。",
        "en": "Nicknames and phones are masked.",
    },
    "groups.lists_need": {
        "zh-Hans": "跟进名单需要会员文件和互动行为文件（高潜成员还需要订单文件）。",
        "zh-Hant": "跟進名單需要會員檔案和互動行為檔案（高潛成員還需要訂單檔案）。",
        "en": "The follow-up lists need the members and activity files (high-potential "
        "members also the orders file).",
    },
    "groups.caption": {
        "zh-Hans": "期间 {start} 至 {end}；数据最后一天之后的日子不计入。",
        "zh-Hant": "期間 {start} 至 {end}；資料最後一天之後的日子不計入。",
        "en": "Period {start} to {end}; days after the last day of data are not counted.",
    },
}
