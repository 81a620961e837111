-- Base model (mart): what each person did on each day, from paid orders and activity.
--
-- materialized: table
--
-- Counts everyone who ordered or was active (members or not); metrics that count members
-- only join `members`. An interactive activity is one of any kind but 'view' (an empty kind
-- counts); a message is an activity of kind 'message' or of no kind (SPEC §4).
--
-- Returns one row per person and day with >= 1 paid order or >= 1 activity:
--   user_id        varchar
--   day            date
--   paid_orders    bigint: paid orders that day
--   paid_amount    decimal(18,2): their amount (0 without orders)
--   activities     bigint: activity rows that day
--   interactions   bigint: of them, interactive
--   messages       bigint: of them, messages

with

paid_orders as (
    select * from paid_orders
),

activity as (
    select * from activity
),

order_cells as (
    select
        user_id,
        order_day as day,
        count(*) as paid_orders,
        sum(amount) as paid_amount,
    from paid_orders
    group by user_id, order_day
),

activity_cells as (
    select
        user_id,
        cast("at" as date) as day,
        count(*) as activities,
        count(*) filter (where kind is null or kind <> 'view') as interactions,
        count(*) filter (where kind is null or kind = '' or kind = 'message') as messages,
    from activity
    group by user_id, cast("at" as date)
),

final as (
    select
        coalesce(order_cells.user_id, activity_cells.user_id) as user_id,
        coalesce(order_cells.day, activity_cells.day) as day,
        cast(coalesce(order_cells.paid_orders, 0) as bigint) as paid_orders,
        cast(coalesce(order_cells.paid_amount, 0) as decimal(18, 2)) as paid_amount,
        cast(coalesce(activity_cells.activities, 0) as bigint) as activities,
        cast(coalesce(activity_cells.interactions, 0) as bigint) as interactions,
        cast(coalesce(activity_cells.messages, 0) as bigint) as messages,
    from order_cells
    full outer join activity_cells
        on order_cells.user_id = activity_cells.user_id and order_cells.day = activity_cells.day
    order by day, user_id
)

select * from final
