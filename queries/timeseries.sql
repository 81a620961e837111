-- GMV, paid orders, buyers and new members per day or per week (weeks start on Monday).
--
-- Parameters:
--   $start   date: first day of the range (inclusive)
--   $end     date: last day of the range (inclusive)
--   $grain   text: 'day' or 'week'
--
-- Only data on days from $start to $end counts, also in a week that sticks out of the range.
-- Every period of the range has a row (its first day: the day, or the Monday of the week),
-- zero when it holds no data. A paid order: status null or 'paid', and amount > 0.
--
-- Returns one row per period:
--   period        date: the day, or the Monday of the week
--   gmv           decimal(18,2): sum of amount over paid orders
--   paid_orders   bigint: paid orders
--   buyers        bigint: distinct users with >= 1 paid order in the period
--   new_members   bigint: members who joined in the period

with

orders as (
    select
        order_id,
        user_id,
        ordered_at,
        amount,
        status,
    from orders
),

members as (
    select
        user_id,
        joined_at,
    from members
),

periods as (
    select distinct
        case
            when $grain = 'week' then cast(date_trunc('week', generate_series) as date)
            else cast(generate_series as date)
        end as period,
    from generate_series(cast($start as timestamp), cast($end as timestamp), interval 1 day)
),

paid_orders as (
    select
        user_id,
        amount,
        case
            when $grain = 'week' then cast(date_trunc('week', ordered_at) as date)
            else cast(ordered_at as date)
        end as period,
    from orders
    where
        (status is null or status = 'paid')
        and amount > 0
        and cast(ordered_at as date) between $start and $end
),

new_members as (
    select
        user_id,
        case
            when $grain = 'week' then cast(date_trunc('week', joined_at) as date)
            else cast(joined_at as date)
        end as period,
    from members
    where cast(joined_at as date) between $start and $end
),

order_totals as (
    select
        period,
        sum(amount) as gmv,
        count(*) as paid_orders,
        count(distinct user_id) as buyers,
    from paid_orders
    group by period
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
