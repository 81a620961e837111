-- Base model (staging): the lines of the paid orders, what every product figure reads.
--
-- materialized: view
--
-- A paid order (paid_orders, the one place the rule is written) contributes its lines from
-- order_items when the import kept them (a line-level export: 有赞 item rows, 快团团,
-- 群接龙), else one line made of the order itself (orders.product, quantity and amount), so a
-- dataset without order_items reads exactly as before, and orders appended without lines
-- still count.
--
-- Returns one row per line of a paid order:
--   order_id    varchar
--   item_no     integer: the line's place in its order, from 1 (1 for an order without lines)
--   user_id     varchar: the order's buyer
--   ordered_at  timestamp: the order's time
--   order_day   date: the calendar day of ordered_at (workspace zone)
--   group_id    varchar: the order's group
--   campaign    varchar: the order's campaign
--   product     varchar: the line's product (the order's product for an order without lines)
--   sku         varchar: the line's specification (规格), when the export has one
--   quantity    integer: the line's quantity (the order's, for an order without lines)
--   unit_price  decimal(18,4): the line's unit price, when the export has one
--   amount      decimal(18,2): the line's paid amount (the order's amount without lines)

with

paid_orders as (
    select * from paid_orders
),

order_items as (
    select * from order_items
),

item_lines as (
    select
        paid_orders.order_id,
        order_items.item_no,
        paid_orders.user_id,
        paid_orders.ordered_at,
        paid_orders.order_day,
        paid_orders.group_id,
        paid_orders.campaign,
        order_items.product,
        order_items.sku,
        order_items.quantity,
        order_items.unit_price,
        order_items.amount,
    from paid_orders
    inner join order_items on paid_orders.order_id = order_items.order_id
),

whole_orders as (
    select
        paid_orders.order_id,
        cast(1 as integer) as item_no,
        paid_orders.user_id,
        paid_orders.ordered_at,
        paid_orders.order_day,
        paid_orders.group_id,
        paid_orders.campaign,
        paid_orders.product,
        cast(null as varchar) as sku,
        paid_orders.quantity,
        cast(null as decimal(18, 4)) as unit_price,
        paid_orders.amount,
    from paid_orders
    anti join order_items on paid_orders.order_id = order_items.order_id
),

final as (
    select * from item_lines
    union all
    select * from whole_orders
)

select * from final
