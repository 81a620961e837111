-- Group health per group and day from WeCom's group statistics (group_daily), for datasets
-- without an activity table (SPEC §2, §4 "Group health").
--
-- Parameters:
--   $start     date: first day of the period (inclusive)
--   $end       date: last day of the period (inclusive)
--   $rows      text: the rows returned: 'groups' (a row per group and day), 'total' (the
--              all-groups row of each day) or 'summary' (the summary rows, total included)
--
-- The statistics hold no per-member detail, so: members = member_total, active = speakers
-- (群成员发言人数), messages = messages; daily active rate = speakers / member_total. Who
-- interacted or bought cannot be told from them: interactive, converting, interaction rate
-- and conversion rate are null. Days without a statistics row have no row.
--
-- Computes the columns of groups_health.sql, one row per group and stat_date of the period,
-- plus one total row per day (is_total: sums over the groups with a row that day), and
-- returns those $rows selects, by total first, group, day:
--   is_total                boolean: the all-groups row of the day
--   group_id                varchar: the group (null on the total row)
--   name                    varchar: the group's name from the groups table
--   day                     date: stat_date
--   members                 bigint: member_total
--   active                  bigint: speakers
--   interactive             bigint: null
--   converting              bigint: null
--   messages                bigint: messages
--   daily_active_rate       double: speakers / member_total (null when member_total is 0 or
--                                   either is missing)
--   interaction_rate        double: null
--   conversion_rate         double: null
--   defined_days            bigint: days of the group with a defined daily active rate
--   mean_daily_active_rate  double: plain mean of the defined daily active rates
--   mean_interaction_rate   double: null
--   mean_conversion_rate    double: null
--   period_messages         bigint: messages over the period
--   size                    bigint: member_total on the group's latest stat_date in the period
--   summary_row             boolean: true on exactly one row of each group (its latest day)

with

group_daily as (
    select
        stat_date,
        group_id,
        member_total,
        speakers,
        messages,
    from group_daily
),

groups as (
    select
        group_id,
        name,
    from groups
),

stats as (
    select
        group_id,
        stat_date as day,
        member_total,
        speakers,
        messages,
    from group_daily
    where stat_date between $start and $end
),

with_totals as (
    select
        grouping(group_id) = 1 as is_total,
        group_id,
        day,
        cast(sum(member_total) as bigint) as members,
        cast(sum(speakers) as bigint) as active,
        cast(sum(messages) as bigint) as messages,
    from stats
    group by grouping sets ((group_id, day), (day))
),

daily_rates as (
    select
        *,
        case when members > 0 then active / members end as daily_active_rate,
    from with_totals
),

health as (
    select
        daily_rates.is_total,
        daily_rates.group_id,
        groups.name,
        daily_rates.day,
        daily_rates.members,
        daily_rates.active,
        cast(null as bigint) as interactive,
        cast(null as bigint) as converting,
        daily_rates.messages,
        daily_rates.daily_active_rate,
        cast(null as double) as interaction_rate,
        cast(null as double) as conversion_rate,
        count(daily_rates.daily_active_rate) over summary as defined_days,
        avg(daily_rates.daily_active_rate) over summary as mean_daily_active_rate,
        cast(null as double) as mean_interaction_rate,
        cast(null as double) as mean_conversion_rate,
        cast(sum(daily_rates.messages) over summary as bigint) as period_messages,
        last_value(daily_rates.members) over (
            summary order by daily_rates.day
            rows between unbounded preceding and unbounded following
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
