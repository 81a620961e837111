-- Order KPIs of a period and, optionally, of the period before it: buyers, paid orders, GMV,
-- and the repurchase of first buyers.
--
-- Parameters:
--   $start       date: first day of the period (inclusive)
--   $end         date: last day of the period (inclusive)
--   $prev_start  date: first day of the previous period (inclusive; null: no previous row)
--   $prev_end    date: last day of the previous period (inclusive)
--   $y_days      integer: repurchase window, days after the first order's day (same day =
--                day 0)
--
-- A paid order: status null or 'paid', and amount > 0 (a 0-yuan welfare claim is no purchase).
-- A user's first order: earliest paid order over all data, ties broken by order_id.
--
-- Returns one row per period ('current', then 'previous' when $prev_start is given):
--   period              text: 'current' or 'previous'
--   buyers              bigint: distinct users with >= 1 paid order in the period
--   paid_orders         bigint: paid orders in the period
--   gmv                 decimal(18,2): sum of amount over paid orders in the period
--   first_buyers        bigint: users whose first order falls in the period
--   repeat_buyers       bigint: of those, users with >= 2 paid orders over all data
--   repeat_buyers_y     bigint: of those, users with another paid order on or before
--                       day $y_days after the first order's day

with

periods as (
    select
        'current' as period,
        cast($start as date) as first_day,
        cast($end as date) as last_day,
    union all
    select
        'previous' as period,
        cast($prev_start as date) as first_day,
        cast($prev_end as date) as last_day,
    where $prev_start is not null
),

-- paid orders only, with the day cast once
paid_orders as (
    select
        user_id,
        ordered_at,
        amount,
        cast(ordered_at as date) as order_day,
    from orders
    where (status is null or status = 'paid') and amount > 0
),

-- per user over all data: the two earliest order days (the first order's day, and the
-- earliest day of another order: one on or before day $y_days exists when that day is in
-- reach) and the number of paid orders
user_orders as (
    select
        min(order_day, 2) as first_days,
        count(*) as paid_orders,
    from paid_orders
    group by user_id
),

first_buyer_totals as (
    select
        periods.period,
        count(*) as first_buyers,
        count(*) filter (where user_orders.paid_orders >= 2) as repeat_buyers,
        count(*) filter (
            where user_orders.first_days[2] <= user_orders.first_days[1] + cast($y_days as integer)
        ) as repeat_buyers_y,
    from user_orders
    inner join periods
        on user_orders.first_days[1] between periods.first_day and periods.last_day
    group by periods.period
),

-- the orders of both periods; the timestamp bounds let the scan skip the other days
period_orders as (
    select
        periods.period,
        paid_orders.user_id,
        paid_orders.amount,
    from paid_orders
    inner join periods
        on paid_orders.order_day between periods.first_day and periods.last_day
    where
        paid_orders.ordered_at >= cast(
            least(cast($start as date), coalesce(cast($prev_start as date), $start)) as timestamp
        )
        and paid_orders.ordered_at < cast(
            greatest(cast($end as date), coalesce(cast($prev_end as date), $end)) as timestamp
        ) + interval 1 day
),

period_totals as (
    select
        period,
        count(distinct user_id) as buyers,
        count(*) as paid_orders,
        sum(amount) as gmv,
    from period_orders
    group by period
),

final as (
    select
        periods.period,
        cast(coalesce(period_totals.buyers, 0) as bigint) as buyers,
        cast(coalesce(period_totals.paid_orders, 0) as bigint) as paid_orders,
        cast(coalesce(period_totals.gmv, 0) as decimal(18, 2)) as gmv,
        cast(coalesce(first_buyer_totals.first_buyers, 0) as bigint) as first_buyers,
        cast(coalesce(first_buyer_totals.repeat_buyers, 0) as bigint) as repeat_buyers,
        cast(coalesce(first_buyer_totals.repeat_buyers_y, 0) as bigint) as repeat_buyers_y,
    from periods
    left join period_totals on periods.period = period_totals.period
    left join first_buyer_totals on periods.period = first_buyer_totals.period
    order by periods.period
)

select * from final
