-- Daily rates of a period and, optionally, of the period before it: daily active rate,
-- interaction rate, daily conversion rate.
--
-- Parameters:
--   $start       date: first day of the period (inclusive)
--   $end         date: last day of the period (inclusive)
--   $prev_start  date: first day of the previous period (inclusive; null: no previous row)
--   $prev_end    date: last day of the previous period (inclusive)
--   $last_day    date: last day of data; days after it are not counted (null: no limit)
--
-- Only members count, and only on days they are in the private domain: joined on or before
-- the day, and not left on or before it. Such a member is active on a day with >= 1
-- activity or >= 1 paid order (status null or 'paid', amount > 0); interactive with >= 1
-- activity whose kind is not 'view' (a null or empty kind counts); converting with a paid
-- order. Per day:
--   daily active rate = active / in domain          (defined when in domain > 0)
--   interaction rate  = interactive / active        (defined when active > 0)
--   conversion rate   = converting / active         (defined when active > 0)
-- A period's value is the plain mean of its daily rates over the days where they are defined.
--
-- Returns one row per period ('current', then 'previous' when $prev_start is given):
--   period                  text: 'current' or 'previous'
--   days                    bigint: calendar days counted (start .. min(end, last_day))
--   defined_days            bigint: days with a defined daily active rate (in domain > 0)
--   daily_active_rate       double: mean daily active rate (null when no day is defined)
--   interaction_rate        double: mean interaction rate (null when no day is defined)
--   conversion_rate         double: mean daily conversion rate (null when no day is defined)

with

members as (
    select
        user_id,
        cast(joined_at as date) as join_day,
        cast(left_at as date) as left_day,
    from members
),

periods as (
    select
        'current' as period,
        cast($start as date) as first_day,
        least(cast($end as date), coalesce(cast($last_day as date), $end)) as last_day,
    union all
    select
        'previous' as period,
        cast($prev_start as date) as first_day,
        least(cast($prev_end as date), coalesce(cast($last_day as date), $prev_end)) as last_day,
    where $prev_start is not null
),

-- the days counted, of either period
days as (
    select distinct cast(day_series.generate_series as date) as day
    from periods
    cross join
        generate_series(
            cast(periods.first_day as timestamp),
            cast(periods.last_day as timestamp),
            interval 1 day
        ) as day_series
),

-- members in the domain per day, from running totals of joins (+1) and leaves (-1); a member
-- who left on or before the join day is in the domain on no day
domain_changes as (
    select
        join_day as day,
        1 as change,
    from members
    union all
    select
        greatest(join_day, left_day) as day,
        -1 as change,
    from members
    where left_day is not null
),

domain_by_day as (
    select
        day,
        sum(sum(change)) over (order by day) as members,
    from domain_changes
    group by day
),

-- an as-of join takes, for each day, the running total of the latest change on or before it
in_domain as (
    select
        days.day,
        coalesce(domain_by_day.members, 0) as members,
    from days
    asof left join domain_by_day on days.day >= domain_by_day.day
),

-- every activity row and paid order of both periods, one stream; the timestamp bounds let
-- the scans skip data outside them (active_members keeps the counted days only)
events as (
    select
        user_id,
        cast("at" as date) as day,
        kind is null or kind <> 'view' as interactive,
        false as converting,
    from activity
    where
        "at" >= cast(
            least(cast($start as date), coalesce(cast($prev_start as date), $start)) as timestamp
        )
        and "at" < cast(
            greatest(cast($end as date), coalesce(cast($prev_end as date), $end)) as timestamp
        ) + interval 1 day
    union all
    select
        user_id,
        cast(ordered_at as date) as day,
        false as interactive,
        true as converting,
    from orders
    where
        (status is null or status = 'paid')
        and amount > 0
        and ordered_at >= cast(
            least(cast($start as date), coalesce(cast($prev_start as date), $start)) as timestamp
        )
        and ordered_at < cast(
            greatest(cast($end as date), coalesce(cast($prev_end as date), $end)) as timestamp
        ) + interval 1 day
),

-- one row per user and day with an event
active_days as (
    select
        user_id,
        day,
        bool_or(interactive) as interactive,
        bool_or(converting) as converting,
    from events
    group by user_id, day
),

active_members as (
    select
        active_days.day,
        count(*) as active,
        count(*) filter (where active_days.interactive) as interactive,
        count(*) filter (where active_days.converting) as converting,
    from active_days
    inner join days on active_days.day = days.day
    inner join members
        on
            active_days.user_id = members.user_id
            and active_days.day >= members.join_day
            and (members.left_day is null or active_days.day < members.left_day)
    group by active_days.day
),

daily_rates as (
    select
        in_domain.day,
        case
            when in_domain.members > 0
                then coalesce(active_members.active, 0) / in_domain.members
        end as daily_active_rate,
        case
            when active_members.active > 0
                then active_members.interactive / active_members.active
        end as interaction_rate,
        case
            when active_members.active > 0
                then active_members.converting / active_members.active
        end as conversion_rate,
    from in_domain
    left join active_members on in_domain.day = active_members.day
),

final as (
    select
        periods.period,
        cast(count(daily_rates.day) as bigint) as days,
        cast(count(daily_rates.daily_active_rate) as bigint) as defined_days,
        avg(daily_rates.daily_active_rate) as daily_active_rate,
        avg(daily_rates.interaction_rate) as interaction_rate,
        avg(daily_rates.conversion_rate) as conversion_rate,
    from periods
    left join daily_rates
        on daily_rates.day between periods.first_day and periods.last_day
    group by periods.period
    order by periods.period
)

select * from final
