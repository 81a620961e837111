-- Invitation tree (邀请树) of one inviter, level by level: how many members each level holds.
--
-- Parameters:
--   $inviter  text: user_id of the inviter at the root (as stored)
--   $start    date: first day of the period (counts who joined in it)
--   $end      date: last day of the period; members who joined after it are left out
--
-- The same walk as leaderboards_tree.sql: level 1 holds the members whose inviter_id is
-- $inviter, level 2 those invited by level 1, and so on; a member already on the path from
-- the root is not visited again (a cycle in bad data ends the walk) and the walk stops at
-- level 100. The tree's depth is the last level, its size the sum of members.
--
-- Returns one row per level, by depth:
--   depth             integer: level below the root (1 = invited by $inviter)
--   members           bigint: members on the level
--   joined_in_period  bigint: of those, members who joined between $start and $end

with recursive

members as (
    select
        user_id,
        inviter_id,
        cast(joined_at as date) as join_day,
    from members
    where cast(joined_at as date) <= $end
),

tree (user_id, join_day, depth, path) as (
    select
        members.user_id,
        members.join_day,
        1 as depth,
        [cast($inviter as varchar), members.user_id] as path,
    from members
    where members.inviter_id = $inviter
    union all
    select
        members.user_id,
        members.join_day,
        tree.depth + 1 as depth,
        list_append(tree.path, members.user_id) as path,
    from tree
    inner join members on tree.user_id = members.inviter_id
    where not list_contains(tree.path, members.user_id) and tree.depth < 100
),

final as (
    select
        cast(depth as integer) as depth,
        cast(count(*) as bigint) as members,
        cast(count(*) filter (where join_day between $start and $end) as bigint)
            as joined_in_period,
    from tree
    group by depth
    order by depth
)

select * from final
