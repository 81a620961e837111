-- Operating layers as of a day: each person's layers, or how many people each layer holds
-- (one definition for the per-person list and the counts).
--
-- Parameters:
--   $as_of           date: the analysis day; only days before it count
--   $layer_days      integer: the recent window, days $as_of - $layer_days ... $as_of - 1
--   $t1              double: the 银卡 threshold in yuan (as queries/members_tiers.sql)
--   $t2              double: the 金卡 threshold in yuan
--   $t3              double: the 钻石卡 threshold in yuan
--   $use_exported    boolean: use a member's exported tier where present
--   $with_members    boolean: the dataset has a members table
--   $rfm_split       text: 'mean' or 'median' (as queries/members_rfm.sql)
--   $whole_data      boolean: every paid order lies before $as_of and in the tier window
--                    (the caller checks it with queries/members_coverage.sql); the buyers'
--                    facts then come from person_facts, else from the person_days before it
--   $whole_activity  boolean: every activity lies before $as_of (checked likewise); the last
--                    activity days then come from person_activity, else from person_days
--   $layer_output    text: 'people' (one row per person in a layer) or 'counts' (one row)
--   $tag             text: people only: keep only members carrying this tag (members.tags
--                    split as member_spans does); null: everyone
--   $layer           text: people only: a layer key to keep only its people, or '' for all
--
-- People: members who joined before $as_of and had not left before it; without a members
-- table, every user with an order (any status) before $as_of. Paid orders: the base model
-- paid_orders. Layers (a person may fall in several):
--   potential    a member with no paid order before $as_of (needs the members table)
--   active       a paid order in the recent window
--   high_value   tier 金卡 or 钻石卡 (as queries/members_tiers.sql), or RFM segment
--                important_value (as queries/members_rfm.sql: split over every buyer)
--   dormant      no paid order and no activity in the recent window, and one of the people
--                since its first day (joined, or first order without a members table)
--
-- Returns, with $layer_output = 'people', one row per person in >= 1 layer (in layer $layer
-- when given), by user_id (the count columns null):
--   user_id            varchar
--   tier               enum: the rule tier (普通会员 / 银卡 / 金卡 / 钻石卡) as of $as_of, or
--                      the exported tier when it is one of those names; null for another
--   other_tier         varchar: an exported tier of another name (else null)
--   segment            enum: the RFM segment key, as queries/members_rfm.sql (null for a
--                      non-buyer)
--   last_order_day     date: day of the last paid order before $as_of
--   last_activity_day  date: day of the last activity before $as_of
--   nickname, phone    varchar: from the members table, else the latest order carrying them
--   is_potential, is_active, is_high_value, is_dormant   boolean: the person's layers
-- and with $layer_output = 'counts' one row (the person columns null):
--   potential, active, high_value, dormant   bigint: people in each layer

with

orders as (
    select
        user_id,
        ordered_at,
        nickname,
        phone,
    from orders
),

member_spans as (
    select
        user_id,
        join_day,
        left_day,
        tier,
        nickname,
        phone,
        tag_list,
    from member_spans
),

person_facts as (
    select
        user_id,
        last_day,
        paid_orders,
        paid_amount,
    from person_facts
),

person_days as (
    select
        user_id,
        day,
        paid_orders,
        paid_amount,
        activities,
    from person_days
),

person_activity as (
    select
        user_id,
        last_day,
    from person_activity
),

people as (
    select
        user_id,
        join_day as since_day,
        nullif(trim(tier), '') as exported_tier,
        nickname,
        phone,
    from member_spans
    where
        $with_members
        and join_day < cast($as_of as date)
        and (left_day is null or left_day >= cast($as_of as date))
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

-- every paid order lies before $as_of and in the tier window: the whole-data facts answer;
-- else sum the days before $as_of
buyer_totals as (
    select
        user_id,
        last_day as last_order_day,
        paid_orders as frequency,
        paid_amount as monetary,
        paid_amount as tier_gmv,
    from person_facts
    where $whole_data
    union all
    select
        user_id,
        max(day) as last_order_day,
        cast(sum(paid_orders) as bigint) as frequency,
        sum(paid_amount) as monetary,
        coalesce(sum(paid_amount) filter (
            where day >= cast($as_of as date) - 365
        ), 0) as tier_gmv,
    from person_days
    where not $whole_data and paid_orders > 0 and day < cast($as_of as date)
    group by user_id
),

buyers as (
    select
        user_id,
        last_order_day,
        cast($as_of as date) - last_order_day as recency,
        frequency,
        monetary,
        cast(monetary * 100 as bigint) as monetary_cents,
        tier_gmv,
    from buyer_totals
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

-- the last activity day before $as_of: every activity lies before it, the whole-data facts
-- answer; else the days before it (the counts need only whether it falls in the recent
-- window, so they read the window's days alone)
last_activity as (
    select
        user_id,
        last_day as last_activity_day,
    from person_activity
    where $whole_activity
    union all
    select
        user_id,
        max(day) as last_activity_day,
    from person_days
    where
        not $whole_activity
        and activities > 0
        and day < cast($as_of as date)
        and (
            $layer_output = 'people'
            or day >= cast($as_of as date) - cast($layer_days as integer)
        )
    group by user_id
),

person_states as (
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
    from person_states
),

-- $layer_output = 'people' ----------------------------------------------------------------

-- members carrying $tag (members.tags split by the base model member_spans)
tagged_members as (
    select user_id,
    from member_spans
    where list_contains(tag_list, cast($tag as varchar))
),

-- low-cardinality text as enums (cheap to hand over); an exported tier name other than the
-- rule tiers' in other_tier
people_rows as (
    select
        user_id,
        cast(
            case when tier in ('普通会员', '银卡', '金卡', '钻石卡') then tier end
            as enum('普通会员', '银卡', '金卡', '钻石卡')
        ) as tier,
        case when tier not in ('普通会员', '银卡', '金卡', '钻石卡') then tier end as other_tier,
        cast(
            segment as enum(
                'important_value',
                'important_develop',
                'important_keep',
                'important_retain',
                'general_value',
                'general_develop',
                'general_keep',
                'general_retain'
            )
        ) as segment,
        last_order_day,
        last_activity_day,
        nickname,
        phone,
        is_potential,
        is_active,
        is_high_value,
        is_dormant,
    from person_layers
    where
        $layer_output = 'people'
        and (
            cast($tag as varchar) is null
            or user_id in (select tagged_members.user_id from tagged_members)
        )
        and (
            ($layer = '' and (is_potential or is_active or is_high_value or is_dormant))
            or ($layer = 'potential' and is_potential)
            or ($layer = 'active' and is_active)
            or ($layer = 'high_value' and is_high_value)
            or ($layer = 'dormant' and is_dormant)
        )
),

-- $layer_output = 'counts' ----------------------------------------------------------------

layer_totals as (
    select
        count(*) filter (where is_potential) as potential,
        count(*) filter (where is_active) as active,
        count(*) filter (where is_high_value) as high_value,
        count(*) filter (where is_dormant) as dormant,
    from person_layers
    where $layer_output = 'counts'
),

final as (
    select
        user_id,
        tier,
        other_tier,
        segment,
        last_order_day,
        last_activity_day,
        nickname,
        phone,
        is_potential,
        is_active,
        is_high_value,
        is_dormant,
        cast(null as bigint) as potential,
        cast(null as bigint) as active,
        cast(null as bigint) as high_value,
        cast(null as bigint) as dormant,
    from people_rows
    union all
    select
        cast(null as varchar) as user_id,
        cast(null as enum('普通会员', '银卡', '金卡', '钻石卡')) as tier,
        cast(null as varchar) as other_tier,
        cast(
            null as enum(
                'important_value',
                'important_develop',
                'important_keep',
                'important_retain',
                'general_value',
                'general_develop',
                'general_keep',
                'general_retain'
            )
        ) as segment,
        cast(null as date) as last_order_day,
        cast(null as date) as last_activity_day,
        cast(null as varchar) as nickname,
        cast(null as varchar) as phone,
        cast(null as boolean) as is_potential,
        cast(null as boolean) as is_active,
        cast(null as boolean) as is_high_value,
        cast(null as boolean) as is_dormant,
        cast(potential as bigint) as potential,
        cast(active as bigint) as active,
        cast(high_value as bigint) as high_value,
        cast(dormant as bigint) as dormant,
    from layer_totals
    -- an aggregate without groups gives its one row even when its input is empty
    where $layer_output = 'counts'
    order by user_id
)

select * from final
