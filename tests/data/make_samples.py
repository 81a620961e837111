"""Write the small platform samples of this folder (run it again after changing one).

    .venv/bin/python tests/data/make_samples.py

Each sample is hand-made from the header lists of the platform's real export, in the format and
encoding the platform writes: 有赞 CSVs in GB18030 (the order export with its title row and
分销员 written twice), 微盟 in UTF-8 with a BOM, 快团团 / 群接龙 / WeCom as XLSX workbooks
(merged cells, several sheets, cells with line breaks). The expected rows and totals are in
`EXPECTED` and pinned by `tests/unit/test_presets.py`; phone numbers are made up.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _csv(rows: list[list[object]], encoding: str, title: str | None = None) -> bytes:
    buf = io.StringIO()
    if title:
        buf.write(title + "\r\n")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(encoding)


# 有赞 订单导出 (one row per order): GB18030 with a title row; 分销员 appears twice.
YOUZAN_ORDERS = [
    [
        "订单号",
        "订单状态",
        "订单退款状态",
        "买家昵称",
        "买家手机号",
        "订单创建时间",
        "买家付款时间",
        "商品种类数",
        "全部商品名称",
        "订单实付金额",
        "订单已退款金额",
        "收货人/提货人",
        "收货人手机号/提货人手机号",
        "收货地址",
        "分销员",
        "分销员",
    ],
    # E1 paid 128.00 by 13812345678
    [
        "E20240409115400001",
        "交易成功",
        "无退款",
        "张三",
        "13812345678",
        "2024-04-09 11:54:00",
        "2024-04-09 11:55:02",
        "2",
        "有机草莓 500g；赣南脐橙 5斤",
        "128.00",
        "0.00",
        "张三",
        "13812345678",
        "上海市徐汇区漕溪北路 1 号",
        "李导购",
        "",
    ],
    # E2 paid ¥1,299.00, partly refunded (100.00): stays paid
    [
        "E20240410090000002",
        "已发货",
        "部分退款",
        "李四",
        "13912345678",
        "2024-04-10 09:00:00",
        "2024-04-10 09:01:00",
        "1",
        "云南小粒咖啡礼盒",
        "¥1,299.00",
        "100.00",
        "李四",
        "13912345678",
        "杭州市西湖区文三路 2 号",
        "",
        "王导购",
    ],
    # E3 closed after a full refund (58.50 of 58.50): refunded; same buyer as E1
    [
        "E20240411080000003",
        "交易关闭",
        "退款成功",
        "张三",
        "13812345678",
        "2024-04-11 08:00:00",
        "2024-04-11 08:00:30",
        "1",
        "东北大米 10kg",
        "58.50",
        "58.50",
        "张三",
        "13812345678",
        "上海市徐汇区漕溪北路 1 号",
        "",
        "",
    ],
    # E4 never paid: cancelled
    [
        "E20240412100000004",
        "待付款",
        "无退款",
        "王五",
        "13700001111",
        "2024-04-12 10:00:00",
        "",
        "1",
        "手工水饺（猪肉白菜）",
        "0.00",
        "0.00",
        "王五",
        "13700001111",
        "南京市鼓楼区中山路 3 号",
        "",
        "",
    ],
    # E5 paid 99.90 by 13700001111
    [
        "E20240413120000005",
        "交易成功",
        "无退款",
        "王五",
        "13700001111",
        "2024-04-13 12:00:00",
        "2024-04-13 12:00:10",
        "1",
        "赣南脐橙 5斤",
        "99.90",
        "0.00",
        "王五",
        "13700001111",
        "南京市鼓楼区中山路 3 号",
        "",
        "",
    ],
]

# 有赞 商品明细 (one row per item); the buyer phones are masked as 有赞 exports them without
# the permission to see them.
YOUZAN_ITEMS = [
    [
        "订单号",
        "订单创建时间",
        "买家付款时间",
        "订单状态",
        "买家昵称",
        "买家手机号",
        "商品名称",
        "商品规格",
        "商品单价",
        "商品数量",
        "商品实际成交金额",
        "商品退款状态",
    ],
    # E10: 79.80 + 25.00 = 104.80, 3 items
    ["E10", "2024-05-01 10:00:00", "2024-05-01 10:01:00", "交易成功", "小明", "186******05",
     "有机草莓", "500g", "39.90", "2", "79.80", "无退款"],
    ["E10", "2024-05-01 10:00:00", "2024-05-01 10:01:00", "交易成功", "小明", "186******05",
     "赣南脐橙", "5斤", "25.00", "1", "25.00", "无退款"],
    # E11: 89.00
    ["E11", "2024-05-02 11:00:00", "2024-05-02 11:00:30", "已发货", "小红", "1******6198",
     "东北大米", "10kg", "89.00", "1", "89.00", "无退款"],
    # E12: closed, 10.00 + 20.00 + 30.50 = 60.50
    ["E12", "2024-05-03 12:00:00", "", "交易关闭", "小明", "186******05",
     "酸奶", "1L", "10.00", "1", "10.00", "无退款"],
    ["E12", "2024-05-03 12:00:00", "", "交易关闭", "小明", "186******05",
     "牛奶", "1L", "20.00", "1", "20.00", "无退款"],
    ["E12", "2024-05-03 12:00:00", "", "交易关闭", "小明", "186******05",
     "奶酪", "200g", "30.50", "1", "30.50", "无退款"],
]  # fmt: skip

# 有赞 客户导出: GB18030; the phone identifies the customer (as in the order export).
YOUZAN_CUSTOMERS = [
    [
        "客户昵称",
        "客户姓名",
        "手机号",
        "性别",
        "会员等级",
        "付费等级",
        "成长值",
        "积分",
        "消费次数",
        "消费金额",
        "成为客户时间",
        "来源渠道",
        "标签",
    ],
    ["张三", "张三", "13812345678", "男", "金卡", "", "1200", "300", "2", "186.50",
     "2024-03-01 09:00:00", "小程序", "高价值"],
    ["李四", "李四", "13912345678", "女", "银卡", "年卡", "800", "120", "1", "1299.00",
     "2024-03-15 14:30:00", "公众号", ""],
    ["王五", "王五", "13700001111", "男", "", "", "50", "0", "1", "99.90",
     "2024-04-01 08:00:00", "门店扫码", "新客"],
    # no 成为客户时间: rejected
    ["赵六", "", "13600009999", "女", "", "", "0", "0", "0", "0", "", "小程序", ""],
]  # fmt: skip

# 微盟 订单导出: UTF-8 with a BOM; matched by the alias mapping.
WEIMOB_ORDERS = [
    ["订单编号", "下单时间", "付款时间", "订单状态", "客户昵称", "客户手机号", "商品名称",
     "商品数量", "实付金额(元)", "配送方式"],
    ["W001", "2024-06-01 10:00:00", "2024-06-01 10:00:20", "已完成", "阿美", "15800001111",
     "柠檬茶", "2", "36.00", "快递"],
    ["W002", "2024-06-02 11:00:00", "2024-06-02 11:01:00", "待发货", "阿强", "15800002222",
     "咖啡豆", "1", "88.00", "自提"],
    ["W003", "2024-06-03 12:00:00", "", "已关闭", "阿美", "15800001111",
     "蛋糕", "1", "0", "快递"],
]  # fmt: skip

EXPECTED = {
    "youzan_orders.csv": {"platform": "youzan_orders", "kind": "orders", "rows": 5,
                          "rejected": 0, "paid": 3, "gmv": "1526.90", "buyers": 3,
                          "identity": "phone"},
    "youzan_items.csv": {"platform": "youzan_items", "kind": "orders", "rows": 3, "lines": 6,
                         "rejected": 0, "paid": 2, "gmv": "193.80", "buyers": 2,
                         "identity": "nickname"},
    "youzan_customers.csv": {"platform": "youzan_customers", "kind": "members", "rows": 3,
                             "rejected": 1, "identity": "phone"},
    "ktt_orders.xlsx": {"platform": "ktt_orders", "kind": "orders", "rows": 4, "lines": 8,
                        "rejected": 0, "paid": 2, "gmv": "224.00", "buyers": 2,
                        "identity": "phone", "sheet": "订单明细"},
    "jielong_orders.xlsx": {"platform": "jielong_orders", "kind": "orders", "rows": 4,
                            "rejected": 0, "paid": 3, "gmv": "243.00", "buyers": 2,
                            "identity": "phone"},
    "wecom_customers.xlsx": {"platform": "wecom_customers", "kind": "members", "rows": 4,
                             "lines": 6, "rejected": 0, "identity": "nickname"},
    "wecom_groups.xlsx": {"platform": "wecom_groups", "kind": "groups", "rows": 3,
                          "rejected": 0, "also": "group_daily"},
    "wecom_group_daily.xlsx": {"platform": "wecom_group_daily", "kind": "group_daily",
                               "rows": 4, "rejected": 0},
    "weimob_orders.csv": {"platform": "weimob_orders", "kind": "orders", "rows": 3,
                          "rejected": 0, "paid": 2, "gmv": "124.00", "buyers": 2,
                          "identity": "phone"},
}  # fmt: skip


def ktt_orders() -> bytes:
    """快团团: a note sheet, a product summary, then the order sheet (one row per item)."""
    from openpyxl import Workbook

    wb = Workbook()
    note = wb.active
    note.title = "说明"
    note.append(["本表由快团团导出，金额单位：元"])
    summary = wb.create_sheet("商品汇总")
    summary.append(["商品名称", "规格", "数量", "金额"])
    summary.append(["有机草莓", "500g", 3, 117.0])
    summary.append(["赣南脐橙", "5斤", 4, 100.0])
    ws = wb.create_sheet("订单明细")
    header = ["跟团号", "订单号", "下单人", "团购标题", "下单时间", "支付时间", "商品名称",
              "规格", "数量", "订单金额", "退款金额", "订单状态", "收货人", "联系电话", "提货点",
              "团长备注"]  # fmt: skip
    ws.append(["春季鲜果团 订单明细（导出时间 2024-04-20 10:00）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    t1 = datetime(2024, 4, 15, 9, 30)
    # KTT001: three items, order cells merged across its rows; total 156.00, 6 items
    ws.append([1, "KTT001", "果果妈", "春季鲜果团", t1, t1, "有机草莓", "500g", 2, 156.0,
               0, "已完成", "果果妈", "13600000001", "1号自提点", ""])  # fmt: skip
    ws.append([None, None, None, "春季鲜果团", None, None, "赣南脐橙", "5斤", 1])
    ws.append([None, None, None, "春季鲜果团", None, None, "丑橘", "3斤", 3])
    for col in (1, 2, 3, 5, 6, 10, 11, 12, 13, 14, 15):
        ws.merge_cells(start_row=3, start_column=col, end_row=5, end_column=col)
    # KTT002: two items, not merged: 订单金额 on the first row, 0 below; total 68.00
    t2 = datetime(2024, 4, 16, 10, 0)
    for item, qty, amount in (("有机草莓", 1, 68.0), ("赣南脐橙", 1, 0)):
        ws.append([2, "KTT002", "小王", "春季鲜果团", t2, t2, item, "500g", qty, amount, 0,
                   "待发货", "小王", "13600000002", "2号自提点", ""])  # fmt: skip
    # KTT003: refunded in full (45.50), same buyer as KTT001
    t3 = datetime(2024, 4, 17, 11, 0)
    ws.append([3, "KTT003", "果果妈", "春季鲜果团", t3, t3, "丑橘", "3斤", 1, 45.5, 45.5,
               "已退款", "果果妈", "13600000001", "1号自提点", ""])  # fmt: skip
    # KTT004: cancelled; 订单金额 empty on the second row
    t4 = datetime(2024, 4, 18, 12, 0)
    for item, amount in (("有机草莓", 30.0), ("丑橘", None)):
        ws.append([4, "KTT004", "阿杰", "春季鲜果团", t4, None, item, "500g", 1, amount, 0,
                   "已取消", "阿杰", "13600000003", "3号自提点", ""])  # fmt: skip
    return _save(wb)


def jielong_orders() -> bytes:
    """群接龙: 商品合计 lists "名称(规格) * 数量" lines in one cell."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "接龙订单"
    ws.append(["接龙号", "微信昵称", "下单时间", "商品合计", "订单总金额", "支付状态", "收货人",
               "联系电话", "详细地址", "备注"])  # fmt: skip
    rows = [
        (1, "小红", "2024-04-20 08:01", "草莓(500g) * 2\n橙子(5斤) * 1", 88.0, "已支付",
         "小红", "15000000001", "一号楼 101", ""),
        (2, "大伟", "2024-04-20 08:05", "牛奶(1L) * 1", 35.0, "已支付", "大伟", "15000000002",
         "二号楼 202", "放门口"),
        (3, "阿珍", "2024-04-20 09:10", "蛋糕(6寸) * 1", 50.0, "已退款", "阿珍", "15000000003",
         "三号楼 303", ""),
        (4, "小红", "2024-04-21 10:00", "草莓(500g) * 2\n酸奶(1L) * 2\n面包 * 1", 120.0,
         "已支付", "小红", "15000000001", "一号楼 101", "电话 15000000001"),
    ]  # fmt: skip
    for r in rows:
        ws.append(list(r))
    return _save(wb)


def wecom_customers() -> bytes:
    """WeCom 客户列表: one row per customer and staff member; 来源 as add_way codes or text."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "客户列表"
    ws.append(
        ["客户名称", "客户备注", "添加人", "添加人账号", "添加时间", "来源", "标签", "客户类型"]
    )
    rows = [
        ("小明", "", "员工A", "zhang.a", "2024-03-01 10:00:00", "1", "意向", "微信用户"),
        ("小明", "老同学", "员工B", "li.b", "2024-02-15 09:00:00", "4", "VIP", "微信用户"),
        ("小红", "", "员工A", "zhang.a", "2024-03-05 11:00:00", "扫描二维码", "VIP", "微信用户"),
        ("小刚", "", "员工B", "li.b", "2024-03-06 12:00:00", "2", "复购", "微信用户"),
        ("小刚", "", "员工C", "wang.c", "2024-03-02 08:30:00", "202", "老客户", "微信用户"),
        ("小丽", "", "员工A", "zhang.a", "2024-03-07 15:45:00", "3", "", "微信用户"),
    ]
    for r in rows:
        ws.append(list(r))
    return _save(wb)


def wecom_groups() -> bytes:
    """WeCom 客户群列表: names, owners and today's counts (no date)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "客户群"
    ws.append(["群名称", "群主", "群人数", "今日入群", "今日退群", "创建时间"])
    ws.append(["春季鲜果1群", "员工A", 198, 5, 1, datetime(2024, 1, 10, 9, 0)])
    ws.append(["春季鲜果2群", "员工B", 120, 3, 0, datetime(2024, 2, 1, 10, 0)])
    ws.append(["会员福利群", "员工A", 56, 0, 2, datetime(2024, 3, 5, 11, 0)])
    return _save(wb)


def wecom_group_daily() -> bytes:
    """WeCom 群聊数据统计 by group and day, with a title row."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "群聊数据"
    ws.append(["客户群数据统计（2024-04-01 至 2024-04-02）"])
    ws.merge_cells("A1:H1")
    ws.append(["统计日期", "群名称", "群主", "群成员总数", "新增群成员数", "退群人数",
               "发送消息群成员数", "群消息总数"])  # fmt: skip
    ws.append(["2024-04-01", "春季鲜果1群", "员工A", 190, 4, 1, 30, 210])
    ws.append(["2024-04-01", "春季鲜果2群", "员工B", 117, 2, 0, 12, 64])
    ws.append(["2024-04-02", "春季鲜果1群", "员工A", 193, 4, 1, 28, 188])
    ws.append(["2024-04-02", "春季鲜果2群", "员工B", 117, 1, 1, 9, 40])
    return _save(wb)


def _save(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def samples() -> dict[str, bytes]:
    return {
        "youzan_orders.csv": _csv(
            YOUZAN_ORDERS, "gb18030", title="有赞订单导出 2024-04-01 至 2024-04-30"
        ),
        "youzan_items.csv": _csv(YOUZAN_ITEMS, "gb18030"),
        "youzan_customers.csv": _csv(YOUZAN_CUSTOMERS, "gb18030"),
        "ktt_orders.xlsx": ktt_orders(),
        "jielong_orders.xlsx": jielong_orders(),
        "wecom_customers.xlsx": wecom_customers(),
        "wecom_groups.xlsx": wecom_groups(),
        "wecom_group_daily.xlsx": wecom_group_daily(),
        "weimob_orders.csv": _csv(WEIMOB_ORDERS, "utf-8-sig"),
    }


def main() -> None:
    for name, data in samples().items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
