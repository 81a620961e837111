"""Words of the Funnels page (漏斗分析) and the messages of the funnel options."""


def _same(text: str) -> dict[str, str]:
    return {"zh-Hans": text, "zh-Hant": text, "en": text}


TEXT = {
    "nav.funnels": {"zh-Hans": "转化漏斗", "zh-Hant": "轉化漏斗", "en": "Funnels"},
    # -- views ---------------------------------------------------------------------------
    "funnels.view": {"zh-Hans": "漏斗", "zh-Hant": "漏斗", "en": "Funnel"},
    "funnels.view.member": {"zh-Hans": "会员转化", "zh-Hant": "會員轉化", "en": "Member funnel"},
    "funnels.view.aarrr": _same("AARRR"),
    "funnels.view.event": {"zh-Hans": "自定义事件", "zh-Hant": "自訂事件", "en": "Custom events"},
    # -- member funnel -------------------------------------------------------------------
    "funnels.x_days": {
        "zh-Hans": "首单窗口：入群后第 0 至 X 天",
        "zh-Hant": "首單窗口：入群後第 0 至 X 天",
        "en": "First-order window: day 0 to X after joining",
    },
    "funnels.y_days": {
        "zh-Hans": "复购窗口：首单后第 Y 天内",
        "zh-Hant": "複購窗口：首單後第 Y 天內",
        "en": "Repurchase window: up to day Y after the first order",
    },
    "funnels.step.joined": {"zh-Hans": "新入群", "zh-Hant": "新入群", "en": "Joined"},
    "funnels.step.first_order": {
        "zh-Hans": "{x_days} 天内首单",
        "zh-Hant": "{x_days} 天內首單",
        "en": "First order within {x_days} days",
    },
    "funnels.step.repurchase": {
        "zh-Hans": "{y_days} 天内复购",
        "zh-Hant": "{y_days} 天內複購",
        "en": "Repurchase within {y_days} days",
    },
    "funnels.member.caption": {
        "zh-Hans": "期间内入群的会员：首单（全部数据中最早的支付订单）落在入群当天至第 {x_days} "
        "天；其中第二笔支付订单在首单当天至第 {y_days} 天内算复购。每一步只计上一步的人。",
        "zh-Hant": "期間內入群的會員：首單（全部資料中最早的支付訂單）落在入群當天至第 {x_days} "
        "天；其中第二筆支付訂單在首單當天至第 {y_days} 天內算複購。每一步只計上一步的人。",
        "en": "Members who joined in the period: first paid order (over all data) on the join "
        "day up to day {x_days}; of those, a second paid order on the first order's day up to "
        "day {y_days} is a repurchase. Each step counts only people of the step before.",
    },
    "funnels.chart.member": {
        "zh-Hans": "会员转化漏斗",
        "zh-Hant": "會員轉化漏斗",
        "en": "Member funnel",
    },
    "funnels.breakdown": {"zh-Hans": "拆分维度", "zh-Hant": "拆分維度", "en": "Break down by"},
    "funnels.breakdown.none": {"zh-Hans": "不拆分", "zh-Hant": "不拆分", "en": "No breakdown"},
    "funnels.breakdown.channel": {"zh-Hans": "渠道", "zh-Hant": "渠道", "en": "Channel"},
    "funnels.breakdown.group": {"zh-Hans": "社群", "zh-Hant": "社群", "en": "Group"},
    "funnels.breakdown.join_week": {"zh-Hans": "入群周", "zh-Hant": "入群週", "en": "Join week"},
    "funnels.breakdown.campaign": {
        "zh-Hans": "首单活动",
        "zh-Hant": "首單活動",
        "en": "First-order campaign",
    },
    "funnels.breakdown.unknown": {"zh-Hans": "（未知）", "zh-Hant": "（未知）", "en": "(unknown)"},
    "funnels.chart.breakdown": {
        "zh-Hans": "各{breakdown}的转化率（占新入群）",
        "zh-Hant": "各{breakdown}的轉化率（占新入群）",
        "en": "Conversion by {breakdown} (share of joined)",
    },
    "funnels.dropped": {"zh-Hans": "流失名单", "zh-Hant": "流失名單", "en": "Who dropped out"},
    "funnels.dropped_step": {
        "zh-Hans": "未达到的步骤",
        "zh-Hant": "未達到的步驟",
        "en": "Step not reached",
    },
    "funnels.dropped.count": {
        "zh-Hans": "共 {n:,} 人（手机号与昵称已脱敏）",
        "zh-Hant": "共 {n:,} 人（手機號與暱稱已脫敏）",
        "en": "{n:,} people (phones and nicknames masked)",
    },
    "funnels.needs_members": {
        "zh-Hans": "会员转化漏斗和 AARRR 需要会员文件（企微客户列表或入群名单）和订单文件；"
        "上传后即可查看。下方的自定义事件漏斗可先用现有数据。",
        "zh-Hant": "會員轉化漏斗和 AARRR 需要會員檔案（企微客戶列表或入群名單）和訂單檔案；"
        "上傳後即可查看。下方的自訂事件漏斗可先用現有資料。",
        "en": "The member funnel and AARRR need the members file (WeCom customer list or group "
        "roster) and the orders file; upload them to see these. The custom event funnel "
        "works with the data you have.",
    },
    # -- AARRR ---------------------------------------------------------------------------
    "funnels.aarrr.acquisition": {
        "zh-Hans": "获取（新入群）",
        "zh-Hant": "獲取（新入群）",
        "en": "Acquisition (joined)",
    },
    "funnels.aarrr.activation": {
        "zh-Hans": "激活（{x_days} 天内有互动）",
        "zh-Hant": "激活（{x_days} 天內有互動）",
        "en": "Activation (activity within {x_days} days)",
    },
    "funnels.aarrr.retention": {
        "zh-Hans": "留存（第 1–7 天有互动或下单）",
        "zh-Hant": "留存（第 1–7 天有互動或下單）",
        "en": "Retention (activity or order on day 1–7)",
    },
    "funnels.aarrr.revenue": {
        "zh-Hans": "变现（有支付订单）",
        "zh-Hant": "變現（有支付訂單）",
        "en": "Revenue (a paid order)",
    },
    "funnels.aarrr.referral": {
        "zh-Hans": "推荐（邀请过新会员）",
        "zh-Hant": "推薦（邀請過新會員）",
        "en": "Referral (invited a member)",
    },
    "funnels.aarrr.caption": {
        "zh-Hans": "期间内入群的会员；每一步只计同时达到前面所有步骤的人。",
        "zh-Hant": "期間內入群的會員；每一步只計同時達到前面所有步驟的人。",
        "en": "Members who joined in the period; each step counts those who also reached "
        "every earlier step.",
    },
    "funnels.needs_activity": {
        "zh-Hans": "AARRR 需要互动行为文件（群内发言、打卡等）；上传后即可查看激活与留存。",
        "zh-Hant": "AARRR 需要互動行為檔案（群內發言、打卡等）；上傳後即可查看激活與留存。",
        "en": "AARRR needs the activity file (group messages, check-ins …) for activation and "
        "retention.",
    },
    "funnels.chart.aarrr": _same("AARRR"),
    # -- custom event funnel -------------------------------------------------------------
    "funnels.steps_count": {"zh-Hans": "步骤数", "zh-Hant": "步驟數", "en": "Steps"},
    "funnels.step_n": {"zh-Hans": "第 {n} 步", "zh-Hant": "第 {n} 步", "en": "Step {n}"},
    "funnels.window": {
        "zh-Hans": "转化窗口（含边界）",
        "zh-Hant": "轉化窗口（含邊界）",
        "en": "Conversion window (inclusive)",
    },
    "funnels.window_unit": {"zh-Hans": "单位", "zh-Hant": "單位", "en": "Unit"},
    "funnels.unit.m": {"zh-Hans": "分钟", "zh-Hant": "分鐘", "en": "minutes"},
    "funnels.unit.h": {"zh-Hans": "小时", "zh-Hant": "小時", "en": "hours"},
    "funnels.unit.d": {"zh-Hans": "天", "zh-Hant": "天", "en": "days"},
    "funnels.order": {"zh-Hans": "步骤顺序", "zh-Hant": "步驟順序", "en": "Step order"},
    "funnels.order.ordered": {"zh-Hans": "依次", "zh-Hant": "依次", "en": "Ordered"},
    "funnels.order.strict": {"zh-Hans": "严格连续", "zh-Hant": "嚴格連續", "en": "Strict"},
    "funnels.order.unordered": {"zh-Hans": "任意顺序", "zh-Hant": "任意順序", "en": "Any order"},
    "funnels.count": {"zh-Hans": "计数方式", "zh-Hant": "計數方式", "en": "Count"},
    "funnels.count.people": {"zh-Hans": "人数", "zh-Hant": "人數", "en": "People"},
    "funnels.count.conversions": {
        "zh-Hans": "转化次数",
        "zh-Hant": "轉化次數",
        "en": "Conversions",
    },
    "funnels.exclude": {
        "zh-Hans": "排除事件（发生在两步之间则剔除）",
        "zh-Hant": "排除事件（發生在兩步之間則剔除）",
        "en": "Exclusion event (between two steps drops the attempt)",
    },
    "funnels.exclude.none": {"zh-Hans": "不排除", "zh-Hant": "不排除", "en": "Exclude nothing"},
    "funnels.exclude_between": {
        "zh-Hans": "在哪两步之间",
        "zh-Hant": "在哪兩步之間",
        "en": "Between steps",
    },
    "funnels.event.caption": {
        "zh-Hans": "每个第 1 步事件（期间内）开启一次尝试；之后每一步须在该次第 1 步后的窗口内、"
        "晚于上一步发生（同一事件重复时须是之后的一次）。每人按所有尝试中走得最远的一步计，"
        "转化时间取最先到达该步的尝试。",
        "zh-Hant": "每個第 1 步事件（期間內）開啟一次嘗試；之後每一步須在該次第 1 步後的窗口內、"
        "晚於上一步發生（同一事件重複時須是之後的一次）。每人按所有嘗試中走得最遠的一步計，"
        "轉化時間取最先到達該步的嘗試。",
        "en": "Every step-1 event in the period starts an attempt; each next step must come "
        "after the step before (a repeated event needs a later occurrence) and within the "
        "window of that attempt's step 1. A person counts at the furthest step any attempt "
        "reached; times come from the attempt that reached it first.",
    },
    "funnels.chart.event": {"zh-Hans": "事件漏斗", "zh-Hant": "事件漏斗", "en": "Event funnel"},
    "funnels.chart.trend": {
        "zh-Hans": "按第 1 步所在周的整体转化率",
        "zh-Hant": "按第 1 步所在週的整體轉化率",
        "en": "Overall conversion by week of step 1",
    },
    "funnels.event.join": {"zh-Hans": "入群", "zh-Hant": "入群", "en": "join"},
    "funnels.event.order": {
        "zh-Hans": "下单（支付）",
        "zh-Hant": "下單（支付）",
        "en": "order (paid)",
    },
    "funnels.event.message": {"zh-Hans": "发言", "zh-Hant": "發言", "en": "message"},
    "funnels.event.view": {"zh-Hans": "浏览", "zh-Hant": "瀏覽", "en": "view"},
    "funnels.event.like": {"zh-Hans": "点赞", "zh-Hant": "點讚", "en": "like"},
    "funnels.event.checkin": {"zh-Hans": "打卡", "zh-Hant": "打卡", "en": "check-in"},
    "funnels.event.share": {"zh-Hans": "分享", "zh-Hant": "分享", "en": "share"},
    "funnels.no_events": {
        "zh-Hans": "数据集中没有可用的事件：请上传会员、订单或互动行为文件。",
        "zh-Hant": "資料集中沒有可用的事件：請上傳會員、訂單或互動行為檔案。",
        "en": "The dataset has no events: upload members, orders or activity.",
    },
    "funnels.no_trend": {
        "zh-Hans": "期间内没有人开始这个漏斗。",
        "zh-Hant": "期間內沒有人開始這個漏斗。",
        "en": "Nobody started this funnel in the period.",
    },
    # -- table columns -------------------------------------------------------------------
    "funnels.card.overall": {
        "zh-Hans": "整体转化率 {rate}",
        "zh-Hant": "整體轉化率 {rate}",
        "en": "Overall conversion {rate}",
    },
    "funnels.col.breakdown": {"zh-Hans": "分组", "zh-Hant": "分組", "en": "Group"},
    "funnels.col.step": {"zh-Hans": "步骤", "zh-Hant": "步驟", "en": "Step"},
    "funnels.col.event": {"zh-Hans": "事件", "zh-Hant": "事件", "en": "Event"},
    "funnels.col.count": {"zh-Hans": "人数", "zh-Hant": "人數", "en": "Count"},
    "funnels.col.conversion_from_previous": {
        "zh-Hans": "较上一步转化率",
        "zh-Hant": "較上一步轉化率",
        "en": "From previous step",
    },
    "funnels.col.conversion_overall": {
        "zh-Hans": "整体转化率",
        "zh-Hant": "整體轉化率",
        "en": "Overall conversion",
    },
    "funnels.col.median_hours_to_convert": {
        "zh-Hans": "转化时长中位数（小时）",
        "zh-Hant": "轉化時長中位數（小時）",
        "en": "Median hours to convert",
    },
    "funnels.col.mean_time": {
        "zh-Hans": "平均转化时长",
        "zh-Hant": "平均轉化時長",
        "en": "Mean time to convert",
    },
    "funnels.col.median_time": {
        "zh-Hans": "转化时长中位数",
        "zh-Hant": "轉化時長中位數",
        "en": "Median time to convert",
    },
    "funnels.col.week": {"zh-Hans": "周（周一）", "zh-Hant": "週（週一）", "en": "Week (Monday)"},
    "funnels.col.entered": {"zh-Hans": "进入", "zh-Hant": "進入", "en": "Entered"},
    "funnels.col.converted": {"zh-Hans": "完成", "zh-Hant": "完成", "en": "Completed"},
    "funnels.col.conversion": {"zh-Hans": "转化率", "zh-Hant": "轉化率", "en": "Conversion"},
    "funnels.col.user_id": {"zh-Hans": "用户ID", "zh-Hant": "使用者ID", "en": "User ID"},
    "funnels.col.joined_at": {"zh-Hans": "入群时间", "zh-Hant": "入群時間", "en": "Joined at"},
    "funnels.col.channel": {"zh-Hans": "渠道", "zh-Hant": "渠道", "en": "Channel"},
    "funnels.col.group_id": {"zh-Hans": "社群", "zh-Hant": "社群", "en": "Group"},
    "funnels.col.first_order_at": {
        "zh-Hans": "首单时间",
        "zh-Hant": "首單時間",
        "en": "First order at",
    },
    "funnels.col.nickname": {"zh-Hans": "昵称", "zh-Hant": "暱稱", "en": "Nickname"},
    "funnels.col.phone": {"zh-Hans": "手机号", "zh-Hant": "手機號", "en": "Phone"},
    "funnels.col.reached": {
        "zh-Hans": "最远到达步骤",
        "zh-Hant": "最遠到達步驟",
        "en": "Reached step",
    },
    "funnels.col.started_at": {
        "zh-Hans": "第 1 步时间",
        "zh-Hant": "第 1 步時間",
        "en": "Step 1 at",
    },
    "funnels.col.reached_at": {"zh-Hans": "到达时间", "zh-Hant": "到達時間", "en": "Reached at"},
    "funnels.duration": {
        "zh-Hans": "{days} 天 {hours} 小时 {minutes} 分",
        "zh-Hant": "{days} 天 {hours} 小時 {minutes} 分",
        "en": "{days} d {hours} h {minutes} min",
    },
    # -- option errors (page and CLI) ----------------------------------------------------
    "funnels.error.no_steps": {
        "zh-Hans": "请至少选择两个步骤（例如 steps=join,order）。",
        "zh-Hant": "請至少選擇兩個步驟（例如 steps=join,order）。",
        "en": "Give at least two steps (for example steps=join,order).",
    },
    "funnels.error.too_few_steps": {
        "zh-Hans": "漏斗至少需要两个步骤。",
        "zh-Hant": "漏斗至少需要兩個步驟。",
        "en": "A funnel needs at least two steps.",
    },
    "funnels.error.too_many_steps": {
        "zh-Hans": "最多 {most} 个步骤（现在 {steps} 个）。",
        "zh-Hant": "最多 {most} 個步驟（現在 {steps} 個）。",
        "en": "At most {most} steps ({steps} given).",
    },
    "funnels.error.empty_step": {
        "zh-Hans": "步骤「{value}」中有空的一步。",
        "zh-Hant": "步驟「{value}」中有空的一步。",
        "en": "The steps “{value}” contain an empty step.",
    },
    "funnels.error.unknown_event": {
        "zh-Hans": "数据中没有事件「{event}」。可用：{known}",
        "zh-Hant": "資料中沒有事件「{event}」。可用：{known}",
        "en": "There is no event “{event}” in the data. Available: {known}",
    },
    "funnels.error.bad_window": {
        "zh-Hans": "转化窗口「{value}」无效，请写成 30m、12h 或 7d。",
        "zh-Hant": "轉化窗口「{value}」無效，請寫成 30m、12h 或 7d。",
        "en": "Conversion window “{value}” is not valid; write it as 30m, 12h or 7d.",
    },
    "funnels.error.zero_window": {
        "zh-Hans": "转化窗口必须大于 0（现在是「{value}」）。",
        "zh-Hant": "轉化窗口必須大於 0（現在是「{value}」）。",
        "en": "The conversion window must be above 0 (it is “{value}”).",
    },
    "funnels.error.bad_order": {
        "zh-Hans": "步骤顺序「{value}」无效，可选：{choices}",
        "zh-Hant": "步驟順序「{value}」無效，可選：{choices}",
        "en": "Step order “{value}” is not valid; choose one of {choices}.",
    },
    "funnels.error.bad_count": {
        "zh-Hans": "计数方式「{value}」无效，可选：{choices}",
        "zh-Hant": "計數方式「{value}」無效，可選：{choices}",
        "en": "Count “{value}” is not valid; choose one of {choices}.",
    },
    "funnels.error.bad_exclude": {
        "zh-Hans": "排除条件「{value}」无效，请写成 事件:起步-止步，例如 view:1-2。",
        "zh-Hant": "排除條件「{value}」無效，請寫成 事件:起步-止步，例如 view:1-2。",
        "en": "Exclusion “{value}” is not valid; write it as EVENT:FROM-TO, e.g. view:1-2.",
    },
    "funnels.error.bad_exclude_steps": {
        "zh-Hans": "排除条件「{value}」的步骤须满足 1 ≤ 起步 < 止步 ≤ {steps}。",
        "zh-Hant": "排除條件「{value}」的步驟須滿足 1 ≤ 起步 < 止步 ≤ {steps}。",
        "en": "The steps of exclusion “{value}” must satisfy 1 ≤ FROM < TO ≤ {steps}.",
    },
    "funnels.error.bad_days": {
        "zh-Hans": "{name}「{value}」无效，请填 0 或正整数天数。",
        "zh-Hant": "{name}「{value}」無效，請填 0 或正整數天數。",
        "en": "{name} “{value}” is not valid; give a whole number of days, 0 or more.",
    },
    "funnels.error.bad_breakdown": {
        "zh-Hans": "拆分维度「{value}」无效，可选：{choices}",
        "zh-Hant": "拆分維度「{value}」無效，可選：{choices}",
        "en": "Breakdown “{value}” is not valid; choose one of {choices}.",
    },
    "funnels.error.bad_step": {
        "zh-Hans": "步骤「{value}」无效，可选：{choices}",
        "zh-Hant": "步驟「{value}」無效，可選：{choices}",
        "en": "Step “{value}” is not valid; choose one of {choices}.",
    },
    "funnels.error.events_file": {
        "zh-Hans": "无法读取事件文件 {path}：{reason}",
        "zh-Hant": "無法讀取事件檔案 {path}：{reason}",
        "en": "Cannot read the events file {path}: {reason}",
    },
    "funnels.error.events_columns": {
        "zh-Hans": "事件文件 {path} 缺少列：{columns}（需要 user_id,event,at）",
        "zh-Hant": "事件檔案 {path} 缺少欄：{columns}（需要 user_id,event,at）",
        "en": "The events file {path} lacks the columns {columns} (needs user_id,event,at)",
    },
    "funnels.error.events_time": {
        "zh-Hans": "事件文件 {path} 第 {line} 行的时间无法识别。",
        "zh-Hant": "事件檔案 {path} 第 {line} 行的時間無法識別。",
        "en": "The time on line {line} of the events file {path} is not a date and time.",
    },
}
