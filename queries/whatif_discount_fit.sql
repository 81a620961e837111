-- What-if discount lift: placed orders by discount depth and whether they were paid, the sums
-- an exact least-squares line of "paid" on depth needs (siyu.whatif.fit_discount_lift).
--
-- Parameters:
--   $end         date: orders placed on or before this day count (past orders)
--   $wi_bucket   double: width of a depth bucket (0.05 = 5% steps) for the chart
--
-- A placed order has a list value amount + discount > 0 (a 0-yuan claim without a discount
-- is no sale); depth = discount / (amount + discount), a missing discount is 0. Converted:
-- the order was not cancelled (paid, or paid and later refunded).
--
-- Returns one row per depth bucket that holds orders, by depth:
--   depth                  double: bucket centre (depth rounded to $wi_bucket)
--   orders                 bigint: placed orders
--   converted              bigint: of those, not cancelled
--   sum_depth              double: sum of depth over the orders
--   sum_depth_sq           double: sum of depth squared
--   sum_depth_converted    double: sum of depth over the converted orders

with

orders as (
    select
        ordered_at,
        amount,
        discount,
        status,
    from orders
),

-- the timestamp bound lets the scan skip the orders after $end
placed as (
    select
        cast(amount as double) as amount,
        cast(coalesce(discount, 0) as double) as discount,
        status,
    from orders
    where
        ordered_at < cast($end as timestamp) + interval 1 day
        and cast(ordered_at as date) <= $end
        and amount >= 0
        and coalesce(discount, 0) >= 0
        and amount + coalesce(discount, 0) > 0
),

scored as (
    select
        discount / (amount + discount) as depth,
        cast(status is null or status <> 'cancelled' as integer) as converted,
    from placed
),

bucketed as (
    select
        depth,
        converted,
        round(depth / cast($wi_bucket as double)) * cast($wi_bucket as double) as bucket,
    from scored
),

final as (
    select
        bucket as depth,
        cast(count(*) as bigint) as orders,
        cast(sum(converted) as bigint) as converted,
        sum(depth) as sum_depth,
        sum(depth * depth) as sum_depth_sq,
        sum(depth * converted) as sum_depth_converted,
    from bucketed
    group by bucket
    order by bucket
)

select * from final
