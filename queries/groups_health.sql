-- Group health per group and day from members, activity and orders (SPEC §4 "Group health").
--
-- Parameters:
--   $start     date: first day of the period (inclusive)
--   $end       date: last day of the period (inclusive)
--   $rows      text: the rows returned: 'groups' (a row per group and day), 'total' (the
--              all-groups row of each day) or 'summary' (the summary rows, total included)
--   $last_day  date: last day of data; days after it are not counted (null: no limit)
--
-- The daily rates use the definitions of kpis_daily.sql, split by group; the counts per group
-- and day are those of the base model group_days (members in the domain of their main group,
-- null: in no group; active with >= 1 activity or paid order that day; interactive with an
-- activity of a kind other than 'view'; converting with a paid order; messages in the group
-- a row names, else in the writer's main group).
--
-- Computes one row per group and day where the group has >= 1 member in the domain or >= 1
-- message, plus one total row per day (is_total: the sums over every group, the members in
-- no group included; its rates are the overview's daily rates), and returns those $rows
-- selects, by total first, group (no group last), day:
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

group_days as (
    select
        group_id,
        day,
        members,
        active,
        interactive,
        converting,
        messages,
    from group_days
),

members as (
    select user_id from members
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

period_days as (
    select *
    from group_days
    where
        day >= cast($start as date)
        and day <= (select last_counted.day from last_counted)
),

-- the total has a row on every day once there is a group at all: a member (in any group, on
-- any day) or a message of the period
has_groups as (
    select
        exists (select 1 from members)
        or exists (
            select 1 from period_days
            where period_days.messages > 0
        ) as value
),

group_rows as (
    select
        false as is_total,
        group_id,
        day,
        members,
        active,
        interactive,
        converting,
        messages,
    from period_days
    where members > 0 or messages > 0
),

total_rows as (
    select
        true as is_total,
        cast(null as varchar) as group_id,
        days.day,
        cast(coalesce(sum(period_days.members), 0) as bigint) as members,
        cast(coalesce(sum(period_days.active), 0) as bigint) as active,
        cast(coalesce(sum(period_days.interactive), 0) as bigint) as interactive,
        cast(coalesce(sum(period_days.converting), 0) as bigint) as converting,
        cast(coalesce(sum(period_days.messages), 0) as bigint) as messages,
    from days
    left join period_days on days.day = period_days.day
    where (select has_groups.value from has_groups)
    group by days.day
),

health_rows as (
    select * from group_rows
    union all
    select * from total_rows
),

daily_rates as (
    select
        *,
        case when members > 0 then active / members end as daily_active_rate,
        case when active > 0 then interactive / active end as interaction_rate,
        case when active > 0 then converting / active end as conversion_rate,
    from health_rows
),

health as (
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
),

final as (
    select *
    from health
    where
        ($rows = 'groups' and not is_total)
        or ($rows = 'total' and is_total)
        or ($rows = 'summary' and summary_row)
    order by is_total desc, group_id asc nulls last, day asc
)

select * from final
