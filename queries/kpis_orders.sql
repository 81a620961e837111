-- Order KPIs of a period and, optionally, of the period before it: buyers, paid orders, GMV,
-- and the repurchase of first buyers.
--
-- Parameters:
--   $start       date: first day of the period (inclusive)
--   $end         date: last day of the period (inclusive)
--   $prev_start  date: first day of the previous period (inclusive; null: no previous row)
--   $prev_end    date: last day of the previous period (inclusive)
--   $y_days      integer: repurchase window, days after the first order's day (same day =
--                day 0)
--   $last_day       date: last day of data; the current period is read up to it, and a first
--                   buyer is pending when their window ends after it (null: no limit, none
--                   pending)
--   $prev_last_day  date: the day up to which the previous period is read (null: all data)
--
-- Paid orders, per person and day, from the base model person_days; each buyer's first and
-- second paid order (over all data, ties broken by order_id) from person_facts.
--
-- Like for like (SPEC §4 "Windows and comparisons"): a period read up to a day counts only
-- what had happened by then: its orders, first buyers and second orders on or before it.
-- The caller reads the previous period up to $last_day minus the shift between the periods,
-- so each of its first buyers has had exactly as many days to come back as the first buyer
-- on the same day of the current period has had by $last_day. No paid order lies after the
-- last day of data, so the current period read up to $last_day is the plain one (SPEC §4).
--
-- Returns one row per period ('current', then 'previous' when $prev_start is given):
--   period              text: 'current' or 'previous'
--   buyers              bigint: distinct users with >= 1 paid order in the period
--   paid_orders         bigint: paid orders in the period
--   gmv                 decimal(18,2): sum of amount over paid orders in the period
--   first_buyers        bigint: users whose first order falls in the period
--   repeat_buyers       bigint: of those, users with >= 2 paid orders over all data
--   repeat_buyers_y     bigint: of those, users with another paid order on or before
--                       day $y_days after the first order's day
--   pending_ever        bigint: first buyers without a second paid order by the period's
--                       read day (the "ever" window never closes: they may still come back)
--   pending_y           bigint: first buyers whose day $y_days after the first order's day
--                       lies after the period's read day (their window is still open)

with

person_facts as (
    select
        first_day,
        second_day,
    from person_facts
),

-- the days with a paid order of either period; person_days is sorted by day, so the bounds
-- let the scan skip the other days
order_days as (
    select
        user_id,
        day,
        paid_orders,
        paid_amount,
    from person_days
    where
        paid_orders > 0
        and day >= least(cast($start as date), coalesce(cast($prev_start as date), $start))
        and day <= greatest(cast($end as date), coalesce(cast($prev_end as date), $end))
),

-- read_day: the day up to which a period is read (null: all data); last_day is cut to it
periods as (
    select
        'current' as period,
        cast($start as date) as first_day,
        least(cast($end as date), coalesce(cast($last_day as date), $end)) as last_day,
        cast($last_day as date) as read_day,
    union all
    select
        'previous' as period,
        cast($prev_start as date) as first_day,
        least(cast($prev_end as date), coalesce(cast($prev_last_day as date), $prev_end))
            as last_day,
        cast($prev_last_day as date) as read_day,
    where $prev_start is not null
),

-- the second order's day is the earliest day of another order: one on or before day $y_days
-- exists when that day is in reach (and, for a period read up to a day, on or before it)
first_buyers as (
    select
        periods.period,
        person_facts.first_day + cast($y_days as integer) as window_end,
        coalesce(
            person_facts.second_day <= coalesce(periods.read_day, person_facts.second_day),
            false
        ) as came_back,
        coalesce(
            person_facts.second_day
            <= least(
                person_facts.first_day + cast($y_days as integer),
                coalesce(periods.read_day, person_facts.second_day)
            ),
            false
        ) as came_back_y,
        periods.read_day,
    from person_facts
    inner join periods
        on person_facts.first_day between periods.first_day and periods.last_day
),

first_buyer_totals as (
    select
        period,
        count(*) as first_buyers,
        count(*) filter (where came_back) as repeat_buyers,
        count(*) filter (where came_back_y) as repeat_buyers_y,
        count(*) filter (where not came_back) as pending_ever,
        count(*) filter (where window_end > read_day) as pending_y,
    from first_buyers
    group by period
),

period_totals as (
    select
        periods.period,
        count(distinct order_days.user_id) as buyers,
        sum(order_days.paid_orders) as paid_orders,
        sum(order_days.paid_amount) as gmv,
    from order_days
    inner join periods
        on order_days.day between periods.first_day and periods.last_day
    group by periods.period
),

final as (
    select
        periods.period,
        cast(coalesce(period_totals.buyers, 0) as bigint) as buyers,
        cast(coalesce(period_totals.paid_orders, 0) as bigint) as paid_orders,
        cast(coalesce(period_totals.gmv, 0) as decimal(18, 2)) as gmv,
        cast(coalesce(first_buyer_totals.first_buyers, 0) as bigint) as first_buyers,
        cast(coalesce(first_buyer_totals.repeat_buyers, 0) as bigint) as repeat_buyers,
        cast(coalesce(first_buyer_totals.repeat_buyers_y, 0) as bigint) as repeat_buyers_y,
        cast(coalesce(first_buyer_totals.pending_ever, 0) as bigint) as pending_ever,
        cast(coalesce(first_buyer_totals.pending_y, 0) as bigint) as pending_y,
    from periods
    left join period_totals on periods.period = period_totals.period
    left join first_buyer_totals on periods.period = first_buyer_totals.period
    order by periods.period
)

select * from final
