"""Words of the Members page (会员分层): tiers, RFM segments and operating layers."""

TEXT = {
    "nav.members": {"zh-Hans": "会员分层", "zh-Hant": "會員分層", "en": "Members"},
    "members.as_of": {
        "zh-Hans": "分析日：{as_of}（所选期间最后一天的次日），统计此前的全部数据。"
        "等级变动比较期间首日 {start} 与分析日。",
        "zh-Hant": "分析日：{as_of}（所選期間最後一天的次日），統計此前的全部資料。"
        "等級變動比較期間首日 {start} 與分析日。",
        "en": "Analysis day: {as_of} (the day after the period's last day); all data before "
        "it counts. Tier movement compares the period's first day, {start}, with it.",
    },
    "members.tab.tiers": {"zh-Hans": "会员等级", "zh-Hant": "會員等級", "en": "Tiers"},
    "members.tab.rfm": {"zh-Hans": "RFM 分群", "zh-Hant": "RFM 分群", "en": "RFM segments"},
    "members.tab.layers": {"zh-Hans": "运营分层", "zh-Hant": "營運分層", "en": "Operating layers"},
    # -- tiers ---------------------------------------------------------------------------
    "members.tier.regular": {"zh-Hans": "普通会员", "zh-Hant": "普通會員", "en": "Regular"},
    "members.tier.silver": {"zh-Hans": "银卡", "zh-Hant": "銀卡", "en": "Silver"},
    "members.tier.gold": {"zh-Hans": "金卡", "zh-Hant": "金卡", "en": "Gold"},
    "members.tier.diamond": {"zh-Hans": "钻石卡", "zh-Hant": "鑽石卡", "en": "Diamond"},
    "members.tier.new": {"zh-Hans": "新加入", "zh-Hant": "新加入", "en": "New"},
    "members.tier_source": {"zh-Hans": "等级来源", "zh-Hant": "等級來源", "en": "Tier from"},
    "members.tier_source.exported": {
        "zh-Hans": "导出的等级优先",
        "zh-Hant": "匯出的等級優先",
        "en": "Exported tier first",
    },
    "members.tier_source.rule": {
        "zh-Hans": "按消费规则",
        "zh-Hant": "按消費規則",
        "en": "Spend rule",
    },
    "members.t1": {
        "zh-Hans": "银卡门槛（元）",
        "zh-Hant": "銀卡門檻（元）",
        "en": "Silver from (¥)",
    },
    "members.t2": {"zh-Hans": "金卡门槛（元）", "zh-Hant": "金卡門檻（元）", "en": "Gold from (¥)"},
    "members.t3": {
        "zh-Hans": "钻石卡门槛（元）",
        "zh-Hant": "鑽石卡門檻（元）",
        "en": "Diamond from (¥)",
    },
    "members.thresholds_bad": {
        "zh-Hans": "门槛需满足 银卡 ≤ 金卡 ≤ 钻石卡。",
        "zh-Hant": "門檻需滿足 銀卡 ≤ 金卡 ≤ 鑽石卡。",
        "en": "Thresholds must rise: Silver ≤ Gold ≤ Diamond.",
    },
    "members.tier_rule": {
        "zh-Hans": "等级：有导出等级的会员用导出等级，其余按分析日前 365 天的实付金额："
        "普通会员 < {t1} ≤ 银卡 < {t2} ≤ 金卡 < {t3} ≤ 钻石卡。GMV、人均订单和复购率"
        "（≥ 2 单 / ≥ 1 单）也按这 365 天计算，人均订单包含未下单的会员。",
        "zh-Hant": "等級：有匯出等級的會員用匯出等級，其餘按分析日前 365 天的實付金額："
        "普通會員 < {t1} ≤ 銀卡 < {t2} ≤ 金卡 < {t3} ≤ 鑽石卡。GMV、人均訂單和複購率"
        "（≥ 2 單 / ≥ 1 單）也按這 365 天計算，人均訂單包含未下單的會員。",
        "en": "Tier: the exported tier where a member has one, otherwise by the amount paid in "
        "the 365 days before the analysis day: Regular < {t1} ≤ Silver < {t2} ≤ Gold < {t3} ≤ "
        "Diamond. GMV, orders per member and repurchase rate (≥ 2 orders / ≥ 1) cover the "
        "same 365 days; orders per member counts members without orders too.",
    },
    "members.no_members": {
        "zh-Hans": "没有会员文件：等级按订单中的每位用户计算；上传会员文件后可使用导出的等级，"
        "并看到潜在客户分层。",
        "zh-Hant": "沒有會員檔案：等級按訂單中的每位使用者計算；上傳會員檔案後可使用匯出的等級，"
        "並看到潛在客戶分層。",
        "en": "No members file: tiers cover every user in the orders. Upload the members file "
        "to use exported tiers and see the potential layer.",
    },
    "members.tiers.chart": {
        "zh-Hans": "各等级人数与 GMV 占比",
        "zh-Hant": "各等級人數與 GMV 佔比",
        "en": "Members and GMV share per tier",
    },
    "members.movement": {
        "zh-Hans": "等级变动（{start} → {as_of}）",
        "zh-Hant": "等級變動（{start} → {as_of}）",
        "en": "Tier movement ({start} → {as_of})",
    },
    "members.movement.help": {
        "zh-Hans": "某日的等级 = 按该日之前 365 天的实付金额套用规则。左侧为期间首日的等级，"
        "右侧为分析日的等级（各等级人数与上表一致）；期间内才加入的会员来自“新加入”。",
        "zh-Hant": "某日的等級 = 按該日之前 365 天的實付金額套用規則。左側為期間首日的等級，"
        "右側為分析日的等級（各等級人數與上表一致）；期間內才加入的會員來自「新加入」。",
        "en": "The tier on a day = the spend rule over the 365 days before that day. Left: the "
        "period's first day; right: the analysis day (people per tier as in the table above). "
        "Members who joined during the period come from New.",
    },
    "members.movement.help_exported": {
        "zh-Hans": "与上表同一口径：有导出等级的会员按导出等级（导出只代表一天，所以两侧相同），"
        "其余会员按该日之前 365 天的实付金额套用规则。左侧为期间首日，右侧为分析日（各等级人数与上表一致）；"
        "期间内才加入的会员来自“新加入”。想看按消费的升降级，请把等级来源选为「按消费规则」。",
        "zh-Hant": "與上表同一口徑：有匯出等級的會員按匯出等級（匯出只代表一天，所以兩側相同），"
        "其餘會員按該日之前 365 天的實付金額套用規則。左側為期間首日，右側為分析日（各等級人數與上表一致）；"
        "期間內才加入的會員來自「新加入」。想看按消費的升降級，請把等級來源選為「按消費規則」。",
        "en": "Tiers as in the table above: a member's exported tier where present (an export "
        "holds one day, so it is the same on both sides), else the spend rule over the 365 "
        "days before the day. Left: the period's first day; right: the analysis day (people "
        "per tier as in the table). Members who joined during the period come from New. For "
        "moves by spend, set Tier from to Spend rule.",
    },
    "members.movement.empty": {
        "zh-Hans": "分析日前还没有会员。",
        "zh-Hant": "分析日前還沒有會員。",
        "en": "No members before the analysis day.",
    },
    # -- columns -------------------------------------------------------------------------
    "members.col.tier": {"zh-Hans": "等级", "zh-Hant": "等級", "en": "Tier"},
    "members.col.members": {"zh-Hans": "人数", "zh-Hant": "人數", "en": "Members"},
    "members.col.gmv": {"zh-Hans": "GMV（元）", "zh-Hant": "GMV（元）", "en": "GMV (¥)"},
    "members.col.gmv_share": {"zh-Hans": "GMV 占比", "zh-Hant": "GMV 佔比", "en": "GMV share"},
    "members.col.orders_per_member": {
        "zh-Hans": "人均订单",
        "zh-Hant": "人均訂單",
        "en": "Orders per member",
    },
    "members.col.repurchase_rate": {
        "zh-Hans": "复购率",
        "zh-Hant": "複購率",
        "en": "Repurchase rate",
    },
    "members.col.segment": {"zh-Hans": "分群", "zh-Hant": "分群", "en": "Segment"},
    "members.col.customers": {"zh-Hans": "客户数", "zh-Hant": "客戶數", "en": "Customers"},
    "members.col.mean_recency": {
        "zh-Hans": "平均 R（天）",
        "zh-Hant": "平均 R（天）",
        "en": "Mean R (days)",
    },
    "members.col.mean_frequency": {
        "zh-Hans": "平均 F（单）",
        "zh-Hant": "平均 F（單）",
        "en": "Mean F (orders)",
    },
    "members.col.mean_monetary": {
        "zh-Hans": "平均 M（元）",
        "zh-Hant": "平均 M（元）",
        "en": "Mean M (¥)",
    },
    "members.col.action": {"zh-Hans": "建议动作", "zh-Hant": "建議動作", "en": "Suggested action"},
    "members.col.user_id": {"zh-Hans": "用户ID", "zh-Hant": "使用者ID", "en": "User ID"},
    "members.col.recency": {"zh-Hans": "R（天）", "zh-Hant": "R（天）", "en": "R (days)"},
    "members.col.frequency": {"zh-Hans": "F（单）", "zh-Hant": "F（單）", "en": "F (orders)"},
    "members.col.monetary": {"zh-Hans": "M（元）", "zh-Hant": "M（元）", "en": "M (¥)"},
    "members.col.r_high": {"zh-Hans": "R 高", "zh-Hant": "R 高", "en": "R high"},
    "members.col.f_high": {"zh-Hans": "F 高", "zh-Hant": "F 高", "en": "F high"},
    "members.col.m_high": {"zh-Hans": "M 高", "zh-Hant": "M 高", "en": "M high"},
    "members.col.nickname": {"zh-Hans": "昵称", "zh-Hant": "暱稱", "en": "Nickname"},
    "members.col.phone": {"zh-Hans": "手机号", "zh-Hant": "手機號", "en": "Phone"},
    "members.col.layer": {"zh-Hans": "分层", "zh-Hant": "分層", "en": "Layer"},
    "members.col.last_order_day": {
        "zh-Hans": "最近下单日",
        "zh-Hant": "最近下單日",
        "en": "Last order",
    },
    "members.col.last_activity_day": {
        "zh-Hans": "最近互动日",
        "zh-Hant": "最近互動日",
        "en": "Last activity",
    },
    # -- RFM -----------------------------------------------------------------------------
    "members.split": {"zh-Hans": "高低分界", "zh-Hant": "高低分界", "en": "Split at"},
    "members.split.mean": {"zh-Hans": "平均值", "zh-Hant": "平均值", "en": "Mean"},
    "members.split.median": {"zh-Hans": "中位数", "zh-Hant": "中位數", "en": "Median"},
    "members.rfm.help": {
        "zh-Hans": "截至分析日的每位购买者（含非会员）：R = 最后一笔支付订单日到分析日的天数，"
        "F = 支付订单数，M = 实付金额。F、M 严格高于分界值为高；R 严格低于分界值为高（最近买过）。"
        "本次 {buyers} 位购买者的{split}：R {r} 天，F {f} 单，M ¥{m}。",
        "zh-Hant": "截至分析日的每位購買者（含非會員）：R = 最後一筆支付訂單日到分析日的天數，"
        "F = 支付訂單數，M = 實付金額。F、M 嚴格高於分界值為高；R 嚴格低於分界值為高（最近買過）。"
        "本次 {buyers} 位購買者的{split}：R {r} 天，F {f} 單，M ¥{m}。",
        "en": "Every buyer (member or not) up to the analysis day: R = days from the last paid "
        "order's day to the analysis day, F = paid orders, M = amount paid. F and M are high "
        "when strictly above the split value, R when strictly below it (bought recently). "
        "{split} over {buyers} buyers: R {r} days, F {f} orders, M ¥{m}.",
    },
    "members.rfm.no_buyers": {
        "zh-Hans": "分析日前还没有支付订单。",
        "zh-Hant": "分析日前還沒有支付訂單。",
        "en": "No paid order before the analysis day.",
    },
    "members.rfm.treemap": {
        "zh-Hans": "RFM 八类客户",
        "zh-Hant": "RFM 八類客戶",
        "en": "The eight RFM segments",
    },
    "members.segment_pick": {
        "zh-Hans": "查看分群名单",
        "zh-Hant": "查看分群名單",
        "en": "Customer list of segment",
    },
    "members.list_count": {
        "zh-Hans": "共 {n} 人（个人信息已脱敏）。",
        "zh-Hant": "共 {n} 人（個人資料已遮蔽）。",
        "en": "{n} people (personal data masked).",
    },
    "members.segment.important_value": {
        "zh-Hans": "重要价值",
        "zh-Hant": "重要價值",
        "en": "Important value",
    },
    "members.segment.important_develop": {
        "zh-Hans": "重要发展",
        "zh-Hant": "重要發展",
        "en": "Important to develop",
    },
    "members.segment.important_keep": {
        "zh-Hans": "重要保持",
        "zh-Hant": "重要保持",
        "en": "Important to keep",
    },
    "members.segment.important_retain": {
        "zh-Hans": "重要挽留",
        "zh-Hant": "重要挽留",
        "en": "Important to win back",
    },
    "members.segment.general_value": {
        "zh-Hans": "一般价值",
        "zh-Hant": "一般價值",
        "en": "General value",
    },
    "members.segment.general_develop": {
        "zh-Hans": "一般发展",
        "zh-Hant": "一般發展",
        "en": "General to develop",
    },
    "members.segment.general_keep": {
        "zh-Hans": "一般保持",
        "zh-Hant": "一般保持",
        "en": "General to keep",
    },
    "members.segment.general_retain": {
        "zh-Hans": "一般挽留",
        "zh-Hant": "一般挽留",
        "en": "General to win back",
    },
    "members.action.important_value": {
        "zh-Hans": "拉入 VIP 群，专属客服一对一维护，新品优先试用和专属福利。",
        "zh-Hant": "拉入 VIP 群，專屬客服一對一維護，新品優先試用和專屬福利。",
        "en": "Move to the VIP group; 1-on-1 care, first access to new products, exclusive perks.",
    },
    "members.action.important_develop": {
        "zh-Hans": "近期买过、客单高但次数少：推会员卡和复购券，拉入会员群提高购买频次。",
        "zh-Hant": "近期買過、客單高但次數少：推會員卡和複購券，拉入會員群提高購買頻次。",
        "en": "Recent big spenders who buy rarely: offer a membership card and repeat-purchase "
        "coupons, add to the member group to raise frequency.",
    },
    "members.action.important_keep": {
        "zh-Hans": "老客户很久没买了：一对一私聊召回，送专属优惠唤醒。",
        "zh-Hant": "老客戶很久沒買了：一對一私聊召回，送專屬優惠喚醒。",
        "en": "Loyal big spenders gone quiet: a 1-on-1 message with a personal offer to bring "
        "them back.",
    },
    "members.action.important_retain": {
        "zh-Hans": "花得多但久未购买、次数少：重点挽留，电话或一对一沟通了解原因，配大额券。",
        "zh-Hant": "花得多但久未購買、次數少：重點挽留，電話或一對一溝通了解原因，配大額券。",
        "en": "Big spenders lapsing: call or message 1-on-1 to learn why, with a strong coupon.",
    },
    "members.action.general_value": {
        "zh-Hans": "常买且近期活跃但客单低：推组合装和满减，提升客单价。",
        "zh-Hant": "常買且近期活躍但客單低：推組合裝和滿減，提升客單價。",
        "en": "Frequent, recent, small baskets: bundles and spend-more-save-more to raise AOV.",
    },
    "members.action.general_develop": {
        "zh-Hans": "新客或低频低额：七天培育，福利群引导第二单。",
        "zh-Hant": "新客或低頻低額：七天培育，福利群引導第二單。",
        "en": "New or light buyers: the 7-day programme and the welfare group to win a second "
        "order.",
    },
    "members.action.general_keep": {
        "zh-Hans": "以前常买但久未购买：拉入召回群，用限时秒杀唤醒。",
        "zh-Hant": "以前常買但久未購買：拉入召回群，用限時秒殺喚醒。",
        "en": "Used to buy often, now quiet: the win-back group and flash sales.",
    },
    "members.action.general_retain": {
        "zh-Hans": "低价值流失客户：低成本批量触达（群发、福利群），不必重点投入。",
        "zh-Hant": "低價值流失客戶：低成本批量觸達（群發、福利群），不必重點投入。",
        "en": "Low-value lapsed buyers: reach them cheaply in bulk (broadcasts, welfare group).",
    },
    # -- layers --------------------------------------------------------------------------
    "members.layers.help": {
        "zh-Hans": "分析日前 {days} 天内的情况；一人可同时属于多个分层。已退群或删除好友的会员不计入。",
        "zh-Hant": "分析日前 {days} 天內的情況；一人可同時屬於多個分層。已退群或刪除好友的會員不計入。",
        "en": "Over the {days} days before the analysis day; one person may be in several "
        "layers. Members who left before it are not counted.",
    },
    "members.layers.no_activity": {
        "zh-Hans": "没有互动行为文件：沉睡客户只按订单判断。",
        "zh-Hant": "沒有互動行為檔案：沉睡客戶只按訂單判斷。",
        "en": "No activity file: dormant is judged by orders alone.",
    },
    "members.layer.potential": {"zh-Hans": "潜在客户", "zh-Hant": "潛在客戶", "en": "Potential"},
    "members.layer.active": {"zh-Hans": "活跃客户", "zh-Hant": "活躍客戶", "en": "Active"},
    "members.layer.high_value": {
        "zh-Hans": "高价值客户",
        "zh-Hant": "高價值客戶",
        "en": "High value",
    },
    "members.layer.dormant": {"zh-Hans": "沉睡客户", "zh-Hant": "沉睡客戶", "en": "Dormant"},
    "members.layer.potential.help": {
        "zh-Hans": "已入私域、还没有支付订单的会员。",
        "zh-Hant": "已入私域、還沒有支付訂單的會員。",
        "en": "Members with no paid order yet.",
    },
    "members.layer.active.help": {
        "zh-Hans": "最近 {days} 天内有支付订单。",
        "zh-Hant": "最近 {days} 天內有支付訂單。",
        "en": "A paid order in the last {days} days.",
    },
    "members.layer.high_value.help": {
        "zh-Hans": "金卡、钻石卡，或 RFM 重要价值客户。",
        "zh-Hant": "金卡、鑽石卡，或 RFM 重要價值客戶。",
        "en": "Gold or Diamond tier, or RFM segment Important value.",
    },
    "members.layer.dormant.help": {
        "zh-Hans": "最近 {days} 天既没有互动也没有支付订单（且已加入满 {days} 天）。",
        "zh-Hant": "最近 {days} 天既沒有互動也沒有支付訂單（且已加入滿 {days} 天）。",
        "en": "No activity and no paid order in the last {days} days (and here for at least "
        "{days} days).",
    },
    "members.group.potential": {"zh-Hans": "福利群", "zh-Hant": "福利群", "en": "Welfare group"},
    "members.group.active": {"zh-Hans": "会员群", "zh-Hant": "會員群", "en": "Member group"},
    "members.group.high_value": {"zh-Hans": "VIP群", "zh-Hant": "VIP群", "en": "VIP group"},
    "members.group.dormant": {"zh-Hans": "召回群", "zh-Hant": "召回群", "en": "Win-back group"},
    "members.group_caption": {
        "zh-Hans": "对应：{group}",
        "zh-Hant": "對應：{group}",
        "en": "Goes to: {group}",
    },
    "members.layer_pick": {
        "zh-Hans": "查看分层名单",
        "zh-Hant": "查看分層名單",
        "en": "People in layer",
    },
}
