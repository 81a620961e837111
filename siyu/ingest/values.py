"""Value parsing in SQL: text cells → timestamps, amounts, integers, statuses, ids.

Each canonical column kind (`schema.Column.kind`) has an expression that turns the trimmed
raw text into its typed value, or NULL when the text cannot be read; a non-empty raw value
with a NULL result is a rejected row. The expressions use the temporary macros below, which
`install_macros` creates on a cursor. Literals are quoted with `quote_literal`.

Rules an operator can check:
- Dates: `2024-04-09 11:54:00`, `2024/4/9 11:54`, `2024年4月9日 11:54`, `2024-04-09`, ISO with `T`,
  `20240409`; with a zone (`+0800`, `+08:00`, `Z`, `UTC`, a trailing name such as `CST`; a bare
  `CST` means China Standard Time, as Java-made exports write it) the instant is converted to
  the workspace zone; without a zone the time is already wall time there. Excel serial days
  (`45391.49583`, five digits) are wall time, rounded to the second. Unix seconds (10 digits)
  and milliseconds (13 digits) are UTC instants converted to the workspace zone. Stored as a
  naive TIMESTAMP (wall time in the workspace zone).
- Money: a plain number (also `1.2E+3`, as spreadsheets write it); currency signs (¥ ￥ $ 元 RMB CNY), thousands separators, spaces and full-width digits
  are dropped; a note in brackets after the number is ignored (`499.00（仅供参考）`). `-`, `—`,
  `/`, `null`, `无` or empty mean missing. Rounded to 2 decimals.
- Integers: full-width digits and a unit (`3件`, `2个`) are accepted; `3.0` reads as 3.
- Status: see `STATUS_WORDS`. Unpaid orders (待付款 / 未付款 / unpaid) count as cancelled:
  they are not purchases. A missing status means paid.
- Shares (staff statistics' 已回复聊天占比): `85.5%`, `0.855` or `85.5` all read 0.855 (a bare
  number up to 1 is a fraction, above it a percentage); above 100% is rejected.
- Durations in minutes (平均首次回复时长): `3.5`, `3分30秒`, `1小时5分`, `00:03:30`, `3:30` (m:ss),
  `2h 5min`.
- Ids: the text exactly as in the file, trimmed; a spreadsheet's `="0012"` guard is unwrapped.
"""

from __future__ import annotations

from siyu.ingest.aliases import SIMPLIFIED, TRADITIONAL
from siyu.schema import quote_literal

WHITESPACE = " \t\r\n\u3000\u00a0\ufeff"
MISSING_WORDS = ("-", "--", "—", "——", "/", "null", "none", "n/a", "na", "nan", "无", "空")
_MISSING_STARTS = "".join(
    sorted({w[0] for w in MISSING_WORDS} | {w[0].upper() for w in MISSING_WORDS})
)
# Code points a trimmed cell cannot start or end with, and those a missing word starts with.
SPACE_CODES = tuple(ord(c) for c in WHITESPACE)
MISSING_CODES = tuple(ord(c) for c in _MISSING_STARTS)

STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "paid": (
        "已付款",
        "已支付",
        "支付成功",
        "付款成功",
        "待发货",
        "已发货",
        "待收货",
        "已收货",
        "已完成",
        "完成",
        "交易成功",
        "交易完成",
        "已签收",
        "待提货",
        "已提货",
        "待自提",
        "已自提",
        "待核销",
        "已核销",
        "已成团",
        "待评价",
        "已评价",
        "部分退款",
        "退款中",
        "售后中",
        "paid",
        "completed",
        "complete",
        "success",
        "succeeded",
        "shipped",
        "delivered",
        "done",
        "partiallyrefunded",
    ),
    "refunded": (
        "已退款",
        "退款成功",
        "全额退款",
        "已全额退款",
        "退款完成",
        "已退货",
        "退货退款",
        "refunded",
        "refund",
        "returned",
    ),
    "cancelled": (
        "已关闭",
        "已取消",
        "交易关闭",
        "交易取消",
        "订单关闭",
        "订单取消",
        "取消",
        "关闭",
        "已失效",
        "待付款",
        "未付款",
        "待支付",
        "未支付",
        "等待买家付款",
        "支付超时",
        "超时关闭",
        "cancelled",
        "canceled",
        "closed",
        "unpaid",
        "pendingpayment",
        "failed",
        "void",
    ),
}

_FW_FROM = "０１２３４５６７８９．，－＋：／　（）％"
_FW_TO = "0123456789.,-+:/ ()%"

_DATE_HEAD = r"^(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?\s*(?:T|\s)?\s*"
_DATETIME = (
    r"^(\d{4}-\d{1,2}-\d{1,2})(?: (\d{1,2}:\d{1,2}(?::\d{1,2})?)(?:\.\d{1,9})?)?"
    r"\s*(Z|UTC|GMT|CST|[+-]\d{2}:?\d{2})?(?:\s*\(?[A-Za-z]{2,5}\)?)?$"
)


# Duration units, longest first (RE2 takes the first alternative that matches).
_DAYS = "天|days|day|d"
_HOURS = "小时|小時|hours|hour|hrs|hr|时|時|h"
_MINUTES = "分钟|分鐘|minutes|minute|mins|min|分|m"
_SECONDS = "秒钟|秒鐘|seconds|second|secs|sec|秒|s"
_DURATION_UNITS = "|".join((_DAYS, _HOURS, _MINUTES, _SECONDS))


def _lit(s: str) -> str:
    return quote_literal(s)


def _in_list(words: tuple[str, ...]) -> str:
    return ", ".join(_lit(w) for w in words)


def _codes(chars: str) -> str:
    return ", ".join(str(ord(c)) for c in chars)


def _all_words() -> str:
    return _in_list(tuple(w for words in STATUS_WORDS.values() for w in words))


def macro_statements(tz: str) -> list[str]:
    """Temporary macros for value parsing; `tz` is the workspace time zone."""
    statuses = " ".join(
        f"when s in ({_in_list(words)}) then {_lit(status)}"
        for status, words in STATUS_WORDS.items()
    )
    return [
        f"create or replace temp macro siyu_fw(s) as translate(s, {_lit(_FW_FROM)}, {_lit(_FW_TO)})",
        # Trimmed text, NULL when empty.
        # (Most cells neither start nor end with white space: they are kept without trim().)
        f"create or replace temp macro siyu_trim(s) as case "
        f"when ascii(s) > 32 and ascii(s) not in ({_codes(WHITESPACE)}) "
        f"and ascii(right(s, 1)) > 32 and ascii(right(s, 1)) not in ({_codes(WHITESPACE)}) "
        f"then s else nullif(trim(s, {_lit(WHITESPACE)}), '') end",
        # NULL for the words that mean "no value" in a typed column.
        # (Only a text starting as a word does, or with N, can be one once lower-cased.)
        f"create or replace temp macro siyu_present(s) as "
        f"case when ascii(s) in ({_codes(_MISSING_STARTS)}) "
        f"and lower(s) in ({_in_list(MISSING_WORDS)}) then null else s end",
        # 2024年4月9日 11:54 / 2024/4/9T11:54 → 2024-4-9 11:54
        f"create or replace temp macro siyu_dnorm(s) as trim(regexp_replace("
        f"regexp_replace(siyu_fw(s), {_lit(_DATE_HEAD)}, '\\1-\\2-\\3 '), '\\s+', ' ', 'g'))",
        "create or replace temp macro siyu_local(d, t) as try_strptime(d || ' ' || "
        "coalesce(nullif(t, ''), '00:00:00'), "
        "['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M'])",
        "create or replace temp macro siyu_offset(z) as case "
        "when z in ('Z', 'UTC', 'GMT') then 0 when z = 'CST' then 480 "
        "else (case when left(z, 1) = '-' then -1 else 1 end) "
        "* (try_cast(substr(z, 2, 2) as integer) * 60 + try_cast(right(z, 2) as integer)) end",
        f"create or replace temp macro siyu_zoned(local, z) as case when z = '' then local "
        f"else timezone({_lit(tz)}, timezone('UTC', local - to_minutes(siyu_offset(z)))) end",
        f"create or replace temp macro siyu_ts_any(s) as case "
        f"when regexp_full_match(siyu_fw(s), '\\d{{5}}(\\.\\d+)?') "
        f"then timestamp '1899-12-30' + to_seconds(round(siyu_fw(s)::double * 86400)::bigint) "
        f"when regexp_full_match(siyu_fw(s), '\\d{{10}}') "
        f"then timezone({_lit(tz)}, to_timestamp(siyu_fw(s)::bigint)) "
        f"when regexp_full_match(siyu_fw(s), '\\d{{13}}') "
        f"then timezone({_lit(tz)}, timezone('UTC', epoch_ms(siyu_fw(s)::bigint))) "
        f"when regexp_full_match(siyu_fw(s), '\\d{{8}}') then try_strptime(siyu_fw(s), '%Y%m%d') "
        f"when regexp_full_match(siyu_fw(s), '\\d{{14}}') "
        f"then try_strptime(siyu_fw(s), '%Y%m%d%H%M%S') "
        f"else siyu_zoned(siyu_local(regexp_extract(siyu_dnorm(s), {_lit(_DATETIME)}, 1), "
        f"regexp_extract(siyu_dnorm(s), {_lit(_DATETIME)}, 2)), "
        f"regexp_extract(siyu_dnorm(s), {_lit(_DATETIME)}, 3)) end",
        "create or replace temp macro siyu_money_text(s) as nullif(regexp_extract("
        "regexp_replace(siyu_fw(s), '[¥￥$,\\s]|元|RMB|CNY|rmb|cny', '', 'g'), "
        "'^([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(?:\\(.*\\)|【.*】|\\[.*\\])?$', 1), '')",
        "create or replace temp macro siyu_money_any(s) as "
        "try_cast(siyu_money_text(s) as decimal(18, 2))",
        # A unit price keeps 4 decimals (UCI: 0.001): a line's amount is rounded, not its price.
        "create or replace temp macro siyu_price(s) as case "
        "when try_cast(s as decimal(18, 4)) is not null then try_cast(s as decimal(18, 4)) "
        "else try_cast(siyu_money_text(s) as decimal(18, 4)) end",
        "create or replace temp macro siyu_int_any(s) as try_cast(nullif(regexp_extract("
        "regexp_replace(siyu_fw(s), '[,\\s]|件|个|份|人|条|次|单|笔|位|名|盒|瓶|袋|箱|包|只|张|套', '', 'g'), "
        "'^([+-]?\\d+)(?:\\.0*)?$', 1), '') as integer)",
        f"create or replace temp macro siyu_status_word(s) as case {statuses} else null end",
        # A status word as listed is itself (no space, lower case, simplified): looked up first.
        # (DuckDB's coalesce() computes every argument: a case expression is what skips work.)
        f"create or replace temp macro siyu_status(s) as case when s in ({_all_words()}) "
        f"then siyu_status_word(s) "
        f"else siyu_status_word(translate(lower(regexp_replace(s, '\\s', '', 'g')), "
        f"{_lit(TRADITIONAL)}, {_lit(SIMPLIFIED)})) end",
        "create or replace temp macro siyu_id(s) as case when starts_with(s, '=') "
        "then trim(regexp_replace(s, '^=\"(.*)\"$', '\\1'), ' \t') else s end",
        # A phone is never stored in clear (SPEC §2): keep the first 3 and last 4 digits; a
        # value that is already masked (186******05) is kept as it is.
        "create or replace temp macro siyu_digits(s) as regexp_replace(siyu_fw(s), '[^0-9]', '', 'g')",
        "create or replace temp macro siyu_phone(s) as case when contains(s, '*') then s "
        "when length(siyu_digits(s)) >= 9 then left(siyu_digits(s), 3) || '****' || "
        "right(siyu_digits(s), 4) else '****' end",
        # Fast paths first: most cells of an export are in the plain form.
        "create or replace temp macro siyu_ts(s) as case "
        "when try_strptime(s, '%Y-%m-%d %H:%M:%S') is not null "
        "then try_strptime(s, '%Y-%m-%d %H:%M:%S') else siyu_ts_any(s) end",
        # ¥1,299.00: what siyu_money_any reads it as, without its regular expressions (a
        # direct cast refuses a currency sign or a comma, and casting is slow when it fails).
        "create or replace temp macro siyu_money(s) as case "
        "when regexp_full_match(s, '[¥￥]?[0-9][0-9,]*(\\.[0-9]*)?') "
        "then try_cast(replace(replace(replace(s, '¥', ''), '￥', ''), ',', '') as decimal(18, 2)) "
        "when try_cast(s as decimal(18, 2)) is not null then try_cast(s as decimal(18, 2)) "
        "else siyu_money_any(s) end",
        "create or replace temp macro siyu_int(s) as case when regexp_full_match(s, '[0-9]{1,9}') "
        "then s::integer else siyu_int_any(s) end",
        # A share (已回复聊天占比): 85.5% → 0.855; a bare number is a fraction up to 1 and a
        # percentage above it (85.5 → 0.855); more than 100% is no share.
        "create or replace temp macro siyu_share_num(s) as case "
        "when regexp_full_match(s, '[0-9]+(\\.[0-9]*)?%') "
        "then try_cast(rtrim(s, '%') as double) / 100 "
        "when regexp_full_match(s, '[0-9]+(\\.[0-9]*)?|\\.[0-9]+') "
        "then case when s::double <= 1 then s::double else s::double / 100 end end",
        "create or replace temp macro siyu_share(s) as case "
        "when siyu_share_num(regexp_replace(siyu_fw(s), '\\s', '', 'g')) <= 1 "
        "then siyu_share_num(regexp_replace(siyu_fw(s), '\\s', '', 'g')) end",
        # A duration in minutes (平均首次回复时长): a bare number is minutes; h:mm:ss and m:ss;
        # units 天 / 小时 / 分钟 / 秒 (and d, h, min, m, s) in any combination (1小时5分 → 65).
        "create or replace temp macro siyu_dur_part(t, units) as coalesce(try_cast("
        "nullif(regexp_extract(t, '([0-9]+(?:\\.[0-9]+)?)(?:' || units || ')', 1), '') "
        "as double), 0)",
        f"create or replace temp macro siyu_dur(t) as case "
        f"when regexp_full_match(t, '[0-9]+(\\.[0-9]+)?|\\.[0-9]+') then t::double "
        f"when regexp_full_match(t, '[0-9]{{1,3}}:[0-5][0-9]:[0-5][0-9]') "
        f"then split_part(t, ':', 1)::double * 60 + split_part(t, ':', 2)::double "
        f"+ split_part(t, ':', 3)::double / 60 "
        f"when regexp_full_match(t, '[0-9]{{1,4}}:[0-5][0-9]') "
        f"then split_part(t, ':', 1)::double + split_part(t, ':', 2)::double / 60 "
        f"when regexp_full_match(t, '(?:[0-9]+(?:\\.[0-9]+)?(?:{_DURATION_UNITS}))+') "
        f"then siyu_dur_part(t, {_lit(_DAYS)}) * 1440 + siyu_dur_part(t, {_lit(_HOURS)}) * 60 "
        f"+ siyu_dur_part(t, {_lit(_MINUTES)}) + siyu_dur_part(t, {_lit(_SECONDS)}) / 60 end",
        "create or replace temp macro siyu_minutes(s) as "
        "siyu_dur(lower(regexp_replace(siyu_fw(s), '\\s', '', 'g')))",
    ]


# kind → (value expression over the present raw text `{r}`, reason key when it is NULL)
PARSERS: dict[str, tuple[str, str | None]] = {
    "text": ("{r}", None),
    "id": ("siyu_id({r})", None),
    "timestamp": ("siyu_ts({r})", "ingest.reason.bad_date"),
    "date": ("cast(siyu_ts({r}) as date)", "ingest.reason.bad_date"),
    "money": ("siyu_money({r})", "ingest.reason.bad_number"),
    "price": ("siyu_price({r})", "ingest.reason.bad_number"),
    "int": ("siyu_int({r})", "ingest.reason.bad_integer"),
    "status": ("siyu_status({r})", "ingest.reason.unknown_status"),
    "phone": ("siyu_phone({r})", None),
    "share": ("siyu_share({r})", "ingest.reason.bad_share"),
    "minutes": ("siyu_minutes({r})", "ingest.reason.bad_duration"),
}

# Kinds where a negative value is rejected.
NON_NEGATIVE = ("money", "price", "int")
