-- Cohort value curves (SPEC §4): cumulative paid amount of a cohort by period since each
-- person's start.
--
-- Parameters:
--   $start            date: first day of the period; people who started in it form cohorts
--   $end              date: last day of the period (inclusive)
--   $last_day         date: last day of data; orders after it are ignored, periods ending
--                     after it are not observed
--   $cohort_by        text: 'join' (start = members' join day; the people are members) or
--                     'first_order' (start = first purchase day; every buyer)
--   $value_grain      text: 'week' (a cohort is the Monday of the start week, period n the
--                     days 7n … 7n+6 after the start) or 'month' (the first day of the start
--                     month; period n from start + n months to the day before start + n + 1)
--   $value_periods    integer: number of periods (0 … $value_periods - 1)
--   $breakdown        text: 'none' or 'channel' (members.channel; null for a buyer who is no
--                     member)
--
-- Paid amount: person_days (paid orders of the base model paid_orders, summed per day) from
-- each person's start day on; for join cohorts orders before joining do not count. A cell is
-- observed when its period has ended, on or before $last_day, for every person of the cohort
-- (the cohort's latest start day decides).
--
-- Returns one row per (segment, cohort, period), by segment (nulls first), cohort, period:
--   segment       varchar: the channel (null without a breakdown, or when unknown)
--   cohort        date
--   cohort_size   bigint: people of the cohort (and segment)
--   period        integer
--   observed      boolean
--   amount        decimal(18,2): paid amount in the period
--   cumulative    decimal(18,2): paid amount in periods 0 … period

with

member_spans as (
    select
        user_id,
        join_day,
        channel,
    from member_spans
),

person_facts as (
    select
        user_id,
        first_day,
    from person_facts
),

person_days as (
    select
        user_id,
        day,
        paid_amount,
    from person_days
    where paid_orders > 0 and day <= cast($last_day as date)
),

starts as (
    select
        user_id,
        join_day as start_day,
        channel,
    from member_spans
    where
        $cohort_by = 'join'
        and join_day between cast($start as date) and cast($end as date)
    union all
    select
        person_facts.user_id,
        person_facts.first_day as start_day,
        member_spans.channel,
    from person_facts
    left join member_spans on person_facts.user_id = member_spans.user_id
    where
        $cohort_by = 'first_order'
        and person_facts.first_day between cast($start as date) and cast($end as date)
),

people as (
    select
        user_id,
        start_day,
        case when $breakdown = 'channel' then channel end as segment,
        cast(
            case
                when $value_grain = 'week' then date_trunc('week', start_day)
                else date_trunc('month', start_day)
            end as date
        ) as cohort,
    from starts
),

cohorts as (
    select
        segment,
        cohort,
        count(*) as cohort_size,
        max(start_day) as last_start,
    from people
    group by segment, cohort
),

spend as (
    select
        people.segment,
        people.cohort,
        case
            when $value_grain = 'week' then (person_days.day - people.start_day) // 7
            else
                date_diff('month', people.start_day, person_days.day)
                - case
                    when
                        people.start_day
                        + to_months(date_diff('month', people.start_day, person_days.day))
                        > person_days.day
                        then 1
                    else 0
                end
        end as period,
        sum(person_days.paid_amount) as amount,
    from person_days
    inner join people
        on person_days.user_id = people.user_id and person_days.day >= people.start_day
    group by all
),

grid as (
    select
        cohorts.segment,
        cohorts.cohort,
        cohorts.cohort_size,
        cohorts.last_start,
        cast(periods.period as integer) as period,
    from cohorts
    cross join range(0, $value_periods) as periods (period)
),

final as (
    select
        grid.segment,
        grid.cohort,
        cast(grid.cohort_size as bigint) as cohort_size,
        grid.period,
        case
            when $value_grain = 'week'
                then grid.last_start + 7 * (grid.period + 1) - 1 <= cast($last_day as date)
            else
                cast(grid.last_start + to_months(grid.period + 1) as date) - 1
                <= cast($last_day as date)
        end as observed,
        cast(coalesce(spend.amount, 0) as decimal(18, 2)) as amount,
        cast(
            sum(coalesce(spend.amount, 0)) over (
                partition by grid.segment, grid.cohort order by grid.period
            ) as decimal(18, 2)
        ) as cumulative,
    from grid
    left join spend
        on
            grid.cohort = spend.cohort
            and grid.period = spend.period
            and grid.segment is not distinct from spend.segment
    order by grid.segment nulls first, grid.cohort, grid.period
)

select * from final
