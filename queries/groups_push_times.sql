-- Activity and paid orders by weekday and hour of day, to choose push times (SPEC §4).
--
-- Parameters:
--   $start     date: first day of the period (inclusive)
--   $end       date: last day of the period (inclusive)
--   $group     text: only members whose main group is this one (null: everyone)
--
-- Timestamps are wall time in the workspace zone (Asia/Shanghai), so 23:59:59 on a Sunday is
-- weekday 7, hour 23 and the next second is weekday 1, hour 0. Weekdays are ISO: 1 = Monday
-- … 7 = Sunday. Every activity row counts (any kind); orders are paid orders (paid_orders).
-- Without $group, rows of people who are not members count too; with it, a member's activity
-- and orders count in their main group.
--
-- The usual push slots of operators are the hours 7–9, 12–13 and 19–22 (7:00–9:59,
-- 12:00–13:59, 19:00–22:59).
--
-- Returns 168 rows (every weekday and hour, zero when empty), ordered by weekday and hour:
--   weekday          integer: 1 = Monday … 7 = Sunday
--   hour             integer: 0 … 23
--   activity         bigint: activity rows in that weekday and hour
--   orders           bigint: paid orders in that weekday and hour
--   usual            boolean: the hour lies in a usual push slot
--   hour_activity    bigint: activity rows in that hour over every weekday
--   hour_orders      bigint: paid orders in that hour over every weekday
--   activity_rank    bigint: rank of the hour by hour_activity (1 = most; ties: earlier hour)
--   orders_rank      bigint: rank of the hour by hour_orders (1 = most; ties: earlier hour)
--   activity_share   double: hour_activity / all activity (null when there is none)
--   orders_share     double: hour_orders / all paid orders (null when there are none)
--   usual_activity_share  double: share of all activity that falls in the usual push hours
--   usual_orders_share    double: share of all paid orders that falls in the usual push hours

with

members as (
    select
        user_id,
        group_id,
    from members
),

paid_orders as (
    select
        user_id,
        ordered_at,
    from paid_orders
),

activity as (
    select
        user_id,
        "at",
    from activity
),

usual_hours as (
    select unnest([7, 8, 9, 12, 13, 19, 20, 21, 22]) as hour
),

cells as (
    select
        cast(weekday.weekday as integer) as weekday,
        cast(hour.hour as integer) as hour,
    from range(1, 8) as weekday (weekday)
    cross join range(0, 24) as hour (hour)
),

chosen as (
    select user_id from members
    where group_id = cast($group as varchar)
),

activity_cells as (
    select
        cast(isodow(activity."at") as integer) as weekday,
        cast(hour(activity."at") as integer) as hour,
        count(*) as activity,
    from activity
    where
        activity."at" >= cast($start as timestamp)
        and activity."at" < cast($end as timestamp) + interval 1 day
        and (
            cast($group as varchar) is null
            or activity.user_id in (select chosen.user_id from chosen)
        )
    group by isodow(activity."at"), hour(activity."at")
),

order_cells as (
    select
        cast(isodow(paid_orders.ordered_at) as integer) as weekday,
        cast(hour(paid_orders.ordered_at) as integer) as hour,
        count(*) as orders,
    from paid_orders
    where
        paid_orders.ordered_at >= cast($start as timestamp)
        and paid_orders.ordered_at < cast($end as timestamp) + interval 1 day
        and (
            cast($group as varchar) is null
            or paid_orders.user_id in (select chosen.user_id from chosen)
        )
    group by isodow(paid_orders.ordered_at), hour(paid_orders.ordered_at)
),

counted as (
    select
        cells.weekday,
        cells.hour,
        coalesce(activity_cells.activity, 0) as activity,
        coalesce(order_cells.orders, 0) as orders,
        cells.hour in (select usual_hours.hour from usual_hours) as usual,
    from cells
    left join activity_cells
        on cells.weekday = activity_cells.weekday and cells.hour = activity_cells.hour
    left join order_cells
        on cells.weekday = order_cells.weekday and cells.hour = order_cells.hour
),

by_hour as (
    select
        *,
        cast(sum(activity) over (partition by hour) as bigint) as hour_activity,
        cast(sum(orders) over (partition by hour) as bigint) as hour_orders,
        sum(activity) over () as all_activity,
        sum(orders) over () as all_orders,
        sum(activity) filter (where usual) over () as usual_activity,
        sum(orders) filter (where usual) over () as usual_orders,
    from counted
),

final as (
    select
        weekday,
        hour,
        cast(activity as bigint) as activity,
        cast(orders as bigint) as orders,
        usual,
        hour_activity,
        hour_orders,
        dense_rank() over (order by hour_activity desc, hour asc) as activity_rank,
        dense_rank() over (order by hour_orders desc, hour asc) as orders_rank,
        case when all_activity > 0 then hour_activity / all_activity end as activity_share,
        case when all_orders > 0 then hour_orders / all_orders end as orders_share,
        case
            when all_activity > 0 then usual_activity / all_activity
        end as usual_activity_share,
        case when all_orders > 0 then usual_orders / all_orders end as usual_orders_share,
    from by_hour
    order by weekday, hour
)

select * from final
