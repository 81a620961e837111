"""Words of the SQL explorer page (`pages/sql.py`, `siyu.explorer`)."""

TEXT = {
    "nav.sql": {"zh-Hans": "SQL 查询", "zh-Hant": "SQL 查詢", "en": "SQL explorer"},
    "explorer.editors_only": {
        "zh-Hans": "SQL 查询仅对编辑者开放。如需使用，请联系管理员为你开通编辑权限。",
        "zh-Hant": "SQL 查詢僅對編輯者開放。如需使用，請聯絡管理員為你開通編輯權限。",
        "en": "The SQL explorer is for editors only. Ask an administrator for editor access.",
    },
    "explorer.intro": {
        "zh-Hans": "对当前数据集（{dataset}，第 {version} 版）运行一条只读 DuckDB SQL 查询。"
        "每条查询最长 {seconds} 秒、最多用 {memory} MB 内存，最多返回 {rows} 行、{mb} MB；"
        "不能访问文件、网络、设置或其他数据集。",
        "zh-Hant": "對目前資料集（{dataset}，第 {version} 版）執行一條唯讀 DuckDB SQL 查詢。"
        "每條查詢最長 {seconds} 秒、最多用 {memory} MB 記憶體，最多傳回 {rows} 列、{mb} MB；"
        "不能存取檔案、網路、設定或其他資料集。",
        "en": "Run one read-only DuckDB SQL query on the current dataset ({dataset}, version "
        "{version}). Each query gets at most {seconds} s and {memory} MB of memory, and returns "
        "at most {rows} rows and {mb} MB; no access to files, the network, settings or other "
        "datasets.",
    },
    "explorer.schema": {"zh-Hans": "表和字段", "zh-Hant": "表和欄位", "en": "Tables and columns"},
    "explorer.schema.missing": {
        "zh-Hans": "未上传（空表）",
        "zh-Hant": "未上傳（空表）",
        "en": "not uploaded (empty)",
    },
    "explorer.schema.masked": {
        "zh-Hans": "昵称（`nickname`）和手机号（`phone`）已脱敏。付款订单：`status = 'paid'` 且 "
        "`amount > 0`。时间为北京时间，按天统计用 `cast(ordered_at as date)`。",
        "zh-Hant": "暱稱（`nickname`）和手機號（`phone`）已去識別化。付款訂單：`status = 'paid'` 且 "
        "`amount > 0`。時間為北京時間，按天統計用 `cast(ordered_at as date)`。",
        "en": "Nicknames and phones are masked. A paid order has status paid and amount > 0. "
        "Times are Beijing wall time; a day is cast(ordered_at as date).",
    },
    "explorer.col_column": {"zh-Hans": "字段", "zh-Hant": "欄位", "en": "Column"},
    "explorer.col_type": {"zh-Hans": "类型", "zh-Hant": "類型", "en": "Type"},
    "explorer.examples": {
        "zh-Hans": "示例查询（点击载入编辑框）",
        "zh-Hant": "範例查詢（點擊載入編輯框）",
        "en": "Example queries (click to load)",
    },
    "explorer.example.gmv_by_day": {
        "zh-Hans": "每日 GMV",
        "zh-Hant": "每日 GMV",
        "en": "GMV by day",
    },
    "explorer.example.top_buyers": {
        "zh-Hans": "消费前 20 名买家",
        "zh-Hant": "消費前 20 名買家",
        "en": "Top 20 buyers",
    },
    "explorer.example.members_by_channel": {
        "zh-Hans": "渠道新增会员",
        "zh-Hant": "渠道新增會員",
        "en": "Members by channel",
    },
    "explorer.example.group_activity": {
        "zh-Hans": "各社群互动",
        "zh-Hant": "各社群互動",
        "en": "Activity per group",
    },
    "explorer.example.describe_orders": {
        "zh-Hans": "订单表结构",
        "zh-Hant": "訂單表結構",
        "en": "Describe orders",
    },
    "explorer.sql": {"zh-Hans": "SQL", "zh-Hant": "SQL", "en": "SQL"},
    "explorer.placeholder": {
        "zh-Hans": "select * from orders limit 10",
        "zh-Hant": "select * from orders limit 10",
        "en": "select * from orders limit 10",
    },
    "explorer.run": {"zh-Hans": "运行", "zh-Hant": "執行", "en": "Run"},
    "explorer.rows": {
        "zh-Hans": "{rows} 行 · 用时 {seconds} 秒",
        "zh-Hant": "{rows} 列 · 用時 {seconds} 秒",
        "en": "{rows} rows · {seconds} s",
    },
    "explorer.truncated": {
        "zh-Hans": "结果超过 {rows} 行，只显示和下载前 {rows} 行。可以用 where、group by 或 limit 缩小结果。",
        "zh-Hant": "結果超過 {rows} 列，只顯示和下載前 {rows} 列。可以用 where、group by 或 limit 縮小結果。",
        "en": "The result has more than {rows} rows; only the first {rows} are shown and "
        "downloadable. Narrow it with where, group by or limit.",
    },
    "explorer.truncated_bytes": {
        "zh-Hans": "结果超过 {mb} MB，只显示和下载前 {rows} 行。请少选几列或缩小结果。",
        "zh-Hant": "結果超過 {mb} MB，只顯示和下載前 {rows} 列。請少選幾欄或縮小結果。",
        "en": "The result is larger than {mb} MB; only its first {rows} rows are shown and "
        "downloadable. Select fewer columns or narrow it.",
    },
    # -- refusals: statements that are not a single read -----------------------------------
    "explorer.refused.empty": {
        "zh-Hans": "请输入一条 SQL 查询。",
        "zh-Hant": "請輸入一條 SQL 查詢。",
        "en": "Type an SQL query first.",
    },
    "explorer.refused.multiple": {
        "zh-Hans": "一次只能运行一条语句，这里有 {count} 条。请删掉多余的语句（以分号分隔）。",
        "zh-Hant": "一次只能執行一條語句，這裡有 {count} 條。請刪掉多餘的語句（以分號分隔）。",
        "en": "Only one statement can run at a time; this has {count}. Remove the others "
        "(they are separated by semicolons).",
    },
    "explorer.refused.statement": {
        "zh-Hans": "已拒绝：这里只能运行只读查询（SELECT、WITH、VALUES、DESCRIBE、SHOW、SUMMARIZE、"
        "EXPLAIN），不能运行 {kind} 语句，数据不会被修改。",
        "zh-Hant": "已拒絕：這裡只能執行唯讀查詢（SELECT、WITH、VALUES、DESCRIBE、SHOW、SUMMARIZE、"
        "EXPLAIN），不能執行 {kind} 語句，資料不會被修改。",
        "en": "Refused: only read-only queries can run here (SELECT, WITH, VALUES, DESCRIBE, "
        "SHOW, SUMMARIZE, EXPLAIN), not a {kind} statement; the data cannot be changed.",
    },
    "explorer.refused.unknown": {
        "zh-Hans": "已拒绝：这里只能运行只读查询（SELECT、WITH、VALUES、DESCRIBE、SHOW、SUMMARIZE、"
        "EXPLAIN）。",
        "zh-Hant": "已拒絕：這裡只能執行唯讀查詢（SELECT、WITH、VALUES、DESCRIBE、SHOW、SUMMARIZE、"
        "EXPLAIN）。",
        "en": "Refused: only read-only queries can run here (SELECT, WITH, VALUES, DESCRIBE, "
        "SHOW, SUMMARIZE, EXPLAIN).",
    },
    "explorer.refused.copy": {
        "zh-Hans": "已拒绝：不能写入或导出文件（{kind}）。查询结果可用表格下方的按钮下载为 CSV 或 Excel。",
        "zh-Hant": "已拒絕：不能寫入或匯出檔案（{kind}）。查詢結果可用表格下方的按鈕下載為 CSV 或 Excel。",
        "en": "Refused: queries cannot write or export files ({kind}). A query's result "
        "can be downloaded as CSV or Excel with the buttons below its table.",
    },
    "explorer.refused.attach": {
        "zh-Hans": "已拒绝：不能连接其他数据库或数据集（{kind}），只能查询当前数据集的表。",
        "zh-Hant": "已拒絕：不能連接其他資料庫或資料集（{kind}），只能查詢目前資料集的表。",
        "en": "Refused: queries cannot attach other databases or datasets ({kind}); only the "
        "current dataset's tables can be queried.",
    },
    "explorer.refused.settings": {
        "zh-Hans": "已拒绝：不能修改数据库设置（{kind}）。",
        "zh-Hant": "已拒絕：不能修改資料庫設定（{kind}）。",
        "en": "Refused: queries cannot change database settings ({kind}).",
    },
    "explorer.refused.extensions": {
        "zh-Hans": "已拒绝：不能安装或加载扩展（INSTALL / LOAD）。",
        "zh-Hant": "已拒絕：不能安裝或載入擴充功能（INSTALL / LOAD）。",
        "en": "Refused: queries cannot install or load extensions (INSTALL / LOAD).",
    },
    "explorer.refused.files": {
        "zh-Hans": "已拒绝：不能访问文件、网络或其他数据集，只能查询当前数据集的表"
        "（orders、members、activity、groups、group_daily）。",
        "zh-Hant": "已拒絕：不能存取檔案、網路或其他資料集，只能查詢目前資料集的表"
        "（orders、members、activity、groups、group_daily）。",
        "en": "Refused: queries cannot read files, the network or other datasets; query the "
        "current dataset's tables (orders, members, activity, groups, group_daily).",
    },
    # -- errors: a read statement that failed ----------------------------------------------
    "explorer.error.syntax": {
        "zh-Hans": "SQL 语法错误，请检查下面标出的位置：",
        "zh-Hant": "SQL 語法錯誤，請檢查下面標出的位置：",
        "en": "SQL syntax error; check the place marked below:",
    },
    "explorer.error.names": {
        "zh-Hans": "找不到表、字段或函数，请对照「表和字段」：",
        "zh-Hant": "找不到表、欄位或函式，請對照「表和欄位」：",
        "en": "A table, column or function is unknown; compare with “Tables and columns”:",
    },
    "explorer.error.query": {
        "zh-Hans": "查询失败：",
        "zh-Hant": "查詢失敗：",
        "en": "The query failed:",
    },
    "explorer.error.timeout": {
        "zh-Hans": "查询超过 {seconds} 秒，已停止。请缩小范围（加 where 条件、去掉笛卡尔积）后再试。",
        "zh-Hant": "查詢超過 {seconds} 秒，已停止。請縮小範圍（加 where 條件、去掉笛卡兒積）後再試。",
        "en": "The query ran longer than {seconds} s and was stopped. Narrow it (add where "
        "conditions, avoid cross joins) and try again.",
    },
    "explorer.error.memory": {
        "zh-Hans": "查询所需内存超过 {mb} MB 的上限，已停止。请先聚合或缩小范围。",
        "zh-Hant": "查詢所需記憶體超過 {mb} MB 的上限，已停止。請先彙總或縮小範圍。",
        "en": "The query needed more than {mb} MB of memory, the limit, and was stopped. "
        "Aggregate or narrow it first.",
    },
    "explorer.error.busy": {
        "zh-Hans": "其他查询正在运行，请稍后再试。",
        "zh-Hant": "其他查詢正在執行，請稍後再試。",
        "en": "Other queries are running; try again in a moment.",
    },
    "explorer.error.crashed": {
        "zh-Hans": "查询意外中止（其他用户不受影响）。请简化查询后再试。",
        "zh-Hant": "查詢意外中止（其他使用者不受影響）。請簡化查詢後再試。",
        "en": "The query stopped unexpectedly (nobody else was affected). Simplify it and try "
        "again.",
    },
}
