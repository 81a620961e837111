-- The 7-day method (七天留存法, SPEC §4): purchase days in the first week against the
-- repurchase in the 30 days after it.
--
-- Parameters:
--   $start       date: first day of the period; people who started in it are counted
--   $end         date: last day of the period (inclusive)
--   $last_day    date: last day of data; only people whose day 36 is on or before it count
--   $cohort_by   text: 'join' (start = members.joined_at day) or 'first_order' (start = day
--                of the first paid order; every buyer, member or not)
--   $campaign    text: the programme's campaign tag ('7day')
--
-- Day n is the calendar day start + n. A paid order: status null or 'paid', and amount > 0.
-- For first-order starts the first order itself is one of the purchase days (day 0).
--
-- Returns one row per (in_campaign, purchase_days) that holds people:
--   in_campaign     boolean: a paid order of campaign $campaign falls on days 0–6
--   purchase_days   integer: distinct days with a paid order among days 0–6 (0 … 7)
--   members         bigint: people
--   repurchased     bigint: of those, people with a paid order on days 7–36

with

orders as (
    select
        user_id,
        ordered_at,
        amount,
        status,
        campaign,
    from orders
),

members as (
    select
        user_id,
        joined_at,
    from members
),

paid_orders as (
    select
        user_id,
        campaign,
        cast(ordered_at as date) as order_day,
    from orders
    where (status is null or status = 'paid') and amount > 0
),

starts as (
    select
        user_id,
        min(cast(joined_at as date)) as start_day,
    from members
    where $cohort_by = 'join'
    group by user_id
    union all
    select
        user_id,
        min(order_day) as start_day,
    from paid_orders
    where $cohort_by = 'first_order'
    group by user_id
),

people as (
    select
        user_id,
        start_day,
    from starts
    where start_day between $start and $end and start_day + 36 <= $last_day
),

per_person as (
    select
        people.user_id,
        count(distinct paid_orders.order_day) filter (
            where paid_orders.order_day <= people.start_day + 6
        ) as purchase_days,
        coalesce(bool_or(
            paid_orders.order_day <= people.start_day + 6
            and paid_orders.campaign = $campaign
        ), false) as in_campaign,
        coalesce(bool_or(paid_orders.order_day >= people.start_day + 7), false) as repurchased,
    from people
    left join paid_orders
        on
            people.user_id = paid_orders.user_id
            and paid_orders.order_day between people.start_day and people.start_day + 36
    group by people.user_id
),

final as (
    select
        in_campaign,
        cast(purchase_days as integer) as purchase_days,
        cast(count(*) as bigint) as members,
        cast(count(*) filter (where repurchased) as bigint) as repurchased,
    from per_person
    group by in_campaign, purchase_days
    order by in_campaign, purchase_days
)

select * from final
