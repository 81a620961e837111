-- AARRR funnel (SPEC §4 "Funnels") of the members who joined in the period, nested: each
-- step counts the members who also reached every earlier step.
--
-- Parameters:
--   $start   date: first join day of the period (inclusive)
--   $end     date: last join day of the period (inclusive)
--   $x_days  integer: activation window, day 0 ... $x_days after the join day
--   $last_day  date: last day of data; a member whose window for a step ends after it is
--            pending at that step (null: none pending)
--
-- Days are calendar days after the join day (join day = day 0). Steps of a member:
--   acquisition  joined in the period
--   activation   any activity on day 0 ... $x_days
--   retention    any activity or paid order on day 1 ... 7
--   revenue      a paid order on day 0 or later (their latest paid order, `person_facts`)
--   referral     invited at least one member (members.inviter_id = the member), ever
--
-- Returns one row:
--   acquisition, activation, retention, revenue, referral   bigint: nested counts
--   activation_pending   bigint: joined members whose day $x_days lies after $last_day
--   retention_pending    bigint: activated members whose day 7 lies after $last_day

with

new_members as (
    select
        user_id,
        cast(joined_at as date) as join_day,
    from members
    where
        joined_at >= cast($start as timestamp)
        and joined_at < cast($end as timestamp) + interval 1 day
),

-- a person-day row holds a paid order or an activity
person_days as (
    select
        user_id,
        day,
        activities,
    from person_days
    where day >= $start
),

person_facts as (
    select
        user_id,
        last_day,
    from person_facts
),

inviters as (
    select distinct inviter_id as user_id,
    from members
    where inviter_id is not null
),

member_flags as (
    select
        new_members.user_id,
        bool_or(
            person_days.activities > 0
            and person_days.day - new_members.join_day
            between 0 and cast($x_days as integer)
        ) as activated,
        bool_or(person_days.day - new_members.join_day between 1 and 7) as retained,
    from new_members
    inner join person_days
        on
            new_members.user_id = person_days.user_id
            and new_members.join_day <= person_days.day
            and greatest(cast($x_days as integer), 7)
            >= person_days.day - new_members.join_day
    group by new_members.user_id
),

member_steps as (
    select
        new_members.user_id,
        new_members.join_day,
        coalesce(member_flags.activated, false) as activated,
        coalesce(member_flags.retained, false) as retained,
        coalesce(person_facts.last_day >= new_members.join_day, false) as revenue,
        inviters.user_id is not null as referred,
    from new_members
    left join member_flags on new_members.user_id = member_flags.user_id
    left join person_facts on new_members.user_id = person_facts.user_id
    left join inviters on new_members.user_id = inviters.user_id
),

final as (
    select
        count(*) as acquisition,
        count(*) filter (where activated) as activation,
        count(*) filter (where activated and retained) as retention,
        count(*) filter (where activated and retained and revenue) as revenue,
        count(*) filter (
            where activated and retained and revenue and referred
        ) as referral,
        count(*) filter (
            where join_day + cast($x_days as integer) > cast($last_day as date)
        ) as activation_pending,
        count(*) filter (
            where activated and join_day + 7 > cast($last_day as date)
        ) as retention_pending,
    from member_steps
)

select * from final
