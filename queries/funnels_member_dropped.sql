-- The members who dropped out of the member funnel (SPEC §4 "Funnels"), for a call list.
--
-- Parameters:
--   $start   date: first join day of the period (inclusive)
--   $end     date: last join day of the period (inclusive)
--   $x_days  integer: first-order window, day 0 ... $x_days after the join day
--   $y_days  integer: repurchase window, on or before day $y_days after the first order's day
--
-- Same steps as funnels_member.sql. Returns one row per member who joined in the period and
-- did not reach the last step, ordered by step, join time and id:
--   step            varchar: the step not reached, 'first_order' or 'repurchase'
--   user_id         varchar
--   joined_at       timestamp
--   channel         varchar
--   group_id        varchar
--   first_order_at  timestamp: the first paid order over all data (null if none)
--   nickname        varchar: as stored (masked by the caller)
--   phone           varchar: as stored (masked at import)

with

member_rows as (
    select
        user_id,
        joined_at,
        channel,
        group_id,
        nickname,
        phone,
    from members
),

order_rows as (
    select
        order_id,
        user_id,
        ordered_at,
        amount,
        status,
    from orders
),

new_members as (
    select
        user_id,
        joined_at,
        cast(joined_at as date) as join_day,
        channel,
        group_id,
        nickname,
        phone,
    from member_rows
    where cast(joined_at as date) between $start and $end
),

first_two_orders as (
    select
        order_rows.user_id,
        arg_min(
            order_rows.ordered_at, (order_rows.ordered_at, order_rows.order_id), 2
        ) as firsts,
    from order_rows
    inner join new_members on order_rows.user_id = new_members.user_id
    where
        (order_rows.status is null or order_rows.status = 'paid')
        and order_rows.amount > 0
    group by order_rows.user_id
),

member_steps as (
    select
        new_members.*,
        first_two_orders.firsts[1] as first_at,
        first_two_orders.firsts[2] as second_at,
        coalesce(
            cast(first_two_orders.firsts[1] as date)
            between new_members.join_day
            and new_members.join_day + cast($x_days as integer),
            false
        ) as converted,
    from new_members
    left join first_two_orders on new_members.user_id = first_two_orders.user_id
),

final as (
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
    where
        not converted
        or not coalesce(
            cast(second_at as date)
            <= cast(first_at as date) + cast($y_days as integer),
            false
        )
    order by step asc, joined_at asc, user_id asc
)

select * from final
