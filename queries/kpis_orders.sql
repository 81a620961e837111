-- Order KPIs of a period: buyers, paid orders, GMV, and the repurchase of first buyers.
--
-- Parameters:
--   $start   date: first day of the period (inclusive)
--   $end     date: last day of the period (inclusive)
--   $y_days  integer: repurchase window, days after the first order's day (same day = day 0)
--
-- A paid order: status null or 'paid', and amount > 0 (a 0-yuan welfare claim is no purchase).
-- A user's first order: earliest paid order over all data, ties broken by order_id.
--
-- Returns one row:
--   buyers              bigint: distinct users with >= 1 paid order in the period
--   paid_orders         bigint: paid orders in the period
--   gmv                 decimal(18,2): sum of amount over paid orders in the period
--   first_buyers        bigint: users whose first order falls in the period
--   repeat_buyers       bigint: of those, users with >= 2 paid orders over all data
--   repeat_buyers_y     bigint: of those, users with another paid order on or before
--                       day $y_days after the first order's day

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

paid_orders as (
    select
        order_id,
        user_id,
        ordered_at,
        amount,
        cast(ordered_at as date) as order_day,
        row_number() over (
            partition by user_id order by ordered_at, order_id
        ) as order_number,
    from orders
    where (status is null or status = 'paid') and amount > 0
),

in_period as (
    select
        user_id,
        amount,
    from paid_orders
    where order_day between $start and $end
),

first_orders as (
    select
        user_id,
        order_day as first_day,
    from paid_orders
    where order_number = 1
),

first_buyers as (
    select
        first_orders.user_id,
        count(paid_orders.order_id) as paid_orders,
        count(paid_orders.order_id) filter (
            where paid_orders.order_number > 1
            and paid_orders.order_day <= first_orders.first_day + cast($y_days as integer)
        ) as repeats_within_y,
    from first_orders
    inner join paid_orders on first_orders.user_id = paid_orders.user_id
    where first_orders.first_day between $start and $end
    group by first_orders.user_id
),

period_totals as (
    select
        count(distinct user_id) as buyers,
        count(*) as paid_orders,
        coalesce(sum(amount), 0) as gmv,
    from in_period
),

first_buyer_totals as (
    select
        count(*) as first_buyers,
        count(*) filter (where paid_orders >= 2) as repeat_buyers,
        count(*) filter (where repeats_within_y > 0) as repeat_buyers_y,
    from first_buyers
),

final as (
    select
        cast(period_totals.buyers as bigint) as buyers,
        cast(period_totals.paid_orders as bigint) as paid_orders,
        cast(period_totals.gmv as decimal(18, 2)) as gmv,
        cast(first_buyer_totals.first_buyers as bigint) as first_buyers,
        cast(first_buyer_totals.repeat_buyers as bigint) as repeat_buyers,
        cast(first_buyer_totals.repeat_buyers_y as bigint) as repeat_buyers_y,
    from period_totals
    cross join first_buyer_totals
)

select * from final
