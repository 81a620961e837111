-- High-potential members for follow-up: active in the last $window days up to the reference
-- day and never bought (SPEC §4 "Group health").
--
-- Parameters:
--   $ref       date: reference day (the period's last day, at most the last day of data)
--   $window    integer: days counted back from $ref, $ref included (default 7)
--   $group     text: only members whose main group is this one (null: every member)
--
-- A member is in the domain on $ref when joined on or before it and not left on or before
-- it; active with >= 1 activity row (any kind) on a day of $ref - $window + 1 … $ref; never
-- bought with no paid order (status null or 'paid', amount > 0) on or before $ref. Refunded,
-- cancelled and 0-yuan orders are no purchase.
--
-- Returns one row per member, the most active first (then latest activity, then user_id):
--   user_id          varchar
--   group_id         varchar: main group (null: in no group)
--   joined_at        timestamp
--   last_active_at   timestamp: latest activity in the window
--   active_days      bigint: distinct days with activity in the window
--   nickname         varchar: as stored (mask it before display)
--   phone            varchar: as stored (masked at import)

with

members as (
    select
        user_id,
        group_id,
        joined_at,
        cast(joined_at as date) as join_day,
        cast(left_at as date) as left_day,
        nickname,
        phone,
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

recent as (
    select
        user_id,
        max("at") as last_active_at,
        count(distinct cast("at" as date)) as active_days,
    from activity
    where
        cast("at" as date) <= $ref
        and cast("at" as date) > cast($ref as date) - cast($window as integer)
    group by user_id
),

buyers as (
    select distinct user_id
    from orders
    where
        (status is null or status = 'paid')
        and amount > 0
        and cast(ordered_at as date) <= $ref
),

final as (
    select
        in_domain.user_id,
        in_domain.group_id,
        in_domain.joined_at,
        recent.last_active_at,
        cast(recent.active_days as bigint) as active_days,
        in_domain.nickname,
        in_domain.phone,
    from in_domain
    inner join recent on in_domain.user_id = recent.user_id
    anti join buyers on in_domain.user_id = buyers.user_id
    order by recent.active_days desc, recent.last_active_at desc, in_domain.user_id asc
)

select * from final
