"""Words of the weekly review report (每周数据复盘)."""

TEXT = {
    "report.title": {"zh-Hans": "每周数据复盘", "zh-Hant": "每週數據複盤", "en": "Weekly review"},
    "report.meta": {
        "zh-Hans": "数据集：{dataset} · 本周 {start} 至 {end} · 对比上周 {prev_start} 至 {prev_end}",
        "zh-Hant": "資料集：{dataset} · 本週 {start} 至 {end} · 對比上週 {prev_start} 至 {prev_end}",
        "en": "Dataset: {dataset} · week {start} to {end} · against {prev_start} to {prev_end}",
    },
    "report.cut": {
        "zh-Hans": "数据截至 {last}：本周只计有数据的 {days} 天（{start} 至 {end}），对比此前同样长的 {days} 天。",
        "zh-Hant": "數據截至 {last}：本週只計有數據的 {days} 天（{start} 至 {end}），對比此前同樣長的 {days} 天。",
        "en": "Data ends on {last}: this week counts only its {days} days with data ({start} to {end}), against the {days} days before.",
    },
    "report.no_data": {
        "zh-Hans": "这一周没有数据（数据截至 {last}）。",
        "zh-Hant": "這一週沒有數據（數據截至 {last}）。",
        "en": "This week holds no data (the data ends on {last}).",
    },
    "report.col.customer_share": {
        "zh-Hans": "人数占比",
        "zh-Hant": "人數佔比",
        "en": "Share of customers",
    },
    "report.kpis": {
        "zh-Hans": "核心指标与目标",
        "zh-Hant": "核心指標與目標",
        "en": "KPIs against targets",
    },
    "report.funnel": {"zh-Hans": "会员转化漏斗", "zh-Hant": "會員轉化漏斗", "en": "Member funnel"},
    "report.retention": {
        "zh-Hans": "本周新人 7 日留存",
        "zh-Hant": "本週新人 7 日留存",
        "en": "7-day retention of this week's cohorts",
    },
    "report.retention_note": {
        "zh-Hans": "按每人自己的起始日计算；尚未满期的格子留空。",
        "zh-Hant": "按每人自己的起始日計算；尚未滿期的格子留空。",
        "en": "Counted from each person's own start day; cells not yet fully observed are blank.",
    },
    "report.no_cohorts": {
        "zh-Hans": "本周没有新的同期群。",
        "zh-Hant": "本週沒有新的同期群。",
        "en": "No cohort started this week.",
    },
    "report.boards": {
        "zh-Hans": "排行榜前 10 名",
        "zh-Hant": "排行榜前 10 名",
        "en": "Top 10 boards",
    },
    "report.empty_board": {
        "zh-Hans": "本周没有上榜数据。",
        "zh-Hant": "本週沒有上榜資料。",
        "en": "Nothing to rank this week.",
    },
    "report.more_tied": {
        "zh-Hans": "另有 {n} 位与第 10 名并列，完整名单见「排行榜」页。",
        "zh-Hant": "另有 {n} 位與第 10 名並列，完整名單見「排行榜」頁。",
        "en": "{n} more tie with the last place shown; the Leaderboards page lists them all.",
    },
    "report.rfm": {"zh-Hans": "RFM 客户分层", "zh-Hant": "RFM 客戶分層", "en": "RFM segments"},
    "report.col.metric": {"zh-Hans": "指标", "zh-Hant": "指標", "en": "Metric"},
    "report.col.this_week": {"zh-Hans": "本周", "zh-Hant": "本週", "en": "This week"},
    "report.col.last_week": {"zh-Hans": "上周", "zh-Hant": "上週", "en": "Last week"},
    "report.col.change": {"zh-Hans": "变化", "zh-Hant": "變化", "en": "Change"},
    "report.col.target": {"zh-Hans": "目标", "zh-Hant": "目標", "en": "Target"},
    "report.col.status": {"zh-Hans": "达成", "zh-Hant": "達成", "en": "Status"},
    "report.col.step": {"zh-Hans": "步骤", "zh-Hant": "步驟", "en": "Step"},
    "report.col.overall": {
        "zh-Hans": "总转化率",
        "zh-Hant": "總轉化率",
        "en": "Overall conversion",
    },
    "report.col.rank_change": {"zh-Hans": "名次变化", "zh-Hant": "名次變化", "en": "Rank change"},
    "report.col.segment": {"zh-Hans": "分层", "zh-Hant": "分層", "en": "Segment"},
    "report.col.customers": {"zh-Hans": "人数", "zh-Hant": "人數", "en": "Customers"},
    "report.col.gmv_share": {"zh-Hans": "GMV 占比", "zh-Hant": "GMV 佔比", "en": "GMV share"},
    "report.week": {
        "zh-Hans": "周报周次（任选该周一天）",
        "zh-Hant": "週報週次（任選該週一天）",
        "en": "Report week (any day of it)",
    },
    "report.download": {
        "zh-Hans": "下载每周数据复盘（HTML）",
        "zh-Hant": "下載每週數據複盤（HTML）",
        "en": "Download the weekly review (HTML)",
    },
    "cli.report_written": {
        "zh-Hans": "周报已写入 {path}（{start} 至 {end}）",
        "zh-Hant": "週報已寫入 {path}（{start} 至 {end}）",
        "en": "Report written to {path} ({start} to {end})",
    },
}
