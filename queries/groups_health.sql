-- Group health per group and day from members, activity and orders (SPEC §4 "Group health").
--
-- Parameters:
--   $start     date: first day of the period (inclusive)
--   $end       date: last day of the period (inclusive)
--   $last_day  date: last day of data; days after it are not counted (null: no limit)
--
-- The daily rates use the definitions of kpis_daily.sql, split by group. A member belongs to
-- their main group (members.group_id; null: in no group) and counts there on the days they
-- are in the private domain (joined on or before the day, not left on or before it). Such a
-- member is active on a day with >= 1 activity (in any group) or >= 1 paid order (status
-- null or 'paid', amount > 0); interactive with >= 1 activity whose kind is not 'view';
-- converting with a paid order. Messages are activity rows of kind 'message' (or no kind),
-- from anyone, counted in the group the row names, else in the writer's main group.
--
-- Returns one row per group and day where the group has >= 1 member in the domain or >= 1
-- message, plus one total row per day (is_total: the sums over every group, the members in
-- no group included; its rates are the overview's daily rates):
--   is_total                boolean: the all-groups row of the day
--   group_id                varchar: the group (null: members in no group, or the total)
--   name                    varchar: the group's name from the groups table
--   day                     date
--   members                 bigint: members of the group in the domain that day
--   active                  bigint: of them, active that day
--   interactive             bigint: of them, interactive that day
--   converting              bigint: of them, with a paid order that day
--   messages                bigint: message rows of the day in the group
--   daily_active_rate       double: active / members (null when members = 0)
--   interaction_rate        double: interactive / active (null when active = 0)
--   conversion_rate         double: converting / active (null when active = 0)
-- and, repeated on each row of a group (the period's summary of that group):
--   defined_days            bigint: days of the group with a defined daily active rate
--   mean_daily_active_rate  double: plain mean of the defined daily active rates
--   mean_interaction_rate   double: plain mean of the defined interaction rates
--   mean_conversion_rate    double: plain mean of the defined conversion rates
--   period_messages         bigint: messages over the period
--   size                    bigint: members in the domain on the last day counted
--   summary_row             boolean: true on exactly one row of each group (its latest day)

with

members as (
    select
        user_id,
        group_id,
        cast(joined_at as date) as join_day,
        cast(left_at as date) as left_day,
    from members
),

groups as (
    select
        group_id,
        name,
    from groups
),

last_counted as (
    select least(cast($end as date), coalesce(cast($last_day as date), $end)) as day
),

days as (
    select cast(generate_series as date) as day
    from generate_series(
        cast($start as timestamp),
        cast((select last_counted.day from last_counted) as timestamp),
        interval 1 day
    )
),

-- members in the domain per group and day, from running totals of joins (+1) and leaves
-- (-1) per main group; a member who left on or before the join day is in it on no day
domain_changes as (
    select
        group_id,
        join_day as day,
        1 as change,
    from members
    union all
    select
        group_id,
        greatest(join_day, left_day) as day,
        -1 as change,
    from members
    where left_day is not null
),

domain_by_day as (
    select
        group_id,
        day,
        sum(sum(change)) over (partition by group_id order by day) as members,
    from domain_changes
    group by group_id, day
),

-- messages per group and day: rows naming a group are counted there directly; only the rows
-- naming none are looked up in members (their writer's main group)
message_cells as (
    select
        group_id,
        case when group_id is null then user_id end as writer,
        cast("at" as date) as day,
        count(*) as messages,
    from activity
    where
        (kind is null or kind = '' or kind = 'message')
        and "at" >= cast($start as timestamp)
        and "at" < cast(
            least(cast($end as date), coalesce(cast($last_day as date), $end)) as timestamp
        ) + interval 1 day
    group by group_id, case when group_id is null then user_id end, cast("at" as date)
),

message_counts as (
    select
        coalesce(message_cells.group_id, members.group_id) as group_id,
        message_cells.day,
        sum(message_cells.messages) as messages,
    from message_cells
    left join members on message_cells.writer = members.user_id
    group by coalesce(message_cells.group_id, members.group_id), message_cells.day
),

-- every activity row and paid order of the counted days, one stream; the timestamp bounds
-- let the scans skip data outside them
events as (
    select
        user_id,
        cast("at" as date) as day,
        kind is null or kind <> 'view' as interactive,
        false as converting,
    from activity
    where
        "at" >= cast($start as timestamp)
        and "at" < cast(
            least(cast($end as date), coalesce(cast($last_day as date), $end)) as timestamp
        ) + interval 1 day
    union all
    select
        user_id,
        cast(ordered_at as date) as day,
        false as interactive,
        true as converting,
    from orders
    where
        (status is null or status = 'paid')
        and amount > 0
        and ordered_at >= cast($start as timestamp)
        and ordered_at < cast(
            least(cast($end as date), coalesce(cast($last_day as date), $end)) as timestamp
        ) + interval 1 day
),

-- one row per user and day with an event, before the join (fewer rows to join)
user_days as (
    select
        user_id,
        day,
        bool_or(interactive) as interactive,
        bool_or(converting) as converting,
    from events
    group by user_id, day
),

-- the join keeps members only, on the days they are in the domain
member_days as (
    select
        members.group_id,
        user_days.day,
        user_days.interactive,
        user_days.converting,
    from user_days
    inner join members
        on
            user_days.user_id = members.user_id
            and user_days.day >= members.join_day
            and (members.left_day is null or user_days.day < members.left_day)
),

active_members as (
    select
        group_id,
        day,
        count(*) as active,
        count(*) filter (where interactive) as interactive,
        count(*) filter (where converting) as converting,
    from member_days
    group by group_id, day
),

group_keys as (
    select group_id from members
    union
    select group_id from message_counts
),

group_days as (
    select
        group_keys.group_id,
        days.day,
    from group_keys
    cross join days
),

-- an as-of join takes, for each group and day, the running total of the latest change on or
-- before it (`is not distinct from`: the members in no group form a group of their own)
in_domain as (
    select
        group_days.group_id,
        group_days.day,
        coalesce(domain_by_day.members, 0) as members,
    from group_days
    asof left join domain_by_day
        on
            group_days.group_id is not distinct from domain_by_day.group_id
            and group_days.day >= domain_by_day.day
),

group_day as (
    select
        in_domain.group_id,
        in_domain.day,
        in_domain.members,
        coalesce(active_members.active, 0) as active,
        coalesce(active_members.interactive, 0) as interactive,
        coalesce(active_members.converting, 0) as converting,
        coalesce(message_counts.messages, 0) as messages,
    from in_domain
    left join active_members
        on
            in_domain.group_id is not distinct from active_members.group_id
            and in_domain.day = active_members.day
    left join message_counts
        on
            in_domain.group_id is not distinct from message_counts.group_id
            and in_domain.day = message_counts.day
),

with_totals as (
    select
        grouping(group_id) = 1 as is_total,
        group_id,
        day,
        cast(sum(members) as bigint) as members,
        cast(sum(active) as bigint) as active,
        cast(sum(interactive) as bigint) as interactive,
        cast(sum(converting) as bigint) as converting,
        cast(sum(messages) as bigint) as messages,
    from group_day
    group by grouping sets ((group_id, day), (day))
),

daily_rates as (
    select
        *,
        case when members > 0 then active / members end as daily_active_rate,
        case when active > 0 then interactive / active end as interaction_rate,
        case when active > 0 then converting / active end as conversion_rate,
    from with_totals
    where is_total or members > 0 or messages > 0
),

final as (
    select
        daily_rates.is_total,
        daily_rates.group_id,
        groups.name,
        daily_rates.day,
        daily_rates.members,
        daily_rates.active,
        daily_rates.interactive,
        daily_rates.converting,
        daily_rates.messages,
        daily_rates.daily_active_rate,
        daily_rates.interaction_rate,
        daily_rates.conversion_rate,
        count(daily_rates.daily_active_rate) over summary as defined_days,
        avg(daily_rates.daily_active_rate) over summary as mean_daily_active_rate,
        avg(daily_rates.interaction_rate) over summary as mean_interaction_rate,
        avg(daily_rates.conversion_rate) over summary as mean_conversion_rate,
        cast(sum(daily_rates.messages) over summary as bigint) as period_messages,
        cast(
            sum(
                case
                    when daily_rates.day = (select last_counted.day from last_counted)
                        then daily_rates.members
                    else 0
                end
            ) over summary as bigint
        ) as size,
        row_number() over (summary order by daily_rates.day desc) = 1 as summary_row,
    from daily_rates
    left join groups on daily_rates.group_id = groups.group_id and not daily_rates.is_total
    window summary as (partition by daily_rates.is_total, daily_rates.group_id)
    order by daily_rates.is_total desc, daily_rates.group_id asc nulls last, daily_rates.day asc
)

select * from final
