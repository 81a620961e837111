-- Span of a dataset's data, for as_of and the default date filters.
--
-- Parameters: none.
--
-- Returns one row:
--   last_order_day   date: day of the latest order of any status (as_of is the day after it)
--   first_day        date: earliest day over orders, members.joined_at, activity.at and
--                    group_daily.stat_date
--   last_day         date: latest day over the same
-- Every column is null when the tables hold no rows.

with

orders as (
    select ordered_at from orders
),

members as (
    select joined_at from members
),

activity as (
    select "at" from activity
),

group_daily as (
    select stat_date from group_daily
),

days as (
    select cast(ordered_at as date) as day from orders
    union all
    select cast(joined_at as date) as day from members
    union all
    select cast("at" as date) as day from activity
    union all
    select stat_date as day from group_daily
),

final as (
    select
        (select max(cast(ordered_at as date)) from orders) as last_order_day,
        (select min(day) from days) as first_day,
        (select max(day) from days) as last_day,
)

select * from final
