"""The New and returning buyers page (新老客): its title and the words of its chart and table."""

TEXT = {
    "nav.buyers": {"zh-Hans": "新老客", "zh-Hant": "新老客", "en": "New & returning"},
    "buyers.help": {
        "zh-Hans": "每周的支付金额按买家分开：新客是当周首次支付的买家（含当周复购），"
        "老客是当周之前已支付过的买家。只计入所选期间内的天。",
        "zh-Hant": "每週的支付金額按買家分開：新客是當週首次支付的買家（含當週複購），"
        "老客是當週之前已支付過的買家。只計入所選期間內的天。",
        "en": "Each week's paid amount split by buyer: new buyers paid for the first time that "
        "week (their repeat orders of the week included), returning buyers had paid before it. "
        "Only days inside the period count.",
    },
    "buyers.chart": {
        "zh-Hans": "每周新老客成交额",
        "zh-Hant": "每週新老客成交額",
        "en": "GMV per week, new and returning buyers",
    },
    "buyers.new_share": {
        "zh-Hans": "期间内新客成交占比 {share}",
        "zh-Hant": "期間內新客成交佔比 {share}",
        "en": "New buyers' share of the period's GMV: {share}",
    },
    "buyers.col.week": {"zh-Hans": "周（周一）", "zh-Hant": "週（週一）", "en": "Week (Monday)"},
    "buyers.col.new_buyers": {"zh-Hans": "新客数", "zh-Hant": "新客數", "en": "New buyers"},
    "buyers.col.new_gmv": {
        "zh-Hans": "新客成交额",
        "zh-Hant": "新客成交額",
        "en": "New buyers' GMV",
    },
    "buyers.col.returning_buyers": {
        "zh-Hans": "老客数",
        "zh-Hant": "老客數",
        "en": "Returning buyers",
    },
    "buyers.col.returning_gmv": {
        "zh-Hans": "老客成交额",
        "zh-Hant": "老客成交額",
        "en": "Returning buyers' GMV",
    },
    "buyers.col.gmv": {"zh-Hans": "成交额", "zh-Hant": "成交額", "en": "GMV"},
    "buyers.col.new_share": {
        "zh-Hans": "新客占比",
        "zh-Hant": "新客佔比",
        "en": "New buyers' share",
    },
}
