"""Messages of the workspace: dataset names, history, restore, delete."""

TEXT = {
    "ws.disk_full": {
        "zh-Hans": "磁盘空间不足，本次导入没有保存；之前的数据完好无损。请清理空间后重试。",
        "zh-Hant": "磁碟空間不足，本次匯入沒有儲存；先前的資料完好無損。請清理空間後重試。",
        "en": "The disk is full: this import was not saved and the previous data is intact. "
        "Free some space and try again.",
    },
    "ws.damaged": {
        "zh-Hans": "数据集「{dataset}」版本 {version} 的文件已损坏（校验和不符），且没有完好的早期版本。",
        "zh-Hant": "資料集「{dataset}」版本 {version} 的檔案已損壞（校驗和不符），且沒有完好的早期版本。",
        "en": "The files of version {version} of “{dataset}” are damaged (checksum mismatch) "
        "and no earlier version is intact.",
    },
    "ws.damaged_served": {
        "zh-Hans": "数据集「{dataset}」当前版本 {damaged} 的文件已损坏（校验和不符），"
        "现显示最近完好的版本 {served}。请重新导入或在「数据」页恢复。",
        "zh-Hant": "資料集「{dataset}」目前版本 {damaged} 的檔案已損壞（校驗和不符），"
        "現顯示最近完好的版本 {served}。請重新匯入或在「資料」頁還原。",
        "en": "The files of the current version {damaged} of “{dataset}” are damaged (checksum "
        "mismatch); showing the last intact version {served}. Import again or restore on the "
        "Data page.",
    },
    "ws.no_dataset": {
        "zh-Hans": "没有名为「{dataset}」的数据集。",
        "zh-Hant": "沒有名為「{dataset}」的資料集。",
        "en": "There is no dataset named “{dataset}”.",
    },
    "ws.no_version": {
        "zh-Hans": "数据集「{dataset}」没有版本 {version}。",
        "zh-Hant": "資料集「{dataset}」沒有版本 {version}。",
        "en": "Dataset “{dataset}” has no version {version}.",
    },
    "ws.version_gone": {
        "zh-Hans": "数据集「{dataset}」版本 {version} 的文件已不存在，无法恢复。",
        "zh-Hant": "資料集「{dataset}」版本 {version} 的檔案已不存在，無法還原。",
        "en": "The files of version {version} of “{dataset}” are gone; it cannot be restored.",
    },
    "ws.exists": {
        "zh-Hans": "已有名为「{dataset}」的数据集，请换一个名称，或选择替换/追加。",
        "zh-Hant": "已有名為「{dataset}」的資料集，請換一個名稱，或選擇取代/附加。",
        "en": "A dataset named “{dataset}” already exists: pick another name, or replace / append.",
    },
    "ws.table_exists": {
        "zh-Hans": "数据集「{dataset}」已有{table}表：请选择替换或追加。",
        "zh-Hant": "資料集「{dataset}」已有{table}表：請選擇取代或附加。",
        "en": "Dataset “{dataset}” already has a {table} table: choose replace or append.",
    },
    "ws.bad_table": {
        "zh-Hans": "未知的表类型：{table}。",
        "zh-Hant": "未知的表類型：{table}。",
        "en": "Unknown table kind: {table}.",
    },
    "ws.nothing_to_publish": {
        "zh-Hans": "没有可保存的数据。",
        "zh-Hant": "沒有可儲存的資料。",
        "en": "There is nothing to save.",
    },
    "ws.bad_name": {
        "zh-Hans": "数据集名称不能为空，最长 80 个字符，且不能包含控制字符。",
        "zh-Hant": "資料集名稱不能為空，最長 80 個字元，且不能包含控制字元。",
        "en": "A dataset name must not be empty, at most 80 characters, without control characters.",
    },
    "ws.busy": {
        "zh-Hans": "另一个导入正在进行，请稍后再试。",
        "zh-Hant": "另一個匯入正在進行，請稍後再試。",
        "en": "Another import is running; please try again in a moment.",
    },
}
