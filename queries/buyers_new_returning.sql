-- New and returning buyers' GMV per week (有赞 会员分析: 新客 / 老客成交), weeks start on Monday.
--
-- Parameters:
--   $start   date: first day of the range (inclusive)
--   $end     date: last day of the range (inclusive)
--
-- A buyer is new in the week of their first paid order over all data (person_facts, ties by
-- order_id), and returning in every later week in which they pay: their first paid order
-- fell before the week. Only paid orders on days from $start to $end count, also in a week
-- that sticks out of the range; a first order before $start makes its buyer returning in
-- every week of the range. Every week of the range has a row, zero when nobody paid.
--
-- Returns one row per week:
--   week                date: the Monday of the week
--   new_buyers          bigint: buyers whose first paid order falls in the week
--   new_gmv             decimal(18,2): their paid amount in the week (first order and later ones)
--   returning_buyers    bigint: buyers paying in the week whose first paid order came before it
--   returning_gmv       decimal(18,2): their paid amount in the week

with

-- person_days is sorted by day: the bounds let the scan skip the other days
order_days as (
    select
        user_id,
        day,
        paid_amount,
    from person_days
    where paid_orders > 0 and day between $start and $end
),

person_facts as (
    select
        user_id,
        first_day,
    from person_facts
),

weeks as (
    select distinct cast(date_trunc('week', generate_series) as date) as week,
    from generate_series(cast($start as timestamp), cast($end as timestamp), interval 1 day)
),

buyer_weeks as (
    select
        order_days.user_id,
        cast(date_trunc('week', order_days.day) as date) as week,
        sum(order_days.paid_amount) as paid_amount,
        min(person_facts.first_day) as first_day,
    from order_days
    inner join person_facts on order_days.user_id = person_facts.user_id
    group by order_days.user_id, cast(date_trunc('week', order_days.day) as date)
),

week_totals as (
    select
        week,
        count(*) filter (where first_day >= week) as new_buyers,
        sum(paid_amount) filter (where first_day >= week) as new_gmv,
        count(*) filter (where first_day < week) as returning_buyers,
        sum(paid_amount) filter (where first_day < week) as returning_gmv,
    from buyer_weeks
    group by week
),

final as (
    select
        weeks.week,
        cast(coalesce(week_totals.new_buyers, 0) as bigint) as new_buyers,
        cast(coalesce(week_totals.new_gmv, 0) as decimal(18, 2)) as new_gmv,
        cast(coalesce(week_totals.returning_buyers, 0) as bigint) as returning_buyers,
        cast(coalesce(week_totals.returning_gmv, 0) as decimal(18, 2)) as returning_gmv,
    from weeks
    left join week_totals on weeks.week = week_totals.week
    order by weeks.week
)

select * from final
