-- The people behind one cell of the cohort retention table (same rules as retention_cohorts).
--
-- Parameters:
--   $start       date: first day of the period; people who started in it form the cohorts
--   $end         date: last day of the period (inclusive)
--   $last_day    date: last day of data; events after it are ignored
--   $cohort_by   text: 'join' or 'first_order' (see retention_cohorts.sql)
--   $grain       text: 'day' or 'week' (a cohort is the start day or the Monday of its week)
--   $unit        text: 'day' or 'week' (period n is day n or days 7n … 7n+6)
--   $event       text: 'order' (a paid order) or 'activity' (any row of the activity table)
--   $mode        text: 'on' (an event in period n) or 'on_or_after' (in period n or later)
--   $breakdown   text: 'none', 'channel' or 'campaign' (see retention_cohorts.sql)
--   $cohort      date: the cohort (start day, or Monday of the start week)
--   $segment     text: the breakdown value (null matches people without one)
--   $period      integer: the period n
--
-- Returns one row per person of the cohort and segment, ordered by start day and user_id:
--   user_id     text
--   nickname    text: as stored (the page masks it), from members, else the first order
--   phone       text: masked at import, from members, else the first order
--   channel     text: members.channel (null for buyers who are no members)
--   start_day   date: join day or first-order day
--   segment     text: the breakdown value
--   retained    boolean: a retention event in period n (or later, per $mode)

with

orders as (
    select
        order_id,
        user_id,
        ordered_at,
        amount,
        status,
        campaign,
        nickname,
        phone,
    from orders
),

members as (
    select
        user_id,
        joined_at,
        channel,
        nickname,
        phone,
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
        nickname,
        phone,
        cast(ordered_at as date) as order_day,
    from orders
    where (status is null or status = 'paid') and amount > 0
),

joined as (
    select
        user_id,
        min(cast(joined_at as date)) as join_day,
        arg_min(channel, joined_at) as channel,
        arg_min(nickname, joined_at) as nickname,
        arg_min(phone, joined_at) as phone,
    from members
    group by user_id
),

-- with cohorts by join day, the people of the cohort: only their first orders are needed
-- (for the nickname, phone and campaign), not every buyer's
join_cohort as (
    select user_id,
    from joined
    where
        $cohort_by = 'join'
        and join_day between $start and $end
        and cast(
            case
                when $grain = 'week' then date_trunc('week', join_day)
                else join_day
            end as date
        ) = $cohort
),

first_orders as (
    select
        user_id,
        min(order_day) as first_day,
        arg_min(campaign, (ordered_at, order_id)) as first_campaign,
        arg_min(nickname, (ordered_at, order_id)) as nickname,
        arg_min(phone, (ordered_at, order_id)) as phone,
    from paid_orders
    where $cohort_by != 'join' or user_id in (select join_cohort.user_id from join_cohort)
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
        joined.channel,
        coalesce(joined.nickname, first_orders.nickname) as nickname,
        coalesce(joined.phone, first_orders.phone) as phone,
        case
            when $breakdown = 'channel' then joined.channel
            when $breakdown = 'campaign' then first_orders.first_campaign
        end as segment,
    from starts
    left join joined on starts.user_id = joined.user_id
    left join first_orders on starts.user_id = first_orders.user_id
    where
        cast(
            case
                when $grain = 'week' then date_trunc('week', starts.start_day)
                else starts.start_day
            end as date
        ) = $cohort
),

in_cell as (
    select *
    from people
    where segment is not distinct from $segment
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

person_periods as (
    select
        in_cell.user_id,
        datediff('day', in_cell.start_day, events.event_day)
        // (case when $unit = 'week' then 7 else 1 end) as period,
        count(*) as events,
    from in_cell
    inner join events on in_cell.user_id = events.user_id
    where events.event_day >= in_cell.start_day and events.event_day <= $last_day
    group by all
),

retained_people as (
    select distinct user_id
    from person_periods
    where
        events > case
            when period = 0 and $cohort_by = 'first_order' and $event = 'order' then 1
            else 0
        end
        and case when $mode = 'on' then period = $period else period >= $period end
),

final as (
    select
        in_cell.user_id,
        in_cell.nickname,
        in_cell.phone,
        in_cell.channel,
        in_cell.start_day,
        in_cell.segment,
        retained_people.user_id is not null as retained,
    from in_cell
    left join retained_people on in_cell.user_id = retained_people.user_id
    order by in_cell.start_day, in_cell.user_id
)

select * from final
