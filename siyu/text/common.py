"""Shared words: app name, languages, table names."""

TEXT = {
    "app.name": {"zh-Hans": "私域", "zh-Hant": "私域", "en": "Siyu"},
    "table.orders": {"zh-Hans": "订单", "zh-Hant": "訂單", "en": "Orders"},
    "table.members": {"zh-Hans": "会员", "zh-Hant": "會員", "en": "Members"},
    "table.activity": {"zh-Hans": "互动行为", "zh-Hant": "互動行為", "en": "Activity"},
    "table.groups": {"zh-Hans": "社群", "zh-Hant": "社群", "en": "Groups"},
    "table.group_daily": {
        "zh-Hans": "群统计（按日）",
        "zh-Hant": "群統計（按日）",
        "en": "Group daily stats",
    },
    "table.order_items": {"zh-Hans": "商品明细", "zh-Hant": "商品明細", "en": "Order lines"},
    "list.preview": {
        "zh-Hans": "表中显示前 {shown:,} 行，共 {total:,} 行；完整名单请下载。",
        "zh-Hant": "表中顯示前 {shown:,} 列，共 {total:,} 列；完整名單請下載。",
        "en": "Showing the first {shown:,} of {total:,} rows; download the whole list.",
    },
}
