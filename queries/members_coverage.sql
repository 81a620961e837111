-- The span of the whole-data person facts, for the members metrics' choice between reading
-- them and summing person_days (siyu/metrics/members.py `_covered`).
--
-- Parameters: none.
--
-- Returns one row (each column null without such rows):
--   first_paid_day      date: day of the earliest paid order (person_facts)
--   last_paid_day       date: day of the latest paid order (person_facts)
--   last_activity_day   date: day of the latest activity (person_activity)

with

person_facts as (
    select
        first_day,
        last_day,
    from person_facts
),

person_activity as (
    select last_day from person_activity
),

final as (
    select
        (select min(person_facts.first_day) from person_facts) as first_paid_day,
        (select max(person_facts.last_day) from person_facts) as last_paid_day,
        (
            select max(person_activity.last_day) from person_activity
        ) as last_activity_day,
)

select * from final
