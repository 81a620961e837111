-- Buyers leaderboard: GMV and paid orders per buyer, ranked, with the rank in the previous
-- period of equal length.
--
-- Parameters:
--   $start       date: first day of the period (inclusive)
--   $end         date: last day of the period (inclusive)
--   $prev_start  date: first day of the previous period (inclusive)
--   $prev_end    date: last day of the previous period (inclusive)
--   $rank_by     text: column to rank by, 'gmv' or 'orders' (higher ranks first)
--   $top         integer: keep rows ranked $top or better (ties at the cut all kept);
--                null keeps every row
--
-- A paid order: status null or 'paid', and amount > 0. A buyer is on a period's board with
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
--   nickname       text: the member's nickname, else the latest one on the buyer's orders
--                  (personal data: mask before display)

with

orders as (
    select
        user_id,
        ordered_at,
        amount,
        status,
        nickname,
    from orders
),

members as (
    select
        user_id,
        nickname,
    from members
),

paid_orders as (
    select
        user_id,
        ordered_at,
        amount,
        nickname,
        case
            when cast(ordered_at as date) between $start and $end then 'current'
            when cast(ordered_at as date) between $prev_start and $prev_end then 'previous'
        end as period,
    from orders
    where
        (status is null or status = 'paid')
        and amount > 0
        -- a range on the raw timestamp lets DuckDB skip row groups outside both periods
        and ordered_at >= cast($prev_start as timestamp)
        and ordered_at < cast($end as timestamp) + interval 1 day
),

buyer_totals as (
    select
        period,
        user_id,
        sum(amount) as gmv,
        count(*) as orders,
        arg_max(nickname, ordered_at) as order_nickname,
    from paid_orders
    where period is not null
    group by period, user_id
),

ranked as (
    select
        period,
        user_id,
        gmv,
        orders,
        order_nickname,
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

final as (
    select
        cast(current_board.rank as bigint) as rank,
        current_board.user_id,
        cast(current_board.gmv as decimal(18, 2)) as gmv,
        cast(current_board.orders as bigint) as orders,
        cast(previous_board.rank as bigint) as previous_rank,
        case
            when previous_board.rank is null then 'new'
            when previous_board.rank > current_board.rank
                then '+' || cast(previous_board.rank - current_board.rank as varchar)
            else cast(previous_board.rank - current_board.rank as varchar)
        end as rank_change,
        coalesce(members.nickname, current_board.order_nickname) as nickname,
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
