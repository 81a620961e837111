-- Fission (裂变) per week: members who joined through an invitation against the others, and
-- the base of the week's K-factor.
--
-- Parameters:
--   $start  date: first day of the period (inclusive)
--   $end    date: last day of the period (inclusive)
--
-- Weeks start on Monday; the first and last week are cut to the period, so a week's part
-- runs from first_day = max(week, $start) to min(week + 6, $end). Invited: the member's
-- inviter_id is set. The base is the number of members in the private domain (member_spans)
-- on the day before first_day, i.e. the members there when the week's part begins;
-- K-factor = invited_members / base_members.
--
-- Returns one row per week of the period, every week present:
--   week             date: the Monday of the week
--   first_day        date: first day of the week inside the period
--   invited_members  bigint: members who joined in the week's part with an inviter
--   other_members    bigint: members who joined in the week's part without one
--   base_members     bigint: members in the domain at the start of the week's part

with

member_spans as (
    select
        user_id,
        inviter_id,
        join_day,
        in_domain_until,
    from member_spans
),

days as (
    select cast(day_series.generate_series as date) as day
    from
        generate_series(
            cast($start as timestamp), cast($end as timestamp), interval 1 day
        ) as day_series
),

weeks as (
    select
        cast(date_trunc('week', day) as date) as week,
        min(day) as first_day,
    from days
    group by cast(date_trunc('week', day) as date)
),

joins as (
    select
        cast(date_trunc('week', join_day) as date) as week,
        count(*) filter (where inviter_id is not null) as invited_members,
        count(*) filter (where inviter_id is null) as other_members,
    from member_spans
    where join_day between $start and $end
    group by cast(date_trunc('week', join_day) as date)
),

-- members in the domain per day, from running totals of joins (+1) and leaves (-1): a
-- member is in it on the days join_day <= d < in_domain_until (member_spans)
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

base as (
    select
        weeks.week,
        weeks.first_day,
        coalesce(domain_by_day.members, 0) as base_members,
    from weeks
    asof left join domain_by_day on weeks.first_day - 1 >= domain_by_day.day
),

final as (
    select
        base.week,
        base.first_day,
        cast(coalesce(joins.invited_members, 0) as bigint) as invited_members,
        cast(coalesce(joins.other_members, 0) as bigint) as other_members,
        cast(base.base_members as bigint) as base_members,
    from base
    left join joins on base.week = joins.week
    order by base.week
)

select * from final
