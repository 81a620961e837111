"""Header aliases: which column of an export holds which canonical column, and what table it is.

Aliases are listed per table and canonical column, most specific first: the first alias that a
header matches wins. Choices an operator would ask about:

- `ordered_at` prefers the order creation time (下单时间 / 订单创建时间 / 创建时间) and falls back
  to the payment time (付款时间 / 支付时间): a cohort or a funnel starts when the buyer ordered.
- `amount` prefers what the buyer actually paid (实付金额 / 实付款 / 支付金额) over the order total
  (订单金额 / 金额), which may be before discounts.
- `user_id` prefers a real id (用户ID / 客户ID / 买家ID / 会员ID / openid …); a nickname
  (买家昵称) is the last resort. A phone number is never mapped here: it must be hashed first
  (SPEC §2), which the identity step of a platform preset does.

Headers are compared after normalisation (`normalise_header`): full-width to half-width,
lower case, spaces and punctuation removed, a bracketed unit such as "(元)" dropped.
"""

from __future__ import annotations

import re
import unicodedata

from siyu.schema import LINE_COLUMNS, TABLE_KINDS, TABLES

# Shared alias lists.
_USER = [
    "用户ID",
    "客户ID",
    "买家ID",
    "会员ID",
    "用户编号",
    "客户编号",
    "会员编号",
    "会员卡号",
    "买家编号",
    "下单人ID",
    "外部联系人ID",
    "外部联系人userid",
    "客户userid",
    "external_userid",
    "unionid",
    "openid",
    "buyer id",
    "customer id",
    "member id",
    "userid",
    "uid",
    "用户",
    "客户",
    "买家",
    "会员",
    "下单人",
    "buyer",
    "customer",
    "user",
    "member",
    "买家昵称",
    "客户昵称",
    "用户昵称",
    "微信昵称",
    "昵称",
    "nickname",
]
# Personal data, display only. A nickname column serves as user_id when no id column exists
# (it is then taken by user_id, which outranks it: see `_alias_index`).
_NICKNAME = [
    "买家昵称",
    "客户昵称",
    "用户昵称",
    "微信昵称",
    "昵称",
    "客户名称",
    "nickname",
    "nick name",
]
_PHONE = [
    "手机号",
    "手机号码",
    "买家手机号",
    "客户手机号",
    "会员手机号",
    "收货人手机号",
    "提货人手机号",
    "收货人手机号/提货人手机号",
    "联系电话",
    "联系方式",
    "手机",
    "电话",
    "phone",
    "mobile",
    "phone number",
]
_GROUP = [
    "群ID",
    "群聊ID",
    "社群ID",
    "客户群ID",
    "群编号",
    "chat id",
    "chatid",
    "group id",
    "群",
    "社群",
    "群聊",
    "客户群",
    "所在群",
    "所属群",
    "来源群",
    "group",
    "群名称",
    "群聊名称",
    "群名",
]

# The staff member who added or serves a member (WeCom 添加人, 有赞 所属员工/导购, 跟进人, 客服).
_STAFF = [
    "添加人",
    "所属员工",
    "跟进人",
    "跟进员工",
    "归属员工",
    "所属成员",
    "专属客服",
    "客服",
    "导购",
    "专属导购",
    "客户经理",
    "负责员工",
    "添加人账号",
    "staff",
    "added by",
    "owner",
]

ALIASES: dict[str, dict[str, list[str]]] = {
    "orders": {
        "order_id": [
            "订单号",
            "订单编号",
            "订单ID",
            "订单单号",
            "主订单号",
            "主订单编号",
            "交易单号",
            "交易编号",
            "交易号",
            "order id",
            "order no",
            "order number",
            "order",
            "tid",
        ],
        "user_id": _USER,
        "ordered_at": [
            "下单时间",
            "订单创建时间",
            "创建时间",
            "订单时间",
            "下单日期",
            "成交时间",
            "买家付款时间",
            "付款时间",
            "支付时间",
            "订单支付时间",
            "order time",
            "order date",
            "ordered at",
            "created at",
            "create time",
            "created",
            "paid at",
            "payment time",
            "date",
            "time",
            "时间",
            "日期",
        ],
        "amount": [
            "实付金额",
            "订单实付金额",
            "实付款",
            "实付",
            "买家实付",
            "实收金额",
            "支付金额",
            "付款金额",
            "订单支付金额",
            "amount paid",
            "paid amount",
            "payment amount",
            "订单金额",
            "应付金额",
            "成交金额",
            "交易金额",
            "订单总额",
            "总金额",
            "金额",
            "order amount",
            "total",
            "gmv",
        ],
        "status": ["订单状态", "交易状态", "状态", "支付状态", "付款状态", "order status"],
        "quantity": ["数量", "商品数量", "购买数量", "件数", "商品件数", "总件数", "qty", "count"],
        "product": [
            "商品名称",
            "商品",
            "商品名",
            "商品标题",
            "宝贝标题",
            "产品名称",
            "产品",
            "品名",
            "商品信息",
            "product name",
            "item name",
            "item",
            "sku",
        ],
        "group_id": _GROUP,
        "campaign": [
            "活动",
            "活动名称",
            "活动标签",
            "营销活动",
            "活动类型",
            "推广活动",
            "团购标题",
            "接龙标题",
            "campaign name",
            "promotion",
            "activity",
        ],
        "discount": [
            "优惠金额",
            "优惠",
            "优惠券金额",
            "优惠合计",
            "优惠总额",
            "订单优惠",
            "店铺优惠",
            "折扣金额",
            "折扣",
            "discount amount",
            "coupon amount",
            "coupon",
        ],
        "nickname": _NICKNAME,
        "phone": _PHONE,
    },
    "members": {
        "user_id": _USER,
        "joined_at": [
            "入群时间",
            "添加时间",
            "加入时间",
            "进群时间",
            "首次添加时间",
            "添加好友时间",
            "入会时间",
            "成为会员时间",
            "注册时间",
            "加入日期",
            "添加日期",
            "join time",
            "joined",
            "added at",
            "add time",
            "创建时间",
            "时间",
            "日期",
        ],
        "channel": [
            "渠道",
            "来源",
            "添加渠道",
            "来源渠道",
            "客户来源",
            "添加方式",
            "入群方式",
            "加入方式",
            "渠道活码",
            "活码",
            "渠道名称",
            "source",
            "add way",
        ],
        "group_id": _GROUP,
        "inviter_id": [
            "邀请人",
            "邀请人ID",
            "推荐人",
            "推荐人ID",
            "邀请者",
            "邀请人用户ID",
            "分享人",
            "上级",
            "inviter",
            "referrer",
            "invited by",
        ],
        "tier": [
            "会员等级",
            "等级",
            "会员级别",
            "客户等级",
            "级别",
            "会员卡",
            "level",
            "member level",
        ],
        "left_at": [
            "退群时间",
            "离开时间",
            "退出时间",
            "删除时间",
            "流失时间",
            "退群日期",
            "left",
            "quit time",
        ],
        "tags": ["标签", "客户标签", "企业标签", "用户标签", "个人标签", "tag", "labels"],
        "nickname": _NICKNAME,
        "phone": _PHONE,
        "staff": _STAFF,
    },
    "activity": {
        "user_id": _USER,
        "at": [
            "时间",
            "行为时间",
            "发生时间",
            "互动时间",
            "发言时间",
            "消息时间",
            "签到时间",
            "操作时间",
            "事件时间",
            "event time",
            "timestamp",
            "time",
            "datetime",
            "日期",
            "date",
        ],
        "group_id": _GROUP,
        "kind": [
            "行为",
            "类型",
            "行为类型",
            "事件",
            "事件类型",
            "互动类型",
            "动作",
            "event",
            "action",
            "type",
        ],
    },
    "groups": {
        "group_id": [a for a in _GROUP if "名" not in a],
        "name": ["群名称", "群名", "群聊名称", "群聊名", "社群名称", "名称", "group name"],
        "owner": ["群主", "群主名称", "群主姓名", "群主ID", "负责人", "群主账号", "owner"],
        "created_at": ["创建时间", "建群时间", "群创建时间", "create time", "created"],
    },
    "group_daily": {
        "stat_date": ["统计日期", "日期", "数据日期", "统计时间", "date", "时间"],
        "group_id": _GROUP,
        "member_total": [
            "群成员总数",
            "群成员数",
            "群总人数",
            "成员总数",
            "群人数",
            "总人数",
            "member total",
            "members",
        ],
        "new_members": [
            "新增人数",
            "今日入群",
            "入群人数",
            "新增群成员数",
            "新增成员",
            "新成员",
            "new members",
        ],
        "quit_members": ["退群人数", "今日退群", "退出人数", "退群成员数", "quit members"],
        "speakers": ["发言人数", "发送消息群成员数", "发言成员数", "发言成员", "speakers"],
        "messages": ["消息数", "群消息总数", "消息总数", "发送消息数", "发言次数", "messages"],
    },
    "staff_daily": {
        "stat_date": ["统计日期", "日期", "数据日期", "统计时间", "date", "时间"],
        "staff": [
            "成员",
            "员工",
            "成员名称",
            "成员姓名",
            "员工姓名",
            "员工名称",
            "客服",
            "客服名称",
            "所属成员",
            "姓名",
            "staff",
            "staff member",
            "employee",
        ],
        "chats": ["聊天数", "聊天总数", "会话数", "单聊数", "chats", "chat count"],
        "messages": ["发送消息数", "消息数", "发送消息总数", "messages", "messages sent"],
        "reply_share": [
            "已回复聊天占比",
            "已回复聊天比例",
            "回复率",
            "已回复占比",
            "reply rate",
            "reply share",
        ],
        "first_reply_minutes": [
            "平均首次回复时长",
            "首次回复时长",
            "平均首次回复时间",
            "平均回复时长",
            "first reply time",
            "avg first reply",
        ],
        "new_contacts": [
            "新增客户数",
            "新增客户",
            "新增联系客户数",
            "新增好友数",
            "新增联系人数",
            "new contacts",
            "new customers",
        ],
        "lost_contacts": [
            "删除/拉黑客户数",
            "删除/拉黑成员的客户数",
            "删除拉黑客户数",
            "流失客户数",
            "删除客户数",
            "lost contacts",
            "lost customers",
        ],
    },
}

# Columns only a line-level orders file has (`schema.LINE_COLUMNS`): the line's unit price,
# its specification (规格) and its own paid amount.
LINE_ALIASES: dict[str, list[str]] = {
    "sku": [
        "商品规格",
        "规格",
        "规格信息",
        "规格名称",
        "sku名称",
        "sku编码",
        "商品编码",
        "variant",
    ],
    "unit_price": [
        "商品单价",
        "单价",
        "销售单价",
        "商品价格",
        "售价",
        "价格",
        "团购价",
        "unit price",
        "unitprice",
        "price",
    ],
    "line_amount": [
        "商品实际成交金额",
        "商品实付金额",
        "商品实付",
        "商品成交金额",
        "商品小计",
        "小计",
        "商品金额",
        "商品总价",
        "line amount",
        "subtotal",
    ],
}

# Traditional → simplified for the characters of the aliases and status words, so that a
# Taiwan or Hong Kong export (訂單編號, 買家ID, 已完成) matches the same aliases.
TRADITIONAL = "業個為買產優會價關冊創刪別動單發號後員團寶實廣應開態總戶據數時暱來標狀碼離稱簽類係繫級統編聯薦營計訂評請貝負責賬帳貨購進鋪銷閉間題額龍屬條門換長項質點鐘"
SIMPLIFIED = "业个为买产优会价关册创删别动单发号后员团宝实广应开态总户据数时昵来标状码离称签类系系级统编联荐营计订评请贝负责账账货购进铺销闭间题额龙属条门换长项质点钟"
_TO_SIMPLIFIED = str.maketrans(TRADITIONAL, SIMPLIFIED)

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|<[^<>]*>|《[^《》]*》")
_PUNCT = re.compile(r"[\s_\-·:/\\.*#'\"`~|,;]+")


def normalise_header(header: str) -> str:
    """The form a header is compared in: "订单实付金额（元）" → "订单实付金额", "Order ID" → "orderid"."""
    s = unicodedata.normalize("NFKC", str(header)).lower().replace("\ufeff", "")
    s = s.translate(_TO_SIMPLIFIED)
    stripped = _BRACKETS.sub("", s)
    if _PUNCT.sub("", stripped):
        s = stripped
    return _PUNCT.sub("", s)


# Display-only columns take a header only when no key column wants it.
_LOW = 500
_LOW_COLUMNS = ("nickname",)
DISPLAY_ONLY = ("nickname", "phone")


def _alias_index() -> dict[str, dict[str, dict[str, int]]]:
    index: dict[str, dict[str, dict[str, int]]] = {}
    for kind, columns in ALIASES.items():
        index[kind] = {}
        for col, aliases in columns.items():
            ranks = {normalise_header(col): -1}
            for i, a in enumerate(aliases):
                ranks.setdefault(normalise_header(a), i + (_LOW if col in _LOW_COLUMNS else 0))
            index[kind][col] = ranks
    index["order_lines"] = {
        col: {normalise_header(a): i for i, a in reversed(list(enumerate(aliases)))}
        for col, aliases in LINE_ALIASES.items()
    }
    return index


_INDEX = _alias_index()
_CONTAINS = 1000  # rank offset of a header that merely contains an alias


def _rank(norm: str, ranks: dict[str, int]) -> int | None:
    exact = ranks.get(norm)
    if exact is not None:
        return exact
    best = None
    for alias, i in ranks.items():
        # Only long aliases, so that 时间 does not grab 预计发货时间.
        if len(alias) >= 4 and alias in norm and (best is None or i < best):
            best = i
    return None if best is None else _CONTAINS + best


def propose_mapping(headers: list[str], kind: str) -> dict[str, str | None]:
    """Canonical column → the header that best matches it (None when nothing matches)."""
    table = TABLES.get(kind)
    if table is None or kind not in ALIASES:
        return {}
    norms = [normalise_header(h) for h in headers]
    candidates: list[tuple[int, int, int]] = []
    for ci, col in enumerate(table.column_names):
        ranks = _INDEX[kind][col]
        for hi, norm in enumerate(norms):
            r = _rank(norm, ranks)
            if r is not None:
                candidates.append((r, ci, hi))
    mapping: dict[str, str | None] = dict.fromkeys(table.column_names)
    used: set[int] = set()
    for _, ci, hi in sorted(candidates):
        col = table.column_names[ci]
        if mapping[col] is None and hi not in used:
            mapping[col] = headers[hi]
            used.add(hi)
    return mapping


def propose_line_mapping(
    headers: list[str], taken: set[str] | frozenset[str] = frozenset()
) -> dict[str, str | None]:
    """`LINE_COLUMNS` → the header that best matches each, among headers not in `taken`
    (those the orders mapping already uses); exact matches only, best alias first."""
    norms = [normalise_header(h) for h in headers]
    out: dict[str, str | None] = {}
    used = set(taken)
    for col in (c.name for c in LINE_COLUMNS):
        ranks = _INDEX["order_lines"][col]
        found = sorted(
            (ranks[n], i)
            for i, (h, n) in enumerate(zip(headers, norms, strict=True))
            if n in ranks and h not in used
        )
        out[col] = headers[found[0][1]] if found else None
        if found:
            used.add(headers[found[0][1]])
    return out


def kind_scores(headers: list[str]) -> dict[str, float]:
    """How well the headers fit each table kind, 0…1 (required columns weigh three times)."""
    scores: dict[str, float] = {}
    for kind in TABLE_KINDS:
        table = TABLES[kind]
        mapping = propose_mapping(headers, kind)
        total = got = 0.0
        req_total = req_got = 0
        for c in table.columns:
            if c.name in DISPLAY_ONLY:
                continue  # personal data fits any table: it says nothing of the kind
            w = 3.0 if c.required else 1.0
            total += w
            if mapping[c.name] is not None:
                got += w
                req_got += c.required
            req_total += c.required
        coverage = req_got / req_total if req_total else 1.0
        scores[kind] = round(got / total * coverage, 4)
    return scores


def guess_kind(headers: list[str]) -> tuple[str, dict[str, float]]:
    """The most likely table kind for these headers (orders when nothing fits) and all scores."""
    scores = kind_scores(headers)
    best = max(scores, key=lambda k: (scores[k], k == "orders"))
    if scores[best] == 0:
        best = "orders"
    return best, scores


def alias_hits(cells: list[str]) -> int:
    """How many cells match some alias of some table: a header row matches many."""
    hits = 0
    for cell in cells:
        norm = normalise_header(cell)
        if not norm:
            continue
        if any(norm in ranks for table in _INDEX.values() for ranks in table.values()):
            hits += 1
    return hits
