-- What-if baseline extras of a period: the GMV and spread of paid order amounts (for the AOV,
-- its interval and draws), the GMV split into new members' and everyone else's, and the
-- members in the private domain on the period's last day.
--
-- Parameters:
--   $start   date: first day of the period (inclusive)
--   $end     date: last day of the period (inclusive)
--
-- Paid orders from the base model paid_orders (the spread needs each order's amount); the
-- domain from member_spans (in it on day d when join_day <= d < in_domain_until). A new
-- member joined in the period (join_day between $start and $end, as the member funnel's
-- `joined`); their paid orders in the period are the new members' GMV, every other paid
-- order of the period (members who joined before, buyers who are no members) is the
-- existing members' GMV. The two add up to the period's GMV (kpis' gmv).
--
-- Returns one row:
--   paid_orders      bigint: paid orders in the period
--   amount_sd        double: sample standard deviation of their amounts (null below 2)
--   gmv              decimal(18,2): sum of their amounts, 0 without any (as kpis_orders.sql)
--   new_orders       bigint: of the paid orders, those of new members
--   new_gmv          decimal(18,2): their amount (0 without any)
--   existing_orders  bigint: the other paid orders
--   existing_gmv     decimal(18,2): their amount (0 without any); new_gmv + existing_gmv = gmv
--   domain_members   bigint: members in the domain on $end

with

-- the timestamp bounds let the scan skip the orders of other days
paid_in_period as (
    select
        user_id,
        amount,
    from paid_orders
    where
        ordered_at >= cast($start as timestamp)
        and ordered_at < cast($end as timestamp) + interval 1 day
        and order_day between $start and $end
),

member_spans as (
    select
        user_id,
        join_day,
        in_domain_until,
    from member_spans
),

new_members as (
    select distinct user_id,
    from member_spans
    where join_day between $start and $end
),

-- a semi join: a member listed twice counts their orders once
flagged as (
    select
        amount,
        user_id in (select new_members.user_id from new_members) as is_new,
    from paid_in_period
),

order_spread as (
    select
        count(*) as paid_orders,
        stddev_samp(cast(amount as double)) as amount_sd,
        coalesce(sum(amount), 0) as gmv,
        count(*) filter (where is_new) as new_orders,
        coalesce(sum(amount) filter (where is_new), 0) as new_gmv,
        count(*) filter (where not is_new) as existing_orders,
        coalesce(sum(amount) filter (where not is_new), 0) as existing_gmv,
    from flagged
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
        cast(order_spread.new_orders as bigint) as new_orders,
        cast(order_spread.new_gmv as decimal(18, 2)) as new_gmv,
        cast(order_spread.existing_orders as bigint) as existing_orders,
        cast(order_spread.existing_gmv as decimal(18, 2)) as existing_gmv,
        cast(domain.domain_members as bigint) as domain_members,
    from order_spread
    cross join domain
)

select * from final
