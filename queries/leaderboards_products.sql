-- Products leaderboard: units, GMV and buyers per product, ranked, with the rank in the
-- previous period of equal length.
--
-- Parameters:
--   $start       date: first day of the period (inclusive)
--   $end         date: last day of the period (inclusive)
--   $prev_start  date: first day of the previous period (inclusive)
--   $prev_end    date: last day of the previous period (inclusive)
--   $tag         text: only the lines of buyers who are members carrying this tag
--                (members.tags split as member_spans does); null: every buyer
--   $rank_by     text: column to rank by: 'units', 'gmv' or 'buyers' (higher ranks first)
--   $top         integer: keep rows ranked $top or better (ties at the cut all kept);
--                null keeps every row
--
-- Reads the lines of paid orders (paid_order_items: order_items when the import kept the
-- lines of a line-level export, else each order as one line with its own product).
-- Lines without a product name are left out (they belong to no product); a line without a
-- quantity counts as 1 unit. A product is on a period's board with >= 1 paid order line in
-- it. Ranks: rank() over the
-- ranking column, descending (ties share a rank: 1, 2, 2, 4); rows listed by rank, then
-- product.
--
-- Returns one row per product of the period ranked $top or better:
--   rank           bigint: rank in the period
--   product        text: the product name as stored
--   units          bigint: sum of quantity over the product's lines of paid orders in the
--                  period
--   gmv            decimal(18,2): sum of the lines' amounts
--   buyers         bigint: distinct users with >= 1 of those lines
--   previous_rank  bigint: rank by the same column in the previous period (null: not on it)
--   rank_change    text: previous_rank - rank with a sign ('+3', '-1', '0'), 'new' when
--                  previous_rank is null

with

-- members carrying $tag (members.tags split by the base model member_spans)
tagged_members as (
    select user_id,
    from member_spans
    where list_contains(tag_list, cast($tag as varchar))
),

paid_lines as (
    select
        user_id,
        ordered_at,
        amount,
        quantity,
        product,
    from paid_order_items
    where
        product is not null
        and (
            cast($tag as varchar) is null
            or user_id in (select tagged_members.user_id from tagged_members)
        )
        -- a range on the raw timestamp lets DuckDB skip row groups outside both periods
        and ordered_at >= cast($prev_start as timestamp)
        and ordered_at < cast($end as timestamp) + interval 1 day
),

product_orders as (
    select
        user_id,
        amount,
        product,
        coalesce(quantity, 1) as units,
        case
            when cast(ordered_at as date) between $start and $end then 'current'
            when cast(ordered_at as date) between $prev_start and $prev_end then 'previous'
        end as period,
    from paid_lines
),

product_sums as (
    select
        period,
        product,
        sum(units) as units,
        sum(amount) as gmv,
    from product_orders
    where period is not null
    group by period, product
),

-- distinct buyers, the costly part: of the previous period only when they rank it (one
-- aggregate of its own: a filtered distinct count beside the sums is much slower)
product_buyers as (
    select
        period,
        product,
        count(distinct user_id) as buyers,
    from product_orders
    where period = 'current' or (period = 'previous' and $rank_by = 'buyers')
    group by period, product
),

product_totals as (
    select
        product_sums.period,
        product_sums.product,
        product_sums.units,
        product_sums.gmv,
        product_buyers.buyers,
    from product_sums
    left join product_buyers
        on
            product_sums.period = product_buyers.period
            and product_sums.product = product_buyers.product
),

ranked as (
    select
        period,
        product,
        units,
        gmv,
        buyers,
        rank() over (
            partition by period
            order by
                case $rank_by
                    when 'units' then cast(units as double)
                    when 'gmv' then cast(gmv as double)
                    when 'buyers' then cast(buyers as double)
                end desc
        ) as rank,
    from product_totals
),

final as (
    select
        cast(current_board.rank as bigint) as rank,
        current_board.product,
        cast(current_board.units as bigint) as units,
        cast(current_board.gmv as decimal(18, 2)) as gmv,
        cast(current_board.buyers as bigint) as buyers,
        cast(previous_board.rank as bigint) as previous_rank,
        case
            when previous_board.rank is null then 'new'
            when previous_board.rank > current_board.rank
                then '+' || cast(previous_board.rank - current_board.rank as varchar)
            else cast(previous_board.rank - current_board.rank as varchar)
        end as rank_change,
    from ranked as current_board
    left join ranked as previous_board
        on
            current_board.product = previous_board.product
            and previous_board.period = 'previous'
    where
        current_board.period = 'current'
        and (cast($top as bigint) is null or current_board.rank <= cast($top as bigint))
    order by rank, current_board.product
)

select * from final
