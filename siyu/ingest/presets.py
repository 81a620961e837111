"""Platform presets: the export a file comes from, recognised by its header signature.

Each platform our users live on exports its own layout. A preset names the table kind, a
mapping and the `Options` that turn the layout into canonical rows; the Data page shows the
result and the user can still change every part of it. What each preset knows:

- 有赞 orders (订单号, 订单实付金额, 买家昵称, 买家手机号, 订单退款状态, 订单已退款金额 …): one
  row per order; a full refund (refunded amount ≥ paid amount, or a refund state such as
  退款成功 when no amount is given) makes the order `refunded`. A header written twice
  (分销员) is read as 分销员 and 分销员 (2).
- 有赞 item-level orders (商品单价 / 商品实际成交金额 per line): one row per item, collapsed
  to one order; the order's 订单实付金额 when the export repeats it, else Σ item amounts.
  The lines are kept in `order_items` (商品名称, 商品规格, 商品数量, 商品单价, 商品实际成交金额).
- 有赞 customers (成长值, 付费等级, 消费次数, 成为客户时间 …): members.
- 快团团 (跟团号, 下单人, 团购标题, 订单金额 …): one row per item, 订单金额 only on the first
  row of an order (0, empty or a merged cell below): collapsed to one order with that total.
- 群接龙 (接龙号, 微信昵称, 订单总金额, 商品合计): 商品合计 lists `名称(规格) * 数量` lines,
  read as the product names and the total quantity; each line is kept in `order_items`.
- Any other orders file whose sampled rows repeat an order id with different products is
  proposed as line-level (`detect_lines`); without an order amount column, the amount comes
  from the lines (their own amounts, else unit price × quantity: `resolve_lines`).

Line-level files keep their lines in `order_items` (`sqlgen`): a line's amount is its own
paid amount when the file has one, else unit price × quantity, else (快团团: only the order
total, on the first row) the order's amount shared over its lines in proportion to their
quantities, so the lines of an order always add up to what it was paid.
- WeCom customer lists (客户名称, 添加人, 添加时间, 来源, 标签): one row per customer and staff
  member, collapsed to one member with the earliest 添加时间, whose 添加人 is the member's
  `staff`; numeric 来源 codes (WeCom's add_way) become their labels.
- WeCom 客户联系 statistics (成员, 聊天数, 发送消息数, 已回复聊天占比, 平均首次回复时长,
  新增客户数, 删除/拉黑客户数): `staff_daily`; without a date column the user gives the date.
- WeCom group lists (群名称, 群主, 创建时间, 群人数, 今日入群 …): `groups`, and when they carry
  today's counts, also `group_daily` for a statistics date the user gives.
- WeCom group statistics (统计日期, 群名称, 新增群成员数, 发送消息群成员数 …): `group_daily`;
  without a date column the user gives the date.
- UCI Online Retail (InvoiceNo, StockCode, Quantity, UnitPrice, CustomerID …): one row per
  line item; amount = Σ quantity × unit price, invoices starting with C are cancelled,
  `17850.0` is user `17850`.
- 微盟 and unknown exports: the alias mapping (`aliases.py`).

Who a person is (`user_id`) is settled afterwards by `identity.propose_identity`, the same way
for every platform.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from typing import Any

from siyu.ingest.aliases import normalise_header, propose_line_mapping, propose_mapping
from siyu.schema import LINE_COLUMNS

AMOUNT_RULES = ("first", "sum", "unit_price")
# Daily statistics: a file whose rows carry no date is for one day the user gives.
STAT_DATE_KINDS = ("group_daily", "staff_daily")


@dataclass(frozen=True)
class Options:
    """How rows of a file become canonical rows, beyond the column mapping."""

    # orders: the file has one row per item, collapsed to one row per order;
    # members: one row per person and staff member, collapsed to one member (earliest time).
    lines: bool = False
    # With `lines`, what the amount column holds: the order total on the first row of each
    # order ("first"; rows below may be 0, empty or a merged cell), each line's amount
    # ("sum"), or a unit price multiplied by the line's quantity ("unit_price").
    amount_rule: str = "first"
    refund_status: str | None = None  # header of a refund state beside the order state
    refunded_amount: str | None = None  # header of the refunded amount
    cancelled_prefix: str = ""  # order ids starting with this are cancellations (UCI: C)
    float_ids: bool = False  # user ids written as numbers: 17850.0 → 17850
    items_list: bool = False  # the product cell lists "名称(规格) * 数量" lines
    channel_codes: bool = False  # the channel holds WeCom add_way codes (1 → 扫描二维码)
    # group_daily, staff_daily: the date of every row of a dateless file
    stat_date: date | None = None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["stat_date"] = self.stat_date.isoformat() if self.stat_date else None
        return out

    @classmethod
    def from_json(cls, raw: dict[str, Any] | None) -> Options:
        raw = dict(raw or {})
        known = {f.name for f in fields(cls)}
        kept = {k: v for k, v in raw.items() if k in known}
        if kept.get("stat_date"):
            try:
                kept["stat_date"] = date.fromisoformat(str(kept["stat_date"]))
            except ValueError:
                kept["stat_date"] = None
        if kept.get("amount_rule") not in AMOUNT_RULES:
            kept.pop("amount_rule", None)
        return cls(**kept)


@dataclass(frozen=True)
class Plan:
    """What to make of one file (or, for `also`, a second table from the same file)."""

    kind: str
    mapping: dict[str, str | None]
    options: Options = field(default_factory=Options)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "mapping": dict(self.mapping), "options": self.options.to_json()}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Plan:
        return cls(
            kind=str(raw["kind"]),
            mapping={str(k): (None if v is None else str(v)) for k, v in raw["mapping"].items()},
            options=Options.from_json(raw.get("options")),
        )


# WeCom's add_way codes (external contact API, 企业微信 客户联系 “来源”), as the admin shows them.
ADD_WAY = {
    "0": "未知来源",
    "1": "扫描二维码",
    "2": "搜索手机号",
    "3": "名片分享",
    "4": "群聊",
    "5": "手机通讯录",
    "6": "微信联系人",
    "8": "安装第三方应用时自动添加的客服人员",
    "9": "搜索邮箱",
    "10": "视频号添加",
    "11": "通过日程参与人添加",
    "12": "通过会议参与人添加",
    "13": "添加微信好友对应的企业微信",
    "14": "通过智慧硬件专属客服添加",
    "15": "通过上门服务客服添加",
    "16": "通过获客链接添加",
    "17": "通过定制开发添加",
    "18": "通过需求回复添加",
    "21": "通过第三方售前客服添加",
    "22": "通过可能的商务伙伴添加",
    "24": "通过接受微信账号收到的好友申请添加",
    "201": "内部成员共享",
    "202": "管理员/负责人分配",
}


class _Headers:
    """Look headers up by name, compared normalised (full width, case, brackets, slashes)."""

    def __init__(self, headers: list[str]) -> None:
        self.headers = headers
        self.norm: dict[str, str] = {}
        for h in headers:
            self.norm.setdefault(normalise_header(h), h)

    def has(self, name: str) -> bool:
        return normalise_header(name) in self.norm

    def find(self, *names: str) -> str | None:
        """The file's header for the first of `names` it has."""
        for name in names:
            h = self.norm.get(normalise_header(name))
            if h is not None:
                return h
        return None


Build = Callable[[_Headers], tuple[dict[str, str | None], Options, "Plan | None"]]


@dataclass(frozen=True)
class Platform:
    name: str  # e.g. youzan_orders; the label is the text key ingest.platform.<name>
    kind: str
    must: tuple[tuple[str, ...], ...]  # for each tuple, one of its headers must be there
    signature: tuple[str, ...]  # headers typical of the export; scores the match
    min_hits: int
    build: Build
    exclude: tuple[str, ...] = ()  # a header that says it is another export


@dataclass(frozen=True)
class Recognised:
    platform: str  # platform name, or "unknown"
    plan: Plan
    also: Plan | None = None  # a second table the same file holds (WeCom group lists)


_CUSTOMER_NAME = ("客户名称", "客户昵称", "微信昵称", "昵称", "客户")
_ID_HEADERS = ("外部联系人ID", "external_userid", "客户ID", "用户ID", "会员ID", "unionid", "openid")
_DATE_HEADERS = ("统计日期", "日期", "数据日期", "统计时间", "date")


def _set(mapping: dict[str, str | None], **cols: str | None) -> dict[str, str | None]:
    out = dict(mapping)
    for col, header in cols.items():
        out[col] = header
    return out


def _youzan_orders(h: _Headers):
    m = propose_mapping(h.headers, "orders")
    m = _set(
        m,
        order_id=h.find("订单号", "订单编号"),
        ordered_at=h.find("订单创建时间", "下单时间", "买家付款时间"),
        amount=h.find("订单实付金额", "实付金额"),
        status=h.find("订单状态"),
        nickname=h.find("买家昵称"),
        phone=h.find("买家手机号", "收货人手机号/提货人手机号", "收货人手机号"),
        product=h.find("全部商品名称", "商品名称"),
        quantity=h.find("商品总件数", "商品总数量", "商品数量"),
        user_id=h.find("买家ID", "客户ID", "会员ID", "用户ID"),
    )
    opts = Options(
        refund_status=h.find("订单退款状态", "退款状态"),
        refunded_amount=h.find("订单已退款金额", "已退款金额"),
    )
    return m, opts, None


def _youzan_items(h: _Headers):
    m, opts, _ = _youzan_orders(h)
    order_total = h.find("订单实付金额")
    m = _set(
        m,
        product=h.find("商品名称", "全部商品名称"),
        quantity=h.find("商品数量", "数量"),
        amount=order_total or h.find("商品实际成交金额", "商品实付金额", "商品小计"),
        discount=None,
        sku=h.find("商品规格", "规格信息", "规格"),
        unit_price=h.find("商品单价", "单价"),
        # with the order total as the amount, each line's own paid amount goes to the lines
        line_amount=h.find("商品实际成交金额", "商品实付金额", "商品小计") if order_total else None,
    )
    return m, replace(opts, lines=True, amount_rule="first" if order_total else "sum"), None


def _youzan_customers(h: _Headers):
    m = propose_mapping(h.headers, "members")
    m = _set(
        m,
        user_id=h.find(*_ID_HEADERS, "会员卡号"),
        joined_at=h.find("成为客户时间", "成为会员时间", "首次访问时间"),
        tier=h.find("会员等级", "付费等级", "等级"),
        nickname=h.find("客户昵称", "微信昵称", "昵称", "客户姓名", "姓名"),
        phone=h.find("手机号", "客户手机号", "手机号码"),
        channel=h.find("来源渠道", "客户来源", "来源"),
        tags=h.find("标签", "客户标签"),
    )
    return m, Options(), None


def _ktt_orders(h: _Headers):
    m = propose_mapping(h.headers, "orders")
    m = _set(
        m,
        order_id=h.find("订单号", "订单编号", "跟团号"),
        user_id=h.find(*_ID_HEADERS),
        ordered_at=h.find("下单时间", "支付时间", "跟团时间"),
        amount=h.find("订单金额", "实付金额", "订单实付金额"),
        status=h.find("订单状态", "状态"),
        product=h.find("商品名称", "商品", "商品名"),
        quantity=h.find("数量", "商品数量", "购买数量"),
        campaign=h.find("团购标题", "团购名称", "活动名称"),
        nickname=h.find("下单人", "微信昵称", "昵称"),
        phone=h.find("联系电话", "收货人电话", "手机号", "电话"),
        discount=None,
        sku=h.find("规格", "商品规格"),
        unit_price=h.find("单价", "商品单价", "团购价"),
        line_amount=h.find("商品金额", "商品小计", "小计", "商品实付金额"),
    )
    opts = Options(lines=True, amount_rule="first", refunded_amount=h.find("退款金额"))
    return m, opts, None


def _jielong_orders(h: _Headers):
    m = propose_mapping(h.headers, "orders")
    m = _set(
        m,
        order_id=h.find("订单号", "订单编号", "接龙号"),
        user_id=h.find(*_ID_HEADERS),
        ordered_at=h.find("下单时间", "接龙时间", "提交时间", "支付时间"),
        amount=h.find("订单总金额", "实付金额", "支付金额"),
        status=h.find("支付状态", "订单状态"),
        product=h.find("商品合计", "商品"),
        quantity=None,
        campaign=h.find("接龙标题", "活动标题"),
        nickname=h.find("微信昵称", "昵称"),
        phone=h.find("联系电话", "手机号", "电话"),
    )
    return m, Options(items_list=True), None


def _wecom_customers(h: _Headers):
    m = propose_mapping(h.headers, "members")
    m = _set(
        m,
        user_id=h.find(*_ID_HEADERS),
        joined_at=h.find("添加时间", "添加好友时间"),
        channel=h.find("来源", "添加渠道", "添加方式", "客户来源"),
        tags=h.find("标签", "企业标签", "客户标签"),
        nickname=h.find(*_CUSTOMER_NAME),
        phone=h.find("手机号", "备注手机号", "客户手机号", "电话"),
        # the staff member of the row: with one row per customer and staff member, the
        # earliest row's (the first to add the customer) is kept (`sqlgen._members_lines`)
        staff=h.find("添加人", "所属员工", "跟进人", "添加人账号"),
        inviter_id=None,
        group_id=None,
        tier=None,
    )
    return m, Options(lines=True, channel_codes=True), None


def _group_key(h: _Headers) -> str | None:
    return h.find(
        "群ID", "群聊ID", "客户群ID", "chat_id", "chatid", "群名称", "群聊名称", "客户群名称"
    )


def _daily_mapping(h: _Headers) -> dict[str, str | None]:
    return {
        "stat_date": h.find(*_DATE_HEADERS),
        "group_id": _group_key(h),
        "member_total": h.find("群成员总数", "群成员数", "群人数", "群总人数", "成员总数"),
        "new_members": h.find("新增群成员数", "今日入群", "入群人数", "新增人数", "新增成员数"),
        "quit_members": h.find("退群人数", "今日退群", "退群成员数", "退出人数"),
        "speakers": h.find(
            "发送消息群成员数", "发过消息的群成员数", "发言人数", "发言成员数", "今日发言人数"
        ),
        "messages": h.find("群消息总数", "消息总数", "发送消息数", "今日消息数", "消息数"),
    }


_COUNTS = (
    "今日入群",
    "今日退群",
    "新增群成员数",
    "入群人数",
    "退群人数",
    "发送消息群成员数",
    "发过消息的群成员数",
    "发言人数",
    "群消息总数",
    "今日消息数",
)


def _wecom_groups(h: _Headers):
    m = {
        "group_id": _group_key(h),
        "name": h.find("群名称", "群聊名称", "客户群名称", "群名"),
        "owner": h.find("群主", "群主名称", "群主姓名"),
        "created_at": h.find("创建时间", "建群时间", "群创建时间"),
    }
    also = None
    daily = _daily_mapping(h)
    if any(daily[c] for c in ("new_members", "quit_members", "speakers", "messages")):
        also = Plan("group_daily", daily, Options())
    return m, Options(), also


def _wecom_group_daily(h: _Headers):
    return _daily_mapping(h), Options(), None


_STAFF_HEADERS = ("成员", "员工", "成员名称", "成员姓名", "员工姓名", "所属成员", "客服", "姓名")
_STAFF_COUNTS = ("聊天数", "聊天总数", "已回复聊天占比", "平均首次回复时长")


def _wecom_staff_daily(h: _Headers):
    m = {
        "stat_date": h.find(*_DATE_HEADERS),
        "staff": h.find(*_STAFF_HEADERS),
        "chats": h.find("聊天数", "聊天总数", "会话数"),
        "messages": h.find("发送消息数", "消息数"),
        "reply_share": h.find("已回复聊天占比", "已回复聊天比例", "回复率"),
        "first_reply_minutes": h.find("平均首次回复时长", "首次回复时长", "平均首次回复时间"),
        "new_contacts": h.find("新增客户数", "新增客户", "新增联系客户数"),
        "lost_contacts": h.find("删除/拉黑客户数", "删除/拉黑成员的客户数", "流失客户数"),
    }
    return m, Options(), None


def _weimob_orders(h: _Headers):
    return propose_mapping(h.headers, "orders"), Options(), None


def _uci_online_retail(h: _Headers):
    m = propose_mapping(h.headers, "orders")
    m = _set(
        m,
        order_id=h.find("InvoiceNo"),
        user_id=h.find("CustomerID"),
        ordered_at=h.find("InvoiceDate"),
        amount=h.find("UnitPrice"),
        quantity=h.find("Quantity"),
        product=h.find("Description"),
        status=None,
        campaign=None,
        discount=None,
        group_id=None,
    )
    opts = Options(lines=True, amount_rule="unit_price", cancelled_prefix="C", float_ids=True)
    return m, opts, None


PLATFORMS: tuple[Platform, ...] = (
    Platform(
        "youzan_orders",
        "orders",
        must=(("订单号",), ("订单实付金额",)),
        signature=(
            "订单创建时间",
            "买家付款时间",
            "订单状态",
            "订单退款状态",
            "订单已退款金额",
            "买家昵称",
            "买家手机号",
            "全部商品名称",
            "商品种类数",
            "收货人手机号/提货人手机号",
            "分销员",
        ),
        min_hits=3,
        build=_youzan_orders,
        exclude=("商品单价", "商品实际成交金额", "商品数量", "商品名称"),
    ),
    Platform(
        "youzan_items",
        "orders",
        must=(("订单号",), ("商品单价", "商品实际成交金额", "商品实付金额")),
        signature=(
            "订单创建时间",
            "买家付款时间",
            "订单状态",
            "买家昵称",
            "买家手机号",
            "商品名称",
            "商品规格",
            "规格信息",
            "商品数量",
            "商品退款状态",
            "订单实付金额",
        ),
        min_hits=3,
        build=_youzan_items,
    ),
    Platform(
        "youzan_customers",
        "members",
        must=(("成为客户时间", "成长值", "消费次数", "付费等级"),),
        signature=(
            "成长值",
            "付费等级",
            "消费次数",
            "成为客户时间",
            "成为会员时间",
            "会员等级",
            "积分",
            "储值余额",
            "消费金额",
            "客户昵称",
            "最近消费时间",
        ),
        min_hits=2,
        build=_youzan_customers,
    ),
    Platform(
        "ktt_orders",
        "orders",
        must=(("跟团号", "团购标题", "团购名称"),),
        signature=(
            "跟团号",
            "下单人",
            "团购标题",
            "团购名称",
            "订单金额",
            "规格",
            "团长备注",
            "团员备注",
            "自提点",
            "提货点",
            "联系电话",
            "退款金额",
        ),
        min_hits=3,
        build=_ktt_orders,
    ),
    Platform(
        "jielong_orders",
        "orders",
        must=(("接龙号", "商品合计"),),
        signature=("接龙号", "微信昵称", "订单总金额", "商品合计", "接龙标题", "联系电话"),
        min_hits=2,
        build=_jielong_orders,
    ),
    Platform(
        "wecom_customers",
        "members",
        must=(("添加人",), ("添加时间",)),
        signature=("客户名称", "来源", "添加渠道", "标签", "企业标签", "客户备注", "添加人账号"),
        min_hits=2,
        build=_wecom_customers,
    ),
    Platform(
        "wecom_groups",
        "groups",
        must=(("群主",), ("群名称", "群聊名称", "客户群名称")),
        signature=("创建时间", "群人数", "群成员数", "今日入群", "今日退群", "群公告"),
        min_hits=1,
        build=_wecom_groups,
        exclude=_DATE_HEADERS,
    ),
    Platform(
        "wecom_group_daily",
        "group_daily",
        must=(_COUNTS, ("群ID", "群聊ID", "客户群ID", "群名称", "群聊名称", "客户群名称")),
        signature=(*_DATE_HEADERS, "群成员总数", "群成员数", "群人数", *_COUNTS),
        min_hits=1,
        build=_wecom_group_daily,
    ),
    Platform(
        "wecom_staff_daily",
        "staff_daily",
        must=(_STAFF_COUNTS, _STAFF_HEADERS),
        signature=(
            *_DATE_HEADERS,
            *_STAFF_COUNTS,
            "发送消息数",
            "新增客户数",
            "删除/拉黑客户数",
            "删除/拉黑成员的客户数",
            "发起申请数",
            "部门",
        ),
        min_hits=2,
        build=_wecom_staff_daily,
    ),
    Platform(
        "weimob_orders",
        "orders",
        must=(("订单编号",), ("客户昵称", "客户手机号")),
        signature=(
            "下单时间",
            "付款时间",
            "实付金额",
            "订单状态",
            "商品名称",
            "收货人手机",
            "商品数量",
            "规格",
            "配送方式",
        ),
        min_hits=3,
        build=_weimob_orders,
    ),
    Platform(
        "uci_online_retail",
        "orders",
        must=(("InvoiceNo",), ("CustomerID",), ("UnitPrice",), ("Quantity",)),
        signature=("StockCode", "Description", "InvoiceDate", "Country"),
        min_hits=2,
        build=_uci_online_retail,
    ),
)
PLATFORM_NAMES = ("unknown", *(p.name for p in PLATFORMS))


def recognise(headers: list[str]) -> tuple[Platform | None, float]:
    """The platform whose header signature fits best, and how well (share of its signature)."""
    h = _Headers(headers)
    best: tuple[Platform | None, float] = (None, 0.0)
    for p in PLATFORMS:
        if not all(any(h.has(x) for x in group) for group in p.must):
            continue
        if any(h.has(x) for x in p.exclude):
            continue
        hits = sum(1 for x in p.signature if h.has(x))
        if hits < p.min_hits:
            continue
        score = hits / len(p.signature)
        if score > best[1]:
            best = (p, score)
    return best


def platform_plan(headers: list[str], kind: str | None = None) -> Recognised:
    """The preset for these headers; `kind` (the user's choice) overrides the preset's kind."""
    from siyu.ingest.aliases import guess_kind

    platform, _ = recognise(headers)
    if platform is not None and (kind is None or kind == platform.kind):
        mapping, options, also = platform.build(_Headers(headers))
        plan = Plan(platform.kind, _with_lines(platform.kind, mapping, headers), options)
        return Recognised(platform.name, plan, also)
    if kind is None:
        kind, _ = guess_kind(headers)
    mapping = _with_lines(kind, propose_mapping(headers, kind), headers)
    return Recognised(platform.name if platform else "unknown", Plan(kind, mapping))


def _with_lines(
    kind: str, mapping: dict[str, str | None], headers: list[str]
) -> dict[str, str | None]:
    """An orders mapping with the line columns (`schema.LINE_COLUMNS`) a preset left open
    proposed from the headers the mapping does not use yet."""
    if kind != "orders":
        return mapping
    taken = {h for h in mapping.values() if h}
    found = propose_line_mapping(headers, taken)
    out = dict(mapping)
    for col in LINE_NAMES:
        if col not in out:
            out[col] = found[col]
    return out


LINE_NAMES = tuple(c.name for c in LINE_COLUMNS)


def resolve_lines(
    kind: str, mapping: dict[str, str | None], options: Options
) -> tuple[dict[str, str | None], Options, str | None]:
    """The mapping and options a convert runs with, and where the order amount comes from.

    Without an order amount column, an orders file whose lines carry their own paid amount
    (`line_amount`) or a unit price and a quantity is read line by line: the order's amount
    is the sum of its lines (`sum`), or Σ quantity × unit price (`unit_price`). The third
    value says so ("line_amount" or "unit_price"); None when the mapping gives the amount
    (or cannot: `missing_columns` says what is missing).
    """
    if kind != "orders" or mapping.get("amount"):
        return mapping, options, None
    out = dict(mapping)
    if mapping.get("line_amount"):
        out["amount"] = mapping["line_amount"]
        return out, replace(options, lines=True, amount_rule="sum"), "line_amount"
    if mapping.get("unit_price") and mapping.get("quantity"):
        out["amount"] = mapping["unit_price"]
        return out, replace(options, lines=True, amount_rule="unit_price"), "unit_price"
    return mapping, options, None


def missing_columns(kind: str, mapping: dict[str, str | None], options: Options) -> list[str]:
    """The required columns of `kind` that the mapping neither gives nor lets be derived
    (an orders amount derives from line amounts or unit price × quantity: `resolve_lines`);
    a statistics date given by the user stands for the date column."""
    from siyu.schema import TABLES

    if kind not in TABLES:
        return []
    resolved, opts, _ = resolve_lines(kind, mapping, options)
    missing = [c for c in TABLES[kind].required if not resolved.get(c)]
    if kind in STAT_DATE_KINDS and opts.stat_date is not None:
        missing = [c for c in missing if c != "stat_date"]
    return missing


def detect_lines(mapping: dict[str, str | None], values: dict[str, list[str]]) -> tuple[bool, str]:
    """Whether sampled rows of an orders file are lines of orders, and the amount rule.

    Line-level: an order id appears on several rows with different products. The amount
    column then holds the order total when every later row of an order repeats the first
    row's amount or leaves it empty or 0 (`first`), else each line's amount (`sum`).
    """
    oid, product, amount = (mapping.get(c) for c in ("order_id", "product", "amount"))
    if not oid or not product or oid not in values or product not in values:
        return False, "first"
    rows: dict[str, list[int]] = {}
    for i, v in enumerate(values[oid]):
        key = v.strip()
        if key:
            rows.setdefault(key, []).append(i)
    products = values[product]
    repeated = [
        idx
        for idx in rows.values()
        if len(idx) > 1 and len({products[i].strip() for i in idx if i < len(products)}) > 1
    ]
    if not repeated:
        return False, "first"
    amounts = values.get(amount or "", [])

    def later_repeat(idx: list[int]) -> bool:
        cells = [amounts[i].strip() if i < len(amounts) else "" for i in idx]
        return all(c in ("", "0", "0.0", "0.00", "-", cells[0]) for c in cells[1:])

    rule = "first" if not amounts or all(later_repeat(idx) for idx in repeated) else "sum"
    return True, rule


def needs_stat_date(plan: Plan) -> bool:
    """A statistics file whose rows carry no date: the user must give one."""
    return (
        plan.kind in STAT_DATE_KINDS
        and not plan.mapping.get("stat_date")
        and not (plan.options.stat_date)
    )


# ---------------------------------------------------------------------------------------------
# Cell rewrites the presets need (applied while the rows stream, before anything is stored)

_ITEM_LINES = re.compile(r"[\r\n]+|[；;]")
_ITEM = re.compile(r"^(.*?)\s*[*×xX＊]\s*(\d+)\s*(?:件|份|个|盒|袋|箱|瓶)?$")


def split_items(cell: str) -> tuple[str, int | None]:
    """群接龙 商品合计: "草莓(500g) * 2\\n橙子 * 1" → ("草莓(500g)、橙子", 3); a line without
    a count counts as one."""
    lines = item_lines(cell)
    return "、".join(p for p, _ in lines), (sum(q for _, q in lines) if lines else None)


def item_lines(cell: str) -> list[tuple[str, int]]:
    """群接龙 商品合计 as its lines: "草莓(500g) * 2\\n橙子" → [("草莓(500g)", 2), ("橙子", 1)]."""
    out = []
    for part in _ITEM_LINES.split(cell):
        part = part.strip()
        if not part:
            continue
        m = _ITEM.match(part)
        if m and m.group(1).strip():
            out.append((m.group(1).strip(), int(m.group(2))))
        else:
            out.append((part, 1))
    return out


def items_json(cell: str) -> str:
    """The lines of an item list as JSON (`[{"p": name, "q": count}, …]`), read by the SQL
    that writes `order_items`; an empty cell stays empty."""
    lines = item_lines(cell)
    if not lines:
        return ""
    return json.dumps([{"p": p, "q": q} for p, q in lines], ensure_ascii=False)


def channel_label(code: str) -> str:
    """A WeCom add_way code → its label; any other text is kept as it is."""
    return ADD_WAY.get(code.strip(), code)
