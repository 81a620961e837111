"""Alerts: rules, the messages sent to group robots, the command line and the Alerts page."""

TEXT = {
    # -- what a user got wrong ------------------------------------------------------------
    "alerts.bad_when": {
        "zh-Hans": "无法识别条件「{value}」：请写 below_target、above_target、below=数值、"
        "above=数值、change_below=数值（如 -20%）或 always。",
        "zh-Hant": "無法識別條件「{value}」：請寫 below_target、above_target、below=數值、"
        "above=數值、change_below=數值（如 -20%）或 always。",
        "en": "Cannot read the condition “{value}”: write below_target, above_target, below=V, "
        "above=V, change_below=V (such as -20%) or always.",
    },
    "alerts.bad_every": {
        "zh-Hans": "无法识别时间「{value}」：请写 daily@09:00 或 weekly@MON 09:00。",
        "zh-Hant": "無法識別時間「{value}」：請寫 daily@09:00 或 weekly@MON 09:00。",
        "en": "Cannot read the schedule “{value}”: write daily@09:00 or weekly@MON 09:00.",
    },
    "alerts.bad_to": {
        "zh-Hans": "无法识别接收方「{value}」：请写 wecom:名称、dingtalk:名称 或 feishu:名称"
        "（名称只含字母、数字、_ 和 -）。",
        "zh-Hant": "無法識別接收方「{value}」：請寫 wecom:名稱、dingtalk:名稱 或 feishu:名稱"
        "（名稱只含字母、數字、_ 和 -）。",
        "en": "Cannot read the destination “{value}”: write wecom:NAME, dingtalk:NAME or "
        "feishu:NAME (letters, digits, _ and - only).",
    },
    "alerts.bad_metric": {
        "zh-Hans": "没有可提醒的指标「{value}」。可选：{names}",
        "zh-Hant": "沒有可提醒的指標「{value}」。可選：{names}",
        "en": "No metric “{value}” to alert on. Choose one of: {names}",
    },
    "alerts.no_target": {
        "zh-Hans": "指标 {metric} 没有目标值；只有这些指标有：{names}。请改用 below=数值 或 above=数值。",
        "zh-Hant": "指標 {metric} 沒有目標值；只有這些指標有：{names}。請改用 below=數值 或 above=數值。",
        "en": "{metric} has no target; only these have one: {names}. Use below=V or above=V.",
    },
    "alerts.report_always": {
        "zh-Hans": "每周复盘按时发送，条件请写 always。",
        "zh-Hant": "每週復盤按時發送，條件請寫 always。",
        "en": "The weekly review is sent on its schedule: use --when always.",
    },
    "alerts.no_data": {
        "zh-Hans": "数据集里还没有数据。",
        "zh-Hant": "資料集裡還沒有資料。",
        "en": "The dataset holds no data yet.",
    },
    "alerts.busy": {
        "zh-Hans": "另一个提醒任务正在运行，请稍后再试。",
        "zh-Hant": "另一個提醒任務正在執行，請稍後再試。",
        "en": "Another alerts run is in progress; try again later.",
    },
    "alerts.no_rule": {
        "zh-Hans": "没有编号为 {id} 的提醒规则。",
        "zh-Hant": "沒有編號為 {id} 的提醒規則。",
        "en": "No alert rule {id}.",
    },
    "alerts.no_destination": {
        "zh-Hans": "接收方 {to} 还没有配置：请设置环境变量 {env}，或在 secrets.toml 的 "
        "[alerts] 下填写机器人的 Webhook 地址。",
        "zh-Hant": "接收方 {to} 還沒有設定：請設定環境變數 {env}，或在 secrets.toml 的 "
        "[alerts] 下填寫機器人的 Webhook 位址。",
        "en": "{to} is not configured: set {env}, or give the robot's webhook address under "
        "[alerts] in secrets.toml.",
    },
    # -- metrics and conditions ----------------------------------------------------------
    "alerts.metric.lost": {"zh-Hans": "流失客户", "zh-Hant": "流失客戶", "en": "Lost customers"},
    "alerts.metric.weekly_report": {
        "zh-Hans": "每周数据复盘",
        "zh-Hant": "每週數據復盤",
        "en": "Weekly review",
    },
    "alerts.when.below_target": {
        "zh-Hans": "{metric}低于目标",
        "zh-Hant": "{metric}低於目標",
        "en": "{metric} below target",
    },
    "alerts.when.above_target": {
        "zh-Hans": "{metric}高于目标",
        "zh-Hant": "{metric}高於目標",
        "en": "{metric} above target",
    },
    "alerts.when.below": {
        "zh-Hans": "{metric}低于 {value}",
        "zh-Hant": "{metric}低於 {value}",
        "en": "{metric} below {value}",
    },
    "alerts.when.above": {
        "zh-Hans": "{metric}高于 {value}",
        "zh-Hant": "{metric}高於 {value}",
        "en": "{metric} above {value}",
    },
    "alerts.when.change_below": {
        "zh-Hans": "{metric}较上期变化低于 {value}",
        "zh-Hant": "{metric}較上期變化低於 {value}",
        "en": "{metric} changed by less than {value}",
    },
    "alerts.when.always": {"zh-Hans": "{metric}", "zh-Hant": "{metric}", "en": "{metric}"},
    # -- the message ---------------------------------------------------------------------
    "alerts.msg.robot_title": {"zh-Hans": "私域提醒", "zh-Hant": "私域提醒", "en": "Siyu alert"},
    "alerts.msg.title": {
        "zh-Hans": "私域提醒：{what}",
        "zh-Hant": "私域提醒：{what}",
        "en": "Siyu alert: {what}",
    },
    "alerts.msg.where": {
        "zh-Hans": "数据集：{dataset}　期间：{period}",
        "zh-Hant": "資料集：{dataset}　期間：{period}",
        "en": "Dataset: {dataset} · Period: {period}",
    },
    "alerts.msg.value": {
        "zh-Hans": '**{metric}**：<font color="warning">{value}</font>',
        "zh-Hant": '**{metric}**：<font color="warning">{value}</font>',
        "en": '**{metric}**: <font color="warning">{value}</font>',
    },
    "alerts.msg.target": {
        "zh-Hans": "目标：{target}（{status}）",
        "zh-Hant": "目標：{target}（{status}）",
        "en": "Target: {target} ({status})",
    },
    "alerts.msg.change": {
        "zh-Hans": "较上期：{change}（上期 {previous}）",
        "zh-Hant": "較上期：{change}（上期 {previous}）",
        "en": "Change: {change} (previous period {previous})",
    },
    "alerts.msg.open": {"zh-Hans": "打开看板", "zh-Hant": "開啟看板", "en": "Open the dashboard"},
    "alerts.msg.test": {
        "zh-Hans": "私域提醒测试：规则 {rule}（数据集 {dataset}）已接通这个群。",
        "zh-Hant": "私域提醒測試：規則 {rule}（資料集 {dataset}）已接通這個群。",
        "en": "Siyu alert test: rule {rule} (dataset {dataset}) reaches this group.",
    },
    "alerts.report.title": {
        "zh-Hans": "每周数据复盘 · {dataset}",
        "zh-Hant": "每週數據復盤 · {dataset}",
        "en": "Weekly review · {dataset}",
    },
    "alerts.report.week": {
        "zh-Hans": "本周：{period}",
        "zh-Hant": "本週：{period}",
        "en": "Week: {period}",
    },
    "alerts.report.kpi": {
        "zh-Hans": "**{metric}** {value}（较上周 {change}）",
        "zh-Hant": "**{metric}** {value}（較上週 {change}）",
        "en": "**{metric}** {value} ({change} on last week)",
    },
    "alerts.report.movers": {
        "zh-Hans": "商品榜上升最快：{items}",
        "zh-Hant": "商品榜上升最快：{items}",
        "en": "Products moving up most: {items}",
    },
    # -- delivery errors -----------------------------------------------------------------
    "alerts.error.http": {
        "zh-Hans": "机器人返回 HTTP {detail}",
        "zh-Hant": "機器人回傳 HTTP {detail}",
        "en": "the robot answered HTTP {detail}",
    },
    "alerts.error.timeout": {"zh-Hans": "连接超时", "zh-Hant": "連線逾時", "en": "timed out"},
    "alerts.error.connection": {
        "zh-Hans": "无法连接机器人",
        "zh-Hant": "無法連線機器人",
        "en": "could not reach the robot",
    },
    "alerts.error.robot": {
        "zh-Hans": "机器人拒收（错误码 {detail}）",
        "zh-Hant": "機器人拒收（錯誤碼 {detail}）",
        "en": "the robot refused it (code {detail})",
    },
    "alerts.error.invalid": {
        "zh-Hans": "Webhook 地址无效",
        "zh-Hant": "Webhook 位址無效",
        "en": "the webhook address is not valid",
    },
    "alerts.error.no_destination": {
        "zh-Hans": "未配置接收方（{detail}）",
        "zh-Hant": "未設定接收方（{detail}）",
        "en": "no destination configured ({detail})",
    },
    # -- command line --------------------------------------------------------------------
    "alerts.added": {
        "zh-Hans": "已添加提醒规则 {id}。机器人地址从环境变量 {env}（或 secrets.toml）读取。",
        "zh-Hant": "已新增提醒規則 {id}。機器人位址從環境變數 {env}（或 secrets.toml）讀取。",
        "en": "Added alert rule {id}. The robot's address is read from {env} (or secrets.toml).",
    },
    "alerts.removed": {
        "zh-Hans": "已删除提醒规则 {id}。",
        "zh-Hant": "已刪除提醒規則 {id}。",
        "en": "Removed alert rule {id}.",
    },
    "alerts.ran": {
        "zh-Hans": "检查 {evaluated} 条规则，触发 {triggered} 条，发送 {sent} 条，失败 {failed} 条。",
        "zh-Hant": "檢查 {evaluated} 條規則，觸發 {triggered} 條，發送 {sent} 條，失敗 {failed} 條。",
        "en": "Checked {evaluated} rules: {triggered} triggered, {sent} sent, {failed} failed.",
    },
    "alerts.test_sent": {
        "zh-Hans": "测试消息已发送到 {to}。",
        "zh-Hant": "測試訊息已發送到 {to}。",
        "en": "Test message sent to {to}.",
    },
    "alerts.test_failed": {
        "zh-Hans": "测试消息发送失败：{error}",
        "zh-Hant": "測試訊息發送失敗：{error}",
        "en": "The test message was not delivered: {error}",
    },
}
