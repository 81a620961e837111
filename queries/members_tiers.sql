-- Membership tiers as of a day: people per tier and their spend over the 365 days before it.
--
-- Parameters:
--   $as_of         date: the analysis day; only days before it count (the tier window is the
--                  365 days $as_of - 365 ... $as_of - 1)
--   $t1            double: the 银卡 threshold in yuan (普通会员 < t1 <= 银卡 < t2 <= 金卡 < t3 <= 钻石卡)
--   $t2            double: the 金卡 threshold in yuan
--   $t3            double: the 钻石卡 threshold in yuan
--   $use_exported  boolean: use a member's exported tier where present (else the rule for all)
--   $with_members  boolean: the dataset has a members table
--   $whole_data    boolean: every paid order lies in the tier window (the caller checks it
--                  with queries/members_coverage.sql); the spend then comes from
--                  person_facts, else from the person_days of the window
--
-- People: members who joined before $as_of; without a members table, every user with an
-- order (any status) before $as_of. Paid orders: the base model paid_orders. Rule tier: by
-- the paid amount in the tier window. An exported tier (trimmed, non-empty) is taken as the
-- tier on any day.
--
-- Returns one row per tier (any order; sort by tier_order, tier): the four rule tiers always,
-- and any other exported tier name:
--   tier            varchar: 普通会员 / 银卡 / 金卡 / 钻石卡, or an exported name
--   tier_order      integer: 1 ... 4 for the rule tiers, 5 for other names
--   members         bigint: people in the tier
--   buyers          bigint: of those, people with >= 1 paid order in the window
--   repeat_buyers   bigint: of those, people with >= 2 paid orders in the window
--   paid_orders     bigint: paid orders of the tier's people in the window
--   gmv             decimal(18,2): their paid amount in the window
--   total_gmv       decimal(18,2): the paid amount of all people in the window

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
    from person_days
),

people as (
    select
        user_id,
        nullif(trim(tier), '') as exported_tier,
    from member_spans
    where $with_members and join_day < cast($as_of as date)
    union all
    select distinct
        user_id,
        cast(null as varchar) as exported_tier,
    from orders
    where not $with_members and cast(ordered_at as date) < cast($as_of as date)
),

-- every paid order lies in the window: the whole-data facts answer; else sum its days
window_orders as (
    select
        user_id,
        paid_orders,
        paid_amount as gmv,
    from person_facts
    where $whole_data
    union all
    select
        user_id,
        sum(paid_orders) as paid_orders,
        sum(paid_amount) as gmv,
    from person_days
    where
        not $whole_data
        and paid_orders > 0
        and day >= cast($as_of as date) - 365
        and day < cast($as_of as date)
    group by user_id
),

person_tiers as (
    select
        people.user_id,
        coalesce(window_orders.paid_orders, 0) as paid_orders,
        coalesce(window_orders.gmv, 0) as gmv,
        case
            when $use_exported and people.exported_tier is not null
                then people.exported_tier
            when coalesce(window_orders.gmv, 0) >= cast($t3 as decimal(18, 2)) then '钻石卡'
            when coalesce(window_orders.gmv, 0) >= cast($t2 as decimal(18, 2)) then '金卡'
            when coalesce(window_orders.gmv, 0) >= cast($t1 as decimal(18, 2)) then '银卡'
            else '普通会员'
        end as tier,
    from people
    left join window_orders on people.user_id = window_orders.user_id
),

tier_totals as (
    select
        tier,
        count(*) as members,
        count(*) filter (where paid_orders >= 1) as buyers,
        count(*) filter (where paid_orders >= 2) as repeat_buyers,
        sum(paid_orders) as paid_orders,
        sum(gmv) as gmv,
    from person_tiers
    group by tier
),

rule_tiers as (
    select
        tier_list.tier,
        tier_list.tier_order,
    from
        (values ('普通会员', 1), ('银卡', 2), ('金卡', 3), ('钻石卡', 4))
            as tier_list (tier, tier_order)
),

final as (
    select
        coalesce(rule_tiers.tier, tier_totals.tier) as tier,
        cast(coalesce(rule_tiers.tier_order, 5) as integer) as tier_order,
        cast(coalesce(tier_totals.members, 0) as bigint) as members,
        cast(coalesce(tier_totals.buyers, 0) as bigint) as buyers,
        cast(coalesce(tier_totals.repeat_buyers, 0) as bigint) as repeat_buyers,
        cast(coalesce(tier_totals.paid_orders, 0) as bigint) as paid_orders,
        cast(coalesce(tier_totals.gmv, 0) as decimal(18, 2)) as gmv,
        cast(coalesce(sum(tier_totals.gmv) over (), 0) as decimal(18, 2)) as total_gmv,
    from rule_tiers
    full outer join tier_totals on rule_tiers.tier = tier_totals.tier
)

select * from final
