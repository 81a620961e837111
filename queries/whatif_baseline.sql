-- What-if baseline extras of a period: the GMV and spread of paid order amounts (for the AOV,
-- its interval and draws) and the members in the private domain on the period's last day.
--
-- Parameters:
--   $start   date: first day of the period (inclusive)
--   $end     date: last day of the period (inclusive)
--
-- Paid orders from the base model paid_orders (the spread needs each order's amount); the
-- domain from member_spans (in it on day d when join_day <= d < in_domain_until).
--
-- Returns one row:
--   paid_orders      bigint: paid orders in the period
--   amount_sd        double: sample standard deviation of their amounts (null below 2)
--   gmv              decimal(18,2): sum of their amounts, 0 without any (as kpis_orders.sql)
--   domain_members   bigint: members in the domain on $end

with

-- the timestamp bounds let the scan skip the orders of other days
paid_in_period as (
    select amount,
    from paid_orders
    where
        ordered_at >= cast($start as timestamp)
        and ordered_at < cast($end as timestamp) + interval 1 day
        and order_day between $start and $end
),

member_spans as (
    select
        join_day,
        in_domain_until,
    from member_spans
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
    from member_spans
    where join_day <= $end and (in_domain_until is null or in_domain_until > $end)
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
