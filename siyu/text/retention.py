"""Retention page: cohort tables and the 7-day method (七天留存法)."""

TEXT = {
    "nav.retention": {"zh-Hans": "留存分析", "zh-Hant": "留存分析", "en": "Retention"},
    # -- controls ------------------------------------------------------------------------
    "retention.view": {"zh-Hans": "视图", "zh-Hant": "視圖", "en": "View"},
    "retention.view.cohorts": {
        "zh-Hans": "同期群留存",
        "zh-Hant": "同期群留存",
        "en": "Cohort retention",
    },
    "retention.view.seven_day": {
        "zh-Hans": "七天留存法",
        "zh-Hant": "七天留存法",
        "en": "7-day method",
    },
    "retention.cohort_by": {"zh-Hans": "同期群按", "zh-Hant": "同期群按", "en": "Cohorts by"},
    "retention.cohort_by.join": {"zh-Hans": "入群日", "zh-Hant": "入群日", "en": "Join day"},
    "retention.cohort_by.first_order": {
        "zh-Hans": "首单日",
        "zh-Hant": "首單日",
        "en": "First-order day",
    },
    "retention.event": {"zh-Hans": "留存行为", "zh-Hant": "留存行為", "en": "Retention event"},
    "retention.event.order": {"zh-Hans": "支付订单", "zh-Hant": "支付訂單", "en": "Paid order"},
    "retention.event.activity": {
        "zh-Hans": "任意互动",
        "zh-Hant": "任意互動",
        "en": "Any activity",
    },
    "retention.horizon": {"zh-Hans": "观察期", "zh-Hant": "觀察期", "en": "Horizon"},
    "retention.horizon.7d": {"zh-Hans": "7 天", "zh-Hant": "7 天", "en": "7 days"},
    "retention.horizon.30d": {"zh-Hans": "30 天", "zh-Hant": "30 天", "en": "30 days"},
    "retention.horizon.12w": {"zh-Hans": "12 周", "zh-Hant": "12 週", "en": "12 weeks"},
    "retention.cohort_grain": {
        "zh-Hans": "同期群粒度",
        "zh-Hant": "同期群粒度",
        "en": "Cohort grain",
    },
    "retention.on_or_after": {
        "zh-Hans": "当期及以后（累计）",
        "zh-Hant": "當期及以後（累計）",
        "en": "On or after the period",
    },
    "retention.on_or_after.help": {
        "zh-Hans": "打开：第 n 期或之后任意一天有留存行为即计入；关闭：只看第 n 期当期。",
        "zh-Hant": "打開：第 n 期或之後任意一天有留存行為即計入；關閉：只看第 n 期當期。",
        "en": "On: a retention event in period n or any later one counts; "
        "off: only period n itself.",
    },
    "retention.breakdown": {"zh-Hans": "细分", "zh-Hant": "細分", "en": "Breakdown"},
    "retention.breakdown.none": {"zh-Hans": "不细分", "zh-Hant": "不細分", "en": "No breakdown"},
    "retention.breakdown.channel": {"zh-Hans": "渠道", "zh-Hant": "渠道", "en": "Channel"},
    "retention.breakdown.campaign": {
        "zh-Hans": "首单活动",
        "zh-Hant": "首單活動",
        "en": "First-order campaign",
    },
    "retention.segment": {"zh-Hans": "细分值", "zh-Hant": "細分值", "en": "Segment"},
    "retention.segment.option": {
        "zh-Hans": "{segment}（{people} 人）",
        "zh-Hant": "{segment}（{people} 人）",
        "en": "{segment} ({people} people)",
    },
    "retention.segment.none": {"zh-Hans": "（未知）", "zh-Hant": "（未知）", "en": "(unknown)"},
    # -- messages ------------------------------------------------------------------------
    "retention.only_first_order": {
        "zh-Hans": "没有会员表，只能按首单日分组（入群日来自会员文件）：上传会员文件后可按入群日分组。",
        "zh-Hant": "沒有會員表，只能按首單日分組（入群日來自會員檔案）：上傳會員檔案後可按入群日分組。",
        "en": "No members table, so cohorts are by first-order day only (join days come from "
        "the members file): upload a members file to group by join day.",
    },
    "retention.only_join": {
        "zh-Hans": "没有订单表，只能按入群日分组、看互动留存：上传订单文件后可看购买留存。",
        "zh-Hant": "沒有訂單表，只能按入群日分組、看互動留存：上傳訂單檔案後可看購買留存。",
        "en": "No orders table, so cohorts are by join day with activity retention only: "
        "upload an orders file for purchase retention.",
    },
    "retention.no_activity": {
        "zh-Hans": "没有互动行为表，只能看购买留存：上传互动行为文件后可看互动留存。",
        "zh-Hant": "沒有互動行為表，只能看購買留存：上傳互動行為檔案後可看互動留存。",
        "en": "No activity table, so retention is by paid orders only: upload an activity "
        "file for activity retention.",
    },
    "retention.needs_data": {
        "zh-Hans": "留存分析需要订单文件（或会员文件加互动行为文件）：请先在数据页上传。",
        "zh-Hant": "留存分析需要訂單檔案（或會員檔案加互動行為檔案）：請先在資料頁上傳。",
        "en": "Retention needs an orders file (or a members file with an activity file): "
        "upload it on the Data page.",
    },
    "retention.no_people": {
        "zh-Hans": "所选期间内没有人开始（入群或首单），换一个期间试试。",
        "zh-Hant": "所選期間內沒有人開始（入群或首單），換一個期間試試。",
        "en": "Nobody started (joined or first ordered) in the period; try another period.",
    },
    "retention.too_short": {
        "zh-Hans": "所选期间太近：数据截至 {last_day}，这些同期群连第 0 期都还没有完整观察到，"
        "所以没有可画的格子。请选择更早的期间。",
        "zh-Hant": "所選期間太近：資料截至 {last_day}，這些同期群連第 0 期都還沒有完整觀察到，"
        "所以沒有可畫的格子。請選擇更早的期間。",
        "en": "The period is too recent: data ends on {last_day} and not even period 0 is "
        "fully observed for these cohorts, so there is no cell to draw. Pick an earlier period.",
    },
    "retention.partly_observed": {
        "zh-Hans": "数据截至 {last_day}：还没有走完的期留空（不是 0）。",
        "zh-Hant": "資料截至 {last_day}：還沒有走完的期留空（不是 0）。",
        "en": "Data ends on {last_day}: periods not yet over for a whole cohort are left "
        "empty (not zero).",
    },
    "retention.rules": {
        "zh-Hans": "每人从自己的开始日（入群日或首单日）算起：第 n 天 = 开始日 + n，第 n 周 = 第 7n…7n+6 天；"
        "周同期群从周一开始。按首单日分组看购买留存时，首单本身不算（同一天的第二单算第 0 天）。"
        "只有同期群里每个人的该期都已结束，格子才显示。",
        "zh-Hant": "每人從自己的開始日（入群日或首單日）算起：第 n 天 = 開始日 + n，第 n 週 = 第 7n…7n+6 天；"
        "週同期群從週一開始。按首單日分組看購買留存時，首單本身不算（同一天的第二單算第 0 天）。"
        "只有同期群裡每個人的該期都已結束，格子才顯示。",
        "en": "Periods count from each person's own start day (join or first order): day n = "
        "start + n, week n = days 7n…7n+6; week cohorts start on Monday. For first-order "
        "cohorts with purchase retention the first order itself does not count (a second "
        "order the same day counts for day 0). A cell shows only once its period is over "
        "for everyone in the cohort.",
    },
    # -- charts and tables ---------------------------------------------------------------
    "retention.period.day": {"zh-Hans": "第{n}天", "zh-Hant": "第{n}天", "en": "D{n}"},
    "retention.period.week": {"zh-Hans": "第{n}周", "zh-Hant": "第{n}週", "en": "W{n}"},
    "retention.heatmap": {
        "zh-Hans": "同期群留存率",
        "zh-Hant": "同期群留存率",
        "en": "Cohort retention rate",
    },
    "retention.curves": {"zh-Hans": "留存曲线", "zh-Hant": "留存曲線", "en": "Retention curves"},
    "retention.curves_by_segment": {
        "zh-Hans": "各细分的加权平均留存",
        "zh-Hant": "各細分的加權平均留存",
        "en": "Size-weighted mean retention by segment",
    },
    "retention.mean": {
        "zh-Hans": "加权平均（按人数）",
        "zh-Hant": "加權平均（按人數）",
        "en": "Size-weighted mean",
    },
    "retention.cohorts": {"zh-Hans": "各同期群", "zh-Hant": "各同期群", "en": "Cohorts"},
    "retention.band": {"zh-Hans": "七天留存期", "zh-Hant": "七天留存期", "en": "D1–D7"},
    "retention.size": {"zh-Hans": "人数", "zh-Hant": "人數", "en": "Size"},
    "retention.rate": {"zh-Hans": "留存率", "zh-Hant": "留存率", "en": "Retention rate"},
    "retention.col.cohort": {"zh-Hans": "同期群", "zh-Hant": "同期群", "en": "Cohort"},
    "retention.col.cohort_size": {"zh-Hans": "人数", "zh-Hant": "人數", "en": "Size"},
    "retention.col.segment": {"zh-Hans": "细分", "zh-Hant": "細分", "en": "Segment"},
    "retention.col.user_id": {"zh-Hans": "用户 ID", "zh-Hant": "用戶 ID", "en": "User ID"},
    "retention.col.nickname": {"zh-Hans": "昵称", "zh-Hant": "暱稱", "en": "Nickname"},
    "retention.col.phone": {"zh-Hans": "手机号", "zh-Hant": "手機號", "en": "Phone"},
    "retention.col.channel": {"zh-Hans": "渠道", "zh-Hant": "渠道", "en": "Channel"},
    "retention.col.start_day": {"zh-Hans": "开始日", "zh-Hant": "開始日", "en": "Start day"},
    "retention.col.retained": {"zh-Hans": "是否留存", "zh-Hant": "是否留存", "en": "Retained"},
    # the cohort table as downloaded (one row per cohort and period)
    "retention.col.period": {"zh-Hans": "期数", "zh-Hant": "期數", "en": "Period"},
    "retention.col.retained_people": {
        "zh-Hans": "留存人数",
        "zh-Hant": "留存人數",
        "en": "Retained",
    },
    "retention.col.rate": {"zh-Hans": "留存率", "zh-Hant": "留存率", "en": "Retention rate"},
    "retention.seven.col.ci_low": {
        "zh-Hans": "95% 置信区间下限",
        "zh-Hant": "95% 信賴區間下限",
        "en": "95% CI low",
    },
    "retention.seven.col.ci_high": {
        "zh-Hans": "95% 置信区间上限",
        "zh-Hant": "95% 信賴區間上限",
        "en": "95% CI high",
    },
    "retention.table": {"zh-Hans": "留存表", "zh-Hant": "留存表", "en": "Retention table"},
    "retention.members": {
        "zh-Hans": "格子里的人",
        "zh-Hant": "格子裡的人",
        "en": "People behind a cell",
    },
    "retention.pick_cohort": {"zh-Hans": "同期群", "zh-Hant": "同期群", "en": "Cohort"},
    "retention.pick_period": {"zh-Hans": "期", "zh-Hant": "期", "en": "Period"},
    "retention.members_summary": {
        "zh-Hans": "{cohort} 同期群 {people} 人，{period} 留存 {retained} 人。",
        "zh-Hant": "{cohort} 同期群 {people} 人，{period} 留存 {retained} 人。",
        "en": "Cohort {cohort}: {people} people, {retained} retained in {period}.",
    },
    "retention.members_unobserved": {
        "zh-Hans": "{cohort} 同期群 {people} 人，{period} 还没有完整观察到，留存列留空。",
        "zh-Hant": "{cohort} 同期群 {people} 人，{period} 還沒有完整觀察到，留存欄留空。",
        "en": "Cohort {cohort}: {people} people; {period} is not fully observed yet, so "
        "“retained” is left empty.",
    },
    # -- the 7-day method ----------------------------------------------------------------
    "retention.seven.intro": {
        "zh-Hans": "期间内开始的人：首周（第 0–6 天）有支付订单的天数，以及之后 30 天（第 7–36 天）"
        "是否再次购买。只统计第 36 天已有数据的人。",
        "zh-Hant": "期間內開始的人：首週（第 0–6 天）有支付訂單的天數，以及之後 30 天（第 7–36 天）"
        "是否再次購買。只統計第 36 天已有資料的人。",
        "en": "People who started in the period: days with a paid order in their first week "
        "(days 0–6), and whether they paid again in the 30 days after it (days 7–36). "
        "Only people whose day 36 is in the data count.",
    },
    "retention.seven.too_short": {
        "zh-Hans": "数据截至 {last_day}，所选期间内开始的人还没有到第 36 天。"
        "需要在 {latest} 或之前开始的人。",
        "zh-Hant": "資料截至 {last_day}，所選期間內開始的人還沒有到第 36 天。"
        "需要在 {latest} 或之前開始的人。",
        "en": "Data ends on {last_day}; nobody who started in the period has reached day 36 "
        "yet. It needs people who started on or before {latest}.",
    },
    "retention.seven.moved": {
        "zh-Hans": "数据截至 {last_day}，七天留存法只看第 36 天已在数据内的人，"
        "所以期间显示为 {start} 至 {end}（最近一段人人都满 36 天的期间）。",
        "zh-Hant": "資料截至 {last_day}，七天留存法只看第 36 天已在資料內的人，"
        "所以期間顯示為 {start} 至 {end}（最近一段人人都滿 36 天的期間）。",
        "en": "Data ends on {last_day} and the 7-day method only counts people whose day 36 "
        "is in the data, so the period shown is {start} to {end} (the latest in which "
        "everyone has reached day 36).",
    },
    "retention.seven.use_period": {
        "zh-Hans": "改看 {start} 至 {end}",
        "zh-Hant": "改看 {start} 至 {end}",
        "en": "Show {start} to {end}",
    },
    "retention.seven.histogram": {
        "zh-Hans": "首周购买天数与之后 30 天复购率",
        "zh-Hant": "首週購買天數與之後 30 天複購率",
        "en": "First-week purchase days and repurchase in the next 30 days",
    },
    "retention.seven.purchase_days": {
        "zh-Hans": "首周购买天数（第 0–6 天）",
        "zh-Hant": "首週購買天數（第 0–6 天）",
        "en": "Purchase days in days 0–6",
    },
    "retention.seven.members": {"zh-Hans": "人数", "zh-Hant": "人數", "en": "People"},
    "retention.seven.rate": {
        "zh-Hans": "第 7–36 天复购率",
        "zh-Hant": "第 7–36 天複購率",
        "en": "Repurchase on days 7–36",
    },
    "retention.seven.compare": {
        "zh-Hans": "7天活动与其他人：第 7–36 天复购率",
        "zh-Hant": "7天活動與其他人：第 7–36 天複購率",
        "en": "7-day programme against others: repurchase on days 7–36",
    },
    "retention.seven.group.7day": {
        "zh-Hans": "首周有 7天活动订单",
        "zh-Hant": "首週有 7天活動訂單",
        "en": "7-day programme order in week 1",
    },
    "retention.seven.group.other": {"zh-Hans": "其他人", "zh-Hant": "其他人", "en": "Others"},
    "retention.seven.group.difference": {
        "zh-Hans": "差值",
        "zh-Hant": "差值",
        "en": "Difference",
    },
    "retention.seven.filter.all": {"zh-Hans": "全部", "zh-Hant": "全部", "en": "Everyone"},
    "retention.seven.filter.7day": {
        "zh-Hans": "首周有 7天活动订单",
        "zh-Hant": "首週有 7天活動訂單",
        "en": "7-day programme in week 1",
    },
    "retention.seven.filter.other": {"zh-Hans": "其他人", "zh-Hant": "其他人", "en": "Others"},
    "retention.seven.col.group": {"zh-Hans": "分组", "zh-Hant": "分組", "en": "Group"},
    "retention.seven.col.members": {"zh-Hans": "人数", "zh-Hant": "人數", "en": "People"},
    "retention.seven.col.repurchased": {
        "zh-Hans": "复购人数",
        "zh-Hant": "複購人數",
        "en": "Repurchased",
    },
    "retention.seven.col.rate": {"zh-Hans": "复购率", "zh-Hant": "複購率", "en": "Rate"},
    "retention.seven.col.ci": {
        "zh-Hans": "95% 置信区间",
        "zh-Hant": "95% 信賴區間",
        "en": "95% CI",
    },
    "retention.seven.ci_method": {
        "zh-Hans": "置信区间：每组用 Wilson 得分区间，差值用 Newcombe 混合得分区间（1998，方法 10）。",
        "zh-Hant": "信賴區間：每組用 Wilson 得分區間，差值用 Newcombe 混合得分區間（1998，方法 10）。",
        "en": "Intervals: Wilson score for each group, Newcombe's hybrid score interval "
        "(1998, method 10) for the difference.",
    },
    "retention.seven.verdict": {
        "zh-Hans": "7天活动组减其他人的复购率：{diff}（95% 置信区间 {low} 至 {high}）。",
        "zh-Hant": "7天活動組減其他人的複購率：{diff}（95% 信賴區間 {low} 至 {high}）。",
        "en": "7-day programme group minus others: {diff} (95% CI {low} to {high}).",
    },
    "retention.seven.pp": {
        "zh-Hans": "{value} 个百分点",
        "zh-Hant": "{value} 個百分點",
        "en": "{value} pp",
    },
    "retention.seven.no_group": {
        "zh-Hans": "两组中有一组没有人，无法比较。",
        "zh-Hant": "兩組中有一組沒有人，無法比較。",
        "en": "One of the two groups is empty, so there is nothing to compare.",
    },
}
