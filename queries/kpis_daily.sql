-- Daily rates of a period and, optionally, of the period before it: daily active rate,
-- interaction rate, daily conversion rate.
--
-- Parameters:
--   $start       date: first day of the period (inclusive)
--   $end         date: last day of the period (inclusive)
--   $prev_start  date: first day of the previous period (inclusive; null: no previous row)
--   $prev_end    date: last day of the previous period (inclusive)
--   $last_day    date: last day of data; days after it are not counted (null: no limit)
--   $prev_last_day  date: the previous period counts no day after it either (null: only
--                   $last_day limits it). Reading the previous period up to $last_day minus
--                   the shift between the periods compares as many days on both sides.
--
-- Only members count, and only on days they are in the private domain (member_spans: joined
-- on or before the day, and not left on or before it). Such a member is active on a day with
-- >= 1 activity or >= 1 paid order; interactive with >= 1 activity whose kind is not 'view'
-- (a null or empty kind counts); converting with a paid order. The active, interactive and
-- converting members of a day are the sums over every group of the base model group_days
-- (whose total rows are the groups page's); the members in the domain come from member_spans,
-- so days after the data (when $last_day is null) count members who stay. Per day:
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

member_spans as (
    select
        join_day,
        in_domain_until,
    from member_spans
),

group_days as (
    select
        day,
        active,
        interactive,
        converting,
    from group_days
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
        least(
            cast($prev_end as date),
            coalesce(cast($prev_last_day as date), cast($last_day as date), $prev_end)
        ) as last_day,
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
-- who left on or before the join day leaves on the join day: in the domain on no day
domain_changes as (
    select
        join_day as day,
        1 as change,
    from member_spans
    union all
    select
        in_domain_until as day,
        -1 as change,
    from member_spans
    where in_domain_until is not null
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

active_members as (
    select
        group_days.day,
        sum(group_days.active) as active,
        sum(group_days.interactive) as interactive,
        sum(group_days.converting) as converting,
    from group_days
    inner join days on group_days.day = days.day
    group by group_days.day
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
