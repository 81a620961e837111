"""Staff and channels: the staff column, the staff statistics table, the staff and channel
boards and the lost customers (issue 21)."""

TEXT = {
    # -- data model and import ------------------------------------------------------------
    "table.staff_daily": {
        "zh-Hans": "员工统计（按日）",
        "zh-Hant": "員工統計（按日）",
        "en": "Staff daily stats",
    },
    "col.staff": {"zh-Hans": "员工", "zh-Hant": "員工", "en": "Staff"},
    "col.chats": {"zh-Hans": "聊天数", "zh-Hant": "聊天數", "en": "Chats"},
    "col.reply_share": {
        "zh-Hans": "已回复聊天占比",
        "zh-Hant": "已回覆聊天占比",
        "en": "Chats replied",
    },
    "col.first_reply_minutes": {
        "zh-Hans": "平均首次回复时长（分钟）",
        "zh-Hant": "平均首次回覆時長（分鐘）",
        "en": "First reply (minutes)",
    },
    "col.new_contacts": {"zh-Hans": "新增客户数", "zh-Hant": "新增客戶數", "en": "New contacts"},
    "col.lost_contacts": {
        "zh-Hans": "删除/拉黑客户数",
        "zh-Hant": "刪除/封鎖客戶數",
        "en": "Deleted / blocked by",
    },
    "ingest.column.staff": {
        "zh-Hans": "员工（添加人 / 跟进人）",
        "zh-Hant": "員工（添加人 / 跟進人）",
        "en": "Staff (added by / serves)",
    },
    "ingest.column.chats": {"zh-Hans": "聊天数", "zh-Hant": "聊天數", "en": "Chats"},
    "ingest.column.reply_share": {
        "zh-Hans": "已回复聊天占比",
        "zh-Hant": "已回覆聊天占比",
        "en": "Share of chats replied",
    },
    "ingest.column.first_reply_minutes": {
        "zh-Hans": "平均首次回复时长（分钟）",
        "zh-Hant": "平均首次回覆時長（分鐘）",
        "en": "Mean first reply (minutes)",
    },
    "ingest.column.new_contacts": {
        "zh-Hans": "新增客户数",
        "zh-Hant": "新增客戶數",
        "en": "New contacts",
    },
    "ingest.column.lost_contacts": {
        "zh-Hans": "删除/拉黑客户数",
        "zh-Hant": "刪除/封鎖客戶數",
        "en": "Contacts who deleted or blocked",
    },
    "ingest.platform.wecom_staff_daily": {
        "zh-Hans": "企业微信 客户联系统计",
        "zh-Hant": "企業微信 客戶聯繫統計",
        "en": "WeCom customer contact statistics",
    },
    "ingest.reason.bad_share": {
        "zh-Hans": "{column}「{value}」不是 0–100% 之间的占比",
        "zh-Hant": "{column}「{value}」不是 0–100% 之間的占比",
        "en": "{column} “{value}” is not a share between 0 and 100%",
    },
    "ingest.reason.bad_duration": {
        "zh-Hans": "{column}「{value}」无法识别为时长（如 3分20秒、00:03:20、3.5）",
        "zh-Hant": "{column}「{value}」無法識別為時長（如 3分20秒、00:03:20、3.5）",
        "en": "{column} “{value}” is not a duration (such as 3分20秒, 00:03:20, 3.5)",
    },
    "needs.staff_daily": {
        "zh-Hans": "上传企微员工统计文件（客户联系 → 联系客户统计）后即可查看此指标。",
        "zh-Hant": "上傳企微員工統計檔案（客戶聯繫 → 聯繫客戶統計）後即可查看此指標。",
        "en": "Upload the WeCom staff statistics file (客户联系 → 联系客户统计) to see this.",
    },
}
