"""Messages of the command line."""

TEXT = {
    "cli.bad_map": {
        "zh-Hans": "--map {value} 看不懂：请写成 表头=字段，字段是 {columns} 之一。",
        "zh-Hant": "--map {value} 看不懂：請寫成 表頭=欄位，欄位是 {columns} 之一。",
        "en": "--map {value} is not understood: write HEADER=COLUMN, the column one of {columns}.",
    },
    "cli.sample_written": {
        "zh-Hans": "已写入 {path}（{orders} 个订单，{lines} 行商品）",
        "zh-Hant": "已寫入 {path}（{orders} 個訂單，{lines} 列商品）",
        "en": "Wrote {path} ({orders} orders, {lines} item rows)",
    },
    "cli.bad_date": {
        "zh-Hans": "日期「{value}」格式不对，请写成 YYYY-MM-DD。",
        "zh-Hant": "日期「{value}」格式不對，請寫成 YYYY-MM-DD。",
        "en": "Date “{value}” is not valid; write it as YYYY-MM-DD.",
    },
    "cli.no_file": {
        "zh-Hans": "找不到文件：{path}",
        "zh-Hant": "找不到檔案：{path}",
        "en": "File not found: {path}",
    },
    "cli.replace_and_append": {
        "zh-Hans": "--replace 与 --append 只能选一个。",
        "zh-Hant": "--replace 與 --append 只能選一個。",
        "en": "Use either --replace or --append, not both.",
    },
    "cli.imported": {
        "zh-Hans": "{file}：{table} 表，接受 {accepted} 行，拒绝 {rejected} 行",
        "zh-Hant": "{file}：{table} 表，接受 {accepted} 列，拒絕 {rejected} 列",
        "en": "{file}: {table} table, {accepted} rows accepted, {rejected} rejected",
    },
    "cli.version": {
        "zh-Hans": "数据集「{dataset}」已保存为版本 {version}",
        "zh-Hant": "資料集「{dataset}」已儲存為版本 {version}",
        "en": "Dataset “{dataset}” saved as version {version}",
    },
    "cli.restored": {
        "zh-Hans": "数据集「{dataset}」已恢复到版本 {version}（新版本 {new}）",
        "zh-Hant": "資料集「{dataset}」已還原到版本 {version}（新版本 {new}）",
        "en": "Dataset “{dataset}” restored to version {version} (new version {new})",
    },
    "cli.deleted": {
        "zh-Hans": "数据集「{dataset}」已删除",
        "zh-Hant": "資料集「{dataset}」已刪除",
        "en": "Dataset “{dataset}” deleted",
    },
    "cli.demo_ready": {
        "zh-Hans": "演示数据已导入为数据集「{dataset}」",
        "zh-Hant": "示範資料已匯入為資料集「{dataset}」",
        "en": "Demo data imported as dataset “{dataset}”",
    },
    "cli.demo_skipped": {
        "zh-Hans": "工作区已有数据集，未导入演示数据",
        "zh-Hant": "工作區已有資料集，未匯入示範資料",
        "en": "The workspace already has datasets; demo data not imported",
    },
    "cli.bad_set": {
        "zh-Hans": "选项「{value}」无效，请写成 名称=值。",
        "zh-Hant": "選項「{value}」無效，請寫成 名稱=值。",
        "en": "Option “{value}” is not valid; write it as name=value.",
    },
    "cli.needs_dataset": {
        "zh-Hans": "请用 --dataset 指定数据集（或用 --events 给出事件日志）。",
        "zh-Hant": "請用 --dataset 指定資料集（或用 --events 給出事件日誌）。",
        "en": "Name a dataset with --dataset (or give an event log with --events).",
    },
    "cli.bad_option": {
        "zh-Hans": "选项「{value}」无法使用：{reason}",
        "zh-Hant": "選項「{value}」無法使用：{reason}",
        "en": "Options “{value}” cannot be used: {reason}",
    },
    "cli.no_metric": {
        "zh-Hans": "没有指标「{name}」。可用：{names}",
        "zh-Hant": "沒有指標「{name}」。可用：{names}",
        "en": "No metric “{name}”. Available: {names}",
    },
    "cli.unknown_option": {
        "zh-Hans": "指标 {metric} 没有选项 {names}（可用：{known}）",
        "zh-Hant": "指標 {metric} 沒有選項 {names}（可用：{known}）",
        "en": "{metric}: unknown options {names}; known: {known}",
    },
    "cli.bad_value": {
        "zh-Hans": "{option} 的值「{value}」无效，应为 {expected}",
        "zh-Hant": "{option} 的值「{value}」無效，應為 {expected}",
        "en": "{option} cannot be “{value}”; it takes {expected}",
    },
    "cli.needs_table": {
        "zh-Hans": "数据集「{dataset}」缺少 {table} 表：请先导入 {table} 文件。",
        "zh-Hant": "資料集「{dataset}」缺少 {table} 表：請先匯入 {table} 檔案。",
        "en": "Dataset “{dataset}” has no {table} table: import a {table} file first.",
    },
    "cli.no_period": {
        "zh-Hans": "数据集中没有可用日期，请用 --start 和 --end 指定期间。",
        "zh-Hant": "資料集中沒有可用日期，請用 --start 和 --end 指定期間。",
        "en": "The dataset has no dates; give the period with --start and --end.",
    },
    "cli.start_after_end": {
        "zh-Hans": "开始日期 {start} 晚于结束日期 {end}。",
        "zh-Hant": "開始日期 {start} 晚於結束日期 {end}。",
        "en": "Start date {start} is after end date {end}.",
    },
    "cli.interrupted": {"zh-Hans": "已中断。", "zh-Hant": "已中斷。", "en": "Interrupted."},
    "cli.internal": {
        "zh-Hans": "内部错误：{error}",
        "zh-Hant": "內部錯誤：{error}",
        "en": "Internal error: {error}",
    },
    "cli.passcode_prompt": {
        "zh-Hans": "团队口令：",
        "zh-Hant": "團隊口令：",
        "en": "Team passcode: ",
    },
    "cli.passcode_again": {
        "zh-Hans": "再输入一次：",
        "zh-Hant": "再輸入一次：",
        "en": "Once more: ",
    },
    "cli.passcode_mismatch": {
        "zh-Hans": "两次输入的口令不一致。",
        "zh-Hant": "兩次輸入的口令不一致。",
        "en": "The two passcodes differ.",
    },
    "cli.passcode_short": {
        "zh-Hans": "口令至少要 8 个字符。",
        "zh-Hant": "口令至少要 8 個字元。",
        "en": "A passcode needs at least 8 characters.",
    },
    "cli.space_set": {
        "zh-Hans": "数据集「{dataset}」现属于空间「{space}」",
        "zh-Hant": "資料集「{dataset}」現屬於空間「{space}」",
        "en": "Dataset “{dataset}” is now in space “{space}”",
    },
    "cli.written": {
        "zh-Hans": "已写入 {path}（{rows} 行）",
        "zh-Hant": "已寫入 {path}（{rows} 列）",
        "en": "Wrote {path} ({rows} rows)",
    },
    "cli.bad_out": {
        "zh-Hans": "无法写入 {path}：文件名须以 .csv 或 .xlsx 结尾。",
        "zh-Hant": "無法寫入 {path}：檔名須以 .csv 或 .xlsx 結尾。",
        "en": "Cannot write {path}: the file name must end in .csv or .xlsx.",
    },
}
