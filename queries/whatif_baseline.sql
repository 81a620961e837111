-- What-if baseline extras of a period: the GMV and spread of paid order amounts (for the AOV,
-- its interval and draws) and the members in the private domain on the period's last day.
--
-- Parameters:
--   $start   date: first day of the period (inclusive)
--   $end     date: last day of the period (inclusive)
--
-- A paid order: status null or 'paid', and amount > 0. A member is in the domain on a day
-- when they joined on or before it and did not leave on or before it.
--
-- Returns one row:
--   paid_orders      bigint: paid orders in the period
--   amount_sd        double: sample standard deviation of their amounts (null below 2)
--   gmv              decimal(18,2): sum of their amounts, 0 without any (as kpis_orders.sql)
--   domain_members   bigint: members in the domain on $end

with

orders as (
    select
        ordered_at,
        amount,
        status,
    from orders
),

members as (
    select
        joined_at,
        left_at,
    from members
),

paid_in_period as (
    select amount,
    from orders
    where
        (status is null or status = 'paid')
        and amount > 0
        and cast(ordered_at as date) between $start and $end
),

order_spread as (
    select
        count(*) as paid_orders,
        stddev_samp(cast(amount as double)) as amount_sd,
        coalesce(sum(amount), 0) as gmv,
    from paid_in_period
),

domain as (
    select count(*) as domain_members,
    from members
    where
        cast(joined_at as date) <= $end
        and (left_at is null or cast(left_at as date) > $end)
),

final as (
    select
        cast(order_spread.paid_orders as bigint) as paid_orders,
        cast(order_spread.amount_sd as double) as amount_sd,
        cast(order_spread.gmv as decimal(18, 2)) as gmv,
        cast(domain.domain_members as bigint) as domain_members,
    from order_spread
    cross join domain
)

select * from final
