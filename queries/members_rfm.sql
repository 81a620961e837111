-- RFM of every buyer as of a day: recency, frequency, monetary, high/low flags and segment.
--
-- Parameters:
--   $as_of         date: the analysis day; only paid orders on days before it count
--   $rfm_split     text: 'mean' or 'median', the value over all buyers each measure is
--                  split against
--   $rfm_segment   text: a segment key to keep only its buyers, or '' for every buyer
--   $personal      boolean: also look up nickname and phone (masked) for display
--
-- A buyer: anyone (member or not) with >= 1 paid order (status null or 'paid', amount > 0)
-- before $as_of. R = days from the last paid order's day to $as_of (>= 1), F = paid orders,
-- M = paid amount. F and M are high when strictly above the split value; R is high when
-- strictly below it (bought recently). Means are compared exactly (x * buyers > sum of x);
-- the median of M is taken in cents, so the comparison is exact too.
-- Segments (R F M): important_value 高高高, important_develop 高低高, important_keep 低高高,
-- important_retain 低低高, general_value 高高低, general_develop 高低低, general_keep 低高低,
-- general_retain 低低低.
--
-- Returns one row per buyer (any order):
--   user_id          varchar
--   recency          bigint: days
--   frequency        bigint: paid orders
--   monetary         decimal(18,2): paid amount
--   r_high, f_high, m_high   boolean
--   segment          varchar: the segment key
--   last_order_day   date: day of the last paid order
--   nickname, phone  varchar: from the members table, else the buyer's latest order that
--                    carries them; null unless $personal (phones are stored masked)

with

orders as (
    select
        user_id,
        ordered_at,
        amount,
        status,
        nickname,
        phone,
    from orders
),

members as (
    select
        user_id,
        nickname,
        phone,
    from members
),

buyers as (
    select
        user_id,
        max(cast(ordered_at as date)) as last_order_day,
        cast($as_of as date) - max(cast(ordered_at as date)) as recency,
        count(*) as frequency,
        sum(amount) as monetary,
        cast(sum(amount) * 100 as bigint) as monetary_cents,
    from orders
    where
        (status is null or status = 'paid')
        and amount > 0
        and cast(ordered_at as date) < cast($as_of as date)
    group by user_id
),

splits as (
    select
        count(*) as buyers,
        sum(recency) as sum_recency,
        sum(frequency) as sum_frequency,
        sum(monetary) as sum_monetary,
        median(recency) as median_recency,
        median(frequency) as median_frequency,
        median(monetary_cents) as median_monetary_cents,
    from buyers
),

flags as (
    select
        buyers.user_id,
        buyers.recency,
        buyers.frequency,
        buyers.monetary,
        buyers.last_order_day,
        case
            when $rfm_split = 'median' then buyers.recency < splits.median_recency
            else buyers.recency * splits.buyers < splits.sum_recency
        end as r_high,
        case
            when $rfm_split = 'median' then buyers.frequency > splits.median_frequency
            else buyers.frequency * splits.buyers > splits.sum_frequency
        end as f_high,
        case
            when $rfm_split = 'median' then buyers.monetary_cents > splits.median_monetary_cents
            else buyers.monetary * splits.buyers > splits.sum_monetary
        end as m_high,
    from buyers
    cross join splits
),

segments as (
    select
        *,
        case
            when m_high and r_high and f_high then 'important_value'
            when m_high and r_high then 'important_develop'
            when m_high and f_high then 'important_keep'
            when m_high then 'important_retain'
            when r_high and f_high then 'general_value'
            when r_high then 'general_develop'
            when f_high then 'general_keep'
            else 'general_retain'
        end as segment,
    from flags
),

kept as (
    select * from segments
    where $rfm_segment = '' or segment = $rfm_segment
),

order_contacts as (
    select
        user_id,
        arg_max(nickname, ordered_at) filter (where nickname is not null) as nickname,
        arg_max(phone, ordered_at) filter (where phone is not null) as phone,
    from orders
    where $personal and user_id in (select kept.user_id from kept)
    group by user_id
),

member_contacts as (
    select
        user_id,
        nickname,
        phone,
    from members
    where $personal and user_id in (select kept.user_id from kept)
),

final as (
    select
        kept.user_id,
        cast(kept.recency as bigint) as recency,
        cast(kept.frequency as bigint) as frequency,
        cast(kept.monetary as decimal(18, 2)) as monetary,
        kept.r_high,
        kept.f_high,
        kept.m_high,
        kept.segment,
        kept.last_order_day,
        coalesce(member_contacts.nickname, order_contacts.nickname) as nickname,
        coalesce(member_contacts.phone, order_contacts.phone) as phone,
    from kept
    left join member_contacts on kept.user_id = member_contacts.user_id
    left join order_contacts on kept.user_id = order_contacts.user_id
)

select * from final
