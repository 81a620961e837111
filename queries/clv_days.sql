-- Lifetime value, tracking: the calibration buyers' first and repeat purchase days per day.
--
-- Parameters:
--   $calibration_end  date: the last day of calibration; its buyers are those whose first
--                     paid order falls on or before it
--   $holdout_end      date: the last day counted (the end of the holdout period)
--
-- Purchase days as queries/clv_people.sql (person_days with a paid order; first days from
-- person_facts). A repeat purchase day is any purchase day after the person's first.
--
-- Returns one row per day with a first or a repeat purchase day of those buyers, by day:
--   day            date
--   first_buyers   bigint: buyers whose first purchase day it is
--   repeat_days    bigint: buyers with a repeat purchase day on it

with

person_facts as (
    select
        user_id,
        first_day,
    from person_facts
    where first_day <= cast($calibration_end as date)
),

person_days as (
    select
        user_id,
        day,
    from person_days
    where paid_orders > 0 and day <= cast($holdout_end as date)
),

repeats as (
    select
        person_days.day,
        count(*) as repeat_days,
    from person_days
    inner join person_facts on person_days.user_id = person_facts.user_id
    where person_days.day > person_facts.first_day
    group by person_days.day
),

firsts as (
    select
        first_day as day,
        count(*) as first_buyers,
    from person_facts
    group by first_day
),

final as (
    select
        coalesce(firsts.day, repeats.day) as day,
        cast(coalesce(firsts.first_buyers, 0) as bigint) as first_buyers,
        cast(coalesce(repeats.repeat_days, 0) as bigint) as repeat_days,
    from firsts
    full outer join repeats on firsts.day = repeats.day
    order by day
)

select * from final
