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
-- Day n is the calendar day start + n. Purchase days are the days with a paid order
-- (buyer_days); for first-order starts the first order itself is one of them (day 0).
--
-- Returns one row per (in_campaign, purchase_days) that holds people:
--   in_campaign     boolean: a paid order of campaign $campaign falls on days 0–6
--   purchase_days   integer: distinct days with a paid order among days 0–6 (0 … 7)
--   members         bigint: people
--   repurchased     bigint: of those, people with a paid order on days 7–36

with

members as (
    select
        user_id,
        joined_at,
    from members
),

buyer_days as (
    select
        user_id,
        first_day,
        order_days,
    from buyer_days
),

-- only people who started by least($end, $last_day - 36) count: their days 0–6 end 6 days
-- after it
campaign_orders as (
    select
        user_id,
        order_day,
    from paid_orders
    where
        campaign = $campaign
        -- a range on the raw timestamp lets DuckDB skip row groups
        and ordered_at >= cast($start as timestamp)
        and ordered_at < cast(least($end, $last_day - 36) as timestamp) + interval 7 day
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
        first_day as start_day,
    from buyer_days
    where $cohort_by = 'first_order'
),

people as (
    select
        user_id,
        start_day,
    from starts
    where start_day between $start and $end and start_day + 36 <= $last_day
),

purchase_days as (
    select
        people.user_id,
        people.start_day,
        buyer_days.order_days,
    from people
    inner join buyer_days on people.user_id = buyer_days.user_id
),

purchases as (
    select
        user_id,
        len(
            list_filter(order_days, lambda d: d between start_day and start_day + 6)
        ) as purchase_days,
        len(
            list_filter(order_days, lambda d: d between start_day + 7 and start_day + 36)
        ) > 0 as repurchased,
    from purchase_days
),

in_campaign as (
    select distinct people.user_id,
    from people
    inner join campaign_orders
        on
            people.user_id = campaign_orders.user_id
            and campaign_orders.order_day between people.start_day and people.start_day + 6
),

per_person as (
    select
        people.user_id,
        coalesce(purchases.purchase_days, 0) as purchase_days,
        in_campaign.user_id is not null as in_campaign,
        coalesce(purchases.repurchased, false) as repurchased,
    from people
    left join purchases on people.user_id = purchases.user_id
    left join in_campaign on people.user_id = in_campaign.user_id
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
