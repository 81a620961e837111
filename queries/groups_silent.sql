-- Silent members for follow-up: still in a group on the reference day and without
-- activity for at least $days days up to it (SPEC §4 "Group health").
--
-- Parameters:
--   $ref         date: reference day (the period's last day, at most the last day of data)
--   $days        integer: the least number of silent days listed (default 3)
--   $group       text: only members whose main group is this one (null: every member)
--   $tag         text: only members carrying this tag (members.tags split as member_spans
--                does); null: every member
--   $whole_data  boolean: no data lies after $ref, so each person's latest activity over all
--                data (person_activity) is the latest on or before $ref; false reads activity
--
-- A member is still in a group on $ref when they have a main group (members.group_id),
-- joined on or before $ref and did not leave on or before it; members in no group are not
-- listed. Activity is any activity row (any kind) on or before $ref. days_silent counts the
-- days up to $ref without activity since the later of the last activity day and the day before
-- joining: days_silent = $ref - greatest(last activity day, join day - 1). So a member last
-- active 3 days before $ref, or who joined 2 days before $ref and never took part, has 3.
--
-- Returns one row per silent member, most silent first (then by user_id):
--   user_id          varchar
--   group_id         varchar: main group (never null: members in no group are not listed)
--   last_active_at   timestamp: latest activity on or before $ref (null: none)
--   days_silent      bigint: see above
--   nickname         varchar: as stored (mask it before display)
--   phone            varchar: as stored (masked at import)

with

member_spans as (
    select
        user_id,
        group_id,
        join_day,
        in_domain_until,
        nickname,
        phone,
    from member_spans
    where cast($tag as varchar) is null or list_contains(tag_list, cast($tag as varchar))
),

person_activity as (
    select
        user_id,
        last_at,
    from person_activity
),

activity as (
    select
        user_id,
        "at",
    from activity
),

-- still in a group on $ref: joined on or before it, not left on or before it, and with a
-- main group (a member in no group is not followed up in one: the list says 仍在群)
in_group as (
    select *
    from member_spans
    where
        join_day <= $ref
        and (in_domain_until is null or in_domain_until > $ref)
        and group_id is not null
        and (cast($group as varchar) is null or group_id = cast($group as varchar))
),

-- one branch runs: DuckDB drops the one whose bound condition is false
last_activity as (
    select
        user_id,
        last_at as last_active_at,
    from person_activity
    where $whole_data
    union all
    select
        user_id,
        max("at") as last_active_at,
    from activity
    where not $whole_data and "at" < cast($ref as timestamp) + interval 1 day
    group by user_id
),

silence as (
    select
        in_group.user_id,
        in_group.group_id,
        last_activity.last_active_at,
        cast(
            cast($ref as date) - greatest(
                cast(last_activity.last_active_at as date),
                in_group.join_day - 1
            ) as bigint
        ) as days_silent,
        in_group.nickname,
        in_group.phone,
    from in_group
    left join last_activity on in_group.user_id = last_activity.user_id
),

final as (
    select *
    from silence
    where days_silent >= $days
    order by days_silent desc, user_id asc
)

select * from final
