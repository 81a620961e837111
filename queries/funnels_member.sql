-- Member funnel (SPEC §4 "Funnels"): joined in the period → first order within $x_days of
-- joining → repurchase within $y_days of the first order, per breakdown value.
--
-- Parameters:
--   $start      date: first join day of the period (inclusive)
--   $end        date: last join day of the period (inclusive)
--   $x_days     integer: the first order falls on day 0 ... $x_days after the join day
--   $y_days     integer: the second paid order falls on or before day $y_days after the
--               first order's day (the same day counts)
--   $member_breakdown  text: 'none', 'channel', 'group' (members.group_id), 'join_week'
--               (Monday of the join week, YYYY-MM-DD) or 'campaign' (of the first order)
--
-- A paid order: status null or 'paid', and amount > 0. A member's first order is their
-- earliest paid order over all data (ties broken by order_id); a first order before the join
-- day does not convert, and a later order cannot replace it. The repurchase is the second
-- paid order (the earliest one that is not the first). Steps are nested: a repurchase counts
-- only for a member who reached the first-order step.
--
-- Returns one row per breakdown value (one row with a null value for 'none'):
--   breakdown            varchar: the value (null when not known)
--   joined               bigint: members who joined in the period
--   first_order          bigint: of those, first order on day 0 ... $x_days
--   repurchase           bigint: of those, second paid order by day $y_days after the first
--   first_order_hours    double: median hours from joined_at to the first order (may be
--                        negative when the first order lies earlier on the join day)
--   repurchase_hours     double: median hours from the first to the second order

with

member_rows as (
    select
        user_id,
        joined_at,
        channel,
        group_id,
    from members
),

order_rows as (
    select
        order_id,
        user_id,
        ordered_at,
        amount,
        status,
        campaign,
    from orders
),

new_members as (
    select
        user_id,
        joined_at,
        cast(joined_at as date) as join_day,
        channel,
        group_id,
    from member_rows
    where cast(joined_at as date) between $start and $end
),

paid_orders as (
    select
        order_rows.order_id,
        order_rows.user_id,
        order_rows.ordered_at,
        order_rows.campaign,
    from order_rows
    inner join new_members on order_rows.user_id = new_members.user_id
    where
        (order_rows.status is null or order_rows.status = 'paid')
        and order_rows.amount > 0
),

first_two_orders as (
    select
        user_id,
        arg_min(ordered_at, (ordered_at, order_id), 2) as firsts,
    from paid_orders
    group by user_id
),

-- only with the campaign breakdown (otherwise the filter leaves no row to aggregate)
first_campaigns as (
    select
        user_id,
        arg_min_null(campaign, (ordered_at, order_id)) as campaign,
    from paid_orders
    where $member_breakdown = 'campaign'
    group by user_id
),

member_firsts as (
    select
        new_members.user_id,
        new_members.joined_at,
        new_members.join_day,
        first_two_orders.firsts[1] as first_at,
        first_two_orders.firsts[2] as second_at,
        case $member_breakdown
            when 'channel' then new_members.channel
            when 'group' then new_members.group_id
            when 'join_week'
                then strftime(date_trunc('week', new_members.join_day), '%Y-%m-%d')
            when 'campaign' then first_campaigns.campaign
        end as breakdown,
    from new_members
    left join first_two_orders on new_members.user_id = first_two_orders.user_id
    left join first_campaigns on new_members.user_id = first_campaigns.user_id
),

member_steps as (
    select
        user_id,
        joined_at,
        first_at,
        second_at,
        breakdown,
        coalesce(
            cast(first_at as date)
            between join_day and join_day + cast($x_days as integer),
            false
        ) as converted,
        coalesce(
            cast(first_at as date)
            between join_day and join_day + cast($x_days as integer)
            and cast(second_at as date)
            <= cast(first_at as date) + cast($y_days as integer),
            false
        ) as repurchased,
    from member_firsts
),

final as (
    select
        breakdown,
        count(*) as joined,
        count(*) filter (where converted) as first_order,
        count(*) filter (where repurchased) as repurchase,
        median((epoch(first_at) - epoch(joined_at)) / 3600.0) filter (
            where converted
        ) as first_order_hours,
        median((epoch(second_at) - epoch(first_at)) / 3600.0) filter (
            where repurchased
        ) as repurchase_hours,
    from member_steps
    group by breakdown
)

select * from final
