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
-- Paid orders, per person and day, from the base model person_days; each buyer's first and
-- second paid order (over all data, ties broken by order_id) from person_facts.
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

person_facts as (
    select
        first_day,
        second_day,
        paid_orders,
    from person_facts
),

-- the days with a paid order of either period; person_days is sorted by day, so the bounds
-- let the scan skip the other days
order_days as (
    select
        user_id,
        day,
        paid_orders,
        paid_amount,
    from person_days
    where
        paid_orders > 0
        and day >= least(cast($start as date), coalesce(cast($prev_start as date), $start))
        and day <= greatest(cast($end as date), coalesce(cast($prev_end as date), $end))
),

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

-- the second order's day is the earliest day of another order: one on or before day $y_days
-- exists when that day is in reach
first_buyer_totals as (
    select
        periods.period,
        count(*) as first_buyers,
        count(*) filter (where person_facts.paid_orders >= 2) as repeat_buyers,
        count(*) filter (
            where person_facts.second_day <= person_facts.first_day + cast($y_days as integer)
        ) as repeat_buyers_y,
    from person_facts
    inner join periods
        on person_facts.first_day between periods.first_day and periods.last_day
    group by periods.period
),

period_totals as (
    select
        periods.period,
        count(distinct order_days.user_id) as buyers,
        sum(order_days.paid_orders) as paid_orders,
        sum(order_days.paid_amount) as gmv,
    from order_days
    inner join periods
        on order_days.day between periods.first_day and periods.last_day
    group by periods.period
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
