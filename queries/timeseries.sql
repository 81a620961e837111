-- GMV, paid orders, buyers and new members per day or per week (weeks start on Monday).
--
-- Parameters:
--   $start   date: first day of the range (inclusive)
--   $end     date: last day of the range (inclusive)
--   $grain   text: 'day' or 'week'
--
-- Only data on days from $start to $end counts, also in a week that sticks out of the range.
-- Every period of the range has a row (its first day: the day, or the Monday of the week),
-- zero when it holds no data. Paid orders per person and day come from the base model
-- person_days (a person has one row per day: the buyers of a day are its rows), joins from
-- member_spans.
--
-- Returns one row per period:
--   period        date: the day, or the Monday of the week
--   gmv           decimal(18,2): sum of amount over paid orders
--   paid_orders   bigint: paid orders
--   buyers        bigint: distinct users with >= 1 paid order in the period
--   new_members   bigint: members who joined in the period

with

-- person_days is sorted by day: the bounds let the scan skip the other days
order_days as (
    select
        user_id,
        day,
        paid_orders,
        paid_amount,
    from person_days
    where paid_orders > 0 and day between $start and $end
),

member_spans as (
    select join_day,
    from member_spans
    where join_day between $start and $end
),

periods as (
    select distinct
        case
            when $grain = 'week' then cast(date_trunc('week', generate_series) as date)
            else cast(generate_series as date)
        end as period,
    from generate_series(cast($start as timestamp), cast($end as timestamp), interval 1 day)
),

new_members as (
    select
        case
            when $grain = 'week' then cast(date_trunc('week', join_day) as date)
            else join_day
        end as period,
    from member_spans
),

-- a person has one row per day, so a day's buyers are its rows; a week needs distinct people
-- (of the two branches, the one of the other grain is pruned before it runs)
order_totals as (
    select
        day as period,
        sum(paid_amount) as gmv,
        sum(paid_orders) as paid_orders,
        count(*) as buyers,
    from order_days
    where $grain <> 'week'
    group by day
    union all
    select
        cast(date_trunc('week', day) as date) as period,
        sum(paid_amount) as gmv,
        sum(paid_orders) as paid_orders,
        count(distinct user_id) as buyers,
    from order_days
    where $grain = 'week'
    group by cast(date_trunc('week', day) as date)
),

member_totals as (
    select
        period,
        count(*) as new_members,
    from new_members
    group by period
),

final as (
    select
        periods.period,
        cast(coalesce(order_totals.gmv, 0) as decimal(18, 2)) as gmv,
        cast(coalesce(order_totals.paid_orders, 0) as bigint) as paid_orders,
        cast(coalesce(order_totals.buyers, 0) as bigint) as buyers,
        cast(coalesce(member_totals.new_members, 0) as bigint) as new_members,
    from periods
    left join order_totals on periods.period = order_totals.period
    left join member_totals on periods.period = member_totals.period
    order by periods.period
)

select * from final
