-- Member funnel (SPEC §4 "Funnels"): joined in the period → first order within $x_days of
-- joining → repurchase within $y_days of the first order: the counts per breakdown value,
-- or the members who dropped out (one definition of who is in which step for both).
--
-- Parameters:
--   $start      date: first join day of the period (inclusive)
--   $end        date: last join day of the period (inclusive)
--   $x_days     integer: the first order falls on day 0 ... $x_days after the join day
--   $y_days     integer: the second paid order falls on or before day $y_days after the
--               first order's day (the same day counts)
--   $member_breakdown  text: 'none', 'channel', 'group' (members.group_id), 'join_week'
--               (Monday of the join week, YYYY-MM-DD) or 'campaign' (of the first order)
--   $funnel_output     text: 'steps' (counts per breakdown value) or 'people' (the members
--               who did not reach the last step)
--   $last_day   date: last day of data; a member whose window for a step ends after it is
--               pending at that step (null: none pending)
--   $read_until date: read the orders as they stood at the end of this day (orders after it
--               have not happened yet; null: all data) — a previous period read like for
--               like with the current one (SPEC §4 "Windows and comparisons")
--
-- A member's first order is their first paid order over all data (`person_facts`); a first
-- order before the join day does not convert, and a later order cannot replace it. The
-- repurchase is the second paid order. Steps are nested: a repurchase counts only for a
-- member who reached the first-order step.
--
-- Returns, for 'steps', one row per breakdown value (one row with a null value for 'none'):
--   breakdown            varchar: the value (null when not known)
--   joined               bigint: members who joined in the period
--   first_order          bigint: of those, first order on day 0 ... $x_days
--   repurchase           bigint: of those, second paid order by day $y_days after the first
--   first_order_hours    double: median hours from joined_at to the first order (may be
--                        negative when the first order lies earlier on the join day)
--   repurchase_hours     double: median hours from the first to the second order
--   first_order_pending  bigint: joined members whose day $x_days after the join day lies
--                        after $last_day (still inside the first-order window)
--   repurchase_pending   bigint: members of the first-order step whose day $y_days after the
--                        first order's day lies after $last_day (still inside the window)
-- for 'people', one row per member who joined in the period and did not reach the last
-- step, ordered by step, join time and id:
--   step            varchar: the step not reached, 'first_order' or 'repurchase'
--   user_id         varchar
--   joined_at       timestamp
--   channel         varchar
--   group_id        varchar
--   first_order_at  timestamp: the first paid order over all data (null if none)
--   nickname        varchar: as stored (masked by the caller)
--   phone           varchar: as stored (masked at import)
-- (each output's columns, the other output's columns null; no rows of the other output)

with

new_members as (
    select
        user_id,
        joined_at,
        cast(joined_at as date) as join_day,
        channel,
        group_id,
        nickname,
        phone,
    from members
    where
        joined_at >= cast($start as timestamp)
        and joined_at < cast($end as timestamp) + interval 1 day
),

person_facts as (
    select
        user_id,
        case
            when
                $read_until is null or cast(first_at as date) <= cast($read_until as date)
                then first_at
        end as first_at,
        case
            when
                $read_until is null or cast(second_at as date) <= cast($read_until as date)
                then second_at
        end as second_at,
        first_campaign,
    from person_facts
),

member_steps as (
    select
        new_members.user_id,
        new_members.joined_at,
        new_members.channel,
        new_members.group_id,
        new_members.nickname,
        new_members.phone,
        person_facts.first_at,
        person_facts.second_at,
        case $member_breakdown
            when 'channel' then new_members.channel
            when 'group' then new_members.group_id
            when 'join_week'
                then strftime(date_trunc('week', new_members.join_day), '%Y-%m-%d')
            when 'campaign' then person_facts.first_campaign
        end as breakdown,
        coalesce(
            cast(person_facts.first_at as date)
            between new_members.join_day
            and new_members.join_day + cast($x_days as integer),
            false
        ) as converted,
        coalesce(
            cast(person_facts.second_at as date)
            <= cast(person_facts.first_at as date) + cast($y_days as integer),
            false
        ) as second_in_time,
        coalesce(
            new_members.join_day + cast($x_days as integer) > cast($last_day as date), false
        ) as first_order_open,
        coalesce(
            cast(person_facts.first_at as date) + cast($y_days as integer)
            > cast($last_day as date),
            false
        ) as repurchase_open,
    from new_members
    left join person_facts on new_members.user_id = person_facts.user_id
),

step_rows as (
    select
        breakdown,
        count(*) as joined,
        count(*) filter (where converted) as first_order,
        count(*) filter (where converted and second_in_time) as repurchase,
        median((epoch(first_at) - epoch(joined_at)) / 3600.0) filter (
            where converted
        ) as first_order_hours,
        median((epoch(second_at) - epoch(first_at)) / 3600.0) filter (
            where converted and second_in_time
        ) as repurchase_hours,
        count(*) filter (where first_order_open) as first_order_pending,
        count(*) filter (where converted and repurchase_open) as repurchase_pending,
    from member_steps
    where $funnel_output = 'steps'
    group by breakdown
),

people_rows as (
    select
        case when converted then 'repurchase' else 'first_order' end as step,
        user_id,
        joined_at,
        channel,
        group_id,
        first_at as first_order_at,
        nickname,
        phone,
    from member_steps
    where $funnel_output = 'people' and not (converted and second_in_time)
),

final as (
    select * from step_rows
    union all by name
    select * from people_rows
    order by step asc, joined_at asc, user_id asc
)

select * from final
