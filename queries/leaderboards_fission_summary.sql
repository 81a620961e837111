-- Fission (裂变) over a whole period: invited and other new members, the K-factor base and
-- the active inviters.
--
-- Parameters:
--   $start  date: first day of the period (inclusive)
--   $end    date: last day of the period (inclusive)
--
-- Invited: the member's inviter_id is set. The base is the number of members in the private
-- domain (member_spans) on the day before $start, the members there when the period begins;
-- K-factor = invited_members / base_members. An active inviter has >= 1 invitee who joined
-- in the period.
--
-- Returns one row:
--   invited_members  bigint: members who joined in the period with an inviter
--   other_members    bigint: members who joined in the period without one
--   base_members     bigint: members in the domain at the start of the period
--   active_inviters  bigint: distinct inviter_id among the invited members

with

member_spans as (
    select
        user_id,
        inviter_id,
        join_day,
        in_domain_until,
    from member_spans
),

joins as (
    select
        count(*) filter (where inviter_id is not null) as invited_members,
        count(*) filter (where inviter_id is null) as other_members,
        count(distinct inviter_id) as active_inviters,
    from member_spans
    where join_day between $start and $end
),

base as (
    select count(*) as base_members
    from member_spans
    where
        join_day <= $start - 1
        and (in_domain_until is null or in_domain_until > $start - 1)
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
