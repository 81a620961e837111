-- Cohort retention (SPEC §4): the cohort table, or the people behind one of its cells.
--
-- Parameters:
--   $start             date: first day of the period; people who started in it form the
--                      cohorts
--   $end               date: last day of the period (inclusive)
--   $last_day          date: last day of data; events after it are ignored, periods ending
--                      after it are not observed
--   $cohort_by         text: 'join' (start = members.joined_at day) or 'first_order' (start
--                      = day of the first paid order; every buyer, member or not)
--   $grain             text: 'day' or 'week': a cohort is the start day, or the Monday of
--                      its week
--   $unit              text: 'day' or 'week': period n is day n, or days 7n … 7n+6, counted
--                      from each person's own start day
--   $event             text: 'order' (a paid order) or 'activity' (any row of the activity
--                      table)
--   $mode              text: 'on' (an event in period n) or 'on_or_after' (in period n or
--                      later)
--   $periods           integer: number of periods (0 … $periods - 1); events of later
--                      periods count only for 'on_or_after'
--   $breakdown         text: 'none', 'channel' (members.channel) or 'campaign' (campaign of
--                      the person's earliest paid order with a campaign; see first_campaigns)
--   $retention_output  text: 'cells' (the cohort table) or 'people' (the people of one cell)
--   $cohort            date: 'people' only: the cohort of the cell (null for 'cells')
--   $segment           text: 'people' only: the breakdown value of the cell (null matches
--                      people without one, and every person without a breakdown)
--   $period            integer: 'people' only: the period n of the cell (< $periods)
--
-- One definition of who is in which cohort and retained in which period, for both outputs.
-- Paid orders are read as each buyer's purchase days (buyer_days), activity per person and
-- day (person_days). The first order does not count for first-order cohorts with order
-- retention: period 0 needs a second paid order in it (a second order on the same day counts
-- for day 0). A cell is observed when its period ends on or before $last_day for every
-- person of the cohort, i.e. for the latest start day in the cohort.
--
-- Returns, for 'cells', one row per (segment, cohort, period), by segment (nulls first),
-- cohort, period:
--   segment       text: the breakdown value (null without a breakdown, or when unknown)
--   cohort        date: the start day, or the Monday of the start week
--   cohort_size   bigint: people in the cohort (and segment)
--   period        integer: 0 … $periods - 1
--   observed      boolean: the period has ended for every person of the cohort
--   retained      bigint: people with a retention event in the period (or later, per $mode)
-- and for 'people', one row per person of the cell, by start day and user_id:
--   user_id       text
--   nickname      text: as stored (the caller masks it), from members, else the earliest
--                 paid order that has one
--   phone         text: masked at import, from members, else the earliest paid order with one
--   channel       text: members.channel (null for buyers who are no members)
--   start_day     date: join day or first-order day
--   segment       text: the breakdown value
--   is_retained   boolean: a retention event in period $period (or later, per $mode)
-- (the columns of the other output are null).

with

members as not materialized (
    select
        user_id,
        joined_at,
        channel,
        nickname,
        phone,
    from members
),

buyer_days as not materialized (
    select
        user_id,
        first_day,
        first_day_orders,
        order_days,
    from buyer_days
),

-- activity per person and day, for activity retention only
person_days as not materialized (
    select
        user_id,
        day,
        activities,
    from person_days
    -- person_days is sorted by day: the bounds skip the row groups before $start
    where $event = 'activity' and activities > 0 and day >= $start and day <= $last_day
),

paid_orders as not materialized (
    select
        order_id,
        user_id,
        ordered_at,
        campaign,
        nickname,
        phone,
    from paid_orders
),

-- each member's join day, for cohorts by join
joins as (
    select
        user_id,
        min(cast(joined_at as date)) as join_day,
    from members
    where $cohort_by = 'join'
    group by user_id
),

-- each person's start day; a first-order cohort comes with its purchase days and the paid
-- orders of its first day (buyer_days is sorted by first_day: a cohort is a few contiguous
-- rows of it)
starts as (
    select
        user_id,
        join_day as start_day,
        cast(null as bigint) as first_day_orders,
        cast(null as date[]) as order_days,
    from joins
    where join_day between $start and $end
    union all
    select
        user_id,
        first_day as start_day,
        first_day_orders,
        order_days,
    from buyer_days
    where $cohort_by = 'first_order' and first_day between $start and $end
),

channels as (
    select
        user_id,
        arg_min(channel, joined_at) as channel,
    from members
    where $breakdown = 'channel' and user_id in (select starts.user_id from starts)
    group by user_id
),

-- The campaign segment as the old code had it, kept pending a decision: the campaign of the
-- earliest paid order that has one. It differs from person_facts.first_campaign (SPEC: the
-- first paid order's campaign, null when that order has none) for people whose first order
-- has no campaign and a later one has.
first_campaigns as (
    select
        user_id,
        arg_min(campaign, (ordered_at, order_id)) as first_campaign,
    from paid_orders
    where
        $breakdown = 'campaign'
        and campaign is not null
        and user_id in (select starts.user_id from starts)
    group by user_id
),

all_people as (
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
            when $breakdown = 'channel' then channels.channel
            when $breakdown = 'campaign' then first_campaigns.first_campaign
        end as segment,
        starts.first_day_orders,
        starts.order_days,
    from starts
    left join channels on starts.user_id = channels.user_id
    left join first_campaigns on starts.user_id = first_campaigns.user_id
),

-- the people of the output: every cohort, or the one cell
people as (
    select
        user_id,
        start_day,
        cohort,
        segment,
        first_day_orders,
        order_days,
    from all_people
    where
        $retention_output = 'cells'
        or (cohort = $cohort and segment is not distinct from $segment)
),

-- the purchase days of people who started by joining
member_order_days as (
    select
        user_id,
        first_day_orders,
        order_days,
    from buyer_days
    where
        $cohort_by = 'join'
        and $event = 'order'
        and user_id in (select people.user_id from people)
),

order_people as (
    select
        people.user_id,
        people.segment,
        people.cohort,
        people.start_day,
        coalesce(people.first_day_orders, member_order_days.first_day_orders)
            as first_day_orders,
        coalesce(people.order_days, member_order_days.order_days) as order_days,
    from people
    left join member_order_days on people.user_id = member_order_days.user_id
    where $event = 'order'
),

-- order retention: the periods with a paid order from the start day to $last_day (each
-- once); periods at or past the horizon are pooled into $periods, which only "on or after"
-- reads. The first order does not count for first-order cohorts: their start day counts
-- only with a second paid order on it (a second day in period 0 counts by itself).
order_periods as (
    select
        user_id,
        segment,
        cohort,
        unnest(
            list_distinct(
                list_transform(
                    list_filter(
                        order_days,
                        lambda d: d >= start_day and d <= $last_day and (
                            d > start_day or $cohort_by <> 'first_order' or first_day_orders > 1
                        )
                    ),
                    lambda d: least(
                        datediff('day', start_day, d)
                        // (case when $unit = 'week' then 7 else 1 end),
                        cast($periods as integer)
                    )
                )
            )
        ) as period,
    from order_people
),

-- activity retention: the periods with an activity, pooled the same way
activity_periods as (
    select distinct
        people.user_id,
        people.segment,
        people.cohort,
        least(
            datediff('day', people.start_day, person_days.day)
            // (case when $unit = 'week' then 7 else 1 end),
            cast($periods as integer)
        ) as period,
    from people
    inner join person_days on people.user_id = person_days.user_id
    where $event = 'activity' and person_days.day >= people.start_day
),

retained_periods as (
    select
        user_id,
        segment,
        cohort,
        period,
    from order_periods
    union all
    select
        user_id,
        segment,
        cohort,
        period,
    from activity_periods
),

horizon as (
    select cast(range as integer) as period from range(0, $periods)
),

-- on or after: a person who retained in period p counts for every period 0 … p
latest as (
    select
        user_id,
        segment,
        cohort,
        max(period) as last_period,
    from retained_periods
    where $mode = 'on_or_after'
    group by user_id, segment, cohort
),

reached as (
    select
        user_id,
        segment,
        cohort,
        period,
    from retained_periods
    where $mode = 'on' and period < $periods
    union all
    select
        latest.user_id,
        latest.segment,
        latest.cohort,
        horizon.period,
    from latest
    inner join horizon on latest.last_period >= horizon.period
),

-- output 'cells' -----------------------------------------------------------------------

cohorts as (
    select
        segment,
        cohort,
        count(*) as cohort_size,
        max(start_day) as last_start,
    from people
    where $retention_output = 'cells'
    group by segment, cohort
),

cells as (
    select
        segment,
        cohort,
        period,
        count(*) as retained,
    from reached
    where $retention_output = 'cells'
    group by segment, cohort, period
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

cell_rows as (
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
),

-- output 'people' ----------------------------------------------------------------------

member_names as (
    select
        user_id,
        arg_min(channel, joined_at) as channel,
        arg_min(nickname, joined_at) as nickname,
        arg_min(phone, joined_at) as phone,
    from members
    where
        $retention_output = 'people'
        and user_id in (select people.user_id from people)
    group by user_id
),

-- people without a member nickname or phone take the earliest one on their paid orders
unnamed as (
    select people.user_id,
    from people
    left join member_names on people.user_id = member_names.user_id
    where member_names.nickname is null or member_names.phone is null
),

order_names as (
    select
        user_id,
        arg_min(nickname, (ordered_at, order_id)) as nickname,
        arg_min(phone, (ordered_at, order_id)) as phone,
    from paid_orders
    where
        $retention_output = 'people'
        and user_id in (select unnamed.user_id from unnamed)
    group by user_id
),

person_rows as (
    select
        people.user_id,
        coalesce(member_names.nickname, order_names.nickname) as nickname,
        coalesce(member_names.phone, order_names.phone) as phone,
        member_names.channel,
        people.start_day,
        people.segment,
        reached.user_id is not null as is_retained,
    from people
    left join member_names on people.user_id = member_names.user_id
    left join order_names on people.user_id = order_names.user_id
    left join reached
        on people.user_id = reached.user_id and reached.period = $period
    where $retention_output = 'people'
),

final as (
    select * from cell_rows
    union all by name
    select * from person_rows
    order by segment nulls first, cohort, period, start_day, user_id
)

select * from final
