-- Silent members for follow-up: in the private domain on the reference day and without
-- activity for at least $days days up to it (SPEC §4 "Group health").
--
-- Parameters:
--   $ref       date: reference day (the period's last day, at most the last day of data)
--   $days      integer: the least number of silent days listed (default 3)
--   $group     text: only members whose main group is this one (null: every member)
--
-- A member is in the domain on $ref when joined on or before it and not left on or before
-- it. Activity is any activity row (any kind) on or before $ref. days_silent counts the days
-- up to $ref without activity since the later of the last activity day and the day before
-- joining: days_silent = $ref - greatest(last activity day, join day - 1). So a member last
-- active 3 days before $ref, or who joined 2 days before $ref and never took part, has 3.
--
-- Returns one row per silent member, most silent first (then by user_id):
--   user_id          varchar
--   group_id         varchar: main group (null: in no group)
--   last_active_at   timestamp: latest activity on or before $ref (null: none)
--   days_silent      bigint: see above
--   nickname         varchar: as stored (mask it before display)
--   phone            varchar: as stored (masked at import)

with

members as (
    select
        user_id,
        group_id,
        cast(joined_at as date) as join_day,
        cast(left_at as date) as left_day,
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

in_domain as (
    select *
    from members
    where
        join_day <= $ref
        and (left_day is null or left_day > $ref)
        and (cast($group as varchar) is null or group_id = cast($group as varchar))
),

last_activity as (
    select
        user_id,
        max("at") as last_active_at,
    from activity
    where cast("at" as date) <= $ref
    group by user_id
),

silence as (
    select
        in_domain.user_id,
        in_domain.group_id,
        last_activity.last_active_at,
        cast(
            cast($ref as date) - greatest(
                cast(last_activity.last_active_at as date),
                in_domain.join_day - 1
            ) as bigint
        ) as days_silent,
        in_domain.nickname,
        in_domain.phone,
    from in_domain
    left join last_activity on in_domain.user_id = last_activity.user_id
),

final as (
    select *
    from silence
    where days_silent >= $days
    order by days_silent desc, user_id asc
)

select * from final
