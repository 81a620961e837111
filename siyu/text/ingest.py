"""Import messages: refusals of a whole file, reasons for rejected rows, limits, column labels."""

TEXT = {
    # Limits, stated before the upload.
    "ingest.limits": {
        "zh-Hans": "支持 CSV、TSV、XLSX 文件（CSV 可用 .gz 压缩），单个文件不超过 {max_mb} MB、"
        "{max_rows} 行，解压后不超过 {unpacked_mb} MB；每行不超过 {line_kb} K 字符，"
        "每个单元格不超过 {cell_kb} K 字符。",
        "zh-Hant": "支援 CSV、TSV、XLSX 檔案（CSV 可用 .gz 壓縮），單一檔案不超過 {max_mb} MB、"
        "{max_rows} 列，解壓後不超過 {unpacked_mb} MB；每列不超過 {line_kb} K 字元，"
        "每個儲存格不超過 {cell_kb} K 字元。",
        "en": "CSV, TSV and XLSX files (CSV may be .gz compressed) up to {max_mb} MB and "
        "{max_rows} rows each, at most {unpacked_mb} MB once unpacked; a line holds at most "
        "{line_kb} K characters, a cell at most {cell_kb} K.",
    },
    "ingest.row_message": {
        "zh-Hans": "第 {line} 行：{reason}",
        "zh-Hant": "第 {line} 列：{reason}",
        "en": "Line {line}: {reason}",
    },
    # Columns of the rejected-rows table.
    "ingest.col.line": {"zh-Hans": "行号", "zh-Hant": "列號", "en": "Line"},
    "ingest.col.column": {"zh-Hans": "列", "zh-Hant": "欄位", "en": "Column"},
    "ingest.col.value": {"zh-Hans": "原始值", "zh-Hant": "原始值", "en": "Value"},
    "ingest.col.reason": {"zh-Hans": "原因", "zh-Hant": "原因", "en": "Reason"},
    # The whole file is refused.
    "ingest.refused.empty_file": {
        "zh-Hans": "文件是空的，没有可导入的内容。",
        "zh-Hant": "檔案是空的，沒有可匯入的內容。",
        "en": "The file is empty: there is nothing to import.",
    },
    "ingest.refused.too_large": {
        "zh-Hans": "文件大小 {size_mb} MB，超过上限 {max_mb} MB。请按时间拆分成几个文件再导入。",
        "zh-Hant": "檔案大小 {size_mb} MB，超過上限 {max_mb} MB。請按時間拆分成幾個檔案再匯入。",
        "en": "The file is {size_mb} MB, over the {max_mb} MB limit. "
        "Split it by date into smaller files and import them one by one.",
    },
    "ingest.refused.too_big_unpacked": {
        "zh-Hans": "文件解压后超过 {max_mb} MB 的上限（压缩文件或 XLSX 工作簿），已拒绝。"
        "请按时间拆分成几个文件再导入。",
        "zh-Hant": "檔案解壓後超過 {max_mb} MB 的上限（壓縮檔或 XLSX 活頁簿），已拒絕。"
        "請按時間拆分成幾個檔案再匯入。",
        "en": "The file unpacks to more than {max_mb} MB (a compressed file or an XLSX "
        "workbook), the limit, and was refused. Split it by date into smaller files.",
    },
    "ingest.refused.xml_too_long": {
        "zh-Hans": "工作簿里有一个单元格超过 {max_kb} KB，已拒绝整个文件。请检查导出是否正确。",
        "zh-Hant": "活頁簿裡有一個儲存格超過 {max_kb} KB，已拒絕整個檔案。請檢查匯出是否正確。",
        "en": "A cell of the workbook is longer than {max_kb} KB, so the whole file was "
        "refused. Check that the export is right.",
    },
    "ingest.refused.too_many_rows": {
        "zh-Hans": "文件超过 {max_rows} 行的上限。请按时间拆分成几个文件再导入。",
        "zh-Hant": "檔案超過 {max_rows} 列的上限。請按時間拆分成幾個檔案再匯入。",
        "en": "The file has more than {max_rows} rows, the limit. "
        "Split it by date into smaller files and import them one by one.",
    },
    "ingest.refused.too_many_columns": {
        "zh-Hans": "文件有 {count} 列，超过上限 {max} 列，不像是一份导出的表格。",
        "zh-Hant": "檔案有 {count} 欄，超過上限 {max} 欄，不像是一份匯出的表格。",
        "en": "The file has {count} columns, more than the {max} allowed; "
        "it does not look like an exported table.",
    },
    "ingest.refused.binary": {
        "zh-Hans": "这不是表格文件（CSV、TSV 或 XLSX），可能是图片、压缩包或其他格式。请从后台重新导出表格。",
        "zh-Hant": "這不是表格檔案（CSV、TSV 或 XLSX），可能是圖片、壓縮檔或其他格式。請從後台重新匯出表格。",
        "en": "This is not a table (CSV, TSV or XLSX); it looks like an image, an archive or "
        "another format. Export the table again from the platform.",
    },
    "ingest.refused.old_xls": {
        "zh-Hans": "这是旧版 Excel（.xls）文件，暂不支持。请在 Excel 中另存为 .xlsx 或 CSV 后再导入。",
        "zh-Hant": "這是舊版 Excel（.xls）檔案，暫不支援。請在 Excel 中另存為 .xlsx 或 CSV 後再匯入。",
        "en": "This is an old Excel file (.xls), which is not supported. "
        "Save it as .xlsx or CSV in Excel and import that.",
    },
    "ingest.refused.corrupt_xlsx": {
        "zh-Hans": "这个 Excel 文件已损坏，无法打开。请重新导出或在 Excel 中另存一份再导入。",
        "zh-Hant": "這個 Excel 檔案已損壞，無法開啟。請重新匯出或在 Excel 中另存一份再匯入。",
        "en": "This Excel file is damaged and cannot be opened. "
        "Export it again, or save a copy in Excel, and import that.",
    },
    "ingest.refused.no_sheets": {
        "zh-Hans": "这个 Excel 文件里没有工作表。",
        "zh-Hant": "這個 Excel 檔案裡沒有工作表。",
        "en": "This Excel file has no worksheet.",
    },
    "ingest.refused.sheet_not_found": {
        "zh-Hans": "找不到工作表「{sheet}」。",
        "zh-Hant": "找不到工作表「{sheet}」。",
        "en": "There is no worksheet named “{sheet}”.",
    },
    "ingest.refused.no_header": {
        "zh-Hans": "找不到表头：文件里没有一行像是列名（至少两列文字）。请确认导出的是明细表格。",
        "zh-Hant": "找不到表頭：檔案裡沒有一列像是欄位名稱（至少兩欄文字）。請確認匯出的是明細表格。",
        "en": "No header row found: no line looks like column names (at least two text "
        "columns). Make sure the export is a detail table.",
    },
    "ingest.refused.bad_header_row": {
        "zh-Hans": "指定的表头行（第 {line} 行）不存在或是空行。",
        "zh-Hant": "指定的表頭列（第 {line} 列）不存在或是空白列。",
        "en": "The chosen header row (line {line}) does not exist or is empty.",
    },
    "ingest.refused.header_only": {
        "zh-Hans": "文件只有表头，没有数据行。",
        "zh-Hant": "檔案只有表頭，沒有資料列。",
        "en": "The file has a header but no data rows.",
    },
    "ingest.refused.missing_columns": {
        "zh-Hans": "缺少必需的列：{columns}。请在列对应中为它们选择文件里的列。",
        "zh-Hant": "缺少必要的欄位：{columns}。請在欄位對應中為它們選擇檔案裡的欄位。",
        "en": "Required columns are missing: {columns}. "
        "Choose a column of the file for each of them in the column mapping.",
    },
    "ingest.refused.all_rejected": {
        "zh-Hans": "没有可导入的行：全部 {count} 行都有问题。最常见的问题（{top_count} 行，例如第 {line} 行）：{reason}",
        "zh-Hant": "沒有可匯入的列：全部 {count} 列都有問題。最常見的問題（{top_count} 列，例如第 {line} 列）：{reason}",
        "en": "No row can be imported: all {count} rows have problems. Most common "
        "({top_count} rows, e.g. line {line}): {reason}",
    },
    "ingest.refused.unknown_kind": {
        "zh-Hans": "未知的数据表类型「{kind}」。",
        "zh-Hant": "未知的資料表類型「{kind}」。",
        "en": "Unknown table type “{kind}”.",
    },
    "ingest.refused.bad_mapping": {
        "zh-Hans": "列对应有误：「{column}」对应的列「{header}」不在文件里。请重新选择。",
        "zh-Hant": "欄位對應有誤：「{column}」對應的欄位「{header}」不在檔案裡。請重新選擇。",
        "en": "The column mapping is wrong: “{header}”, chosen for {column}, "
        "is not a column of the file. Choose again.",
    },
    "ingest.refused.unknown_encoding": {
        "zh-Hans": "不认识的文字编码「{encoding}」。可选：UTF-8、GB18030、Big5、UTF-16。",
        "zh-Hant": "不認識的文字編碼「{encoding}」。可選：UTF-8、GB18030、Big5、UTF-16。",
        "en": "Unknown text encoding “{encoding}”. Choose UTF-8, GB18030, Big5 or UTF-16.",
    },
    "ingest.refused.disk_full": {
        "zh-Hans": "磁盘空间不足，文件没有导入；已保存的数据没有任何改动。请清理空间后重试。",
        "zh-Hant": "磁碟空間不足，檔案沒有匯入；已儲存的資料沒有任何變動。請清理空間後重試。",
        "en": "The disk is full: the file was not imported and nothing saved has changed. "
        "Free some space and try again.",
    },
    "ingest.refused.unreadable": {
        "zh-Hans": "无法读取这个文件。请确认它是从后台导出的 CSV 或 XLSX 表格。",
        "zh-Hant": "無法讀取這個檔案。請確認它是從後台匯出的 CSV 或 XLSX 表格。",
        "en": "This file cannot be read. "
        "Make sure it is a CSV or XLSX table exported from the platform.",
    },
    # One row is rejected; the line number is shown beside the reason.
    "ingest.reason.required_missing": {
        "zh-Hans": "{column}为空，这一列必须填写",
        "zh-Hant": "{column}為空，這一欄必須填寫",
        "en": "{column} is empty; it is required",
    },
    "ingest.reason.bad_date": {
        "zh-Hans": "{column}「{value}」无法识别为日期",
        "zh-Hant": "{column}「{value}」無法識別為日期",
        "en": "{column} “{value}” is not a date",
    },
    "ingest.reason.bad_number": {
        "zh-Hans": "{column}「{value}」无法识别为金额",
        "zh-Hant": "{column}「{value}」無法識別為金額",
        "en": "{column} “{value}” is not an amount",
    },
    "ingest.reason.bad_integer": {
        "zh-Hans": "{column}「{value}」不是整数",
        "zh-Hant": "{column}「{value}」不是整數",
        "en": "{column} “{value}” is not a whole number",
    },
    "ingest.reason.negative": {
        "zh-Hans": "{column}「{value}」是负数，不能小于 0",
        "zh-Hant": "{column}「{value}」是負數，不能小於 0",
        "en": "{column} “{value}” is negative; it cannot be below 0",
    },
    "ingest.reason.unknown_status": {
        "zh-Hans": "{column}「{value}」不是已知的订单状态（如 已付款、已完成、已退款、已关闭）",
        "zh-Hant": "{column}「{value}」不是已知的訂單狀態（如 已付款、已完成、已退款、已關閉）",
        "en": "{column} “{value}” is not a known order status "
        "(such as paid, completed, refunded, closed)",
    },
    "ingest.reason.duplicate": {
        "zh-Hans": "{column}「{value}」重复，已保留第 {first_line} 行",
        "zh-Hant": "{column}「{value}」重複，已保留第 {first_line} 列",
        "en": "{column} “{value}” is a duplicate; line {first_line} was kept",
    },
    "ingest.reason.too_many_fields": {
        "zh-Hans": "这一行有 {found} 个字段，比表头的 {expected} 列多，数据可能错位",
        "zh-Hant": "這一列有 {found} 個欄位，比表頭的 {expected} 欄多，資料可能錯位",
        "en": "this line has {found} fields, more than the {expected} columns of the header; "
        "its values may be shifted",
    },
    "ingest.reason.too_few_fields": {
        "zh-Hans": "这一行只有 {found} 个字段，比表头的 {expected} 列少，数据可能错位",
        "zh-Hant": "這一列只有 {found} 個欄位，比表頭的 {expected} 欄少，資料可能錯位",
        "en": "this line has only {found} fields, fewer than the {expected} columns of the "
        "header; its values may be shifted",
    },
    "ingest.reason.field_too_long": {
        "zh-Hans": "有一个单元格超过 {max_kb} KB，太长了",
        "zh-Hant": "有一個儲存格超過 {max_kb} KB，太長了",
        "en": "a cell is longer than {max_kb} KB",
    },
    "ingest.reason.line_too_long": {
        "zh-Hans": "这一行超过 {max_kb} KB，太长了",
        "zh-Hant": "這一列超過 {max_kb} KB，太長了",
        "en": "this line is longer than {max_kb} KB",
    },
    "ingest.reason.unclosed_quote": {
        "zh-Hans": '这一行的引号（"）没有闭合',
        "zh-Hant": '這一列的引號（"）沒有閉合',
        "en": 'a quote (") in this line is never closed',
    },
    "ingest.reason.undecodable": {
        "zh-Hans": "这一行含有无法按 {encoding} 编码识别的文字（文件可能混用了多种编码）",
        "zh-Hant": "這一列含有無法按 {encoding} 編碼識別的文字（檔案可能混用了多種編碼）",
        "en": "this line holds characters that are not valid {encoding} "
        "(the file may mix encodings)",
    },
    "ingest.reason.malformed_row": {
        "zh-Hans": "这一行格式有误，无法拆分成列",
        "zh-Hant": "這一列格式有誤，無法拆分成欄位",
        "en": "this line is malformed and cannot be split into columns",
    },
    # Canonical columns, as the messages name them.
    "ingest.column.order_id": {"zh-Hans": "订单号", "zh-Hant": "訂單編號", "en": "Order ID"},
    "ingest.column.user_id": {"zh-Hans": "用户ID", "zh-Hant": "用戶ID", "en": "User ID"},
    "ingest.column.ordered_at": {"zh-Hans": "下单时间", "zh-Hant": "下單時間", "en": "Order time"},
    "ingest.column.amount": {"zh-Hans": "实付金额", "zh-Hant": "實付金額", "en": "Amount paid"},
    "ingest.column.status": {"zh-Hans": "订单状态", "zh-Hant": "訂單狀態", "en": "Status"},
    "ingest.column.quantity": {"zh-Hans": "数量", "zh-Hant": "數量", "en": "Quantity"},
    "ingest.column.product": {"zh-Hans": "商品", "zh-Hant": "商品", "en": "Product"},
    "ingest.column.group_id": {"zh-Hans": "群ID", "zh-Hant": "群組ID", "en": "Group ID"},
    "ingest.column.campaign": {"zh-Hans": "活动", "zh-Hant": "活動", "en": "Campaign"},
    "ingest.column.discount": {"zh-Hans": "优惠金额", "zh-Hant": "優惠金額", "en": "Discount"},
    "ingest.column.joined_at": {"zh-Hans": "入群时间", "zh-Hant": "入群時間", "en": "Joined at"},
    "ingest.column.channel": {"zh-Hans": "渠道", "zh-Hant": "管道", "en": "Channel"},
    "ingest.column.inviter_id": {"zh-Hans": "邀请人", "zh-Hant": "邀請人", "en": "Inviter"},
    "ingest.column.tier": {"zh-Hans": "会员等级", "zh-Hant": "會員等級", "en": "Tier"},
    "ingest.column.left_at": {"zh-Hans": "退群时间", "zh-Hant": "退群時間", "en": "Left at"},
    "ingest.column.tags": {"zh-Hans": "标签", "zh-Hant": "標籤", "en": "Tags"},
    "ingest.column.nickname": {"zh-Hans": "昵称", "zh-Hant": "暱稱", "en": "Nickname"},
    "ingest.column.phone": {
        "zh-Hans": "手机号（脱敏保存）",
        "zh-Hant": "手機號（遮罩保存）",
        "en": "Phone (stored masked)",
    },
    "ingest.column.at": {"zh-Hans": "时间", "zh-Hant": "時間", "en": "Time"},
    "ingest.column.kind": {"zh-Hans": "行为类型", "zh-Hant": "行為類型", "en": "Action"},
    "ingest.column.name": {"zh-Hans": "群名称", "zh-Hant": "群組名稱", "en": "Group name"},
    "ingest.column.owner": {"zh-Hans": "群主", "zh-Hant": "群主", "en": "Owner"},
    "ingest.column.created_at": {"zh-Hans": "创建时间", "zh-Hant": "建立時間", "en": "Created at"},
    "ingest.column.stat_date": {"zh-Hans": "统计日期", "zh-Hant": "統計日期", "en": "Date"},
    "ingest.column.member_total": {
        "zh-Hans": "群成员总数",
        "zh-Hant": "群成員總數",
        "en": "Members",
    },
    "ingest.column.new_members": {
        "zh-Hans": "新增人数",
        "zh-Hant": "新增人數",
        "en": "New members",
    },
    "ingest.column.quit_members": {
        "zh-Hans": "退群人数",
        "zh-Hant": "退群人數",
        "en": "Members left",
    },
    "ingest.column.speakers": {"zh-Hans": "发言人数", "zh-Hant": "發言人數", "en": "Speakers"},
    "ingest.column.messages": {"zh-Hans": "消息数", "zh-Hant": "訊息數", "en": "Messages"},
    "ingest.column.item_no": {"zh-Hans": "行号", "zh-Hant": "行號", "en": "Line number"},
    "ingest.column.sku": {"zh-Hans": "商品规格", "zh-Hant": "商品規格", "en": "Variant (SKU)"},
    "ingest.column.unit_price": {"zh-Hans": "商品单价", "zh-Hant": "商品單價", "en": "Unit price"},
    "ingest.column.line_amount": {
        "zh-Hans": "商品实付金额",
        "zh-Hant": "商品實付金額",
        "en": "Line amount paid",
    },
    "ingest.list_separator": {"zh-Hans": "、", "zh-Hant": "、", "en": ", "},
    # Platform presets, identity and personal data (issue 3).
    "ingest.refused.masked_phone_id": {
        "zh-Hans": "「{column}」里是打了星号的手机号（如 {example}），不能用来识别用户：同一个脱敏号码对应很多人，"
        "不同买家的订单会被算成一个人。请选择用户ID列，或改用昵称。",
        "zh-Hant": "「{column}」裡是打了星號的手機號（如 {example}），不能用來識別用戶：同一個遮罩號碼對應很多人，"
        "不同買家的訂單會被算成一個人。請選擇用戶ID欄，或改用暱稱。",
        "en": "“{column}” holds masked phone numbers (such as {example}), which cannot identify "
        "a person: one masked number stands for many people, so different buyers would be "
        "counted as one. Choose an id column, or the nickname.",
    },
    "ingest.refused.no_identity_key": {
        "zh-Hans": "手机号只能在工作区内作为用户ID（需要工作区的加密密钥）。请通过数据页面或命令行导入。",
        "zh-Hant": "手機號只能在工作區內作為用戶ID（需要工作區的加密金鑰）。請透過資料頁面或命令列匯入。",
        "en": "A phone number can only serve as a user id inside a workspace (it needs the "
        "workspace key). Import the file from the Data page or the command line.",
    },
    "ingest.refused.corrupt_archive": {
        "zh-Hans": "这个压缩文件（.gz）已损坏，无法解压。请重新下载或导出。",
        "zh-Hant": "這個壓縮檔（.gz）已損壞，無法解壓。請重新下載或匯出。",
        "en": "This compressed file (.gz) is damaged and cannot be unpacked. "
        "Download or export it again.",
    },
    "ingest.refused.needs_stat_date": {
        "zh-Hans": "这份群统计没有日期列（如「今日入群」只是当天的数字）。请填写统计日期。",
        "zh-Hant": "這份群統計沒有日期欄（如「今日入群」只是當天的數字）。請填寫統計日期。",
        "en": "These group statistics have no date column (counts such as 今日入群 are for one "
        "day). Give the date they are for.",
    },
    "ingest.ui.missing_amount": {
        "zh-Hans": "实付金额未对应。请为「实付金额」选择一列；一行一个商品的文件也可以选「商品实付金额」，"
        "或「商品单价」和「数量」，由各行算出订单金额。",
        "zh-Hant": "實付金額未對應。請為「實付金額」選擇一欄；一列一個商品的檔案也可以選「商品實付金額」，"
        "或「商品單價」和「數量」，由各列算出訂單金額。",
        "en": "The amount paid is not mapped. Choose a column for it; a file with one row per "
        "item may instead give each line's amount paid, or a unit price and a quantity, and "
        "the order's amount is computed from its lines.",
    },
    "ingest.refused.unit_price_needs_quantity": {
        "zh-Hans": "按「单价 × 数量」计算订单金额时，需要为数量选择一列。",
        "zh-Hant": "按「單價 × 數量」計算訂單金額時，需要為數量選擇一欄。",
        "en": "To compute order amounts as unit price × quantity, choose a column for the quantity.",
    },
    "ingest.reason.masked_phone_id": {
        "zh-Hans": "{column}「{value}」是打了星号的手机号，不能用来识别用户",
        "zh-Hant": "{column}「{value}」是打了星號的手機號，不能用來識別用戶",
        "en": "{column} “{value}” is a masked phone number; it cannot identify a person",
    },
    "ingest.reason.not_a_phone": {
        "zh-Hans": "{column}「{value}」不是手机号，无法用来识别用户",
        "zh-Hant": "{column}「{value}」不是手機號，無法用來識別用戶",
        "en": "{column} “{value}” is not a phone number; it cannot identify a person",
    },
    "ingest.reason.order_line_rejected": {
        "zh-Hans": "{column}「{value}」这个订单的第 {first_line} 行有问题，整单未导入（只导入部分商品会让金额出错）",
        "zh-Hant": "{column}「{value}」這個訂單的第 {first_line} 列有問題，整單未匯入（只匯入部分商品會讓金額出錯）",
        "en": "{column} “{value}”: line {first_line} of this order was rejected, so the whole "
        "order is left out (part of an order would have a wrong total)",
    },
    "ingest.note.masked_phone": {
        "zh-Hans": "「{column}」是打了星号的手机号（如 {example}），不能用来识别用户：同一个脱敏号码对应很多人。"
        "已改用其他列。",
        "zh-Hant": "「{column}」是打了星號的手機號（如 {example}），不能用來識別用戶：同一個遮罩號碼對應很多人。"
        "已改用其他欄。",
        "en": "“{column}” holds masked phone numbers (such as {example}): one masked number "
        "stands for many people, so it cannot identify a person. Another column is used.",
    },
    "ingest.note.lines_detected": {
        "zh-Hans": "同一个{column}出现在多行、商品不同：这是一行一个商品的文件，已按订单号合并成一行一单，"
        "各行另存为商品明细。",
        "zh-Hant": "同一個{column}出現在多列、商品不同：這是一列一個商品的檔案，已按訂單編號合併成一列一單，"
        "各列另存為商品明細。",
        "en": "The same {column} appears on several rows with different products: the file has "
        "one row per item. Rows are combined into one order per order id, and each row is "
        "kept as an order line.",
    },
    "ingest.note.needs_stat_date": {
        "zh-Hans": "这份文件的数字没有日期（如「今日入群」），请填写统计日期。",
        "zh-Hant": "這份檔案的數字沒有日期（如「今日入群」），請填寫統計日期。",
        "en": "The counts in this file carry no date (such as 今日入群): give the statistics date.",
    },
    # Sources recognised from the header signature.
    "ingest.platform.unknown": {
        "zh-Hans": "未识别的来源（按列名对应）",
        "zh-Hant": "未識別的來源（按欄名對應）",
        "en": "Unknown source (matched by column names)",
    },
    "ingest.platform.youzan_orders": {
        "zh-Hans": "有赞 订单导出",
        "zh-Hant": "有讚 訂單匯出",
        "en": "Youzan order export",
    },
    "ingest.platform.youzan_items": {
        "zh-Hans": "有赞 商品明细导出（一行一个商品）",
        "zh-Hant": "有讚 商品明細匯出（一列一個商品）",
        "en": "Youzan item-level export (one row per item)",
    },
    "ingest.platform.youzan_customers": {
        "zh-Hans": "有赞 客户导出",
        "zh-Hant": "有讚 客戶匯出",
        "en": "Youzan customer export",
    },
    "ingest.platform.ktt_orders": {
        "zh-Hans": "快团团 订单导出（一行一个商品）",
        "zh-Hant": "快團團 訂單匯出（一列一個商品）",
        "en": "Kuaituantuan order export (one row per item)",
    },
    "ingest.platform.jielong_orders": {
        "zh-Hans": "群接龙 订单导出",
        "zh-Hant": "群接龍 訂單匯出",
        "en": "Qunjielong order export",
    },
    "ingest.platform.wecom_customers": {
        "zh-Hans": "企业微信 客户列表",
        "zh-Hant": "企業微信 客戶列表",
        "en": "WeCom customer list",
    },
    "ingest.platform.wecom_groups": {
        "zh-Hans": "企业微信 客户群列表",
        "zh-Hant": "企業微信 客戶群列表",
        "en": "WeCom customer group list",
    },
    "ingest.platform.wecom_group_daily": {
        "zh-Hans": "企业微信 群统计",
        "zh-Hant": "企業微信 群統計",
        "en": "WeCom group statistics",
    },
    "ingest.platform.weimob_orders": {
        "zh-Hans": "微盟 订单导出（按列名对应）",
        "zh-Hant": "微盟 訂單匯出（按欄名對應）",
        "en": "Weimob order export (matched by column names)",
    },
    "ingest.platform.uci_online_retail": {
        "zh-Hans": "UCI Online Retail 公开数据（一行一个商品）",
        "zh-Hant": "UCI Online Retail 公開資料（一列一個商品）",
        "en": "UCI Online Retail public data (one row per item)",
    },
    # Who a person is.
    "ingest.identity.id": {
        "zh-Hans": "{column}（用户ID）",
        "zh-Hant": "{column}（用戶ID）",
        "en": "{column} (user id)",
    },
    "ingest.identity.phone": {
        "zh-Hans": "{column}（手机号，加密哈希后作为用户ID，不保存号码）",
        "zh-Hant": "{column}（手機號，加密雜湊後作為用戶ID，不保存號碼）",
        "en": "{column} (phone, keyed hash as the user id; the number is not stored)",
    },
    "ingest.identity.nickname": {
        "zh-Hans": "{column}（昵称：改了昵称会被算成新用户，同名的人会被算成一个人）",
        "zh-Hant": "{column}（暱稱：改了暱稱會被算成新用戶，同名的人會被算成一個人）",
        "en": "{column} (nickname: a renamed person counts as new, namesakes count as one)",
    },
    # The Data page's import settings.
    "ingest.ui.platform": {
        "zh-Hans": "来源：{platform}",
        "zh-Hant": "來源：{platform}",
        "en": "Source: {platform}",
    },
    "ingest.ui.remembered": {
        "zh-Hans": "已套用这种表头上次保存的设置（{at}），可以再修改。",
        "zh-Hant": "已套用這種表頭上次儲存的設定（{at}），可以再修改。",
        "en": "The settings saved for these headers on {at} are applied; you can still change them.",
    },
    "ingest.ui.lines_orders": {
        "zh-Hans": "一行一个商品：按订单号合并成一行一单",
        "zh-Hant": "一列一個商品：按訂單編號合併成一列一單",
        "en": "One row per item: combine rows into one order per order id",
    },
    "ingest.ui.lines_members": {
        "zh-Hans": "同一客户有多行（多个员工添加）：合并为一人，保留最早的添加时间",
        "zh-Hant": "同一客戶有多列（多個員工添加）：合併為一人，保留最早的添加時間",
        "en": "A customer has several rows (added by several staff): one member, earliest time kept",
    },
    "ingest.ui.amount_rule": {
        "zh-Hans": "订单金额",
        "zh-Hant": "訂單金額",
        "en": "Order amount",
    },
    "ingest.ui.amount_rule.first": {
        "zh-Hans": "取订单第一行的金额（下面的行为 0、空白或合并单元格）",
        "zh-Hant": "取訂單第一列的金額（下面的列為 0、空白或合併儲存格）",
        "en": "The amount on the order's first row (rows below are 0, empty or merged)",
    },
    "ingest.ui.amount_rule.sum": {
        "zh-Hans": "各行金额相加",
        "zh-Hant": "各列金額相加",
        "en": "The sum of the rows' amounts",
    },
    "ingest.ui.amount_rule.unit_price": {
        "zh-Hans": "金额列是单价：Σ 数量 × 单价",
        "zh-Hant": "金額欄是單價：Σ 數量 × 單價",
        "en": "The amount column is a unit price: Σ quantity × unit price",
    },
    "ingest.ui.cancelled_prefix": {
        "zh-Hans": "订单号以此开头的是取消单",
        "zh-Hant": "訂單編號以此開頭的是取消單",
        "en": "Order ids starting with this are cancellations",
    },
    "ingest.ui.items_list": {
        "zh-Hans": "商品列是「名称(规格) * 数量」清单：拆出商品名称和总件数",
        "zh-Hant": "商品欄是「名稱(規格) * 數量」清單：拆出商品名稱和總件數",
        "en": "The product column lists “name (spec) * quantity” lines: read names and total quantity",
    },
    "ingest.ui.channel_codes": {
        "zh-Hans": "来源是企业微信的数字代码（1 扫描二维码、2 搜索手机号 …）：换成文字",
        "zh-Hant": "來源是企業微信的數字代碼（1 掃描二維碼、2 搜尋手機號 …）：換成文字",
        "en": "The source holds WeCom codes (1 QR code, 2 phone search …): show their labels",
    },
    "ingest.ui.stat_date": {
        "zh-Hans": "统计日期",
        "zh-Hant": "統計日期",
        "en": "Statistics date",
    },
    "ingest.ui.also": {
        "zh-Hans": "同时导入为「{table}」",
        "zh-Hant": "同時匯入為「{table}」",
        "en": "Also import as “{table}”",
    },
    "ingest.ui.identity": {
        "zh-Hans": "识别用户的依据：{identity}",
        "zh-Hant": "識別用戶的依據：{identity}",
        "en": "People are identified by: {identity}",
    },
    "ingest.ui.no_identity": {
        "zh-Hans": "还没有选择识别用户的列：请为「用户ID」选择一列（用户ID，没有就用手机号，再没有就用昵称）。",
        "zh-Hant": "還沒有選擇識別用戶的欄：請為「用戶ID」選擇一欄（用戶ID，沒有就用手機號，再沒有就用暱稱）。",
        "en": "No column identifies people yet: choose one for the user id (an id, else the "
        "phone, else the nickname).",
    },
    "ingest.ui.items_summary": {
        "zh-Hans": "{items} 个商品行保存为商品明细（商品排行按商品明细计算）",
        "zh-Hant": "{items} 個商品列儲存為商品明細（商品排行按商品明細計算）",
        "en": "{items} order lines kept (the products board counts them)",
    },
    "ingest.ui.amount_from.line_amount": {
        "zh-Hans": "没有订单实付金额列：订单金额 = 各行「{column}」相加",
        "zh-Hant": "沒有訂單實付金額欄：訂單金額 = 各列「{column}」相加",
        "en": "No order amount column: the order's amount is the sum of its lines' “{column}”",
    },
    "ingest.ui.amount_from.unit_price": {
        "zh-Hans": "没有订单实付金额列：订单金额 = Σ 数量「{quantity}」× 单价「{column}」",
        "zh-Hant": "沒有訂單實付金額欄：訂單金額 = Σ 數量「{quantity}」× 單價「{column}」",
        "en": "No order amount column: the order's amount is Σ quantity “{quantity}” × unit "
        "price “{column}”",
    },
    "ingest.ui.lines_summary": {
        "zh-Hans": "{lines} 行合并为 {rows} 行",
        "zh-Hant": "{lines} 列合併為 {rows} 列",
        "en": "{lines} rows combined into {rows}",
    },
    "ingest.ui.identity_mixed": {
        "zh-Hans": "订单：{orders}；会员：{members}",
        "zh-Hant": "訂單：{orders}；會員：{members}",
        "en": "orders: {orders}; members: {members}",
    },
    "ingest.cli.skipped_no_date": {
        "zh-Hans": "{file}：没有导入 {table} 表，因为这些数字没有日期。请用 --stat-date YYYY-MM-DD 指定统计日期。",
        "zh-Hant": "{file}：沒有匯入 {table} 表，因為這些數字沒有日期。請用 --stat-date YYYY-MM-DD 指定統計日期。",
        "en": "{file}: the {table} table was not imported because its counts carry no date. "
        "Give the date with --stat-date YYYY-MM-DD.",
    },
}
