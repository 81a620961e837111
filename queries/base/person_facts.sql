-- Base model (mart): one row per person with >= 1 paid order, over all data.
--
-- materialized: table
--
-- A person's first order is the earliest paid order, ties broken by order_id (SPEC §4); the
-- second order is the next one in the same order. Days are calendar days (workspace zone).
--
-- Returns one row per buyer:
--   user_id          varchar
--   first_order_id   varchar: the first order
--   first_at         timestamp: its time
--   first_day        date: its day
--   first_amount     decimal(18,2): its amount
--   first_group_id   varchar: its group (null: none)
--   first_campaign   varchar: its campaign (null: none)
--   first_product    varchar: its product (null: none)
--   second_at        timestamp: time of the second paid order (null: only one)
--   second_day       date: its day (the same as first_day for two orders on one day)
--   last_at          timestamp: time of the latest paid order
--   last_day         date: its day
--   paid_orders      bigint: paid orders
--   paid_amount      decimal(18,2): their amount
--   paid_days        bigint: distinct days with a paid order

with

paid_orders as (
    select * from paid_orders
),

ranked as (
    select
        paid_orders.user_id,
        -- (order_id, ordered_at, amount, group_id, campaign, product) of the first order
        arg_min(
            (
                paid_orders.order_id,
                paid_orders.ordered_at,
                paid_orders.amount,
                paid_orders.group_id,
                paid_orders.campaign,
                paid_orders.product
            ),
            (paid_orders.ordered_at, paid_orders.order_id)
        ) as first_order,
        min((paid_orders.ordered_at, paid_orders.order_id), 2) as first_two,
        max(paid_orders.ordered_at) as last_at,
        count(*) as paid_orders,
        sum(paid_orders.amount) as paid_amount,
        count(distinct paid_orders.order_day) as paid_days,
    from paid_orders
    group by paid_orders.user_id
),

final as (
    select
        ranked.user_id,
        ranked.first_order[1] as first_order_id,
        ranked.first_order[2] as first_at,
        cast(ranked.first_order[2] as date) as first_day,
        ranked.first_order[3] as first_amount,
        ranked.first_order[4] as first_group_id,
        ranked.first_order[5] as first_campaign,
        ranked.first_order[6] as first_product,
        ranked.first_two[2][1] as second_at,
        cast(ranked.first_two[2][1] as date) as second_day,
        ranked.last_at,
        cast(ranked.last_at as date) as last_day,
        cast(ranked.paid_orders as bigint) as paid_orders,
        cast(ranked.paid_amount as decimal(18, 2)) as paid_amount,
        cast(ranked.paid_days as bigint) as paid_days,
    from ranked
)

select * from final
