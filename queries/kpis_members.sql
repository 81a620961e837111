-- Member KPIs of a period: new members and their first-order conversion.
--
-- Parameters:
--   $start   date: first day of the period (inclusive)
--   $end     date: last day of the period (inclusive)
--   $x_days  integer: conversion window, days after the join day (join day = day 0)
--
-- A paid order: status null or 'paid', and amount > 0. A member's first order is their
-- earliest paid order over all data (ties broken by order_id); a first order before the join
-- day does not convert, and a later order cannot replace it.
--
-- Returns one row:
--   members      bigint: members who joined in the period
--   converted    bigint: of those, members whose first order falls on day 0 ... $x_days
--                after the join day

with

members as (
    select
        user_id,
        cast(joined_at as date) as join_day,
    from members
),

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
        cast(ordered_at as date) as order_day,
        row_number() over (
            partition by user_id order by ordered_at, order_id
        ) as order_number,
    from orders
    where (status is null or status = 'paid') and amount > 0
),

first_orders as (
    select
        user_id,
        order_day as first_day,
    from paid_orders
    where order_number = 1
),

new_members as (
    select
        members.user_id,
        members.join_day,
        first_orders.first_day,
    from members
    left join first_orders on members.user_id = first_orders.user_id
    where members.join_day between $start and $end
),

final as (
    select
        cast(count(*) as bigint) as members,
        cast(
            count(*) filter (
                where first_day between join_day and join_day + cast($x_days as integer)
            ) as bigint
        ) as converted,
    from new_members
)

select * from final
