-- Invitation tree (邀请树) of one inviter: everyone they brought in, directly or through
-- the people they invited, with the level of each. The one definition of the walk: the
-- tree's levels (`invitation_levels`) are counted from these rows.
--
-- Parameters:
--   $inviter  text: user_id of the inviter at the root (as stored)
--   $start    date: first day of the period (marks who joined in it)
--   $end      date: last day of the period; members who joined after it are left out
--
-- Level 1 holds the members whose inviter_id is $inviter, level 2 those invited by level 1,
-- and so on. A member already on the path from the root is not visited again, so a cycle in
-- bad data (A invited B, B invited A) ends the walk instead of looping; the walk also stops
-- at level 100.
--
-- Returns one row per member of the tree, by depth then user_id:
--   depth       integer: level below the root (1 = invited by $inviter)
--   user_id     text: the member
--   inviter_id  text: who invited them
--   join_day    date: their join day
--   in_period   boolean: joined between $start and $end
--   nickname    text: their nickname (personal data: mask before display)

with recursive

members as (
    select
        user_id,
        inviter_id,
        nickname,
        cast(joined_at as date) as join_day,
    from members
    where inviter_id is not null and cast(joined_at as date) <= $end
),

tree (user_id, inviter_id, join_day, nickname, depth, path) as (
    select
        members.user_id,
        members.inviter_id,
        members.join_day,
        members.nickname,
        1 as depth,
        [cast($inviter as varchar), members.user_id] as path,
    from members
    where members.inviter_id = $inviter
    union all
    select
        members.user_id,
        members.inviter_id,
        members.join_day,
        members.nickname,
        tree.depth + 1 as depth,
        list_append(tree.path, members.user_id) as path,
    from tree
    inner join members on tree.user_id = members.inviter_id
    where not list_contains(tree.path, members.user_id) and tree.depth < 100
),

final as (
    select
        cast(depth as integer) as depth,
        user_id,
        inviter_id,
        join_day,
        join_day between $start and $end as in_period,
        nickname,
    from tree
    order by depth, user_id
)

select * from final
