-- Suspicious inviters (刷单 / 羊毛党 check): inviters whose invitees of the period mostly
-- never act or leave within a day.
--
-- Parameters:
--   $start         date: first day of the period (inclusive)
--   $end           date: last day of the period (inclusive)
--   $min_invites   integer: inviters with fewer invites in the period are not listed
--   $hollow_share  double: an inviter is suspicious when hollow invitees / invites >= it
--   $has_activity  boolean: the dataset has an activity table; without one "never acted"
--                  cannot be told and only leaving within a day makes an invitee hollow
--
-- Invitees: members who joined in the period with inviter_id set. An invitee
--   left within a day  when left_at is set and at most 24 hours after joined_at;
--   never acted        when they have no activity and no paid order on or after their join
--                      day, over all data (person_days: a row is an activity or a paid order);
--   is hollow          when either holds.
--
-- Returns one row per inviter with >= $min_invites invites in the period, suspicious first,
-- then by hollow share (highest first), invites (most first) and user_id:
--   user_id            text: the inviter
--   invites            bigint: invitees who joined in the period
--   left_within_a_day  bigint: of those, left within 24 hours of joining
--   never_acted        bigint: of those, never acted (null without an activity table)
--   hollow             bigint: of those, left within a day or never acted
--   hollow_share       double: hollow / invites
--   suspicious         boolean: hollow_share >= $hollow_share
--   nickname           text: the inviter's member nickname (personal data: mask it)

with

members as (
    select
        user_id,
        inviter_id,
        joined_at,
        left_at,
        nickname,
        cast(joined_at as date) as join_day,
    from members
),

person_days as (
    select
        user_id,
        day,
    from person_days
    -- an action on or after a join day of the period is on or after $start: person_days is
    -- sorted by day, the bound skips the row groups before it
    where day >= $start
),

invitees as (
    select
        user_id,
        inviter_id,
        join_day,
        coalesce(left_at <= joined_at + interval 1 day, false) as left_within_a_day,
    from members
    where inviter_id is not null and join_day between $start and $end
),

-- the last day each invitee did anything from $start on: an activity or a paid order
last_actions as (
    select
        user_id,
        max(day) as last_day,
    from person_days
    where user_id in (select invitees.user_id from invitees)
    group by user_id
),

acted as (
    select
        invitees.user_id,
        coalesce(max(last_actions.last_day) >= invitees.join_day, false) as acted,
    from invitees
    left join last_actions on invitees.user_id = last_actions.user_id
    group by invitees.user_id, invitees.join_day
),

inviter_totals as (
    select
        invitees.inviter_id as user_id,
        count(*) as invites,
        count(*) filter (where invitees.left_within_a_day) as left_within_a_day,
        count(*) filter (where not acted.acted) as never_acted,
        count(*) filter (
            where invitees.left_within_a_day or (cast($has_activity as boolean) and not acted.acted)
        ) as hollow,
    from invitees
    inner join acted on invitees.user_id = acted.user_id
    group by invitees.inviter_id
),

final as (
    select
        inviter_totals.user_id,
        cast(inviter_totals.invites as bigint) as invites,
        cast(inviter_totals.left_within_a_day as bigint) as left_within_a_day,
        cast(
            case when cast($has_activity as boolean) then inviter_totals.never_acted end
            as bigint
        ) as never_acted,
        cast(inviter_totals.hollow as bigint) as hollow,
        inviter_totals.hollow / inviter_totals.invites as hollow_share,
        inviter_totals.hollow / inviter_totals.invites
        >= cast($hollow_share as double) as suspicious,
        members.nickname,
    from inviter_totals
    left join members on inviter_totals.user_id = members.user_id
    where inviter_totals.invites >= cast($min_invites as bigint)
    order by suspicious desc, hollow_share desc, invites desc, inviter_totals.user_id asc
)

select * from final
