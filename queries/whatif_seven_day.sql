-- What-if: the 7-day programme like for like. The people of the 7-day method (as
-- retention_seven_day.sql: started in the period, day 36 observed) who had a paid order on
-- days 0–6, by start week and channel, in the programme or not, with their repurchase on
-- days 7–36. siyu.whatif.seven_day_effect compares the two groups within each stratum.
--
-- Parameters:
--   $start       date: first day of the period; people who started in it are counted
--   $end         date: last day of the period (inclusive)
--   $last_day    date: last day of data; only people whose day 36 is on or before it count
--   $cohort_by   text: 'join' (start = members.joined_at day) or 'first_order' (start = day
--                of the first paid order; every buyer, member or not)
--   $campaign    text: the programme's campaign tag ('7day')
--
-- Every person of the programme has a paid order on days 0–6 (that is how they are known),
-- so people without one are left out of both groups: the retention page's raw comparison
-- sets the programme's buyers against everyone else, most of whom never bought at all. The
-- channel is the member's (null: none, or no member row); the start week is the Monday of
-- the start day.
--
-- Returns one row per (start_week, channel, in_campaign) that holds people, sorted by them:
--   start_week      date: Monday of the week of the start day
--   channel         text: acquisition channel (null: none)
--   in_campaign     boolean: a paid order of campaign $campaign falls on days 0–6
--   members         bigint: people with a paid order on days 0–6
--   repurchased     bigint: of those, people with a paid order on days 7–36

with

members as (
    select
        user_id,
        joined_at,
        channel,
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

member_rows as (
    select
        user_id,
        min(cast(joined_at as date)) as start_day,
        arg_min(channel, joined_at) as channel,
    from members
    group by user_id
),

starts as (
    select
        user_id,
        start_day,
    from member_rows
    where $cohort_by = 'join'
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
        start_day,
        len(
            list_filter(order_days, lambda d: d between start_day and start_day + 6)
        ) > 0 as bought_first_week,
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
        purchases.repurchased,
        member_rows.channel,
        cast(date_trunc('week', purchases.start_day) as date) as start_week,
        in_campaign.user_id is not null as in_campaign,
    from purchases
    left join in_campaign on purchases.user_id = in_campaign.user_id
    left join member_rows on purchases.user_id = member_rows.user_id
    where purchases.bought_first_week
),

final as (
    select
        start_week,
        channel,
        in_campaign,
        cast(count(*) as bigint) as members,
        cast(count(*) filter (where repurchased) as bigint) as repurchased,
    from per_person
    group by start_week, channel, in_campaign
    order by start_week, channel nulls last, in_campaign
)

select * from final
