-- High-potential members for follow-up: active in the last $window days up to the reference
-- day and never bought (SPEC §4 "Group health").
--
-- Parameters:
--   $ref       date: reference day (the period's last day, at most the last day of data)
--   $window    integer: days counted back from $ref, $ref included (default 7)
--   $group     text: only members whose main group is this one (null: every member)
--   $tag         text: only members carrying this tag (members.tags split as member_spans
--                does); null: every member
--   $whole_data  boolean: no data lies after $ref, so each person's latest activity over all
--                data (person_activity) is the latest on or before $ref; false reads activity
--
-- A member is still in a group on $ref when they have a main group (members.group_id),
-- joined on or before $ref and did not leave on or before it (members in no group are not
-- listed); active with >= 1 activity row (any kind) on a day of $ref - $window + 1 … $ref;
-- never bought with no paid order (paid_orders: refunded, cancelled and 0-yuan orders are no
-- purchase) on or before $ref, i.e. no first paid order (person_facts) on or before it.
--
-- Returns one row per member, the most active first (then latest activity, then user_id):
--   user_id          varchar
--   group_id         varchar: main group (never null: members in no group are not listed)
--   joined_at        timestamp
--   last_active_at   timestamp: latest activity in the window
--   active_days      bigint: distinct days with activity in the window
--   nickname         varchar: as stored (mask it before display)
--   phone            varchar: as stored (masked at import)

with

member_spans as (
    select
        user_id,
        group_id,
        joined_at,
        join_day,
        in_domain_until,
        nickname,
        phone,
    from member_spans
    where cast($tag as varchar) is null or list_contains(tag_list, cast($tag as varchar))
),

person_facts as (
    select
        user_id,
        first_day,
    from person_facts
),

person_activity as (
    select
        user_id,
        last_at,
    from person_activity
),

person_days as (
    select
        user_id,
        day,
        activities,
    from person_days
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

-- one branch runs: DuckDB drops the one whose bound condition is false. With no data after
-- $ref, the days come from person_days and the latest activity of anyone active in the
-- window is their latest over all data; else both come from activity (the timestamp bounds
-- let the scan skip the days outside the window)
window_days as (
    select
        user_id,
        count(*) as active_days,
    from person_days
    where
        $whole_data
        and day > cast($ref as date) - cast($window as integer)
        and day <= $ref
        and activities > 0
    group by user_id
),

recent as (
    select
        window_days.user_id,
        person_activity.last_at as last_active_at,
        window_days.active_days,
    from window_days
    inner join person_activity on window_days.user_id = person_activity.user_id
    union all
    select
        user_id,
        max("at") as last_active_at,
        count(distinct cast("at" as date)) as active_days,
    from activity
    where
        not $whole_data
        and "at" >= cast(cast($ref as date) - cast($window as integer) + 1 as timestamp)
        and "at" < cast($ref as timestamp) + interval 1 day
    group by user_id
),

buyers as (
    select user_id
    from person_facts
    where first_day <= $ref
),

final as (
    select
        in_group.user_id,
        in_group.group_id,
        in_group.joined_at,
        recent.last_active_at,
        cast(recent.active_days as bigint) as active_days,
        in_group.nickname,
        in_group.phone,
    from in_group
    inner join recent on in_group.user_id = recent.user_id
    anti join buyers on in_group.user_id = buyers.user_id
    order by recent.active_days desc, recent.last_active_at desc, in_group.user_id asc
)

select * from final
