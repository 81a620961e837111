"""Number words: the compact units of each language and the full value beside a card."""

TEXT = {
    # size:unit:significant digits (siyu.fmt.compact): 万/亿 in Chinese, K/M/B in English
    "fmt.compact": {
        "zh-Hans": "100000000:亿:3|10000:万:4",
        "zh-Hant": "100000000:億:3|10000:萬:4",
        "en": "1000000000:B:3|1000000:M:3|1000:K:3",
    },
    "fmt.full_value": {
        "zh-Hans": "完整数值：{value}",
        "zh-Hant": "完整數值：{value}",
        "en": "Full value: {value}",
    },
}
