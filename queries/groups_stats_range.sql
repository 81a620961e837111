-- First and last day of WeCom's group statistics (group_daily), for the date filter of a
-- dataset that holds nothing else.
--
-- Parameters: none.
--
-- Returns one row:
--   first_day        date: earliest stat_date (null without rows)
--   last_day         date: latest stat_date (null without rows)

with

group_daily as (
    select stat_date from group_daily
),

final as (
    select
        min(stat_date) as first_day,
        max(stat_date) as last_day,
    from group_daily
)

select * from final
