-- Member KPIs of a period and, optionally, of the period before it: new members and their
-- first-order conversion.
--
-- Parameters:
--   $start       date: first day of the period (inclusive)
--   $end         date: last day of the period (inclusive)
--   $prev_start  date: first day of the previous period (inclusive; null: no previous row)
--   $prev_end    date: last day of the previous period (inclusive)
--   $x_days      integer: conversion window, days after the join day (join day = day 0)
--   $last_day       date: last day of data: the day up to which the current period is read
--                   for comparison, and after which a member's open window is pending (null:
--                   no limit, none pending)
--   $prev_last_day  date: the day up to which the previous period is read (null: all data)
--
-- A member's first order is their earliest paid order over all data (base model
-- person_facts); a first order before the join day does not convert, and a later order
-- cannot replace it.
--
-- Like for like (SPEC §4 "Windows and comparisons"): `members` and `converted` are the plain
-- definitions over every member who joined in the period; `read_members` and
-- `read_converted` count only what had happened by the period's read day (joins and first
-- orders on or before it). The caller compares the current period read up to $last_day with
-- the previous one read up to $last_day minus the shift between the periods, so each member
-- of the previous period has had as many days to buy as the member who joined on the same
-- day of the current period. Members file rows may run past the last order day: those
-- joins are in the plain count, not in the read one.
--
-- Returns one row per period ('current', then 'previous' when $prev_start is given):
--   period       text: 'current' or 'previous'
--   members      bigint: members who joined in the period
--   converted    bigint: of those, members whose first order falls on day 0 ... $x_days
--                after the join day
--   read_members     bigint: members who joined in the period on or before its read day
--   read_converted   bigint: of those, members whose first order falls on day 0 ... $x_days
--                    after the join day and on or before the read day
--   pending      bigint: members who joined in the period whose day $x_days after the join
--                day lies after the read day (their window is still open)

with

member_spans as (
    select
        user_id,
        join_day,
    from member_spans
),

person_facts as (
    select
        user_id,
        first_day,
    from person_facts
),

-- read_day: the day up to which a period is read for comparison (null: all data)
periods as (
    select
        'current' as period,
        cast($start as date) as first_day,
        cast($end as date) as last_day,
        cast($last_day as date) as read_day,
    union all
    select
        'previous' as period,
        cast($prev_start as date) as first_day,
        cast($prev_end as date) as last_day,
        cast($prev_last_day as date) as read_day,
    where $prev_start is not null
),

new_members as (
    select
        periods.period,
        periods.read_day,
        member_spans.user_id,
        member_spans.join_day,
    from member_spans
    inner join periods
        on member_spans.join_day between periods.first_day and periods.last_day
),

member_windows as (
    select
        new_members.period,
        new_members.join_day <= coalesce(new_members.read_day, new_members.join_day) as seen,
        coalesce(
            person_facts.first_day between new_members.join_day
            and new_members.join_day + cast($x_days as integer),
            false
        ) as converted,
        coalesce(
            person_facts.first_day <= coalesce(new_members.read_day, person_facts.first_day),
            false
        ) as bought_by_read_day,
        new_members.join_day + cast($x_days as integer) > new_members.read_day as pending,
    from new_members
    left join person_facts on new_members.user_id = person_facts.user_id
),

member_totals as (
    select
        period,
        count(*) as members,
        count(*) filter (where converted) as converted,
        count(*) filter (where seen) as read_members,
        count(*) filter (where seen and converted and bought_by_read_day) as read_converted,
        count(*) filter (where pending) as pending,
    from member_windows
    group by period
),

final as (
    select
        periods.period,
        cast(coalesce(member_totals.members, 0) as bigint) as members,
        cast(coalesce(member_totals.converted, 0) as bigint) as converted,
        cast(coalesce(member_totals.read_members, 0) as bigint) as read_members,
        cast(coalesce(member_totals.read_converted, 0) as bigint) as read_converted,
        cast(coalesce(member_totals.pending, 0) as bigint) as pending,
    from periods
    left join member_totals on periods.period = member_totals.period
    order by periods.period
)

select * from final
