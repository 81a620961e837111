-- Base model (mart): each buyer's days with a paid order, as one list, over all data.
--
-- materialized: table
--
-- The days of person_days with a paid order, gathered per person and sorted by the first
-- one, so that retention and the 7-day method read a cohort's purchase days as a few
-- contiguous rows (zone maps on first_day) instead of joining every person-day of a period.
-- first_day is the day of the person's first paid order (person_facts.first_day).
--
-- Returns one row per person with >= 1 paid order, sorted by first_day, user_id:
--   user_id            varchar
--   first_day          date: the first day with a paid order
--   first_day_orders   bigint: paid orders on that day
--   order_days         date[]: every day with a paid order, ascending (first_day first)

with

person_days as (
    select
        user_id,
        day,
        paid_orders,
    from person_days
    where paid_orders > 0
),

final as (
    select
        user_id,
        min(day) as first_day,
        cast(arg_min(paid_orders, day) as bigint) as first_day_orders,
        list(day order by day) as order_days,
    from person_days
    group by user_id
    order by first_day, user_id
)

select * from final
