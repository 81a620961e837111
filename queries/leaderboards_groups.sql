-- Groups leaderboard: GMV, buyers, new members, daily active rate and repurchase rate per
-- group, ranked, with the rank in the previous period of equal length.
--
-- Parameters:
--   $start       date: first day of the period (inclusive)
--   $end         date: last day of the period (inclusive)
--   $prev_start  date: first day of the previous period (inclusive)
--   $prev_end    date: last day of the previous period (inclusive)
--   $last_day    date: last day of data; daily rates skip days after it (null: no limit)
--   $rank_by     text: column to rank by: 'gmv', 'buyers', 'members', 'daily_active_rate'
--                or 'repurchase_rate' (higher ranks first)
--   $top         integer: keep rows ranked $top or better (ties at the cut all kept);
--                null keeps every row
--
-- A paid order (status null or 'paid', amount > 0) counts in the group it came from
-- (orders.group_id), else in its buyer's main group (members.group_id); an order in no group
-- counts in no row. A member belongs to their main group (SPEC group health).
--   gmv, buyers        paid orders of the period in the group: sum of amount, distinct users
--   members            members of the group who joined in the period (new members)
--   daily_active_rate  per day: members of the group active that day (>= 1 activity or >= 1
--                      paid order, anywhere) / members of the group in the private domain
--                      that day (joined on or before it, not left on or before it); the plain
--                      mean over the days of the period up to $last_day where it is defined
--   repurchase_rate    first buyers of the period (first paid order over all data, ties by
--                      order_id, falls in it) whose first order is in the group, share with
--                      >= 2 paid orders over all data
-- A group is on a period's board when it has a paid order in the period or a defined daily
-- active rate; a row whose ranking value is undefined is not ranked (not listed). Ranks:
-- rank() over the ranking column, descending (ties share a rank: 1, 2, 2, 4); rows listed
-- by rank, then group_id.
--
-- Returns one row per group of the period ranked $top or better:
--   rank               bigint: rank in the period
--   group_id           text: the group as stored
--   gmv                decimal(18,2)
--   buyers             bigint
--   members            bigint
--   daily_active_rate  double (null: no member in the domain on any day of the period)
--   repurchase_rate    double (null: no first buyer in the group in the period)
--   previous_rank      bigint: rank by the same column in the previous period (null: not on it)
--   rank_change        text: previous_rank - rank with a sign ('+3', '-1', '0'), 'new' when
--                      previous_rank is null
--   name               text: the group's name from the groups table

with

members as (
    select
        user_id,
        group_id,
        cast(joined_at as date) as join_day,
        cast(left_at as date) as left_day,
    from members
),

activity as (
    select
        user_id,
        "at",
    from activity
),

groups as (
    select
        group_id,
        name,
    from groups
),

periods as (
    select
        'current' as period,
        cast($start as date) as first_day,
        cast($end as date) as last_day,
    union all
    select
        'previous' as period,
        cast($prev_start as date) as first_day,
        cast($prev_end as date) as last_day,
),

days as (
    select
        periods.period,
        cast(day_series.generate_series as date) as day,
    from periods
    cross join
        generate_series(
            cast(periods.first_day as timestamp),
            cast(
                least(periods.last_day, coalesce(cast($last_day as date), periods.last_day))
                as timestamp
            ),
            interval 1 day
        ) as day_series
),

-- paid orders of either period (the timestamp bounds let the scan skip the other days), in
-- the group they came from, else the buyer's main group: only the orders that name no group
-- are looked up in members
period_paid_orders as (
    select
        periods.period,
        orders.user_id,
        orders.amount,
        orders.group_id,
    from orders
    inner join periods
        on cast(orders.ordered_at as date) between periods.first_day and periods.last_day
    where
        (orders.status is null or orders.status = 'paid')
        and orders.amount > 0
        and orders.ordered_at >= cast(
            least(cast($start as date), cast($prev_start as date)) as timestamp
        )
        and orders.ordered_at < cast(
            greatest(cast($end as date), cast($prev_end as date)) as timestamp
        ) + interval 1 day
),

period_orders as (
    select
        period,
        user_id,
        amount,
        group_id,
    from period_paid_orders
    where group_id is not null
    union all
    select
        period_paid_orders.period,
        period_paid_orders.user_id,
        period_paid_orders.amount,
        members.group_id,
    from period_paid_orders
    left join members on period_paid_orders.user_id = members.user_id
    where period_paid_orders.group_id is null
),

group_sales as (
    select
        period,
        group_id,
        sum(amount) as gmv,
        count(distinct user_id) as buyers,
    from period_orders
    where group_id is not null
    group by period, group_id
),

group_joins as (
    select
        periods.period,
        members.group_id,
        count(*) as members,
    from members
    inner join periods on members.join_day between periods.first_day and periods.last_day
    where members.group_id is not null
    group by periods.period, members.group_id
),

-- per user over all data: the first paid order's group and the number of paid orders
user_orders as (
    select
        user_id,
        min(cast(ordered_at as date)) as first_day,
        arg_min_null(group_id, (ordered_at, order_id)) as first_group_id,
        count(*) as paid_orders,
    from orders
    where (status is null or status = 'paid') and amount > 0
    group by user_id
),

group_first_buyers as (
    select
        periods.period,
        coalesce(user_orders.first_group_id, members.group_id) as group_id,
        count(*) as first_buyers,
        count(*) filter (where user_orders.paid_orders >= 2) as repeat_buyers,
    from user_orders
    inner join periods
        on user_orders.first_day between periods.first_day and periods.last_day
    left join members on user_orders.user_id = members.user_id
    group by periods.period, coalesce(user_orders.first_group_id, members.group_id)
),

-- members in the domain per group and day, from running totals of joins (+1) and leaves (-1)
domain_changes as (
    select
        group_id,
        join_day as day,
        1 as change,
    from members
    where group_id is not null
    union all
    select
        group_id,
        greatest(join_day, left_day) as day,
        -1 as change,
    from members
    where group_id is not null and left_day is not null
),

domain_by_day as (
    select
        group_id,
        day,
        sum(sum(change)) over (partition by group_id order by day) as members,
    from domain_changes
    group by group_id, day
),

member_groups as (
    select distinct group_id from members
    where group_id is not null
),

in_domain as (
    select
        days.period,
        days.day,
        member_groups.group_id,
        coalesce(domain_by_day.members, 0) as members,
    from days
    cross join member_groups
    asof left join domain_by_day
        on
            member_groups.group_id = domain_by_day.group_id
            and days.day >= domain_by_day.day
),

active_days as (
    select
        user_id,
        cast("at" as date) as day,
    from activity
    where
        "at" >= cast($prev_start as timestamp)
        and "at" < cast($end as timestamp) + interval 1 day
    union
    select
        user_id,
        cast(ordered_at as date) as day,
    from orders
    where
        (status is null or status = 'paid')
        and amount > 0
        and ordered_at >= cast($prev_start as timestamp)
        and ordered_at < cast($end as timestamp) + interval 1 day
),

group_active as (
    select
        members.group_id,
        active_days.day,
        count(*) as active,
    from active_days
    inner join members
        on
            active_days.user_id = members.user_id
            and active_days.day >= members.join_day
            and (members.left_day is null or active_days.day < members.left_day)
    where members.group_id is not null
    group by members.group_id, active_days.day
),

group_rates as (
    select
        in_domain.period,
        in_domain.group_id,
        avg(
            case
                when in_domain.members > 0
                    then coalesce(group_active.active, 0) / in_domain.members
            end
        ) as daily_active_rate,
    from in_domain
    left join group_active
        on in_domain.group_id = group_active.group_id and in_domain.day = group_active.day
    group by in_domain.period, in_domain.group_id
),

board_groups as (
    select
        period,
        group_id,
    from group_sales
    union
    select
        period,
        group_id,
    from group_rates
    where daily_active_rate is not null
),

scored as (
    select
        board_groups.period,
        board_groups.group_id,
        coalesce(group_sales.gmv, 0) as gmv,
        coalesce(group_sales.buyers, 0) as buyers,
        coalesce(group_joins.members, 0) as members,
        group_rates.daily_active_rate,
        group_first_buyers.repeat_buyers / group_first_buyers.first_buyers as repurchase_rate,
    from board_groups
    left join group_sales
        on
            board_groups.period = group_sales.period
            and board_groups.group_id = group_sales.group_id
    left join group_joins
        on
            board_groups.period = group_joins.period
            and board_groups.group_id = group_joins.group_id
    left join group_rates
        on
            board_groups.period = group_rates.period
            and board_groups.group_id = group_rates.group_id
    left join group_first_buyers
        on
            board_groups.period = group_first_buyers.period
            and board_groups.group_id = group_first_buyers.group_id
),

ranking as (
    select
        period,
        group_id,
        gmv,
        buyers,
        members,
        daily_active_rate,
        repurchase_rate,
        case $rank_by
            when 'gmv' then cast(gmv as double)
            when 'buyers' then cast(buyers as double)
            when 'members' then cast(members as double)
            when 'daily_active_rate' then daily_active_rate
            when 'repurchase_rate' then repurchase_rate
        end as rank_value,
    from scored
),

ranked as (
    select
        period,
        group_id,
        gmv,
        buyers,
        members,
        daily_active_rate,
        repurchase_rate,
        rank() over (partition by period order by rank_value desc) as rank,
    from ranking
    where rank_value is not null
),

final as (
    select
        cast(current_board.rank as bigint) as rank,
        current_board.group_id,
        cast(current_board.gmv as decimal(18, 2)) as gmv,
        cast(current_board.buyers as bigint) as buyers,
        cast(current_board.members as bigint) as members,
        cast(current_board.daily_active_rate as double) as daily_active_rate,
        cast(current_board.repurchase_rate as double) as repurchase_rate,
        cast(previous_board.rank as bigint) as previous_rank,
        case
            when previous_board.rank is null then 'new'
            when previous_board.rank > current_board.rank
                then '+' || cast(previous_board.rank - current_board.rank as varchar)
            else cast(previous_board.rank - current_board.rank as varchar)
        end as rank_change,
        groups.name,
    from ranked as current_board
    left join ranked as previous_board
        on
            current_board.group_id = previous_board.group_id
            and previous_board.period = 'previous'
    left join groups on current_board.group_id = groups.group_id
    where
        current_board.period = 'current'
        and (cast($top as bigint) is null or current_board.rank <= cast($top as bigint))
    order by rank, current_board.group_id
)

select * from final
