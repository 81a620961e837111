-- Tier movement between two days: how many people moved from each rule tier to each other.
--
-- Parameters:
--   $from_day      date: the first day; a person's tier "at" a day d is the rule tier by the
--                  paid amount of the 365 days before d (d - 365 ... d - 1)
--   $to_day        date: the second day (after $from_day)
--   $t1            double: the 银卡 threshold in yuan (普通会员 < t1 <= 银卡 < t2 <= 金卡 < t3 <= 钻石卡)
--   $t2            double: the 金卡 threshold in yuan
--   $t3            double: the 钻石卡 threshold in yuan
--   $use_exported  boolean: a member's exported tier where present, as in members_tiers.sql
--                  (an exported tier is taken as the tier on any day: such a member keeps it
--                  on both days); false: the rule for everyone
--   $with_members  boolean: the dataset has a members table
--   $whole_data    boolean: every paid order lies before $to_day and in the tier window of
--                  $from_day (the caller checks it with queries/members_coverage.sql); the
--                  amounts then come from person_facts less the person_days since $from_day,
--                  else from the person_days of the windows
--
-- People at a day d: members who joined before d; without a members table, every user with an
-- order (any status) before d. Everyone counted at $to_day appears once; someone who was not
-- yet one of the people at $from_day comes from 'new'. The people at $to_day per to_tier are
-- exactly the members per tier of members_tiers.sql as of $to_day (same $use_exported).
-- Paid orders: the base model paid_orders.
--
-- Returns one row per (from_tier, to_tier) pair that holds people (any order):
--   from_tier   varchar: 'new', or 普通会员 / 银卡 / 金卡 / 钻石卡, or an exported name
--   to_tier     varchar: 普通会员 / 银卡 / 金卡 / 钻石卡, or an exported name
--   members     bigint: people who moved so
--   from_order, to_order   integer: sort keys (new 0, the rule tiers 1 ... 4, other names 5)

with

orders as (
    select
        user_id,
        ordered_at,
    from orders
),

member_spans as (
    select
        user_id,
        join_day,
        tier,
    from member_spans
),

person_facts as (
    select
        user_id,
        paid_amount,
    from person_facts
),

person_days as (
    select
        user_id,
        day,
        paid_orders,
        paid_amount,
    from person_days
),

people as (
    select
        user_id,
        join_day as since_day,
        case when $use_exported then nullif(trim(tier), '') end as exported_tier,
    from member_spans
    where $with_members
    union all
    select
        user_id,
        min(cast(ordered_at as date)) as since_day,
        cast(null as varchar) as exported_tier,
    from orders
    where not $with_members
    group by user_id
),

-- every paid order lies before $to_day and both windows reach back over the first one: a
-- buyer's amount at $to_day is all they paid (person_facts), at $from_day that less what
-- they paid from $from_day on (only the days since are read); else sum the windows' days
whole_buyers as (
    select
        user_id,
        paid_amount,
    from person_facts
    where $whole_data
),

days_since as (
    select
        user_id,
        sum(paid_amount) as paid_amount,
    from person_days
    where $whole_data and paid_orders > 0 and day >= cast($from_day as date)
    group by user_id
),

paid_sums as (
    select
        whole_buyers.user_id,
        whole_buyers.paid_amount - coalesce(days_since.paid_amount, 0) as gmv_from,
        whole_buyers.paid_amount as gmv_to,
    from whole_buyers
    left join days_since on whole_buyers.user_id = days_since.user_id
    union all
    select
        user_id,
        sum(paid_amount) filter (
            where day < cast($from_day as date)
        ) as gmv_from,
        sum(paid_amount) filter (
            where day >= cast($to_day as date) - 365
        ) as gmv_to,
    from person_days
    where
        not $whole_data
        and paid_orders > 0
        and day >= cast($from_day as date) - 365
        and day < cast($to_day as date)
    group by user_id
),

person_amounts as (
    select
        people.since_day < cast($from_day as date) as known_before,
        people.exported_tier,
        coalesce(paid_sums.gmv_from, 0) as gmv_from,
        coalesce(paid_sums.gmv_to, 0) as gmv_to,
    from people
    left join paid_sums on people.user_id = paid_sums.user_id
    where people.since_day < cast($to_day as date)
),

person_tiers as (
    select
        case
            when not known_before then 'new'
            when exported_tier is not null then exported_tier
            when gmv_from >= cast($t3 as decimal(18, 2)) then '钻石卡'
            when gmv_from >= cast($t2 as decimal(18, 2)) then '金卡'
            when gmv_from >= cast($t1 as decimal(18, 2)) then '银卡'
            else '普通会员'
        end as from_tier,
        case
            when exported_tier is not null then exported_tier
            when gmv_to >= cast($t3 as decimal(18, 2)) then '钻石卡'
            when gmv_to >= cast($t2 as decimal(18, 2)) then '金卡'
            when gmv_to >= cast($t1 as decimal(18, 2)) then '银卡'
            else '普通会员'
        end as to_tier,
    from person_amounts
),

tier_order as (
    select
        tier_list.tier,
        tier_list.tier_order,
    from
        (values ('new', 0), ('普通会员', 1), ('银卡', 2), ('金卡', 3), ('钻石卡', 4))
            as tier_list (tier, tier_order)
),

final as (
    select
        person_tiers.from_tier,
        person_tiers.to_tier,
        cast(count(*) as bigint) as members,
        cast(coalesce(min(from_order.tier_order), 5) as integer) as from_order,
        cast(coalesce(min(to_order.tier_order), 5) as integer) as to_order,
    from person_tiers
    left join tier_order as from_order on person_tiers.from_tier = from_order.tier
    left join tier_order as to_order on person_tiers.to_tier = to_order.tier
    group by person_tiers.from_tier, person_tiers.to_tier
)

select * from final
