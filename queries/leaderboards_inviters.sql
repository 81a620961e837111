-- Inviters leaderboard (裂变): invites, effective invites and invite conversion per inviter,
-- ranked, with the rank in the previous period of equal length.
--
-- Parameters:
--   $start           date: first day of the period (inclusive)
--   $end             date: last day of the period (inclusive)
--   $prev_start      date: first day of the previous period (inclusive)
--   $prev_end        date: last day of the previous period (inclusive)
--   $effective_days  integer: an invite is effective when the invitee's first order falls
--                    on day 0 ... $effective_days after the join day (SPEC: 7)
--   $last_day        date: last day of data: an invitee of the period whose day
--                    $effective_days after joining lies after it is pending (null: none)
--   $prev_last_day   date: the previous period's invitees and their first orders are read
--                    up to this day (null: all data). Ranking by a windowed column, the
--                    caller passes the last day of data minus the shift between the
--                    periods: each previous invitee has had as many days to buy as the
--                    current one on the same day of the period (SPEC §4 "Windows and
--                    comparisons")
--   $tag             text: only inviters who are members carrying this tag (members.tags
--                    split as member_spans does); null: every inviter
--   $rank_by         text: column to rank by: 'invites', 'effective_invites' or
--                    'invite_conversion' (higher ranks first)
--   $top             integer: keep rows ranked $top or better (ties at the cut all kept);
--                    null keeps every row
--
-- Invites of u in a period: members who joined in it with inviter_id = u (an invitee who
-- joined before the period counts in no invite of it). A member's first order is their
-- earliest paid order over all data (person_facts); one before the join day makes the invite
-- not effective, whatever follows. An inviter is on a period's board
-- with >= 1 invite in it; the inviter need not be a member. Ranks: rank() over the ranking
-- column, descending (ties share a rank: 1, 2, 2, 4); rows listed by rank, then user_id.
--
-- Returns one row per inviter of the period ranked $top or better:
--   rank               bigint: rank in the period
--   user_id            text: the inviter (inviter_id as stored)
--   invites            bigint: members who joined in the period invited by user_id
--   effective_invites  bigint: of those, members whose first order falls on day 0 ...
--                      $effective_days after their join day
--   invite_conversion  double: effective_invites / invites
--   pending            bigint: invitees of the period whose day $effective_days after
--                      joining lies after $last_day (still inside the window: they may yet
--                      become effective invites)
--   previous_rank      bigint: rank by the same column in the previous period (null: not on it)
--   rank_change        text: previous_rank - rank with a sign ('+3', '-1', '0'), 'new' when
--                      previous_rank is null
--   nickname           text: the inviter's member nickname (personal data: mask before display)

with

-- members carrying $tag (members.tags split by the base model member_spans)
tagged_members as (
    select user_id,
    from member_spans
    where list_contains(tag_list, cast($tag as varchar))
),

members as (
    select
        user_id,
        inviter_id,
        nickname,
        cast(joined_at as date) as join_day,
    from members
),

person_facts as (
    select
        user_id,
        first_day,
    from person_facts
),

invitees as (
    select
        user_id,
        inviter_id,
        join_day,
        case
            when join_day between $start and $end then 'current'
            when
                join_day between $prev_start
                and least(
                    cast($prev_end as date), coalesce(cast($prev_last_day as date), $prev_end)
                )
                then 'previous'
        end as period,
        -- the day up to which an invitee's first order is read (null: all data)
        case
            when join_day not between $start and $end then cast($prev_last_day as date)
        end as read_day,
    from members
    where
        inviter_id is not null
        and (
            cast($tag as varchar) is null
            or inviter_id in (select tagged_members.user_id from tagged_members)
        )
),

period_invitees as (
    select
        user_id,
        inviter_id,
        join_day,
        period,
        read_day,
    from invitees
    where period is not null
),

inviter_totals as (
    select
        period_invitees.period,
        period_invitees.inviter_id as user_id,
        count(*) as invites,
        count(*) filter (
            where person_facts.first_day between period_invitees.join_day
            and period_invitees.join_day + cast($effective_days as integer)
            and person_facts.first_day
            <= coalesce(period_invitees.read_day, person_facts.first_day)
        ) as effective_invites,
        count(*) filter (
            where period_invitees.join_day + cast($effective_days as integer)
            > cast($last_day as date)
        ) as pending,
    from period_invitees
    left join person_facts on period_invitees.user_id = person_facts.user_id
    group by period_invitees.period, period_invitees.inviter_id
),

scored as (
    select
        period,
        user_id,
        invites,
        effective_invites,
        effective_invites / invites as invite_conversion,
        pending,
    from inviter_totals
),

ranked as (
    select
        period,
        user_id,
        invites,
        effective_invites,
        invite_conversion,
        pending,
        rank() over (
            partition by period
            order by
                case $rank_by
                    when 'invites' then cast(invites as double)
                    when 'effective_invites' then cast(effective_invites as double)
                    when 'invite_conversion' then invite_conversion
                end desc
        ) as rank,
    from scored
),

final as (
    select
        cast(current_board.rank as bigint) as rank,
        current_board.user_id,
        cast(current_board.invites as bigint) as invites,
        cast(current_board.effective_invites as bigint) as effective_invites,
        cast(current_board.invite_conversion as double) as invite_conversion,
        cast(current_board.pending as bigint) as pending,
        cast(previous_board.rank as bigint) as previous_rank,
        case
            when previous_board.rank is null then 'new'
            when previous_board.rank > current_board.rank
                then '+' || cast(previous_board.rank - current_board.rank as varchar)
            else cast(previous_board.rank - current_board.rank as varchar)
        end as rank_change,
        members.nickname,
    from ranked as current_board
    left join ranked as previous_board
        on
            current_board.user_id = previous_board.user_id
            and previous_board.period = 'previous'
    left join members on current_board.user_id = members.user_id
    where
        current_board.period = 'current'
        and (cast($top as bigint) is null or current_board.rank <= cast($top as bigint))
    order by rank, current_board.user_id
)

select * from final
