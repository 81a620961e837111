"""Words of the What-if page (活动模拟): baseline, levers, projection and its formulas."""


def _same(text: str) -> dict[str, str]:
    return {"zh-Hans": text, "zh-Hant": text, "en": text}


# The formulas are the same lines in every language; only the legend around them is translated.
_FORMULAS = """```
M_inv   = 1 + e_R · R / 10
f(p)    = 1 + a · min(p, 3) − b · max(p − 3, 0);   M_push = f(p) / f(p₀)
M_disc  = 1 + L · C / 0.1
c′      = min(1, c · M_disc · M_push)
r′      = min(1, (r + (1 − s₇) · Δ₇) · M_push)   (7-day on;  off: min(1, r · M_push))
G_w     = Σ members before week w;   D_w = D₀ + G_w;   X_w = G_w − (w − 1) · N
invited_w      = max(0, M_inv · (N · s + k · X_w))
members_w      = N · (1 − s) + invited_w
first_orders_w = members_w · c′
repurchases_w  = first_orders_w · r′
flash_items_w  = min(S, t · (1 + L · max(0, 1 − P/A) / 0.1) · D_w)
list_w         = A · (first_orders_w + repurchases_w + flash_items_w) + V · members_w + E
discount_w     = C · A · first_orders_w + (A − P) · flash_items_w
reward_w       = R · invited_w
GMV_w          = list_w − discount_w = new_GMV_w + existing_GMV_w
existing_GMV_w = E + P · flash_items_w · D₀ / D_w
cost_w         = discount_w + reward_w
profit_w       = m · list_w − cost_w
ROI            = (profit − profit_baseline) / cost
break-even C*  : profit(C*) = profit_baseline   (others neutral: C* = m·(1 + r′) − 1/(10·L))
```"""

TEXT = {
    "nav.whatif": {"zh-Hans": "活动模拟", "zh-Hant": "活動模擬", "en": "What-if"},
    "whatif.intro": {
        "zh-Hans": "用本数据集所选期间的实际基线，推算一个活动会带来什么：每个假设都在页面上、"
        "都可以改。拖动滑块只重算模型，不重新查询数据。",
        "zh-Hant": "用本資料集所選期間的實際基線，推算一個活動會帶來什麼：每個假設都在頁面上、"
        "都可以改。拖動滑桿只重算模型，不重新查詢資料。",
        "en": "A projection of what a campaign would change, from this dataset's own baseline "
        "for the chosen period: every assumption is on screen and editable. Moving a slider "
        "only recomputes the model; no data is queried again.",
    },
    "whatif.x_days": {
        "zh-Hans": "首单窗口 X（入群后天数）",
        "zh-Hant": "首單窗口 X（入群後天數）",
        "en": "First-order window X (days after joining)",
    },
    "whatif.y_days": {
        "zh-Hans": "复购窗口 Y（首单后天数）",
        "zh-Hant": "複購窗口 Y（首單後天數）",
        "en": "Repurchase window Y (days after the first order)",
    },
    # -- baseline --------------------------------------------------------------------------
    "whatif.baseline.title": {"zh-Hans": "基线", "zh-Hant": "基線", "en": "Baseline"},
    "whatif.item.new_members_per_week": {
        "zh-Hans": "每周新增会员",
        "zh-Hant": "每週新增會員",
        "en": "New members per week",
    },
    "whatif.item.first_order_conversion": {
        "zh-Hans": "首单转化率（{x_days} 天）",
        "zh-Hant": "首單轉化率（{x_days} 天）",
        "en": "First-order conversion ({x_days} days)",
    },
    "whatif.item.aov": {"zh-Hans": "客单价", "zh-Hant": "客單價", "en": "AOV"},
    "whatif.item.repurchase_rate": {
        "zh-Hans": "新会员首单后 {y_days} 天复购率",
        "zh-Hant": "新會員首單後 {y_days} 天複購率",
        "en": "New members' repurchase within {y_days} days of the first order",
    },
    "whatif.item.invites_per_member": {
        "zh-Hans": "人均邀请（每周，每位在群会员）",
        "zh-Hant": "人均邀請（每週，每位在群會員）",
        "en": "Invites per member (weekly, per member in the domain)",
    },
    "whatif.item.invite_to_join_rate": {
        "zh-Hans": "邀请入群占比（新会员中受邀者）",
        "zh-Hant": "邀請入群佔比（新會員中受邀者）",
        "en": "Invite-to-join rate (invited share of new members)",
    },
    "whatif.item.gmv_new_per_week": {
        "zh-Hans": "新会员 GMV（每周）",
        "zh-Hant": "新會員 GMV（每週）",
        "en": "New members' GMV (per week)",
    },
    "whatif.item.gmv_existing_per_week": {
        "zh-Hans": "老会员及其他买家 GMV（每周）",
        "zh-Hant": "老會員及其他買家 GMV（每週）",
        "en": "Existing members' and other buyers' GMV (per week)",
    },
    "whatif.item.other_spend_per_member": {
        "zh-Hans": "新会员在首单与复购之外的消费（人均）",
        "zh-Hant": "新會員在首單與複購之外的消費（人均）",
        "en": "New members' spending beyond first order and repurchase (per member)",
    },
    "whatif.col.item": {"zh-Hans": "项目", "zh-Hant": "項目", "en": "Item"},
    "whatif.col.ci_low": {"zh-Hans": "95% 区间下限", "zh-Hant": "95% 區間下限", "en": "95% low"},
    "whatif.col.ci_high": {
        "zh-Hans": "95% 区间上限",
        "zh-Hant": "95% 區間上限",
        "en": "95% high",
    },
    "whatif.col.value": {"zh-Hans": "数值", "zh-Hant": "數值", "en": "Value"},
    "whatif.col.n": {"zh-Hans": "样本量", "zh-Hant": "樣本量", "en": "Sample size"},
    "whatif.col.ci": {"zh-Hans": "95% 区间", "zh-Hant": "95% 區間", "en": "95% interval"},
    "whatif.col.method": {"zh-Hans": "区间方法", "zh-Hant": "區間方法", "en": "Interval method"},
    "whatif.method.wilson": {
        "zh-Hans": "Wilson 得分区间",
        "zh-Hant": "Wilson 得分區間",
        "en": "Wilson score",
    },
    "whatif.method.poisson": {
        "zh-Hans": "泊松得分区间",
        "zh-Hant": "泊松得分區間",
        "en": "Poisson score",
    },
    "whatif.method.normal_mean": {
        "zh-Hans": "均值正态区间",
        "zh-Hant": "均值常態區間",
        "en": "Normal (mean ± 1.96·sd/√n)",
    },
    "whatif.baseline.caption": {
        "zh-Hans": "期间 {start} 至 {end}（{weeks:.1f} 周）。期间 GMV {gmv}（与首页相同）= 新会员（期间内入群）"
        "{gmv_new} + 老会员及其他买家 {gmv_existing}；「基线」不改任何杠杆，推算同样周数时 GMV 与此相同。"
        "首单转化率与复购率与「转化漏斗」页的会员漏斗一致，客单价与首页一致，人均邀请 = K 因子 ÷ 周数"
        "（排行榜页）。新会员在首单与复购之外的消费补足他们的实际 GMV。期末在群会员 {domain} 人。",
        "zh-Hant": "期間 {start} 至 {end}（{weeks:.1f} 週）。期間 GMV {gmv}（與首頁相同）= 新會員（期間內入群）"
        "{gmv_new} + 老會員及其他買家 {gmv_existing}；「基線」不改任何槓桿，推算同樣週數時 GMV 與此相同。"
        "首單轉化率與複購率與「轉化漏斗」頁的會員漏斗一致，客單價與首頁一致，人均邀請 = K 因子 ÷ 週數"
        "（排行榜頁）。新會員在首單與複購之外的消費補足他們的實際 GMV。期末在群會員 {domain} 人。",
        "en": "Period {start} to {end} ({weeks:.1f} weeks). The period's GMV {gmv} (as on the "
        "overview) = new members (joined in the period) {gmv_new} + existing members and other "
        "buyers {gmv_existing}; the baseline changes no lever and over as many weeks gives the "
        "same GMV. Conversion and repurchase equal the member funnel of the Funnels page, AOV "
        "the overview's, invites per member the leaderboards' K-factor ÷ weeks. New members' "
        "spending beyond first order and repurchase makes up the rest of their actual GMV. "
        "Members in the domain at the end: {domain}.",
    },
    "whatif.baseline.thin": {
        "zh-Hans": "期间内没有新入群会员或支付订单：基线为 0，推算没有意义。请换一个期间。",
        "zh-Hant": "期間內沒有新入群會員或支付訂單：基線為 0，推算沒有意義。請換一個期間。",
        "en": "No member joined or no paid order in the period: the baseline is 0 and a "
        "projection means nothing. Pick another period.",
    },
    # -- measured assumptions ----------------------------------------------------------------
    "whatif.fit.title": {
        "zh-Hans": "折扣与支付转化（历史订单拟合）",
        "zh-Hant": "折扣與支付轉化（歷史訂單擬合）",
        "en": "Discount and payment (fit on past orders)",
    },
    "whatif.fit.x": {"zh-Hans": "折扣深度", "zh-Hant": "折扣深度", "en": "Discount depth"},
    "whatif.fit.y": {
        "zh-Hans": "下单后支付占比",
        "zh-Hant": "下單後支付佔比",
        "en": "Placed orders paid",
    },
    "whatif.fit.line": {"zh-Hans": "拟合直线", "zh-Hant": "擬合直線", "en": "Fitted line"},
    "whatif.fit.used": {
        "zh-Hans": "拟合样本：{end} 前下单的 {n:,} 笔订单（{discounted:,} 笔有折扣）。每加 10% 折扣，"
        "支付转化相对提升 {lift:.2%}（95% 区间 {low:.2%} 至 {high:.2%}，最小二乘线性概率模型）。"
        "此值作为下方「每 10% 折扣的转化提升」的默认值。",
        "zh-Hant": "擬合樣本：{end} 前下單的 {n:,} 筆訂單（{discounted:,} 筆有折扣）。每加 10% 折扣，"
        "支付轉化相對提升 {lift:.2%}（95% 區間 {low:.2%} 至 {high:.2%}，最小平方線性機率模型）。"
        "此值作為下方「每 10% 折扣的轉化提升」的預設值。",
        "en": "Fit sample: {n:,} orders placed up to {end} ({discounted:,} with a discount). "
        "Each 10% of discount lifts payment conversion by {lift:.2%} (relative; 95% interval "
        "{low:.2%} to {high:.2%}; least-squares linear probability model). This is the "
        "default of 'conversion lift per 10% discount' below.",
    },
    "whatif.fit.default": {
        "zh-Hans": "历史订单不足以拟合（需要有折扣和无折扣的订单各至少 {min} 笔；现有 {n:,} 笔，"
        "其中 {discounted:,} 笔有折扣）：使用默认值，每 10% 折扣转化相对提升 {lift:.0%}，可在下方修改。",
        "zh-Hant": "歷史訂單不足以擬合（需要有折扣和無折扣的訂單各至少 {min} 筆；現有 {n:,} 筆，"
        "其中 {discounted:,} 筆有折扣）：使用預設值，每 10% 折扣轉化相對提升 {lift:.0%}，可在下方修改。",
        "en": "Past orders do not allow a fit (it needs at least {min} orders with and {min} "
        "without a discount; there are {n:,}, {discounted:,} with a discount): the stated "
        "default is used, a {lift:.0%} relative conversion lift per 10% of discount; change "
        "it below.",
    },
    "whatif.seven.used": {
        "zh-Hans": "7 天计划效果（同类比较，用作下方默认值）：{start} 至 {end} 开始、第 0–6 天已下单的会员中，"
        "按开始周和渠道分 {strata} 层，参加 7 天计划的 {n7} 人第 7–36 天复购 {p7}，同层未参加的 {no} 人 {po}，"
        "差 {diff} 个百分点（分层 Newcombe 95% 区间 {low} 至 {high}）。已下单的新会员中 {share} 已参加。",
        "zh-Hant": "7 天計畫效果（同類比較，用作下方預設值）：{start} 至 {end} 開始、第 0–6 天已下單的會員中，"
        "按開始週和渠道分 {strata} 層，參加 7 天計畫的 {n7} 人第 7–36 天複購 {p7}，同層未參加的 {no} 人 {po}，"
        "差 {diff} 個百分點（分層 Newcombe 95% 區間 {low} 至 {high}）。已下單的新會員中 {share} 已參加。",
        "en": "7-day programme effect (like for like; the default below): of the members who "
        "started {start} to {end} and bought on days 0–6, compared within {strata} strata of "
        "start week and channel, the {n7} in the programme repurchased on days 7–36 at {p7}, "
        "the {no} others of the same strata at {po}: {diff} points (stratified Newcombe 95% "
        "interval {low} to {high}). {share} of the new members who bought are in the programme.",
    },
    "whatif.seven.raw": {
        "zh-Hans": "注意：直接比较参加者与所有未参加者（「留存分析」页的算法）差 {diff} 个百分点"
        "（{p7} 对 {po}）。参加者是自己选择参加的，本来就更愿意买，其他人里还有从未下单的人，"
        "所以直接比较会夸大效果；上面的同类比较只比第一周都下过单、同周同渠道的人，可能仍略偏高。",
        "zh-Hant": "注意：直接比較參加者與所有未參加者（「留存分析」頁的算法）差 {diff} 個百分點"
        "（{p7} 對 {po}）。參加者是自己選擇參加的，本來就更願意買，其他人裡還有從未下單的人，"
        "所以直接比較會誇大效果；上面的同類比較只比第一週都下過單、同週同渠道的人，可能仍略偏高。",
        "en": "Note: comparing the programme's members with everyone else (the Retention page's "
        "way) gives {diff} points ({p7} against {po}). People choose to join the programme and "
        "were keener buyers to begin with, and everyone else includes people who never bought, "
        "so a raw comparison inflates the effect; the like-for-like one above compares only "
        "people who all bought in their first week, in the same week and channel, and may "
        "still be somewhat high.",
    },
    "whatif.seven.default": {
        "zh-Hans": "数据中没有可同类比较的 7 天计划会员（需要第 36 天已观察到、第一周已下单，且同一开始周和渠道"
        "里两组都有人）：7 天计划效果使用默认值 {diff} 个百分点（复购率），可在下方修改。",
        "zh-Hant": "資料中沒有可同類比較的 7 天計畫會員（需要第 36 天已觀察到、第一週已下單，且同一開始週和渠道"
        "裡兩組都有人）：7 天計畫效果使用預設值 {diff} 個百分點（複購率），可在下方修改。",
        "en": "The data holds no 7-day programme members to compare like for like (day 36 "
        "observed, a purchase in the first week, and both groups within one start week and "
        "channel): the 7-day programme effect uses the stated default of {diff} repurchase "
        "points; change it below.",
    },
    # -- assumptions and levers --------------------------------------------------------------
    "whatif.assume.title": {
        "zh-Hans": "共同假设（基线与两个方案共用）",
        "zh-Hant": "共同假設（基線與兩個方案共用）",
        "en": "Shared assumptions (baseline and both scenarios)",
    },
    "whatif.levers.title": {"zh-Hans": "方案杠杆", "zh-Hant": "方案槓桿", "en": "Scenario levers"},
    "whatif.param.weeks": {"zh-Hans": "推算周数", "zh-Hant": "推算週數", "en": "Horizon (weeks)"},
    "whatif.param.gross_margin": {
        "zh-Hans": "毛利率（%）",
        "zh-Hant": "毛利率（%）",
        "en": "Gross margin (%)",
    },
    "whatif.param.lift_per_10pct": {
        "zh-Hans": "每 10% 折扣的转化提升（相对，%）",
        "zh-Hant": "每 10% 折扣的轉化提升（相對，%）",
        "en": "Conversion lift per 10% discount (relative, %)",
    },
    "whatif.param.invite_effect": {
        "zh-Hans": "每 10 元邀请奖励带来的邀请增加（%）",
        "zh-Hant": "每 10 元邀請獎勵帶來的邀請增加（%）",
        "en": "More invites per 10 yuan of invite reward (%)",
    },
    "whatif.param.current_pushes": {
        "zh-Hans": "目前每天推送次数",
        "zh-Hant": "目前每天推送次數",
        "en": "Pushes per day today",
    },
    "whatif.param.push_lift": {
        "zh-Hans": "每次推送的转化提升（3 次以内，%）",
        "zh-Hant": "每次推送的轉化提升（3 次以內，%）",
        "en": "Lift per push a day, up to 3 (%)",
    },
    "whatif.param.push_fatigue": {
        "zh-Hans": "超过 3 次后每次的疲劳损失（%）",
        "zh-Hant": "超過 3 次後每次的疲勞損失（%）",
        "en": "Fatigue per push a day beyond 3 (%)",
    },
    "whatif.param.seven_day_effect": {
        "zh-Hans": "7 天计划复购提升（同类比较，百分点）",
        "zh-Hant": "7 天計畫複購提升（同類比較，百分點）",
        "en": "7-day programme repurchase gain (like for like, points)",
    },
    "whatif.param.flash_takeup": {
        "zh-Hans": "秒杀原价购买率（每位在群会员每周，%）",
        "zh-Hant": "秒殺原價購買率（每位在群會員每週，%）",
        "en": "Flash-sale take-up at list price (per member and week, %)",
    },
    "whatif.param.coupon": {
        "zh-Hans": "新人首单券折扣（%）",
        "zh-Hant": "新人首單券折扣（%）",
        "en": "First-order coupon depth (%)",
    },
    "whatif.param.flash_price": {
        "zh-Hans": "秒杀价（元/件）",
        "zh-Hant": "秒殺價（元/件）",
        "en": "Flash-sale price (yuan per item)",
    },
    "whatif.param.flash_stock": {
        "zh-Hans": "秒杀库存（件/周）",
        "zh-Hant": "秒殺庫存（件/週）",
        "en": "Flash-sale stock (items per week)",
    },
    "whatif.param.invite_reward": {
        "zh-Hans": "邀请奖励（元/成功邀请）",
        "zh-Hant": "邀請獎勵（元/成功邀請）",
        "en": "Invite reward (yuan per member who joins)",
    },
    "whatif.param.pushes_per_day": {
        "zh-Hans": "每天推送次数",
        "zh-Hant": "每天推送次數",
        "en": "Pushes per day",
    },
    "whatif.param.seven_day": {
        "zh-Hans": "全部新会员参加 7 天计划",
        "zh-Hant": "全部新會員參加 7 天計畫",
        "en": "7-day programme for every new member",
    },
    "whatif.flash_price.help": {
        "zh-Hans": "原价按客单价 ¥{aov:,.2f} 计；库存为 0 即不做秒杀。",
        "zh-Hant": "原價按客單價 ¥{aov:,.2f} 計；庫存為 0 即不做秒殺。",
        "en": "The list price is the AOV, ¥{aov:,.2f}; a stock of 0 means no flash sale.",
    },
    "whatif.flash_price.help_items": {
        "zh-Hans": "原价按商品明细中每件商品的平均实付 ¥{price:,.2f} 计；库存为 0 即不做秒杀。",
        "zh-Hant": "原價按商品明細中每件商品的平均實付 ¥{price:,.2f} 計；庫存為 0 即不做秒殺。",
        "en": "The list price is the mean amount paid per item in the order lines, "
        "¥{price:,.2f}; a stock of 0 means no flash sale.",
    },
    "whatif.scenario.baseline": {"zh-Hans": "基线", "zh-Hant": "基線", "en": "Baseline"},
    "whatif.scenario.a": {"zh-Hans": "方案 A", "zh-Hant": "方案 A", "en": "Scenario A"},
    "whatif.scenario.b": {"zh-Hans": "方案 B", "zh-Hant": "方案 B", "en": "Scenario B"},
    # -- saved scenarios ---------------------------------------------------------------------
    "whatif.saved.title": {
        "zh-Hans": "保存与载入方案",
        "zh-Hant": "儲存與載入方案",
        "en": "Save and load scenarios",
    },
    "whatif.saved.help": {
        "zh-Hans": "方案随数据集保存，所有人可载入；复制侧栏的分享链接即可把当前杠杆发给别人。",
        "zh-Hant": "方案隨資料集儲存，所有人可載入；複製側欄的分享連結即可把目前槓桿發給別人。",
        "en": "Scenarios are saved with the dataset for everyone to load; the sidebar's share "
        "link carries the current levers to someone else.",
    },
    "whatif.saved.name": {"zh-Hans": "方案名称", "zh-Hant": "方案名稱", "en": "Scenario name"},
    "whatif.saved.save": {"zh-Hans": "保存{which}", "zh-Hant": "儲存{which}", "en": "Save {which}"},
    "whatif.saved.pick": {
        "zh-Hans": "已保存的方案",
        "zh-Hant": "已儲存的方案",
        "en": "Saved scenario",
    },
    "whatif.saved.load": {
        "zh-Hans": "载入到{which}",
        "zh-Hant": "載入到{which}",
        "en": "Load into {which}",
    },
    "whatif.saved.none": {
        "zh-Hans": "还没有保存的方案。",
        "zh-Hant": "還沒有儲存的方案。",
        "en": "No scenario saved yet.",
    },
    "whatif.saved.done": {
        "zh-Hans": "已保存方案「{name}」。",
        "zh-Hant": "已儲存方案「{name}」。",
        "en": "Saved scenario “{name}”.",
    },
    "whatif.saved.no_name": {
        "zh-Hans": "请先填写方案名称。",
        "zh-Hant": "請先填寫方案名稱。",
        "en": "Give the scenario a name first.",
    },
    "whatif.saved.viewer": {
        "zh-Hans": "只有编辑者可以保存方案。",
        "zh-Hant": "只有編輯者可以儲存方案。",
        "en": "Only editors can save scenarios.",
    },
    # -- outputs -----------------------------------------------------------------------------
    "whatif.projection.title": {
        "zh-Hans": "{weeks} 周推算",
        "zh-Hant": "{weeks} 週推算",
        "en": "Projection over {weeks} weeks",
    },
    "whatif.out.members": {"zh-Hans": "新会员", "zh-Hant": "新會員", "en": "Members"},
    "whatif.out.invited": {"zh-Hans": "其中受邀", "zh-Hant": "其中受邀", "en": "Of them invited"},
    "whatif.out.first_orders": {"zh-Hans": "首单", "zh-Hant": "首單", "en": "First orders"},
    "whatif.out.repurchases": {"zh-Hans": "复购", "zh-Hant": "複購", "en": "Repurchases"},
    "whatif.out.flash_items": {"zh-Hans": "秒杀件数", "zh-Hant": "秒殺件數", "en": "Flash items"},
    "whatif.out.gmv": _same("GMV"),
    "whatif.out.gmv_new": {
        "zh-Hans": "新会员 GMV",
        "zh-Hant": "新會員 GMV",
        "en": "New members' GMV",
    },
    "whatif.out.gmv_existing": {
        "zh-Hans": "老会员及其他 GMV",
        "zh-Hant": "老會員及其他 GMV",
        "en": "Existing members' GMV",
    },
    "whatif.out.discount_cost": {
        "zh-Hans": "折扣成本",
        "zh-Hant": "折扣成本",
        "en": "Discount cost",
    },
    "whatif.out.reward_cost": {"zh-Hans": "奖励成本", "zh-Hant": "獎勵成本", "en": "Reward cost"},
    "whatif.out.cost": {
        "zh-Hans": "折扣与奖励成本",
        "zh-Hant": "折扣與獎勵成本",
        "en": "Discount and reward cost",
    },
    "whatif.out.gross_profit": {"zh-Hans": "毛利", "zh-Hant": "毛利", "en": "Gross profit"},
    "whatif.out.roi": _same("ROI"),
    "whatif.out.scenario": {"zh-Hans": "方案", "zh-Hant": "方案", "en": "Scenario"},
    "whatif.out.week": {"zh-Hans": "周", "zh-Hant": "週", "en": "Week"},
    "whatif.out.cum_gmv": {"zh-Hans": "累计 GMV", "zh-Hant": "累計 GMV", "en": "Cumulative GMV"},
    "whatif.out.cum_profit": {
        "zh-Hans": "累计毛利",
        "zh-Hant": "累計毛利",
        "en": "Cumulative gross profit",
    },
    "whatif.roi.help": {
        "zh-Hans": "ROI =（方案毛利 − 基线毛利）÷ 方案成本；0 即打平，负数即亏。",
        "zh-Hant": "ROI =（方案毛利 − 基線毛利）÷ 方案成本；0 即打平，負數即虧。",
        "en": "ROI = (scenario profit − baseline profit) ÷ scenario cost; 0 breaks even, "
        "below 0 loses money.",
    },
    "whatif.chart.gmv": {
        "zh-Hans": "累计 GMV（阴影：95% 不确定区间）",
        "zh-Hant": "累計 GMV（陰影：95% 不確定區間）",
        "en": "Cumulative GMV (shaded: 95% uncertainty)",
    },
    "whatif.chart.profit": {
        "zh-Hans": "累计毛利（阴影：95% 不确定区间）",
        "zh-Hant": "累計毛利（陰影：95% 不確定區間）",
        "en": "Cumulative gross profit (shaded: 95% uncertainty)",
    },
    "whatif.chart.band": {"zh-Hans": "95% 区间", "zh-Hant": "95% 區間", "en": "95% band"},
    "whatif.chart.yuan": {"zh-Hans": "元", "zh-Hant": "元", "en": "yuan"},
    "whatif.band.caption": {
        "zh-Hans": "不确定区间：按基线各比率的抽样误差随机抽取 {draws} 组（种子 {seed}，结果可复现），"
        "取累计值的 2.5% 与 97.5% 分位；杠杆假设保持不变。",
        "zh-Hant": "不確定區間：按基線各比率的抽樣誤差隨機抽取 {draws} 組（種子 {seed}，結果可重現），"
        "取累計值的 2.5% 與 97.5% 分位；槓桿假設保持不變。",
        "en": "Uncertainty band: {draws} draws of the baseline rates from their sampling error "
        "(seed {seed}, reproducible), 2.5th–97.5th percentile of the cumulative values; the "
        "lever assumptions stay fixed.",
    },
    "whatif.focus": {
        "zh-Hans": "敏感度与打平分析针对",
        "zh-Hant": "敏感度與打平分析針對",
        "en": "Sensitivity and break-even for",
    },
    "whatif.tornado.title": {
        "zh-Hans": "敏感度：各杠杆 ±20% 时{which}毛利的变化",
        "zh-Hant": "敏感度：各槓桿 ±20% 時{which}毛利的變化",
        "en": "Sensitivity: change of {which}'s profit with each lever ±20%",
    },
    "whatif.tornado.low": {"zh-Hans": "−20%", "zh-Hant": "−20%", "en": "−20%"},
    "whatif.tornado.high": {"zh-Hans": "+20%", "zh-Hant": "+20%", "en": "+20%"},
    "whatif.break_even": {
        "zh-Hans": "打平券深度：在{which}的其他杠杆下，首单券 {depth:.1%} 让毛利回到基线（¥{profit:,.0f}）；"
        "更深的券会亏。",
        "zh-Hant": "打平券深度：在{which}的其他槓桿下，首單券 {depth:.1%} 讓毛利回到基線（¥{profit:,.0f}）；"
        "更深的券會虧。",
        "en": "Break-even coupon depth: with {which}'s other levers as set, a {depth:.1%} "
        "first-order coupon brings profit back to the baseline (¥{profit:,.0f}); a deeper "
        "one loses money.",
    },
    "whatif.break_even.none": {
        "zh-Hans": "打平券深度：没有。在{which}的其他杠杆下，任何深度的首单券带来的多出首单都抵不上折扣成本"
        "（每 10% 折扣只提升 {lift:.1%} 的转化）。",
        "zh-Hant": "打平券深度：沒有。在{which}的其他槓桿下，任何深度的首單券帶來的多出首單都抵不上折扣成本"
        "（每 10% 折扣只提升 {lift:.1%} 的轉化）。",
        "en": "Break-even coupon depth: none. With {which}'s other levers as set, no coupon "
        "depth brings enough extra first orders to pay for its discount (each 10% lifts "
        "conversion by only {lift:.1%}).",
    },
    "whatif.table.title": {
        "zh-Hans": "逐周推算",
        "zh-Hant": "逐週推算",
        "en": "Week by week",
    },
    "whatif.formulas.title": {
        "zh-Hans": "全部公式与假设",
        "zh-Hant": "全部公式與假設",
        "en": "Every formula and assumption",
    },
    "whatif.formulas.body": {
        "zh-Hans": "基线（所选期间 W 周）：N 每周新增会员、c 首单转化率、A 客单价、r 复购率、"
        "k 人均邀请（每周）、s 邀请入群占比、D₀ 期末在群会员。杠杆：C 首单券深度、P 秒杀价、"
        "S 秒杀库存、R 邀请奖励、p 每天推送；假设：L 每 10% 折扣的转化提升、e_R 每 10 元奖励的邀请增加、"
        "p₀ 目前推送、a 推送提升、b 疲劳损失、Δ₇ 7 天计划复购提升（s₇ 已参加占比）、t 秒杀原价购买率、"
        "m 毛利率；E 老会员及其他买家每周 GMV，V 新会员在首单与复购之外的人均消费。第 w 周：\n\n"
        + _FORMULAS
        + "\n\n转化记在会员入群的那一周。所有杠杆为中性（券 0、库存 0、奖励 0、推送 = p₀、7 天计划关）时"
        "即为基线：每周都等于所选期间的每周平均，推算同样周数时 GMV 与首页相同。期间新会员里已包含"
        "在群会员邀请来的人（N · s）；只有方案比基线多带来的会员（X_w）才再邀请。杠杆只作用于新会员和秒杀，"
        "老会员的其他消费 E 保持测得的水平。商品成本 = (1 − m) × 原价。",
        "zh-Hant": "基線（所選期間 W 週）：N 每週新增會員、c 首單轉化率、A 客單價、r 複購率、"
        "k 人均邀請（每週）、s 邀請入群佔比、D₀ 期末在群會員。槓桿：C 首單券深度、P 秒殺價、"
        "S 秒殺庫存、R 邀請獎勵、p 每天推送；假設：L 每 10% 折扣的轉化提升、e_R 每 10 元獎勵的邀請增加、"
        "p₀ 目前推送、a 推送提升、b 疲勞損失、Δ₇ 7 天計畫複購提升（s₇ 已參加佔比）、t 秒殺原價購買率、"
        "m 毛利率；E 老會員及其他買家每週 GMV，V 新會員在首單與複購之外的人均消費。第 w 週：\n\n"
        + _FORMULAS
        + "\n\n轉化記在會員入群的那一週。所有槓桿為中性（券 0、庫存 0、獎勵 0、推送 = p₀、7 天計畫關）時"
        "即為基線：每週都等於所選期間的每週平均，推算同樣週數時 GMV 與首頁相同。期間新會員裡已包含"
        "在群會員邀請來的人（N · s）；只有方案比基線多帶來的會員（X_w）才再邀請。槓桿只作用於新會員和秒殺，"
        "老會員的其他消費 E 保持測得的水準。商品成本 = (1 − m) × 原價。",
        "en": "Baseline (the chosen period, W weeks): N new members per week, c first-order "
        "conversion, A AOV, r repurchase rate, k invites per member (weekly), s invite-to-join "
        "rate, D₀ members in the domain at the end. Levers: C coupon depth, P flash price, "
        "S flash stock, R invite reward, p pushes per day; assumptions: L lift per 10% "
        "discount, e_R more invites per 10 yuan of reward, p₀ pushes today, a push lift, "
        "b fatigue, Δ₇ 7-day programme gain (s₇ already in it), t flash take-up, m gross "
        "margin; E existing members' and other buyers' GMV per week, V new members' spending "
        "beyond first order and repurchase, per member. Week w:\n\n"
        + _FORMULAS
        + "\n\nConversions are booked in the week a member joins. With every lever neutral "
        "(coupon 0, stock 0, reward 0, pushes = p₀, 7-day off) the model is the baseline: "
        "every week is the chosen period's weekly average, so over as many weeks its GMV is the "
        "overview's. The period's new members already include those the domain invited "
        "(N · s); only members a scenario adds beyond the baseline (X_w) invite again. The "
        "levers act on new members and the flash sale; existing members' other spending E "
        "stays as measured. Goods cost = (1 − m) × list value.",
    },
}
