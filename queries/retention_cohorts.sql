-- Cohort retention table (SPEC §4): one row per cohort, segment and period 0 … $periods - 1.
--
-- Parameters:
--   $start       date: first day of the period; people who started in it form the cohorts
--   $end         date: last day of the period (inclusive)
--   $last_day    date: last day of data; events after it are ignored, periods ending after
--                it are not observed
--   $cohort_by   text: 'join' (start = members.joined_at day) or 'first_order' (start = day
--                of the first paid order; every buyer, member or not)
--   $grain       text: 'day' or 'week': a cohort is the start day, or the Monday of its week
--   $unit        text: 'day' or 'week': period n is day n, or days 7n … 7n+6, counted from
--                each person's own start day
--   $event       text: 'order' (a paid order) or 'activity' (any row of the activity table)
--   $mode        text: 'on' (an event in period n) or 'on_or_after' (in period n or later)
--   $periods     integer: number of periods (0 … $periods - 1)
--   $breakdown   text: 'none', 'channel' (members.channel) or 'campaign' (campaign of the
--                person's first paid order)
--
-- A paid order: status null or 'paid', and amount > 0. The first order of a person is the
-- earliest paid order (ties by order_id); for first-order cohorts with order retention it
-- does not count, so period 0 needs a second paid order in it (a second order on the same
-- day counts for day 0). A cell is observed when its period ends on or before $last_day for
-- every person of the cohort, i.e. for the latest start day in the cohort.
--
-- Returns one row per (segment, cohort, period):
--   segment       text: the breakdown value (null without a breakdown, or when unknown)
--   cohort        date: the start day, or the Monday of the start week
--   cohort_size   bigint: people in the cohort (and segment)
--   period        integer: 0 … $periods - 1
--   observed      boolean: the period has ended for every person of the cohort
--   retained      bigint: people with a retention event in the period (or later, per $mode)

with

orders as (
    select
        order_id,
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
        channel,
    from members
),

activity as (
    select
        user_id,
        "at",
    from activity
),

paid_orders as (
    select
        user_id,
        ordered_at,
        order_id,
        campaign,
        cast(ordered_at as date) as order_day,
    from orders
    where (status is null or status = 'paid') and amount > 0
),

first_orders as (
    select
        user_id,
        min(order_day) as first_day,
    from paid_orders
    group by user_id
),

first_campaigns as (
    select
        user_id,
        arg_min(campaign, (ordered_at, order_id)) as first_campaign,
    from paid_orders
    where $breakdown = 'campaign'
    group by user_id
),

joined as (
    select
        user_id,
        min(cast(joined_at as date)) as join_day,
        arg_min(channel, joined_at) as channel,
    from members
    group by user_id
),

starts as (
    select
        user_id,
        join_day as start_day,
    from joined
    where $cohort_by = 'join' and join_day between $start and $end
    union all
    select
        user_id,
        first_day as start_day,
    from first_orders
    where $cohort_by = 'first_order' and first_day between $start and $end
),

people as (
    select
        starts.user_id,
        starts.start_day,
        cast(
            case
                when $grain = 'week' then date_trunc('week', starts.start_day)
                else starts.start_day
            end as date
        ) as cohort,
        case
            when $breakdown = 'channel' then joined.channel
            when $breakdown = 'campaign' then first_campaigns.first_campaign
        end as segment,
    from starts
    left join joined
        on $breakdown = 'channel' and starts.user_id = joined.user_id
    left join first_campaigns on starts.user_id = first_campaigns.user_id
),

events as (
    select
        user_id,
        order_day as event_day,
    from paid_orders
    where $event = 'order'
    union all
    select
        user_id,
        cast("at" as date) as event_day,
    from activity
    where $event = 'activity'
),

-- events per person and period; periods at or past the horizon are pooled into $periods,
-- which only "on or after" reads
person_periods as (
    select
        people.user_id,
        least(
            datediff('day', people.start_day, events.event_day)
            // (case when $unit = 'week' then 7 else 1 end),
            cast($periods as integer)
        ) as period,
        count(*) as events,
    from people
    inner join events on people.user_id = events.user_id
    where events.event_day >= people.start_day and events.event_day <= $last_day
    group by all
),

-- a period counts when it holds an event other than the first order
retained_periods as (
    select
        user_id,
        period,
    from person_periods
    where
        events > case
            when period = 0 and $cohort_by = 'first_order' and $event = 'order' then 1
            else 0
        end
),

horizon as (
    select cast(range as integer) as period from range(0, $periods)
),

-- on or after: a person who retained in period p counts for every period 0 … p
latest as (
    select
        user_id,
        max(period) as last_period,
    from retained_periods
    where $mode = 'on_or_after'
    group by user_id
),

reached as (
    select
        user_id,
        period,
    from retained_periods
    where $mode = 'on' and period < $periods
    union all
    select
        latest.user_id,
        horizon.period,
    from latest
    inner join horizon on latest.last_period >= horizon.period
),

cohorts as (
    select
        segment,
        cohort,
        count(*) as cohort_size,
        max(start_day) as last_start,
    from people
    group by segment, cohort
),

cells as (
    select
        people.segment,
        people.cohort,
        reached.period,
        count(*) as retained,
    from reached
    inner join people on reached.user_id = people.user_id
    group by all
),

grid as (
    select
        cohorts.segment,
        cohorts.cohort,
        cohorts.cohort_size,
        cohorts.last_start,
        horizon.period,
    from cohorts
    cross join horizon
),

final as (
    select
        grid.segment,
        grid.cohort,
        cast(grid.cohort_size as bigint) as cohort_size,
        grid.period,
        grid.last_start
        + (grid.period + 1) * (case when $unit = 'week' then 7 else 1 end)
        - 1 <= $last_day as observed,
        cast(coalesce(cells.retained, 0) as bigint) as retained,
    from grid
    left join cells
        on
            grid.cohort = cells.cohort
            and grid.period = cells.period
            and grid.segment is not distinct from cells.segment
    order by grid.segment nulls first, grid.cohort, grid.period
)

select * from final
