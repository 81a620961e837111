"""The faster queries of issue 11 give the same results as the queries they replaced.

The old SQL text of `kpis_*` is kept here, verbatim below its header, and both versions run
on random small datasets (ties, refunds, 0-yuan orders, members who left, activity of
non-members, orders and activity in no group). Group health and the groups board are compared
with the old code from git in `test_same_numbers.py`.
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

    # issue 18 added a read day to each period (null here: read over all data, as before)
    # and the pending counts; the old columns must stay what they were
    unread = {k: None for k in ("last_day", "prev_last_day") if k not in current}

    # one period: one row, the old query's
    got = source.query(name, **current, **unread, prev_start=None, prev_end=None)
    assert list(got["period"]) == ["current"]
    expected = run(source, old, current)
    pd.testing.assert_frame_equal(got[list(expected.columns)], expected, check_dtype=False)

    # two periods in one run: each row equals the old query run on its period alone
    got = source.query(name, **current, **unread, prev_start=prev_first, prev_end=prev_last)
    assert list(got["period"]) == ["current", "previous"]
    for row, params in ((0, current), (1, previous)):
        expected = run(source, old, params)
        pd.testing.assert_frame_equal(
            got.iloc[[row]][list(expected.columns)].reset_index(drop=True),
            expected,
            check_dtype=False,
        )
