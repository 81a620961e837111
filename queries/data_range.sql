-- Span of a dataset's data, for as_of and the default date filters.
--
-- Parameters: none.
--
-- Returns one row, the base model `dataset_facts`:
--   last_order_day   date: day of the latest order of any status (as_of is the day after it)
--   first_day        date: earliest day over orders, members.joined_at, activity.at and
--                    group_daily.stat_date
--   last_day         date: latest day over the same
-- Every column is null when the tables hold no rows.

with

final as (
    select
        last_order_day,
        first_day,
        last_day,
    from dataset_facts
)

select * from final
