-- Member KPIs of a period and, optionally, of the period before it: new members and their
-- first-order conversion.
--
-- Parameters:
--   $start       date: first day of the period (inclusive)
--   $end         date: last day of the period (inclusive)
--   $prev_start  date: first day of the previous period (inclusive; null: no previous row)
--   $prev_end    date: last day of the previous period (inclusive)
--   $x_days      integer: conversion window, days after the join day (join day = day 0)
--
-- A member's first order is their earliest paid order over all data (base model
-- person_facts); a first order before the join day does not convert, and a later order
-- cannot replace it.
--
-- Returns one row per period ('current', then 'previous' when $prev_start is given):
--   period       text: 'current' or 'previous'
--   members      bigint: members who joined in the period
--   converted    bigint: of those, members whose first order falls on day 0 ... $x_days
--                after the join day

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

periods as (
    select
        'current' as period,
        cast($start as date) as first_day,
        cast($end as date) as last_day,
    union all
    select
        'previous' as period,
        cast($prev_start as date) as first_day,
        cast($prev_end as date) as last_day,
    where $prev_start is not null
),

new_members as (
    select
        periods.period,
        member_spans.user_id,
        member_spans.join_day,
    from member_spans
    inner join periods
        on member_spans.join_day between periods.first_day and periods.last_day
),

member_totals as (
    select
        new_members.period,
        count(*) as members,
        count(*) filter (
            where person_facts.first_day between new_members.join_day
            and new_members.join_day + cast($x_days as integer)
        ) as converted,
    from new_members
    left join person_facts on new_members.user_id = person_facts.user_id
    group by new_members.period
),

final as (
    select
        periods.period,
        cast(coalesce(member_totals.members, 0) as bigint) as members,
        cast(coalesce(member_totals.converted, 0) as bigint) as converted,
    from periods
    left join member_totals on periods.period = member_totals.period
    order by periods.period
)

select * from final
