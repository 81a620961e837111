-- The events a custom funnel can use (SPEC §4 "Funnels"): `join` (members), `order` (paid
-- orders) and every activity kind, with how often each occurs over all data.
--
-- Parameters: none
--
-- Returns one row per event that occurs at least once, most frequent first:
--   event   varchar: join, order or an activity kind (activity without a kind is left out)
--   events  bigint: number of occurrences

with

member_rows as (
    select user_id,
    from members
),

-- every paid order counts in its buyer's row (orders without a buyer in a row of their own)
person_facts as (
    select paid_orders,
    from person_facts
),

activity_rows as (
    select kind,
    from activity
),

counted as (
    select
        'join' as event,
        count(*) as events,
    from member_rows
    union all
    select
        'order' as event,
        coalesce(sum(paid_orders), 0) as events,
    from person_facts
    union all
    select
        kind as event,
        count(*) as events,
    from activity_rows
    where kind is not null and kind <> ''
    group by kind
),

final as (
    select
        event,
        cast(sum(events) as bigint) as events,
    from counted
    where events > 0
    group by event
    order by events desc, event asc
)

select * from final
