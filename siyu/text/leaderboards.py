"""Words of the Leaderboards page (排行榜) and its fission panel (裂变)."""


def _same(text: str, en: str) -> dict[str, str]:
    return {"zh-Hans": text, "zh-Hant": text, "en": en}


TEXT = {
    "nav.leaderboards": {"zh-Hans": "排行榜", "zh-Hant": "排行榜", "en": "Leaderboards"},
    "leaderboards.tab.boards": {"zh-Hans": "排行榜", "zh-Hant": "排行榜", "en": "Boards"},
    "leaderboards.tab.fission": {
        "zh-Hans": "裂变分析",
        "zh-Hant": "裂變分析",
        "en": "Fission (referrals)",
    },
    # -- controls --------------------------------------------------------------------------
    "leaderboards.board": {"zh-Hans": "榜单", "zh-Hant": "榜單", "en": "Board"},
    "leaderboards.board.inviters": {"zh-Hans": "邀请榜", "zh-Hant": "邀請榜", "en": "Inviters"},
    "leaderboards.board.buyers": {"zh-Hans": "消费榜", "zh-Hant": "消費榜", "en": "Buyers"},
    "leaderboards.board.groups": {"zh-Hans": "社群榜", "zh-Hant": "社群榜", "en": "Groups"},
    "leaderboards.board.products": {"zh-Hans": "商品榜", "zh-Hant": "商品榜", "en": "Products"},
    "leaderboards.rank_by": {"zh-Hans": "排序依据", "zh-Hant": "排序依據", "en": "Rank by"},
    "leaderboards.top": {"zh-Hans": "显示前 N 名", "zh-Hant": "顯示前 N 名", "en": "Show top N"},
    # -- columns ---------------------------------------------------------------------------
    "leaderboards.col.rank": {"zh-Hans": "名次", "zh-Hant": "名次", "en": "Rank"},
    "leaderboards.col.user_id": _same("用户ID", "User ID") | {"zh-Hant": "用戶ID"},
    "leaderboards.col.group_id": _same("群ID", "Group ID"),
    "leaderboards.col.product": _same("商品", "Product"),
    "leaderboards.col.name": {"zh-Hans": "昵称", "zh-Hant": "暱稱", "en": "Name"},
    "leaderboards.col.group_name": {"zh-Hans": "群名称", "zh-Hant": "群名稱", "en": "Group name"},
    "leaderboards.col.invites": {"zh-Hans": "邀请人数", "zh-Hant": "邀請人數", "en": "Invites"},
    "leaderboards.col.effective_invites": {
        "zh-Hans": "有效邀请",
        "zh-Hant": "有效邀請",
        "en": "Effective invites",
    },
    "leaderboards.col.invite_conversion": {
        "zh-Hans": "邀请转化率",
        "zh-Hant": "邀請轉化率",
        "en": "Invite conversion",
    },
    "leaderboards.col.gmv": {"zh-Hans": "GMV（元）", "zh-Hant": "GMV（元）", "en": "GMV (¥)"},
    "leaderboards.col.orders": {
        "zh-Hans": "支付订单数",
        "zh-Hant": "支付訂單數",
        "en": "Paid orders",
    },
    "leaderboards.col.buyers": {"zh-Hans": "购买人数", "zh-Hant": "購買人數", "en": "Buyers"},
    "leaderboards.col.members": {"zh-Hans": "新增成员", "zh-Hant": "新增成員", "en": "New members"},
    "leaderboards.col.daily_active_rate": _same("日活率", "Daily active rate"),
    "leaderboards.col.repurchase_rate": {
        "zh-Hans": "复购率",
        "zh-Hant": "複購率",
        "en": "Repurchase rate",
    },
    "leaderboards.col.units": {"zh-Hans": "销量（件）", "zh-Hant": "銷量（件）", "en": "Units"},
    "leaderboards.col.previous_rank": {
        "zh-Hans": "上期名次",
        "zh-Hant": "上期名次",
        "en": "Previous rank",
    },
    "leaderboards.col.rank_change": {
        "zh-Hans": "名次变化",
        "zh-Hant": "名次變化",
        "en": "Rank change",
    },
    "leaderboards.new": {"zh-Hans": "新上榜", "zh-Hant": "新上榜", "en": "new"},
    # -- board texts -----------------------------------------------------------------------
    "leaderboards.chart_title": {
        "zh-Hans": "{board} · 前 {top} 名（按{metric}）· {start} 至 {end}",
        "zh-Hant": "{board} · 前 {top} 名（按{metric}）· {start} 至 {end}",
        "en": "{board} · top {top} by {metric} · {start} to {end}",
    },
    "leaderboards.empty": {
        "zh-Hans": "该期间没有可上榜的数据。",
        "zh-Hant": "該期間沒有可上榜的資料。",
        "en": "Nothing to rank in this period.",
    },
    "leaderboards.needs_rank_by": {
        "zh-Hans": "按此指标排序需要上传{table}文件。",
        "zh-Hant": "按此指標排序需要上傳{table}檔案。",
        "en": "Ranking by this needs the {table} file.",
    },
    "leaderboards.caption": {
        "zh-Hans": "期间 {start} 至 {end}；名次变化与上一等长期间（{prev_start} 至 {prev_end}）"
        "的名次相比。并列者名次相同（1、2、2、4），按 ID 排列；第 {top} 名并列时全部显示。"
        "昵称已脱敏。",
        "zh-Hant": "期間 {start} 至 {end}；名次變化與上一等長期間（{prev_start} 至 {prev_end}）"
        "的名次相比。並列者名次相同（1、2、2、4），按 ID 排列；第 {top} 名並列時全部顯示。"
        "暱稱已遮蔽。",
        "en": "Period {start} to {end}; rank change against the previous period of equal "
        "length ({prev_start} to {prev_end}). Ties share a rank (1, 2, 2, 4) and are listed "
        "by id; a tie at place {top} shows every tied row. Names are masked.",
    },
    "leaderboards.image_hint": {
        "zh-Hans": "把鼠标移到图上，点右上角的相机图标即可下载 PNG 图片发到群里。",
        "zh-Hant": "把滑鼠移到圖上，點右上角的相機圖示即可下載 PNG 圖片發到群裡。",
        "en": "Hover the chart and click the camera icon (top right) to download a PNG "
        "you can post in the group.",
    },
    "leaderboards.help.inviters": {
        "zh-Hans": "邀请人数：期间内加入、邀请人为该用户的会员数；有效邀请：其中首单（全部数据中"
        "最早的支付订单）落在加入当天至第 7 天的人数；邀请转化率 = 有效邀请 / 邀请人数。",
        "zh-Hant": "邀請人數：期間內加入、邀請人為該用戶的會員數；有效邀請：其中首單（全部資料中"
        "最早的支付訂單）落在加入當天至第 7 天的人數；邀請轉化率 = 有效邀請 / 邀請人數。",
        "en": "Invites: members who joined in the period with this inviter; effective "
        "invites: those whose first paid order (over all data) falls on day 0 to 7 after "
        "joining; invite conversion = effective invites / invites.",
    },
    "leaderboards.help.buyers": {
        "zh-Hans": "GMV：期间内支付订单的实付金额合计；退款、取消和 0 元订单不计。",
        "zh-Hant": "GMV：期間內支付訂單的實付金額合計；退款、取消和 0 元訂單不計。",
        "en": "GMV: amount paid over the period's paid orders; refunded, cancelled and "
        "0-yuan orders do not count.",
    },
    "leaderboards.help.groups": {
        "zh-Hans": "订单计入其来源群（无来源群时计入买家主群）；新增成员、日活率按会员主群计；"
        "复购率：期间首购用户中累计支付订单 ≥ 2 的比例，按首单所在群计。",
        "zh-Hant": "訂單計入其來源群（無來源群時計入買家主群）；新增成員、日活率按會員主群計；"
        "複購率：期間首購用戶中累計支付訂單 ≥ 2 的比例，按首單所在群計。",
        "en": "Orders count in the group they came from (else the buyer's main group); new "
        "members and daily active rate by members' main group; repurchase rate: share of the "
        "period's first buyers with 2 or more paid orders ever, by the first order's group.",
    },
    "leaderboards.help.products": {
        "zh-Hans": "销量：支付订单的商品件数（缺件数按 1 件计）；未填商品名的订单不计。",
        "zh-Hant": "銷量：支付訂單的商品件數（缺件數按 1 件計）；未填商品名的訂單不計。",
        "en": "Units: quantity over paid orders (1 when missing); orders without a product "
        "name are left out.",
    },
    # -- fission ---------------------------------------------------------------------------
    "leaderboards.fission.weekly": {
        "zh-Hans": "每周新增会员：受邀加入与其他",
        "zh-Hant": "每週新增會員：受邀加入與其他",
        "en": "New members per week: invited vs others",
    },
    "leaderboards.fission.invited_members": {
        "zh-Hans": "受邀加入",
        "zh-Hant": "受邀加入",
        "en": "Joined by invitation",
    },
    "leaderboards.fission.other_members": {
        "zh-Hans": "其他渠道",
        "zh-Hant": "其他渠道",
        "en": "Other channels",
    },
    "leaderboards.fission.base_members": {
        "zh-Hans": "期初私域会员",
        "zh-Hant": "期初私域會員",
        "en": "Members at the start",
    },
    "leaderboards.fission.k_factor": {
        "zh-Hans": "K 系数（裂变系数）",
        "zh-Hant": "K 係數（裂變係數）",
        "en": "K-factor",
    },
    "leaderboards.fission.k_factor.help": {
        "zh-Hans": "期间内通过邀请加入的会员数 / 期初（开始前一天）在私域内的会员数。"
        "K > 1 表示裂变可以自我维持增长。",
        "zh-Hant": "期間內透過邀請加入的會員數 / 期初（開始前一天）在私域內的會員數。"
        "K > 1 表示裂變可以自我維持成長。",
        "en": "Members who joined in the period through an invitation / members in the "
        "private domain on the day before it starts. K > 1 means self-sustaining growth.",
    },
    "leaderboards.fission.active_inviters": {
        "zh-Hans": "活跃邀请人",
        "zh-Hant": "活躍邀請人",
        "en": "Active inviters",
    },
    "leaderboards.fission.invites_per_active_inviter": {
        "zh-Hans": "人均邀请（活跃邀请人）",
        "zh-Hant": "人均邀請（活躍邀請人）",
        "en": "Invites per active inviter",
    },
    "leaderboards.fission.invites_per_active_inviter.help": {
        "zh-Hans": "期间内受邀加入的会员数 / 期间内至少邀请到 1 人的邀请人数。",
        "zh-Hant": "期間內受邀加入的會員數 / 期間內至少邀請到 1 人的邀請人數。",
        "en": "Members who joined by invitation in the period / inviters who brought at "
        "least one of them.",
    },
    "leaderboards.fission.fission_growth": {
        "zh-Hans": "裂变增长（受邀 / 非受邀）",
        "zh-Hant": "裂變成長（受邀 / 非受邀）",
        "en": "Fission growth (invited / others)",
    },
    "leaderboards.fission.week_caption": {
        "zh-Hans": "周从周一开始，首尾两周只计期间内的天数；每周的 K 系数以该周首日前一天在私域内的"
        "会员数为分母。",
        "zh-Hant": "週從週一開始，首尾兩週只計期間內的天數；每週的 K 係數以該週首日前一天在私域內的"
        "會員數為分母。",
        "en": "Weeks start on Monday; the first and last week count only days inside the "
        "period. A week's K-factor divides by the members in the domain the day before it.",
    },
    "leaderboards.tree.title": {"zh-Hans": "邀请树", "zh-Hant": "邀請樹", "en": "Invitation tree"},
    "leaderboards.tree.inviter": {
        "zh-Hans": "选择邀请人（本期邀请最多的前 100 位）",
        "zh-Hant": "選擇邀請人（本期邀請最多的前 100 位）",
        "en": "Inviter (the 100 with the most invites this period)",
    },
    "leaderboards.tree.depth": {"zh-Hans": "层级深度", "zh-Hant": "層級深度", "en": "Depth"},
    "leaderboards.tree.size": {
        "zh-Hans": "带来总人数",
        "zh-Hant": "帶來總人數",
        "en": "Size (everyone brought in)",
    },
    "leaderboards.tree.chart": {
        "zh-Hans": "各层人数",
        "zh-Hant": "各層人數",
        "en": "Members per level",
    },
    "leaderboards.tree.level": {
        "zh-Hans": "层级（1 = 直接邀请）",
        "zh-Hant": "層級（1 = 直接邀請）",
        "en": "Level (1 = invited directly)",
    },
    "leaderboards.tree.members": {"zh-Hans": "人数", "zh-Hant": "人數", "en": "Members"},
    "leaderboards.tree.caption": {
        "zh-Hans": "包括该邀请人直接和间接（被邀请人再邀请）带来的、截至 {end} 加入的全部会员。",
        "zh-Hant": "包括該邀請人直接和間接（被邀請人再邀請）帶來的、截至 {end} 加入的全部會員。",
        "en": "Everyone this inviter brought in directly or down the chain, joined up to {end}.",
    },
    "leaderboards.tree.none": {
        "zh-Hans": "本期没有邀请人。",
        "zh-Hant": "本期沒有邀請人。",
        "en": "No inviter in this period.",
    },
    "leaderboards.tree.col.depth": {"zh-Hans": "层级", "zh-Hant": "層級", "en": "Level"},
    "leaderboards.tree.col.inviter_id": {
        "zh-Hans": "邀请人ID",
        "zh-Hant": "邀請人ID",
        "en": "Invited by",
    },
    "leaderboards.tree.col.join_day": {
        "zh-Hans": "加入日期",
        "zh-Hant": "加入日期",
        "en": "Joined",
    },
    "leaderboards.tree.col.in_period": {
        "zh-Hans": "本期加入",
        "zh-Hant": "本期加入",
        "en": "Joined in period",
    },
    "leaderboards.suspicious.title": {
        "zh-Hans": "可疑邀请人",
        "zh-Hant": "可疑邀請人",
        "en": "Suspicious inviters",
    },
    "leaderboards.suspicious.caption": {
        "zh-Hans": "本期邀请 ≥ {min_invites} 人，且其中 ≥ {share}% 的受邀者在加入 24 小时内退出、"
        "或从未互动也未下单，即标记为可疑（可能是刷量）。",
        "zh-Hant": "本期邀請 ≥ {min_invites} 人，且其中 ≥ {share}% 的受邀者在加入 24 小時內退出、"
        "或從未互動也未下單，即標記為可疑（可能是刷量）。",
        "en": "Flagged when an inviter brought {min_invites} or more members this period and "
        "{share}% or more of them left within 24 hours or never acted (no activity, no paid "
        "order): possibly fake invites.",
    },
    "leaderboards.suspicious.no_activity": {
        "zh-Hans": "没有互动行为文件：只按“24 小时内退出”判断。",
        "zh-Hant": "沒有互動行為檔案：只按「24 小時內退出」判斷。",
        "en": "No activity file: only leaving within 24 hours is checked.",
    },
    "leaderboards.suspicious.none": {
        "zh-Hans": "本期没有可疑邀请人（共检查 {checked} 位邀请 ≥ {min_invites} 人的邀请人）。",
        "zh-Hant": "本期沒有可疑邀請人（共檢查 {checked} 位邀請 ≥ {min_invites} 人的邀請人）。",
        "en": "No suspicious inviter this period ({checked} inviters with {min_invites} or "
        "more invites checked).",
    },
    "leaderboards.suspicious.col.left_within_a_day": {
        "zh-Hans": "24 小时内退出",
        "zh-Hant": "24 小時內退出",
        "en": "Left within a day",
    },
    "leaderboards.suspicious.col.never_acted": {
        "zh-Hans": "从未互动或下单",
        "zh-Hant": "從未互動或下單",
        "en": "Never acted",
    },
    "leaderboards.suspicious.col.hollow": {
        "zh-Hans": "无效受邀",
        "zh-Hant": "無效受邀",
        "en": "Hollow invitees",
    },
    "leaderboards.suspicious.col.hollow_share": {
        "zh-Hans": "无效占比",
        "zh-Hant": "無效佔比",
        "en": "Hollow share",
    },
    "leaderboards.suspicious.col.suspicious": {
        "zh-Hans": "可疑",
        "zh-Hant": "可疑",
        "en": "Suspicious",
    },
}
