-- Fission (裂变) over a whole period: invited and other new members, the K-factor base and
-- the active inviters.
--
-- Parameters:
--   $start  date: first day of the period (inclusive)
--   $end    date: last day of the period (inclusive)
--
-- Invited: the member's inviter_id is set. The base is the number of members in the private
-- domain on the day before $start (joined before $start, not left before $start), the members
-- there when the period begins; K-factor = invited_members / base_members. An active inviter
-- has >= 1 invitee who joined in the period.
--
-- Returns one row:
--   invited_members  bigint: members who joined in the period with an inviter
--   other_members    bigint: members who joined in the period without one
--   base_members     bigint: members in the domain at the start of the period
--   active_inviters  bigint: distinct inviter_id among the invited members

with

members as (
    select
        user_id,
        inviter_id,
        cast(joined_at as date) as join_day,
        cast(left_at as date) as left_day,
    from members
),

joins as (
    select
        count(*) filter (where inviter_id is not null) as invited_members,
        count(*) filter (where inviter_id is null) as other_members,
        count(distinct inviter_id) as active_inviters,
    from members
    where join_day between $start and $end
),

base as (
    select count(*) as base_members
    from members
    where
        join_day < $start
        and (left_day is null or left_day >= $start)
),

final as (
    select
        cast(joins.invited_members as bigint) as invited_members,
        cast(joins.other_members as bigint) as other_members,
        cast(base.base_members as bigint) as base_members,
        cast(joins.active_inviters as bigint) as active_inviters,
    from joins
    cross join base
)

select * from final
