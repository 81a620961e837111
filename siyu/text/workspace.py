"""Messages of the workspace: dataset names, history, restore, delete."""

TEXT = {
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
