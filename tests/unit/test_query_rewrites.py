"""The faster queries of issue 11 give the same results as the queries they replaced.

The old SQL text of `kpis_*`, `groups_health` and `leaderboards_groups` is kept here,
verbatim below its header, and both versions run on random small datasets (ties, refunds,
0-yuan orders, members who left, activity of non-members, orders and activity in no group).
"""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest

from siyu.db import Source

OLD_KPIS_ORDERS = """
with

orders as (
    select
        order_id,
        user_id,
        ordered_at,
        amount,
        status,
    from orders
),

paid_orders as (
    select
        order_id,
        user_id,
        ordered_at,
        amount,
        cast(ordered_at as date) as order_day,
        row_number() over (
            partition by user_id order by ordered_at, order_id
        ) as order_number,
    from orders
    where (status is null or status = 'paid') and amount > 0
),

in_period as (
    select
        user_id,
        amount,
    from paid_orders
    where order_day between $start and $end
),

first_orders as (
    select
        user_id,
        order_day as first_day,
    from paid_orders
    where order_number = 1
),

first_buyers as (
    select
        first_orders.user_id,
        count(paid_orders.order_id) as paid_orders,
        count(paid_orders.order_id) filter (
            where paid_orders.order_number > 1
            and paid_orders.order_day <= first_orders.first_day + cast($y_days as integer)
        ) as repeats_within_y,
    from first_orders
    inner join paid_orders on first_orders.user_id = paid_orders.user_id
    where first_orders.first_day between $start and $end
    group by first_orders.user_id
),

period_totals as (
    select
        count(distinct user_id) as buyers,
        count(*) as paid_orders,
        coalesce(sum(amount), 0) as gmv,
    from in_period
),

first_buyer_totals as (
    select
        count(*) as first_buyers,
        count(*) filter (where paid_orders >= 2) as repeat_buyers,
        count(*) filter (where repeats_within_y > 0) as repeat_buyers_y,
    from first_buyers
),

final as (
    select
        cast(period_totals.buyers as bigint) as buyers,
        cast(period_totals.paid_orders as bigint) as paid_orders,
        cast(period_totals.gmv as decimal(18, 2)) as gmv,
        cast(first_buyer_totals.first_buyers as bigint) as first_buyers,
        cast(first_buyer_totals.repeat_buyers as bigint) as repeat_buyers,
        cast(first_buyer_totals.repeat_buyers_y as bigint) as repeat_buyers_y,
    from period_totals
    cross join first_buyer_totals
)

select * from final
"""

OLD_KPIS_MEMBERS = """
with

members as (
    select
        user_id,
        cast(joined_at as date) as join_day,
    from members
),

orders as (
    select
        order_id,
        user_id,
        ordered_at,
        amount,
        status,
    from orders
),

paid_orders as (
    select
        order_id,
        user_id,
        cast(ordered_at as date) as order_day,
        row_number() over (
            partition by user_id order by ordered_at, order_id
        ) as order_number,
    from orders
    where (status is null or status = 'paid') and amount > 0
),

first_orders as (
    select
        user_id,
        order_day as first_day,
    from paid_orders
    where order_number = 1
),

new_members as (
    select
        members.user_id,
        members.join_day,
        first_orders.first_day,
    from members
    left join first_orders on members.user_id = first_orders.user_id
    where members.join_day between $start and $end
),

final as (
    select
        cast(count(*) as bigint) as members,
        cast(
            count(*) filter (
                where first_day between join_day and join_day + cast($x_days as integer)
            ) as bigint
        ) as converted,
    from new_members
)

select * from final
"""

OLD_KPIS_DAILY = """
with

members as (
    select
        user_id,
        cast(joined_at as date) as join_day,
        cast(left_at as date) as left_day,
    from members
),

orders as (
    select
        user_id,
        ordered_at,
        amount,
        status,
    from orders
),

activity as (
    select
        user_id,
        "at",
        kind,
    from activity
),

days as (
    select cast(generate_series as date) as day
    from generate_series(
        cast($start as timestamp),
        cast(least(cast($end as date), coalesce(cast($last_day as date), $end)) as timestamp),
        interval 1 day
    )
),

-- members in the domain per day, from running totals of joins (+1) and leaves (-1); a member
-- who left on or before the join day is in the domain on no day
domain_changes as (
    select
        join_day as day,
        1 as change,
    from members
    union all
    select
        greatest(join_day, left_day) as day,
        -1 as change,
    from members
    where left_day is not null
),

domain_by_day as (
    select
        day,
        sum(sum(change)) over (order by day) as members,
    from domain_changes
    group by day
),

-- an as-of join takes, for each day, the running total of the latest change on or before it
in_domain as (
    select
        days.day,
        coalesce(domain_by_day.members, 0) as members,
    from days
    asof left join domain_by_day on days.day >= domain_by_day.day
),

paid_days as (
    select distinct
        user_id,
        cast(ordered_at as date) as day,
    from orders
    where
        (status is null or status = 'paid')
        and amount > 0
        and cast(ordered_at as date) between $start and $end
),

activity_days as (
    select
        user_id,
        cast("at" as date) as day,
        bool_or(kind is null or kind <> 'view') as interactive,
    from activity
    where cast("at" as date) between $start and $end
    group by user_id, cast("at" as date)
),

active_days as (
    select
        coalesce(activity_days.user_id, paid_days.user_id) as user_id,
        coalesce(activity_days.day, paid_days.day) as day,
        coalesce(activity_days.interactive, false) as interactive,
        paid_days.user_id is not null as converting,
    from activity_days
    full outer join paid_days
        on activity_days.user_id = paid_days.user_id and activity_days.day = paid_days.day
),

active_members as (
    select
        active_days.day,
        count(*) as active,
        count(*) filter (where active_days.interactive) as interactive,
        count(*) filter (where active_days.converting) as converting,
    from active_days
    inner join days on active_days.day = days.day
    inner join members
        on
            active_days.user_id = members.user_id
            and active_days.day >= members.join_day
            and (members.left_day is null or active_days.day < members.left_day)
    group by active_days.day
),

daily_rates as (
    select
        in_domain.day,
        case
            when in_domain.members > 0
                then coalesce(active_members.active, 0) / in_domain.members
        end as daily_active_rate,
        case
            when active_members.active > 0
                then active_members.interactive / active_members.active
        end as interaction_rate,
        case
            when active_members.active > 0
                then active_members.converting / active_members.active
        end as conversion_rate,
    from in_domain
    left join active_members on in_domain.day = active_members.day
),

final as (
    select
        cast(count(*) as bigint) as days,
        cast(count(daily_active_rate) as bigint) as defined_days,
        avg(daily_active_rate) as daily_active_rate,
        avg(interaction_rate) as interaction_rate,
        avg(conversion_rate) as conversion_rate,
    from daily_rates
)

select * from final
"""

OLD_GROUPS_HEALTH = """
with

members as (
    select
        user_id,
        group_id,
        cast(joined_at as date) as join_day,
        cast(left_at as date) as left_day,
    from members
),

orders as (
    select
        user_id,
        ordered_at,
        amount,
        status,
    from orders
),

activity as (
    select
        user_id,
        "at",
        group_id,
        kind,
    from activity
),

groups as (
    select
        group_id,
        name,
    from groups
),

last_counted as (
    select least(cast($end as date), coalesce(cast($last_day as date), $end)) as day
),

days as (
    select cast(generate_series as date) as day
    from generate_series(
        cast($start as timestamp),
        cast((select last_counted.day from last_counted) as timestamp),
        interval 1 day
    )
),

-- members in the domain per group and day, from running totals of joins (+1) and leaves
-- (-1) per main group; a member who left on or before the join day is in it on no day
domain_changes as (
    select
        group_id,
        join_day as day,
        1 as change,
    from members
    union all
    select
        group_id,
        greatest(join_day, left_day) as day,
        -1 as change,
    from members
    where left_day is not null
),

domain_by_day as (
    select
        group_id,
        day,
        sum(sum(change)) over (partition by group_id order by day) as members,
    from domain_changes
    group by group_id, day
),

-- messages per group and day: rows naming a group are counted there directly; only the rows
-- naming none are looked up in members (their writer's main group)
message_cells as (
    select
        group_id,
        case when group_id is null then user_id end as writer,
        cast("at" as date) as day,
        count(*) as messages,
    from activity
    where
        (kind is null or kind = '' or kind = 'message')
        and cast("at" as date) between $start and (select last_counted.day from last_counted)
    group by group_id, case when group_id is null then user_id end, cast("at" as date)
),

message_counts as (
    select
        coalesce(message_cells.group_id, members.group_id) as group_id,
        message_cells.day,
        sum(message_cells.messages) as messages,
    from message_cells
    left join members on message_cells.writer = members.user_id
    group by coalesce(message_cells.group_id, members.group_id), message_cells.day
),

-- every activity row and paid order of the period, one stream
events as (
    select
        user_id,
        cast("at" as date) as day,
        kind is null or kind <> 'view' as interactive,
        false as converting,
    from activity
    where cast("at" as date) between $start and (select last_counted.day from last_counted)
    union all
    select
        user_id,
        cast(ordered_at as date) as day,
        false as interactive,
        true as converting,
    from orders
    where
        (status is null or status = 'paid')
        and amount > 0
        and cast(ordered_at as date) between $start and (select last_counted.day from last_counted)
),

-- members numbered, so that the big aggregation below groups by integers
member_numbers as (
    select
        user_id,
        group_id,
        join_day,
        left_day,
        row_number() over () as member_number,
    from members
),

-- one row per member and day in the domain with an event: the join keeps members only, on
-- the days they are in the domain
member_days as (
    select
        member_numbers.member_number,
        events.day,
        any_value(member_numbers.group_id) as group_id,
        bool_or(events.interactive) as interactive,
        bool_or(events.converting) as converting,
    from events
    inner join member_numbers
        on
            events.user_id = member_numbers.user_id
            and events.day >= member_numbers.join_day
            and (member_numbers.left_day is null or events.day < member_numbers.left_day)
    group by member_numbers.member_number, events.day
),

active_members as (
    select
        group_id,
        day,
        count(*) as active,
        count(*) filter (where interactive) as interactive,
        count(*) filter (where converting) as converting,
    from member_days
    group by group_id, day
),

group_keys as (
    select group_id from members
    union
    select group_id from message_counts
),

group_days as (
    select
        group_keys.group_id,
        days.day,
    from group_keys
    cross join days
),

-- an as-of join takes, for each group and day, the running total of the latest change on or
-- before it (`is not distinct from`: the members in no group form a group of their own)
in_domain as (
    select
        group_days.group_id,
        group_days.day,
        coalesce(domain_by_day.members, 0) as members,
    from group_days
    asof left join domain_by_day
        on
            group_days.group_id is not distinct from domain_by_day.group_id
            and group_days.day >= domain_by_day.day
),

group_day as (
    select
        in_domain.group_id,
        in_domain.day,
        in_domain.members,
        coalesce(active_members.active, 0) as active,
        coalesce(active_members.interactive, 0) as interactive,
        coalesce(active_members.converting, 0) as converting,
        coalesce(message_counts.messages, 0) as messages,
    from in_domain
    left join active_members
        on
            in_domain.group_id is not distinct from active_members.group_id
            and in_domain.day = active_members.day
    left join message_counts
        on
            in_domain.group_id is not distinct from message_counts.group_id
            and in_domain.day = message_counts.day
),

with_totals as (
    select
        grouping(group_id) = 1 as is_total,
        group_id,
        day,
        cast(sum(members) as bigint) as members,
        cast(sum(active) as bigint) as active,
        cast(sum(interactive) as bigint) as interactive,
        cast(sum(converting) as bigint) as converting,
        cast(sum(messages) as bigint) as messages,
    from group_day
    group by grouping sets ((group_id, day), (day))
),

daily_rates as (
    select
        *,
        case when members > 0 then active / members end as daily_active_rate,
        case when active > 0 then interactive / active end as interaction_rate,
        case when active > 0 then converting / active end as conversion_rate,
    from with_totals
    where is_total or members > 0 or messages > 0
),

final as (
    select
        daily_rates.is_total,
        daily_rates.group_id,
        groups.name,
        daily_rates.day,
        daily_rates.members,
        daily_rates.active,
        daily_rates.interactive,
        daily_rates.converting,
        daily_rates.messages,
        daily_rates.daily_active_rate,
        daily_rates.interaction_rate,
        daily_rates.conversion_rate,
        count(daily_rates.daily_active_rate) over summary as defined_days,
        avg(daily_rates.daily_active_rate) over summary as mean_daily_active_rate,
        avg(daily_rates.interaction_rate) over summary as mean_interaction_rate,
        avg(daily_rates.conversion_rate) over summary as mean_conversion_rate,
        cast(sum(daily_rates.messages) over summary as bigint) as period_messages,
        cast(
            sum(
                case
                    when daily_rates.day = (select last_counted.day from last_counted)
                        then daily_rates.members
                    else 0
                end
            ) over summary as bigint
        ) as size,
        row_number() over (summary order by daily_rates.day desc) = 1 as summary_row,
    from daily_rates
    left join groups on daily_rates.group_id = groups.group_id and not daily_rates.is_total
    window summary as (partition by daily_rates.is_total, daily_rates.group_id)
    order by daily_rates.is_total desc, daily_rates.group_id asc nulls last, daily_rates.day asc
)

select * from final
"""

OLD_LEADERBOARDS_GROUPS = """
with

orders as (
    select
        order_id,
        user_id,
        ordered_at,
        amount,
        status,
        group_id,
    from orders
),

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

paid_orders as (
    select
        order_id,
        user_id,
        ordered_at,
        amount,
        group_id,
        cast(ordered_at as date) as order_day,
    from orders
    where (status is null or status = 'paid') and amount > 0
),

-- orders of either period, in the group they came from, else the buyer's main group
period_orders as (
    select
        periods.period,
        paid_orders.user_id,
        paid_orders.amount,
        coalesce(paid_orders.group_id, members.group_id) as group_id,
    from paid_orders
    inner join periods
        on paid_orders.order_day between periods.first_day and periods.last_day
    left join members on paid_orders.user_id = members.user_id
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
        min(order_day) as first_day,
        arg_min_null(group_id, (ordered_at, order_id)) as first_group_id,
        count(*) as paid_orders,
    from paid_orders
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
        order_day as day,
    from paid_orders
    where order_day between $prev_start and $end
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
"""

DAY0 = dt.datetime(2024, 3, 1)
GROUPS = ["G1", "G2", "G3", None]


def random_source(seed: int) -> Source:
    rng = random.Random(seed)
    users = [f"U{i:03d}" for i in range(25)]

    def at() -> dt.datetime:
        return DAY0 + dt.timedelta(days=rng.randint(0, 30), hours=rng.choice([0, 9, 23]))

    members = []
    for u in users[:20]:
        joined = at()
        left = rng.choice([None, None, joined + dt.timedelta(days=rng.randint(-1, 10))])
        group = rng.choice(GROUPS)
        members.append({"user_id": u, "joined_at": joined, "left_at": left, "group_id": group})
    orders = [
        {
            "order_id": f"O{i:04d}",
            "user_id": rng.choice(users),
            "ordered_at": at(),
            "amount": rng.choice([0, 9.9, 20, 35.5]),
            "status": rng.choice(["paid", "paid", "paid", "refunded", None]),
            "group_id": rng.choice(GROUPS),
        }
        for i in range(rng.choice([0, 100, 300]))
    ]
    activity = [
        {
            "user_id": rng.choice(users),
            "at": at(),
            "kind": rng.choice(["view", "message", None, ""]),
            "group_id": rng.choice(GROUPS),
        }
        for _ in range(rng.choice([0, 150, 400]))
    ]
    return Source(
        {
            "members": pd.DataFrame(
                members, columns=["user_id", "joined_at", "left_at", "group_id"]
            ),
            "orders": pd.DataFrame(
                orders,
                columns=["order_id", "user_id", "ordered_at", "amount", "status", "group_id"],
            ),
            "activity": pd.DataFrame(activity, columns=["user_id", "at", "kind", "group_id"]),
            "groups": pd.DataFrame({"group_id": ["G1", "G2"], "name": ["one", "two"]}),
        }
    )


def run(source: Source, sql: str, params: dict) -> pd.DataFrame:
    cur = source.cursor()
    try:
        return cur.execute(sql, params).df()
    finally:
        cur.close()


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(
    ("name", "old", "extra"),
    [
        ("kpis_orders", OLD_KPIS_ORDERS, {"y_days": 2}),
        ("kpis_members", OLD_KPIS_MEMBERS, {"x_days": 1}),
        ("kpis_daily", OLD_KPIS_DAILY, {"last_day": dt.date(2024, 3, 25)}),
    ],
)
def test_new_kpi_query_equals_old(seed, name, old, extra):
    source = random_source(seed)
    rng = random.Random(seed)
    first = dt.date(2024, 3, 1) + dt.timedelta(days=rng.randint(0, 20))
    last = first + dt.timedelta(days=rng.randint(0, 12))
    # the previous period: of equal length before, or any other range (they may overlap)
    prev_first = first - dt.timedelta(days=rng.choice([(last - first).days + 1, 3, 0]))
    prev_last = prev_first + (last - first)
    if rng.random() < 0.3:
        extra = {**extra, "last_day": None} if "last_day" in extra else extra
    current = {"start": first, "end": last, **extra}
    previous = {"start": prev_first, "end": prev_last, **extra}

    # one period: one row, the old query's
    got = source.query(name, **current, prev_start=None, prev_end=None)
    assert list(got["period"]) == ["current"]
    expected = run(source, old, current)
    pd.testing.assert_frame_equal(got.drop(columns="period"), expected, check_dtype=False)

    # two periods in one run: each row equals the old query run on its period alone
    got = source.query(name, **current, prev_start=prev_first, prev_end=prev_last)
    assert list(got["period"]) == ["current", "previous"]
    for row, params in ((0, current), (1, previous)):
        expected = run(source, old, params)
        pd.testing.assert_frame_equal(
            got.iloc[[row]].drop(columns="period").reset_index(drop=True),
            expected,
            check_dtype=False,
        )


@pytest.mark.parametrize("seed", range(12))
def test_new_groups_health_equals_old(seed):
    source = random_source(seed)
    rng = random.Random(seed)
    first = dt.date(2024, 3, 1) + dt.timedelta(days=rng.randint(0, 20))
    params = {
        "start": first,
        "end": first + dt.timedelta(days=rng.randint(0, 12)),
        "last_day": rng.choice([None, dt.date(2024, 3, 25)]),
    }
    expected = run(source, OLD_GROUPS_HEALTH, params)
    got = source.query("groups_health", **params)
    assert len(expected) > 0 or seed % 3 == 0
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(
    "rank_by", ["gmv", "buyers", "members", "daily_active_rate", "repurchase_rate"]
)
def test_new_leaderboards_groups_equals_old(seed, rank_by):
    source = random_source(seed)
    rng = random.Random(seed)
    length = dt.timedelta(days=rng.randint(0, 10))
    start = dt.date(2024, 3, 12) + dt.timedelta(days=rng.randint(0, 10))
    prev_start = start - length - dt.timedelta(days=1)
    params = {
        "start": start,
        "end": start + length,
        "prev_start": prev_start,
        "prev_end": prev_start + length,
        "last_day": rng.choice([None, dt.date(2024, 3, 25)]),
        "rank_by": rank_by,
        "top": rng.choice([None, 2]),
    }
    expected = run(source, OLD_LEADERBOARDS_GROUPS, params)
    got = source.query("leaderboards_groups", **params)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
