-- Buyers leaderboard: GMV and paid orders per buyer, ranked, with the rank in the previous
-- period of equal length.
--
-- Parameters:
--   $start       date: first day of the period (inclusive)
--   $end         date: last day of the period (inclusive)
--   $prev_start  date: first day of the previous period (inclusive)
--   $prev_end    date: last day of the previous period (inclusive)
--   $tag         text: only buyers who are members carrying this tag (members.tags split as
--                member_spans does); null: every buyer
--   $rank_by     text: column to rank by, 'gmv' or 'orders' (higher ranks first)
--   $top         integer: keep rows ranked $top or better (ties at the cut all kept);
--                null keeps every row
--
-- Paid orders per buyer and day come from person_days. A buyer is on a period's board with
-- >= 1 paid order in it. Ranks: rank() over the ranking column, descending, so ties share a
-- rank (1, 2, 2, 4); rows are listed by rank, then user_id.
--
-- Returns one row per buyer of the period ranked $top or better:
--   rank           bigint: rank in the period
--   user_id        text: the buyer, as stored
--   gmv            decimal(18,2): sum of amount over the buyer's paid orders in the period
--   orders         bigint: the buyer's paid orders in the period
--   previous_rank  bigint: rank by the same column in the previous period (null: not on it)
--   rank_change    text: previous_rank - rank with a sign ('+3', '-1', '0'), 'new' when
--                  previous_rank is null
--   nickname       text: the member's nickname, else the latest one on the buyer's paid
--                  orders of the period (personal data: mask before display)

with

-- members carrying $tag (members.tags split by the base model member_spans)
tagged_members as (
    select user_id,
    from member_spans
    where list_contains(tag_list, cast($tag as varchar))
),

person_days as (
    select
        user_id,
        day,
        paid_orders,
        paid_amount,
    from person_days
    -- person_days is sorted by day: the bounds skip the row groups outside both periods
    where
        paid_orders > 0
        and day >= $prev_start
        and day <= $end
        and (
            cast($tag as varchar) is null
            or user_id in (select tagged_members.user_id from tagged_members)
        )
),

paid_orders as (
    select
        user_id,
        ordered_at,
        nickname,
    from paid_orders
    -- a range on the raw timestamp lets DuckDB skip row groups outside the period
    where
        ordered_at >= cast($start as timestamp)
        and ordered_at < cast($end as timestamp) + interval 1 day
),

members as (
    select
        user_id,
        nickname,
    from members
),

buyer_days as (
    select
        user_id,
        paid_orders,
        paid_amount,
        case
            when day between $start and $end then 'current'
            when day between $prev_start and $prev_end then 'previous'
        end as period,
    from person_days
),

buyer_totals as (
    select
        period,
        user_id,
        sum(paid_amount) as gmv,
        sum(paid_orders) as orders,
    from buyer_days
    where period is not null
    group by period, user_id
),

ranked as (
    select
        period,
        user_id,
        gmv,
        orders,
        rank() over (
            partition by period
            order by
                case $rank_by
                    when 'gmv' then cast(gmv as double)
                    when 'orders' then cast(orders as double)
                end desc
        ) as rank,
    from buyer_totals
),

board as (
    select
        current_board.rank,
        current_board.user_id,
        current_board.gmv,
        current_board.orders,
        previous_board.rank as previous_rank,
    from ranked as current_board
    left join ranked as previous_board
        on
            current_board.user_id = previous_board.user_id
            and previous_board.period = 'previous'
    where
        current_board.period = 'current'
        and (cast($top as bigint) is null or current_board.rank <= cast($top as bigint))
),

-- the latest nickname on each listed buyer's paid orders of the period
order_nicknames as (
    select
        user_id,
        arg_max(nickname, ordered_at) as nickname,
    from paid_orders
    where user_id in (select board.user_id from board)
    group by user_id
),

final as (
    select
        cast(board.rank as bigint) as rank,
        board.user_id,
        cast(board.gmv as decimal(18, 2)) as gmv,
        cast(board.orders as bigint) as orders,
        cast(board.previous_rank as bigint) as previous_rank,
        case
            when board.previous_rank is null then 'new'
            when board.previous_rank > board.rank
                then '+' || cast(board.previous_rank - board.rank as varchar)
            else cast(board.previous_rank - board.rank as varchar)
        end as rank_change,
        coalesce(members.nickname, order_nicknames.nickname) as nickname,
    from board
    left join members on board.user_id = members.user_id
    left join order_nicknames on board.user_id = order_nicknames.user_id
    order by rank, board.user_id
)

select * from final
