-- Members who joined and left each group per week (SPEC §4 "Group health").
--
-- Parameters:
--   $start     date: first day of the period (inclusive)
--   $end       date: last day of the period (inclusive)
--   $stats     boolean: count from WeCom's group statistics (group_daily: new_members,
--                       quit_members) instead of the members table (joined_at, left_at)
--
-- From members, a member counts in their main group: joined in the week of joined_at, left in
-- the week of left_at. Only days inside [$start, $end] count, also in the first and last
-- week when they stick out of the period. Weeks start on Monday.
--
-- Returns one row per group and week with a join or a leave, by group (no group last), week:
--   group_id         varchar: main group (null: in no group)
--   name             varchar: the group's name from the groups table
--   week             date: the Monday of the week
--   joins            bigint: members who joined
--   leaves           bigint: members who left
--   net              bigint: joins - leaves

with

member_spans as (
    select
        group_id,
        join_day,
        left_day,
    from member_spans
),

group_daily as (
    select
        stat_date,
        group_id,
        new_members,
        quit_members,
    from group_daily
),

groups as (
    select
        group_id,
        name,
    from groups
),

events as (
    select
        group_id,
        join_day as day,
        1 as joined,
        0 as left_count,
    from member_spans
    where not $stats
    union all
    select
        group_id,
        left_day as day,
        0 as joined,
        1 as left_count,
    from member_spans
    where not $stats and left_day is not null
    union all
    select
        group_id,
        stat_date as day,
        coalesce(new_members, 0) as joined,
        coalesce(quit_members, 0) as left_count,
    from group_daily
    where $stats
),

weekly as (
    select
        group_id,
        cast(date_trunc('week', day) as date) as week,
        cast(sum(joined) as bigint) as joined,
        cast(sum(left_count) as bigint) as left_count,
    from events
    where day between $start and $end
    group by group_id, date_trunc('week', day)
),

final as (
    select
        weekly.group_id,
        groups.name,
        weekly.week,
        weekly.joined as joins,
        weekly.left_count as leaves,
        weekly.joined - weekly.left_count as net,
    from weekly
    left join groups on weekly.group_id = groups.group_id
    where weekly.joined > 0 or weekly.left_count > 0
    order by weekly.group_id nulls last, weekly.week
)

select * from final
