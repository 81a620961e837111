-- Daily rates of a period: daily active rate, interaction rate, daily conversion rate.
--
-- Parameters:
--   $start     date: first day of the period (inclusive)
--   $end       date: last day of the period (inclusive)
--   $last_day  date: last day of data; days after it are not counted (null: no limit)
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
-- Returns one row:
--   days                    bigint: calendar days counted (start .. min(end, last_day))
--   active_days             bigint: days with a defined daily active rate
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

orders as (
    select
        user_id,
        ordered_at,
        amount,
        status,
    from orders
),

activity as (
    select
        user_id,
        at,
        kind,
    from activity
),

days as (
    select cast(generate_series as date) as day
    from generate_series(
        cast($start as timestamp),
        cast(least($end, coalesce($last_day, $end)) as timestamp),
        interval 1 day
    )
),

paid_days as (
    select distinct
        user_id,
        cast(ordered_at as date) as day,
    from orders
    where (status is null or status = 'paid') and amount > 0
),

activity_days as (
    select
        user_id,
        cast(at as date) as day,
        bool_or(kind is null or kind <> 'view') as interactive,
    from activity
    group by user_id, cast(at as date)
),

in_domain as (
    select
        days.day,
        members.user_id,
    from days
    inner join members
        on
            members.join_day <= days.day
            and (members.left_day is null or members.left_day > days.day)
),

member_days as (
    select
        in_domain.day,
        in_domain.user_id,
        activity_days.user_id is not null or paid_days.user_id is not null as active,
        coalesce(activity_days.interactive, false) as interactive,
        paid_days.user_id is not null as converting,
    from in_domain
    left join activity_days
        on in_domain.user_id = activity_days.user_id and in_domain.day = activity_days.day
    left join paid_days
        on in_domain.user_id = paid_days.user_id and in_domain.day = paid_days.day
),

daily as (
    select
        day,
        count(*) as in_domain,
        count(*) filter (where active) as active,
        count(*) filter (where interactive) as interactive,
        count(*) filter (where converting) as converting,
    from member_days
    group by day
),

daily_rates as (
    select
        day,
        active / in_domain as daily_active_rate,
        case when active > 0 then interactive / active end as interaction_rate,
        case when active > 0 then converting / active end as conversion_rate,
    from daily
),

final as (
    select
        (select cast(count(*) as bigint) from days) as days,
        cast(count(daily_active_rate) as bigint) as active_days,
        avg(daily_active_rate) as daily_active_rate,
        avg(interaction_rate) as interaction_rate,
        avg(conversion_rate) as conversion_rate,
    from daily_rates
)

select * from final
