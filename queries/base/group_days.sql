-- Base model (mart): what happened in each group on each day, over all days of the data.
--
-- materialized: table
--
-- A member belongs to their main group (members.group_id; null: in no group) and counts there
-- on the days they are in the private domain (member_spans: join_day <= d < in_domain_until).
-- Such a member is active on a day with >= 1 activity (any kind, in any group) or >= 1 paid
-- order; interactive with >= 1 activity of a kind other than 'view' (an empty kind counts);
-- converting with a paid order (SPEC §4 "Group health"). Messages are activity rows of kind
-- 'message' or of no kind, from anyone, counted in the group the row names, else in the
-- writer's main group (null when the writer is in no group or no member).
--
-- Days run from the first to the last day of any data (dataset_facts); on a day outside them
-- every count is 0. A (group, day) without a row has every count 0.
--
-- Returns one row per group and day with a member in the domain or a message, sorted by day:
--   group_id      varchar: the group (null: members in no group)
--   day           date
--   members       bigint: members of the group in the domain that day
--   active        bigint: of them, active that day
--   interactive   bigint: of them, interactive that day
--   converting    bigint: of them, with a paid order that day
--   messages      bigint: message rows of the day in the group

with

member_spans as (
    select
        user_id,
        group_id,
        join_day,
        in_domain_until,
    from member_spans
),

person_days as (
    select
        user_id,
        day,
        paid_orders,
        interactions,
    from person_days
),

activity as (
    select
        user_id,
        group_id,
        "at",
        kind,
    from activity
),

dataset_facts as (
    select
        first_day,
        last_day,
    from dataset_facts
),

-- members in the domain per group and day, from running totals of joins (+1) and leaves
-- (-1) per main group; a member who left on or before the join day is in it on no day
domain_changes as (
    select
        group_id,
        join_day as day,
        1 as change,
    from member_spans
    union all
    select
        group_id,
        in_domain_until as day,
        -1 as change,
    from member_spans
    where in_domain_until is not null
),

domain_by_day as (
    select
        group_id,
        day,
        sum(sum(change)) over (partition by group_id order by day) as members,
    from domain_changes
    group by group_id, day
),

-- each running total holds from its change day to the day before the next change; spread over
-- the days of the data (a change on a null day is never reached: the total before it holds)
domain_spans as (
    select
        group_id,
        day,
        members,
        lead(day) over (partition by group_id order by day) as next_day,
    from domain_by_day
),

in_domain as (
    select
        domain_spans.group_id,
        domain_spans.members,
        unnest(
            generate_series(
                cast(greatest(domain_spans.day, dataset_facts.first_day) as timestamp),
                cast(
                    least(
                        coalesce(domain_spans.next_day - 1, dataset_facts.last_day),
                        dataset_facts.last_day
                    ) as timestamp
                ),
                interval 1 day
            )
        ) as spread_at,
    from domain_spans
    cross join dataset_facts
    where domain_spans.members <> 0 and domain_spans.day is not null
),

-- person_days holds a row only for a day with a paid order or an activity: every row that
-- meets a member in the domain is an active member
active_members as (
    select
        member_spans.group_id,
        person_days.day,
        count(*) as active,
        count(*) filter (where person_days.interactions > 0) as interactive,
        count(*) filter (where person_days.paid_orders > 0) as converting,
    from person_days
    inner join member_spans
        on
            person_days.user_id = member_spans.user_id
            and person_days.day >= member_spans.join_day
            and (
                member_spans.in_domain_until is null
                or person_days.day < member_spans.in_domain_until
            )
    group by member_spans.group_id, person_days.day
),

-- rows naming a group are counted there directly; only the rows naming none are looked up in
-- members (their writer's main group)
message_cells as (
    select
        group_id,
        case when group_id is null then user_id end as writer,
        cast("at" as date) as day,
        count(*) as messages,
    from activity
    where (kind is null or kind = '' or kind = 'message') and "at" is not null
    group by group_id, case when group_id is null then user_id end, cast("at" as date)
),

message_counts as (
    select
        coalesce(message_cells.group_id, member_spans.group_id) as group_id,
        message_cells.day,
        sum(message_cells.messages) as messages,
    from message_cells
    left join member_spans on message_cells.writer = member_spans.user_id
    group by coalesce(message_cells.group_id, member_spans.group_id), message_cells.day
),

cells as (
    select
        group_id,
        cast(spread_at as date) as day,
        members,
        0 as active,
        0 as interactive,
        0 as converting,
        0 as messages,
    from in_domain
    union all
    select
        group_id,
        day,
        0 as members,
        active,
        interactive,
        converting,
        0 as messages,
    from active_members
    union all
    select
        group_id,
        day,
        0 as members,
        0 as active,
        0 as interactive,
        0 as converting,
        messages,
    from message_counts
),

final as (
    select
        group_id,
        day,
        cast(sum(members) as bigint) as members,
        cast(sum(active) as bigint) as active,
        cast(sum(interactive) as bigint) as interactive,
        cast(sum(converting) as bigint) as converting,
        cast(sum(messages) as bigint) as messages,
    from cells
    group by group_id, day
    order by day, group_id
)

select * from final
