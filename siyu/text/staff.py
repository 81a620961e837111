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
    # -- the page ------------------------------------------------------------------------
    "nav.staff": {"zh-Hans": "员工与渠道", "zh-Hant": "員工與渠道", "en": "Staff & channels"},
    "staff.tag": {"zh-Hans": "客户标签", "zh-Hant": "客戶標籤", "en": "Member tag"},
    "staff.tag.all": {"zh-Hans": "全部会员", "zh-Hant": "全部會員", "en": "All members"},
    "staff.tag.option": {
        "zh-Hans": "{tag}（{n} 人）",
        "zh-Hant": "{tag}（{n} 人）",
        "en": "{tag} ({n} members)",
    },
    "staff.tag.help": {
        "zh-Hans": "只看带这个标签的会员（会员表的「标签」列，按逗号、分号、顿号或空格分开）。",
        "zh-Hant": "只看帶這個標籤的會員（會員表的「標籤」欄，按逗號、分號、頓號或空格分開）。",
        "en": "Only members with this tag (the members file's tags, split at commas, "
        "semicolons or spaces).",
    },
    "staff.tab.staff": {"zh-Hans": "员工榜", "zh-Hant": "員工榜", "en": "Staff"},
    "staff.tab.channels": {"zh-Hans": "渠道榜", "zh-Hant": "渠道榜", "en": "Channels"},
    "staff.tab.lost": {"zh-Hans": "流失客户", "zh-Hant": "流失客戶", "en": "Lost customers"},
    "staff.board.staff": {"zh-Hans": "员工榜", "zh-Hant": "員工榜", "en": "Staff board"},
    "staff.board.channels": {"zh-Hans": "渠道榜", "zh-Hant": "渠道榜", "en": "Channel board"},
    "staff.help.staff": {
        "zh-Hans": "按会员的员工（添加人 / 跟进人；没有时为所在群的群主）统计：新增会员是这段时间加入、归属该员工的会员；"
        "首单率 = 其中加入后 {x_days} 天内（含当天）首单的比例；复购率 = 这些首单会员中首单后 "
        "{y_days} 天内再次下单的比例；订单数和 GMV 是该员工全部会员在这段时间的支付订单。",
        "zh-Hant": "按會員的員工（添加人 / 跟進人；沒有時為所在群的群主）統計：新增會員是這段時間加入、歸屬該員工的會員；"
        "首單率 = 其中加入後 {x_days} 天內（含當天）首單的比例；複購率 = 這些首單會員中首單後 "
        "{y_days} 天內再次下單的比例；訂單數和 GMV 是該員工全部會員在這段時間的支付訂單。",
        "en": "By each member's staff member (who added or serves them; else the owner of "
        "their group): new members joined "
        "in the period with that staff member; first-order rate = the share of them with a "
        "first order within {x_days} days of joining (the join day counts); repurchase rate = "
        "the share of those first buyers who ordered again within {y_days} days; orders and "
        "GMV are the period's paid orders of all of that staff member's members.",
    },
    "staff.help.channels": {
        "zh-Hans": "按会员的渠道（活码、来源）统计，首单率和复购率的算法同员工榜；企业微信的数字来源码"
        "显示为名称（1 = 扫描二维码）。GMV 是该渠道全部会员在这段时间的支付金额。",
        "zh-Hant": "按會員的渠道（活碼、來源）統計，首單率和複購率的算法同員工榜；企業微信的數字來源碼"
        "顯示為名稱（1 = 掃描二維碼）。GMV 是該渠道全部會員在這段時間的支付金額。",
        "en": "By each member's channel (QR code, source); first-order and repurchase rates as "
        "on the staff board; WeCom's numeric source codes read as their names (1 = 扫描二维码). "
        "GMV is the period's paid amount of all of the channel's members.",
    },
    "staff.empty.staff": {
        "zh-Hans": "这段时间没有可上榜的员工。会员表需要「添加人 / 所属员工 / 跟进人」列"
        "（企业微信客户列表自带）。",
        "zh-Hant": "這段時間沒有可上榜的員工。會員表需要「添加人 / 所屬員工 / 跟進人」欄"
        "（企業微信客戶列表自帶）。",
        "en": "No staff member to rank in this period. The members file needs a staff column "
        "(添加人 / 所属员工 / 跟进人; WeCom customer lists have one).",
    },
    "staff.empty.channels": {
        "zh-Hans": "这段时间没有可上榜的渠道。会员表需要「渠道 / 来源」列。",
        "zh-Hant": "這段時間沒有可上榜的渠道。會員表需要「渠道 / 來源」欄。",
        "en": "No channel to rank in this period. The members file needs a channel column "
        "(渠道 / 来源).",
    },
    "staff.pending": {
        "zh-Hans": "还有 {first} 名新会员在 {x_days} 天首单观察期内、{repurchase} 名首单会员在 "
        "{y_days} 天复购观察期内，比率还会变化。",
        "zh-Hant": "還有 {first} 名新會員在 {x_days} 天首單觀察期內、{repurchase} 名首單會員在 "
        "{y_days} 天複購觀察期內，比率還會變化。",
        "en": "{first} new members are still inside the {x_days}-day first-order window and "
        "{repurchase} first buyers inside the {y_days}-day repurchase window: the rates may "
        "still change.",
    },
    "staff.no_service": {
        "zh-Hans": "回复率和首次回复时长来自企业微信「客户联系 → 联系客户统计」，上传后显示。",
        "zh-Hant": "回覆率和首次回覆時長來自企業微信「客戶聯繫 → 聯繫客戶統計」，上傳後顯示。",
        "en": "Reply share and first reply time come from WeCom's customer contact "
        "statistics (客户联系 → 联系客户统计); upload them to see these.",
    },
    "staff.caption": {
        "zh-Hans": "期间 {start} 至 {end}；名次变化与上一等长期间（{prev_start} 至 {prev_end}）"
        "相比。并列者名次相同（1、2、2、4），按名称排列；第 {top} 名并列时全部显示。",
        "zh-Hant": "期間 {start} 至 {end}；名次變化與上一等長期間（{prev_start} 至 {prev_end}）"
        "相比。並列者名次相同（1、2、2、4），按名稱排列；第 {top} 名並列時全部顯示。",
        "en": "Period {start} to {end}; rank change against the previous period of equal "
        "length ({prev_start} to {prev_end}). Ties share a rank (1, 2, 2, 4), listed by name; "
        "a tie at place {top} shows every tied row.",
    },
    "staff.no_staff": {"zh-Hans": "（无员工）", "zh-Hant": "（無員工）", "en": "(no staff)"},
    "staff.filter.all": {"zh-Hans": "全部", "zh-Hant": "全部", "en": "All"},
    "staff.lost.help": {
        "zh-Hans": "流失客户：这段时间删除了员工或退群的会员（会员表的「退群 / 删除时间」）。",
        "zh-Hant": "流失客戶：這段時間刪除了員工或退群的會員（會員表的「退群 / 刪除時間」）。",
        "en": "Lost customers: members who deleted the staff member or left the group in "
        "the period (the members file's left-at time).",
    },
    "staff.lost.count": {"zh-Hans": "流失人数", "zh-Hant": "流失人數", "en": "Lost customers"},
    "staff.lost.buyers": {
        "zh-Hans": "其中买过的",
        "zh-Hant": "其中買過的",
        "en": "Of them, bought",
    },
    "staff.lost.amount": {
        "zh-Hans": "流失客户累计支付",
        "zh-Hant": "流失客戶累計支付",
        "en": "Lost customers' total paid",
    },
    "staff.lost.none": {
        "zh-Hans": "{start} 至 {end} 没有会员流失。",
        "zh-Hant": "{start} 至 {end} 沒有會員流失。",
        "en": "No member left between {start} and {end}.",
    },
    "staff.lost.chart": {
        "zh-Hans": "每周流失人数（按员工）· {start} 至 {end}",
        "zh-Hant": "每週流失人數（按員工）· {start} 至 {end}",
        "en": "Lost customers per week by staff member · {start} to {end}",
    },
    "staff.lost.caption": {
        "zh-Hans": "在私域天数 = 退群日 − 加入日；支付订单和金额按全部数据统计；最近活跃 = 最近一次互动或支付。"
        "昵称已脱敏。",
        "zh-Hant": "在私域天數 = 退群日 − 加入日；支付訂單和金額按全部資料統計；最近活躍 = 最近一次互動或支付。"
        "暱稱已遮罩。",
        "en": "Days in the private domain = the day they left − the day they joined; paid "
        "orders and amount over all data; last active = the latest activity or payment. "
        "Names are masked.",
    },
    # -- columns -------------------------------------------------------------------------
    "staff.col.rank": {"zh-Hans": "名次", "zh-Hant": "名次", "en": "Rank"},
    "staff.col.staff": {"zh-Hans": "员工", "zh-Hant": "員工", "en": "Staff"},
    "staff.col.channel": {"zh-Hans": "渠道", "zh-Hant": "渠道", "en": "Channel"},
    "staff.col.channel_name": {"zh-Hans": "渠道名称", "zh-Hant": "渠道名稱", "en": "Channel name"},
    "staff.col.members": {"zh-Hans": "新增会员", "zh-Hant": "新增會員", "en": "New members"},
    "staff.col.first_order": {
        "zh-Hans": "{x_days} 天内首单",
        "zh-Hant": "{x_days} 天內首單",
        "en": "First order in {x_days} days",
    },
    "staff.col.first_order_rate": {
        "zh-Hans": "首单率（{x_days} 天）",
        "zh-Hant": "首單率（{x_days} 天）",
        "en": "First-order rate ({x_days} days)",
    },
    "staff.col.repurchase": {
        "zh-Hans": "{y_days} 天内复购",
        "zh-Hant": "{y_days} 天內複購",
        "en": "Repurchased in {y_days} days",
    },
    "staff.col.repurchase_rate": {
        "zh-Hans": "复购率（{y_days} 天）",
        "zh-Hant": "複購率（{y_days} 天）",
        "en": "Repurchase rate ({y_days} days)",
    },
    "staff.col.orders": {"zh-Hans": "支付订单数", "zh-Hant": "支付訂單數", "en": "Paid orders"},
    "staff.col.gmv": {"zh-Hans": "GMV（元）", "zh-Hant": "GMV（元）", "en": "GMV (¥)"},
    "staff.col.lost": {"zh-Hans": "流失人数", "zh-Hant": "流失人數", "en": "Lost"},
    "staff.col.reply_share": {
        "zh-Hans": "已回复聊天占比",
        "zh-Hant": "已回覆聊天占比",
        "en": "Chats replied",
    },
    "staff.col.first_reply_minutes": {
        "zh-Hans": "平均首次回复（分钟）",
        "zh-Hant": "平均首次回覆（分鐘）",
        "en": "First reply (minutes)",
    },
    "staff.col.first_order_pending": {
        "zh-Hans": "首单观察期内",
        "zh-Hant": "首單觀察期內",
        "en": "In first-order window",
    },
    "staff.col.repurchase_pending": {
        "zh-Hans": "复购观察期内",
        "zh-Hant": "複購觀察期內",
        "en": "In repurchase window",
    },
    "staff.col.previous_rank": {
        "zh-Hans": "上期名次",
        "zh-Hant": "上期名次",
        "en": "Previous rank",
    },
    "staff.col.rank_change": {"zh-Hans": "名次变化", "zh-Hant": "名次變化", "en": "Rank change"},
    "staff.col.user_id": {"zh-Hans": "用户ID", "zh-Hant": "用戶ID", "en": "User ID"},
    "staff.col.name": {"zh-Hans": "昵称", "zh-Hant": "暱稱", "en": "Name"},
    "staff.col.group_id": {"zh-Hans": "群ID", "zh-Hant": "群ID", "en": "Group ID"},
    "staff.col.tags": {"zh-Hans": "标签", "zh-Hant": "標籤", "en": "Tags"},
    "staff.col.joined_at": {"zh-Hans": "加入时间", "zh-Hant": "加入時間", "en": "Joined at"},
    "staff.col.left_at": {"zh-Hans": "流失时间", "zh-Hant": "流失時間", "en": "Left at"},
    "staff.col.days_in_domain": {
        "zh-Hans": "在私域天数",
        "zh-Hant": "在私域天數",
        "en": "Days in private domain",
    },
    "staff.col.paid_orders": {
        "zh-Hans": "支付订单数",
        "zh-Hant": "支付訂單數",
        "en": "Paid orders",
    },
    "staff.col.paid_amount": {"zh-Hans": "支付金额", "zh-Hant": "支付金額", "en": "Amount paid"},
    "staff.col.last_order_at": {
        "zh-Hans": "最近下单",
        "zh-Hant": "最近下單",
        "en": "Last order",
    },
    "staff.col.last_active_at": {
        "zh-Hans": "最近活跃",
        "zh-Hant": "最近活躍",
        "en": "Last active",
    },
}
