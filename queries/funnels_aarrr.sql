-- AARRR funnel (SPEC §4 "Funnels") of the members who joined in the period, nested: each
-- step counts the members who also reached every earlier step.
--
-- Parameters:
--   $start   date: first join day of the period (inclusive)
--   $end     date: last join day of the period (inclusive)
--   $x_days  integer: activation window, day 0 ... $x_days after the join day
--
-- Days are calendar days after the join day (join day = day 0). Steps of a member:
--   acquisition  joined in the period
--   activation   any activity on day 0 ... $x_days
--   retention    any activity or paid order on day 1 ... 7
--   revenue      a paid order (status null or 'paid', amount > 0) on day 0 or later
--   referral     invited at least one member (members.inviter_id = the member), ever
--
-- Returns one row:
--   acquisition, activation, retention, revenue, referral   bigint: nested counts

with

member_rows as (
    select
        user_id,
        joined_at,
        inviter_id,
    from members
),

order_rows as (
    select
        user_id,
        ordered_at,
        amount,
        status,
    from orders
),

activity_rows as (
    select
        user_id,
        "at",
    from activity
),

new_members as (
    select
        user_id,
        cast(joined_at as date) as join_day,
    from member_rows
    where cast(joined_at as date) between $start and $end
),

member_days as (
    select
        new_members.user_id,
        cast(activity_rows."at" as date) - new_members.join_day as day_number,
        true as active,
        false as paid,
    from activity_rows
    inner join new_members on activity_rows.user_id = new_members.user_id
    union all
    select
        new_members.user_id,
        cast(order_rows.ordered_at as date) - new_members.join_day as day_number,
        false as active,
        true as paid,
    from order_rows
    inner join new_members on order_rows.user_id = new_members.user_id
    where
        (order_rows.status is null or order_rows.status = 'paid')
        and order_rows.amount > 0
),

member_flags as (
    select
        user_id,
        bool_or(
            active and day_number between 0 and cast($x_days as integer)
        ) as activated,
        bool_or(day_number between 1 and 7) as retained,
        bool_or(paid and day_number >= 0) as revenue,
    from member_days
    group by user_id
),

inviters as (
    select distinct inviter_id as user_id,
    from member_rows
    where inviter_id is not null
),

member_steps as (
    select
        new_members.user_id,
        coalesce(member_flags.activated, false) as activated,
        coalesce(member_flags.retained, false) as retained,
        coalesce(member_flags.revenue, false) as revenue,
        inviters.user_id is not null as referred,
    from new_members
    left join member_flags on new_members.user_id = member_flags.user_id
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
    from member_steps
)

select * from final
