-- Base model (mart): the span of a dataset's data, for as_of and the default date filters.
--
-- materialized: table
--
-- Returns one row (every column null when the tables hold no rows):
--   last_order_day   date: day of the latest order of any status (as_of is the day after it)
--   first_day        date: earliest day over orders, members.joined_at, activity.at and
--                    group_daily.stat_date
--   last_day         date: latest day over the same

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

spans as (
    select
        min(cast(ordered_at as date)) as first_day,
        max(cast(ordered_at as date)) as last_day,
    from orders
    union all
    select
        min(cast(joined_at as date)) as first_day,
        max(cast(joined_at as date)) as last_day,
    from members
    union all
    select
        min(cast("at" as date)) as first_day,
        max(cast("at" as date)) as last_day,
    from activity
    union all
    select
        min(stat_date) as first_day,
        max(stat_date) as last_day,
    from group_daily
),

final as (
    select
        (select max(cast(ordered_at as date)) from orders) as last_order_day,
        (select min(spans.first_day) from spans) as first_day,
        (select max(spans.last_day) from spans) as last_day,
)

select * from final
