-- Base model (staging): the paid orders, the one place the paid-order rule is written.
--
-- materialized: view
--
-- A paid order (SPEC §4): status null or 'paid', and amount > 0 (a 0-yuan welfare claim is
-- no purchase); refunded, cancelled and 0-yuan orders count in no metric.
--
-- Returns one row per paid order: every canonical column of `orders`, plus
--   order_day  date: the calendar day of ordered_at (workspace zone)

with

orders as (
    select * from orders
),

final as (
    select
        order_id,
        user_id,
        ordered_at,
        amount,
        status,
        quantity,
        product,
        group_id,
        campaign,
        discount,
        nickname,
        phone,
        cast(ordered_at as date) as order_day,
    from orders
    where (status is null or status = 'paid') and amount > 0
)

select * from final
