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
        "zh-Hans": "接收方 `{to}` 还没有配置：请设置环境变量 `{env}`，或在 `secrets.toml` 的 "
        "`[alerts]` 下填写群机器人的地址。",
        "zh-Hant": "接收方 `{to}` 還沒有設定：請設定環境變數 `{env}`，或在 `secrets.toml` 的 "
        "`[alerts]` 下填寫群機器人的位址。",
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
        "zh-Hans": "机器人地址无效",
        "zh-Hant": "機器人位址無效",
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
    # -- schedules, events and the page --------------------------------------------------
    "alerts.every.daily": {"zh-Hans": "每天 {at}", "zh-Hant": "每天 {at}", "en": "daily at {at}"},
    "alerts.every.weekly": {
        "zh-Hans": "每{day} {at}",
        "zh-Hant": "每{day} {at}",
        "en": "{day}s at {at}",
    },
    "alerts.weekday.mon": {"zh-Hans": "周一", "zh-Hant": "週一", "en": "Monday"},
    "alerts.weekday.tue": {"zh-Hans": "周二", "zh-Hant": "週二", "en": "Tuesday"},
    "alerts.weekday.wed": {"zh-Hans": "周三", "zh-Hant": "週三", "en": "Wednesday"},
    "alerts.weekday.thu": {"zh-Hans": "周四", "zh-Hant": "週四", "en": "Thursday"},
    "alerts.weekday.fri": {"zh-Hans": "周五", "zh-Hant": "週五", "en": "Friday"},
    "alerts.weekday.sat": {"zh-Hans": "周六", "zh-Hant": "週六", "en": "Saturday"},
    "alerts.weekday.sun": {"zh-Hans": "周日", "zh-Hant": "週日", "en": "Sunday"},
    "alerts.detail.attempts": {
        "zh-Hans": "第 {n} 次尝试送达",
        "zh-Hant": "第 {n} 次嘗試送達",
        "en": "delivered on attempt {n}",
    },
    "alerts.event.checked": {
        "zh-Hans": "已检查，未触发",
        "zh-Hant": "已檢查，未觸發",
        "en": "checked, not triggered",
    },
    "alerts.event.triggered": {"zh-Hans": "已触发", "zh-Hant": "已觸發", "en": "triggered"},
    "alerts.event.already_sent": {
        "zh-Hans": "本期已发送过",
        "zh-Hant": "本期已發送過",
        "en": "already sent for this period",
    },
    "alerts.event.sent": {"zh-Hans": "已送达", "zh-Hant": "已送達", "en": "delivered"},
    "alerts.event.failed": {
        "zh-Hans": "发送失败（下次运行重发）",
        "zh-Hant": "發送失敗（下次執行重發）",
        "en": "failed (sent again by the next run)",
    },
    "alerts.event.unknown": {
        "zh-Hans": "发送中断，结果未知（不重发）",
        "zh-Hant": "發送中斷，結果未知（不重發）",
        "en": "interrupted while sending, outcome unknown (not resent)",
    },
    "alerts.event.error": {"zh-Hans": "无法检查", "zh-Hant": "無法檢查", "en": "could not check"},
    "alerts.event.test_sent": {
        "zh-Hans": "测试已送达",
        "zh-Hant": "測試已送達",
        "en": "test delivered",
    },
    "alerts.event.test_failed": {"zh-Hans": "测试失败", "zh-Hant": "測試失敗", "en": "test failed"},
    "nav.alerts": {"zh-Hans": "提醒", "zh-Hant": "提醒", "en": "Alerts"},
    "alerts.page.editors_only": {
        "zh-Hans": "只有编辑者可以设置提醒。",
        "zh-Hant": "只有編輯者可以設定提醒。",
        "en": "Only editors can set up alerts.",
    },
    "alerts.page.intro": {
        "zh-Hans": "指标达到条件时，把提醒推送到企业微信（或钉钉、飞书）群机器人。每条规则每个统计期"
        "最多发送一次；发送由定时任务运行 `python -m siyu alerts run` 完成。",
        "zh-Hant": "指標達到條件時，把提醒推送到企業微信（或釘釘、飛書）群機器人。每條規則每個統計期"
        "最多發送一次；發送由排程執行 `python -m siyu alerts run` 完成。",
        "en": "When a metric meets a condition, an alert is pushed to a WeCom (or DingTalk, "
        "Feishu) group robot, at most once per rule and period; a scheduled "
        "`python -m siyu alerts run` sends them.",
    },
    "alerts.page.configured": {
        "zh-Hans": "已配置的机器人：{names}",
        "zh-Hant": "已設定的機器人：{names}",
        "en": "Robots configured: {names}",
    },
    "alerts.page.not_configured": {
        "zh-Hans": "还没有配置机器人。在服务器上设置环境变量 `SIYU_ALERT_WECOM_名称`（值为群机器人的"
        '地址），或在 `.streamlit/secrets.toml` 的 `[alerts.wecom]` 下写 `名称 = "地址"`。'
        "地址只放在配置里，不写进规则。",
        "zh-Hant": "還沒有設定機器人。在伺服器上設定環境變數 `SIYU_ALERT_WECOM_名稱`（值為群機器人的"
        '位址），或在 `.streamlit/secrets.toml` 的 `[alerts.wecom]` 下寫 `名稱 = "位址"`。'
        "位址只放在設定裡，不寫進規則。",
        "en": "No robot is configured yet. On the server, set `SIYU_ALERT_WECOM_<NAME>` to the "
        'group robot\'s webhook address, or write `NAME = "address"` under `[alerts.wecom]` '
        "in `.streamlit/secrets.toml`. Addresses live in the configuration, never in a rule.",
    },
    "alerts.page.rules": {"zh-Hans": "提醒规则", "zh-Hant": "提醒規則", "en": "Alert rules"},
    "alerts.page.no_rules": {
        "zh-Hans": "这个数据集还没有提醒规则。",
        "zh-Hant": "這個資料集還沒有提醒規則。",
        "en": "This dataset has no alert rule yet.",
    },
    "alerts.page.col.id": {"zh-Hans": "编号", "zh-Hant": "編號", "en": "ID"},
    "alerts.page.col.when": {"zh-Hans": "条件", "zh-Hant": "條件", "en": "Condition"},
    "alerts.page.col.every": {"zh-Hans": "检查时间", "zh-Hant": "檢查時間", "en": "Checked"},
    "alerts.page.col.to": {"zh-Hans": "接收方", "zh-Hant": "接收方", "en": "Destination"},
    "alerts.page.col.ready": {"zh-Hans": "机器人", "zh-Hant": "機器人", "en": "Robot"},
    "alerts.page.ready": {"zh-Hans": "已配置", "zh-Hant": "已設定", "en": "configured"},
    "alerts.page.not_ready": {"zh-Hans": "未配置", "zh-Hant": "未設定", "en": "not configured"},
    "alerts.page.pick": {"zh-Hans": "选择规则", "zh-Hant": "選擇規則", "en": "Rule"},
    "alerts.page.test": {"zh-Hans": "发送测试消息", "zh-Hant": "發送測試訊息", "en": "Send a test"},
    "alerts.page.remove": {"zh-Hans": "删除规则", "zh-Hant": "刪除規則", "en": "Remove rule"},
    "alerts.page.add": {"zh-Hans": "新建提醒", "zh-Hant": "新增提醒", "en": "New alert"},
    "alerts.page.metric": {"zh-Hans": "指标", "zh-Hant": "指標", "en": "Metric"},
    "alerts.page.condition": {"zh-Hans": "条件", "zh-Hant": "條件", "en": "Condition"},
    "alerts.page.cond.below_target": {
        "zh-Hans": "低于目标",
        "zh-Hant": "低於目標",
        "en": "Below target",
    },
    "alerts.page.cond.above_target": {
        "zh-Hans": "高于目标",
        "zh-Hant": "高於目標",
        "en": "Above target",
    },
    "alerts.page.cond.below": {"zh-Hans": "低于某值", "zh-Hant": "低於某值", "en": "Below a value"},
    "alerts.page.cond.above": {"zh-Hans": "高于某值", "zh-Hant": "高於某值", "en": "Above a value"},
    "alerts.page.cond.change_below": {
        "zh-Hans": "较上期变化低于某值",
        "zh-Hant": "較上期變化低於某值",
        "en": "Change below a value",
    },
    "alerts.page.cond.always": {
        "zh-Hans": "每次都发（如每周复盘）",
        "zh-Hant": "每次都發（如每週復盤）",
        "en": "Always (such as the weekly review)",
    },
    "alerts.page.value": {"zh-Hans": "数值", "zh-Hant": "數值", "en": "Value"},
    "alerts.page.value_help": {
        "zh-Hans": "比率写百分数（30%）或小数（0.3）；金额写元（5000）；变化写百分数（-20%；比率的变化是百分点）。",
        "zh-Hant": "比率寫百分數（30%）或小數（0.3）；金額寫元（5000）；變化寫百分數（-20%；比率的變化是百分點）。",
        "en": "Rates as a percentage (30%) or a fraction (0.3); amounts in yuan (5000); changes "
        "as a percentage (-20%; for rates, in points).",
    },
    "alerts.page.every": {"zh-Hans": "检查频率", "zh-Hant": "檢查頻率", "en": "Check"},
    "alerts.page.grain.daily": {
        "zh-Hans": "每天（看最近完整的一天）",
        "zh-Hant": "每天（看最近完整的一天）",
        "en": "Daily (the latest complete day)",
    },
    "alerts.page.grain.weekly": {
        "zh-Hans": "每周（看最近完整的一周）",
        "zh-Hant": "每週（看最近完整的一週）",
        "en": "Weekly (the latest complete week)",
    },
    "alerts.page.weekday": {
        "zh-Hans": "每周哪天（每周检查时）",
        "zh-Hant": "每週哪天（每週檢查時）",
        "en": "Day of the week (weekly)",
    },
    "alerts.page.at": {"zh-Hans": "时间", "zh-Hant": "時間", "en": "Time"},
    "alerts.page.channel": {"zh-Hans": "机器人类型", "zh-Hant": "機器人類型", "en": "Robot"},
    "alerts.page.channel.wecom": {"zh-Hans": "企业微信", "zh-Hant": "企業微信", "en": "WeCom"},
    "alerts.page.channel.dingtalk": {"zh-Hans": "钉钉", "zh-Hant": "釘釘", "en": "DingTalk"},
    "alerts.page.channel.feishu": {"zh-Hans": "飞书", "zh-Hant": "飛書", "en": "Feishu"},
    "alerts.page.name": {"zh-Hans": "机器人名称", "zh-Hant": "機器人名稱", "en": "Robot name"},
    "alerts.page.name_help": {
        "zh-Hans": "配置里的名称（字母、数字、_、-），如 `ops` 对应环境变量 `SIYU_ALERT_WECOM_OPS`。",
        "zh-Hant": "設定裡的名稱（字母、數字、_、-），如 `ops` 對應環境變數 `SIYU_ALERT_WECOM_OPS`。",
        "en": "The name in the configuration (letters, digits, _, -): ops reads "
        "SIYU_ALERT_WECOM_OPS.",
    },
    "alerts.page.save": {"zh-Hans": "保存提醒", "zh-Hant": "儲存提醒", "en": "Save alert"},
    "alerts.page.saved": {
        "zh-Hans": "已保存提醒 `{id}`。机器人地址从 `{env}`（或 `secrets.toml`）读取。",
        "zh-Hant": "已儲存提醒 `{id}`。機器人位址從 `{env}`（或 `secrets.toml`）讀取。",
        "en": "Saved alert {id}. The robot's address is read from `{env}` (or secrets.toml).",
    },
    "alerts.page.history": {
        "zh-Hans": "检查与发送记录",
        "zh-Hant": "檢查與發送紀錄",
        "en": "History",
    },
    "alerts.page.no_history": {
        "zh-Hans": "还没有检查或发送记录。",
        "zh-Hant": "還沒有檢查或發送紀錄。",
        "en": "Nothing checked or sent yet.",
    },
    "alerts.page.col.at": {"zh-Hans": "时间", "zh-Hant": "時間", "en": "Time"},
    "alerts.page.col.rule": {"zh-Hans": "规则", "zh-Hant": "規則", "en": "Rule"},
    "alerts.page.col.metric": {"zh-Hans": "指标", "zh-Hant": "指標", "en": "Metric"},
    "alerts.page.col.period": {"zh-Hans": "统计期", "zh-Hant": "統計期", "en": "Period"},
    "alerts.page.col.event": {"zh-Hans": "结果", "zh-Hant": "結果", "en": "Outcome"},
    "alerts.page.col.detail": {"zh-Hans": "详情", "zh-Hant": "詳情", "en": "Detail"},
    "alerts.page.cron": {
        "zh-Hans": "定时发送：在服务器上定时运行 `python -m siyu alerts run`（如每 10 分钟一次），"
        "设置方法见说明文档。",
        "zh-Hant": "定時發送：在伺服器上定時執行 `python -m siyu alerts run`（如每 10 分鐘一次），"
        "設定方法見說明文件。",
        "en": "Sending: run `python -m siyu alerts run` from cron (every 10 minutes, say) or a "
        "systemd timer on the server; see the README.",
    },
}
