-- Operating layers as of a day, one row per person and layer they fall in.
--
-- Parameters:
--   $as_of         date: the analysis day; only days before it count
--   $layer_days    integer: the recent window, days $as_of - $layer_days ... $as_of - 1
--   $layer         text: a layer key to keep only its people, or '' for every layer
--   $t1            double: the 银卡 threshold in yuan (as queries/members_tiers.sql)
--   $t2            double: the 金卡 threshold in yuan
--   $t3            double: the 钻石卡 threshold in yuan
--   $use_exported  boolean: use a member's exported tier where present
--   $with_members  boolean: the dataset has a members table
--   $rfm_split     text: 'mean' or 'median' (as queries/members_rfm.sql)
--
-- People: members who joined before $as_of and had not left before it; without a members
-- table, every user with an order (any status) before $as_of. A paid order: status null or
-- 'paid', amount > 0. Layers (a person may fall in several):
--   potential    a member with no paid order before $as_of (needs the members table)
--   active       a paid order in the recent window
--   high_value   tier 金卡 or 钻石卡 (as queries/members_tiers.sql), or RFM segment
--                important_value (as queries/members_rfm.sql: split over every buyer)
--   dormant      no paid order and no activity in the recent window, and one of the people
--                since its first day (joined, or first order without a members table)
--
-- Returns one row per (person, layer), by layer_order then user_id:
--   layer              varchar: potential / active / high_value / dormant
--   user_id            varchar
--   tier               varchar: the tier as of $as_of
--   segment            varchar: the RFM segment key (null for a non-buyer)
--   last_order_day     date: day of the last paid order before $as_of
--   last_activity_day  date: day of the last activity before $as_of
--   nickname, phone    varchar: from the members table, else the latest order carrying them
--   layer_order        integer: 1 potential, 2 active, 3 high_value, 4 dormant

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
        joined_at,
        left_at,
        tier,
        nickname,
        phone,
    from members
),

activity as (
    select
        user_id,
        "at",
    from activity
),

people as (
    select
        user_id,
        cast(joined_at as date) as since_day,
        nullif(trim(tier), '') as exported_tier,
        nickname,
        phone,
    from members
    where
        $with_members
        and cast(joined_at as date) < cast($as_of as date)
        and (left_at is null or cast(left_at as date) >= cast($as_of as date))
    union all
    select
        user_id,
        min(cast(ordered_at as date)) as since_day,
        cast(null as varchar) as exported_tier,
        arg_max(nickname, ordered_at) filter (where nickname is not null) as nickname,
        arg_max(phone, ordered_at) filter (where phone is not null) as phone,
    from orders
    where not $with_members and cast(ordered_at as date) < cast($as_of as date)
    group by user_id
),

paid_orders as (
    select
        user_id,
        cast(ordered_at as date) as order_day,
        amount,
    from orders
    where
        (status is null or status = 'paid')
        and amount > 0
        and cast(ordered_at as date) < cast($as_of as date)
),

buyers as (
    select
        user_id,
        max(order_day) as last_order_day,
        cast($as_of as date) - max(order_day) as recency,
        count(*) as frequency,
        sum(amount) as monetary,
        cast(sum(amount) * 100 as bigint) as monetary_cents,
        coalesce(sum(amount) filter (
            where order_day >= cast($as_of as date) - 365
        ), 0) as tier_gmv,
    from paid_orders
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
        buyers.last_order_day,
        buyers.tier_gmv,
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
        user_id,
        last_order_day,
        tier_gmv,
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

last_activity as (
    select
        user_id,
        max(cast("at" as date)) as last_activity_day,
    from activity
    where cast("at" as date) < cast($as_of as date)
    group by user_id
),

person_facts as (
    select
        people.user_id,
        people.since_day,
        people.nickname,
        people.phone,
        segments.segment,
        segments.last_order_day,
        last_activity.last_activity_day,
        case
            when $use_exported and people.exported_tier is not null
                then people.exported_tier
            when coalesce(segments.tier_gmv, 0) >= cast($t3 as decimal(18, 2)) then '钻石卡'
            when coalesce(segments.tier_gmv, 0) >= cast($t2 as decimal(18, 2)) then '金卡'
            when coalesce(segments.tier_gmv, 0) >= cast($t1 as decimal(18, 2)) then '银卡'
            else '普通会员'
        end as tier,
        cast($as_of as date) - cast($layer_days as integer) as window_start,
    from people
    left join segments on people.user_id = segments.user_id
    left join last_activity on people.user_id = last_activity.user_id
),

person_layers as (
    select
        *,
        $with_members and last_order_day is null as is_potential,
        coalesce(last_order_day >= window_start, false) as is_active,
        tier in ('金卡', '钻石卡') or coalesce(segment = 'important_value', false)
            as is_high_value,
        since_day <= window_start
        and coalesce(last_order_day < window_start, true)
        and coalesce(last_activity_day < window_start, true) as is_dormant,
    from person_facts
),

layer_rows as (
    select
        'potential' as layer,
        1 as layer_order,
        *,
    from person_layers
    where is_potential
    union all
    select
        'active' as layer,
        2 as layer_order,
        *,
    from person_layers
    where is_active
    union all
    select
        'high_value' as layer,
        3 as layer_order,
        *,
    from person_layers
    where is_high_value
    union all
    select
        'dormant' as layer,
        4 as layer_order,
        *,
    from person_layers
    where is_dormant
),

final as (
    select
        layer,
        user_id,
        tier,
        segment,
        last_order_day,
        last_activity_day,
        nickname,
        phone,
        layer_order,
    from layer_rows
    where $layer = '' or layer = $layer
    order by layer_order, user_id
)

select * from final
