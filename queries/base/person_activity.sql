-- Base model (mart): each person's latest activity, over all data.
--
-- materialized: table
--
-- Every activity row counts (any kind), members or not. Over all data: a metric that looks
-- at the activity up to a day before the last day of data reads `activity` instead.
--
-- Returns one row per person with >= 1 activity:
--   user_id    varchar
--   last_at    timestamp: time of the latest activity
--   last_day   date: its day

with

activity as (
    select
        user_id,
        "at",
    from activity
),

latest as (
    select
        user_id,
        max("at") as last_at,
    from activity
    group by user_id
),

final as (
    select
        user_id,
        last_at,
        cast(last_at as date) as last_day,
    from latest
)

select * from final
