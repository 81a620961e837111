-- Groups leaderboard: GMV, buyers, new members, daily active rate and repurchase rate per
-- group, ranked, with the rank in the previous period of equal length.
--
-- Parameters:
--   $start       date: first day of the period (inclusive)
--   $end         date: last day of the period (inclusive)
--   $prev_start  date: first day of the previous period (inclusive)
--   $prev_end    date: last day of the previous period (inclusive)
--   $last_day    date: last day of data; daily rates skip days after it (null: no limit)
--   $prev_last_day  date: the previous period's first buyers and their second orders are
--                read up to this day (null: all data). Ranking by repurchase_rate, the caller
--                passes $last_day minus the shift between the periods, so the previous
--                rank compares first buyers observed as long as the current ones (SPEC §4
--                "Windows and comparisons")
--   $tag         text: only members carrying this tag (members.tags split as member_spans
--                does) and only their paid orders; null: everyone
--   $rank_by     text: column to rank by: 'gmv', 'buyers', 'members', 'daily_active_rate'
--                or 'repurchase_rate' (higher ranks first)
--   $top         integer: keep rows ranked $top or better (ties at the cut all kept);
--                null keeps every row
--
-- A paid order (base model paid_orders) counts in the group it came from (orders.group_id),
-- else in its buyer's main group (members.group_id); an order in no group counts in no row.
-- A member belongs to their main group (SPEC group health); the daily counts per group are
-- those of the base model group_days, first orders those of person_facts.
--   gmv, buyers        paid orders of the period in the group: sum of amount, distinct users
--   members            members of the group who joined in the period (new members)
--   daily_active_rate  per day: members of the group active that day (>= 1 activity or >= 1
--                      paid order, anywhere) / members of the group in the private domain
--                      that day (joined on or before it, not left on or before it); the plain
--                      mean over the days of the period up to $last_day where it is defined
--   repurchase_rate    first buyers of the period (first paid order over all data, ties by
--                      order_id, falls in it) whose first order is in the group, share with
--                      >= 2 paid orders over all data
-- A group is on a period's board when it has a paid order in the period or a defined daily
-- active rate; a row whose ranking value is undefined is not ranked (not listed). Ranks:
-- rank() over the ranking column, descending (ties share a rank: 1, 2, 2, 4); rows listed
-- by rank, then group_id.
--
-- Returns one row per group of the period ranked $top or better:
--   rank               bigint: rank in the period
--   group_id           text: the group as stored
--   gmv                decimal(18,2)
--   buyers             bigint
--   members            bigint
--   daily_active_rate  double (null: no member in the domain on any day of the period)
--   repurchase_rate    double (null: no first buyer in the group in the period)
--   pending            bigint: first buyers of the group in the period without a second
--                      paid order yet: the "ever" window never closes, they may still come
--                      back (SPEC §4 "Windows and comparisons")
--   previous_rank      bigint: rank by the same column in the previous period (null: not on it)
--   rank_change        text: previous_rank - rank with a sign ('+3', '-1', '0'), 'new' when
--                      previous_rank is null
--   name               text: the group's name from the groups table


with

paid_orders as (
    select
        user_id,
        ordered_at,
        order_day,
        amount,
        group_id,
    from paid_orders
),

person_facts as (
    select
        user_id,
        first_day,
        first_group_id,
        second_day,
    from person_facts
    where
        cast($tag as varchar) is null
        or user_id in (select member_spans.user_id from member_spans)
),

member_spans as (
    select
        user_id,
        group_id,
        join_day,
        in_domain_until,
    from member_spans
    -- only members carrying $tag (members.tags split by the base model member_spans)
    where cast($tag as varchar) is null or list_contains(tag_list, cast($tag as varchar))
),

person_days as (
    select
        user_id,
        day,
    from person_days
    where cast($tag as varchar) is not null and (activities > 0 or paid_orders > 0)
),

group_days as (
    select
        group_id,
        day,
        members,
        active,
    from group_days
),

-- the group days, read for the members carrying $tag only when there is one
tagged_group_days as (
    select
        group_id,
        day,
    from group_days
    where cast($tag as varchar) is not null
),

groups as (
    select
        group_id,
        name,
    from groups
),

-- read_day: the day up to which a period's first buyers are read (null: all data)
periods as (
    select
        'current' as period,
        cast($start as date) as first_day,
        cast($end as date) as last_day,
        cast(null as date) as read_day,
    union all
    select
        'previous' as period,
        cast($prev_start as date) as first_day,
        cast($prev_end as date) as last_day,
        cast($prev_last_day as date) as read_day,
),

-- paid orders of either period, summed per group named and buyer in one pass (the timestamp
-- bounds let the scan skip the other days); then the orders that name no group are looked up
-- in members (in their buyer's main group)
buyer_cells as (
    select
        group_id,
        user_id,
        sum(amount) filter (where order_day between $start and $end) as current_amount,
        sum(amount) filter (where order_day between $prev_start and $prev_end) as previous_amount,
    from paid_orders
    where
        ordered_at >= cast(least(cast($start as date), cast($prev_start as date)) as timestamp)
        and ordered_at < cast(
            greatest(cast($end as date), cast($prev_end as date)) as timestamp
        ) + interval 1 day
        and (
            cast($tag as varchar) is null
            or user_id in (select member_spans.user_id from member_spans)
        )
    group by group_id, user_id
),

resolved_cells as (
    select
        coalesce(buyer_cells.group_id, member_spans.group_id) as group_id,
        buyer_cells.user_id,
        buyer_cells.current_amount,
        buyer_cells.previous_amount,
    from buyer_cells
    left join member_spans
        on buyer_cells.group_id is null and buyer_cells.user_id = member_spans.user_id
),

-- distinct buyers: a buyer with orders naming the group and orders resolved to it counts once
group_totals as (
    select
        group_id,
        sum(current_amount) as current_gmv,
        count(distinct user_id) filter (where current_amount is not null) as current_buyers,
        sum(previous_amount) as previous_gmv,
        count(distinct user_id) filter (where previous_amount is not null) as previous_buyers,
    from resolved_cells
    where group_id is not null
    group by group_id
),

group_sales as (
    select
        'current' as period,
        group_id,
        current_gmv as gmv,
        current_buyers as buyers,
    from group_totals
    where current_buyers > 0
    union all
    select
        'previous' as period,
        group_id,
        previous_gmv as gmv,
        previous_buyers as buyers,
    from group_totals
    where previous_buyers > 0
),

group_joins as (
    select
        periods.period,
        member_spans.group_id,
        count(*) as members,
    from member_spans
    inner join periods
        on member_spans.join_day between periods.first_day and periods.last_day
    where member_spans.group_id is not null
    group by periods.period, member_spans.group_id
),

-- first buyers of each period, in the group of their first paid order, else their main group
group_first_buyers as (
    select
        periods.period,
        coalesce(person_facts.first_group_id, member_spans.group_id) as group_id,
        count(*) as first_buyers,
        count(*) filter (
            where person_facts.second_day
            <= coalesce(periods.read_day, person_facts.second_day)
        ) as repeat_buyers,
        count(*) filter (where person_facts.second_day is null) as pending,
    from person_facts
    inner join periods
        on
            person_facts.first_day between periods.first_day
            and least(periods.last_day, coalesce(periods.read_day, periods.last_day))
    left join member_spans on person_facts.user_id = member_spans.user_id
    group by periods.period, coalesce(person_facts.first_group_id, member_spans.group_id)
),

-- members in the domain and active per group and day: group_days', or with $tag those of
-- the members carrying it (in the domain on the days join_day <= d < in_domain_until, active
-- with an activity or a paid order that day, as group_days counts them)
tagged_days as (
    select
        tagged_group_days.group_id,
        tagged_group_days.day,
        count(*) as members,
        count(person_days.user_id) as active,
    from member_spans
    inner join tagged_group_days
        on
            member_spans.group_id = tagged_group_days.group_id
            and member_spans.join_day <= tagged_group_days.day
            and (
                member_spans.in_domain_until is null
                or member_spans.in_domain_until > tagged_group_days.day
            )
    left join person_days
        on
            member_spans.user_id = person_days.user_id
            and tagged_group_days.day = person_days.day
    group by tagged_group_days.group_id, tagged_group_days.day
),

day_counts as (
    select
        group_id,
        day,
        members,
        active,
    from group_days
    where cast($tag as varchar) is null
    union all
    select
        group_id,
        day,
        members,
        active,
    from tagged_days
),

-- the daily active rate of each day with a member in the domain, over the days of each
-- period up to the last day of data
group_rates as (
    select
        periods.period,
        day_counts.group_id,
        avg(day_counts.active / day_counts.members) as daily_active_rate,
    from day_counts
    inner join periods
        on
            day_counts.day >= periods.first_day
            and day_counts.day <= least(
                periods.last_day, coalesce(cast($last_day as date), periods.last_day)
            )
    where day_counts.group_id is not null and day_counts.members > 0
    group by periods.period, day_counts.group_id
),

board_groups as (
    select
        period,
        group_id,
    from group_sales
    union
    select
        period,
        group_id,
    from group_rates
    where daily_active_rate is not null
),

scored as (
    select
        board_groups.period,
        board_groups.group_id,
        coalesce(group_sales.gmv, 0) as gmv,
        coalesce(group_sales.buyers, 0) as buyers,
        coalesce(group_joins.members, 0) as members,
        group_rates.daily_active_rate,
        group_first_buyers.repeat_buyers / group_first_buyers.first_buyers as repurchase_rate,
        coalesce(group_first_buyers.pending, 0) as pending,
    from board_groups
    left join group_sales
        on
            board_groups.period = group_sales.period
            and board_groups.group_id = group_sales.group_id
    left join group_joins
        on
            board_groups.period = group_joins.period
            and board_groups.group_id = group_joins.group_id
    left join group_rates
        on
            board_groups.period = group_rates.period
            and board_groups.group_id = group_rates.group_id
    left join group_first_buyers
        on
            board_groups.period = group_first_buyers.period
            and board_groups.group_id = group_first_buyers.group_id
),

ranking as (
    select
        period,
        group_id,
        gmv,
        buyers,
        members,
        daily_active_rate,
        repurchase_rate,
        pending,
        case $rank_by
            when 'gmv' then cast(gmv as double)
            when 'buyers' then cast(buyers as double)
            when 'members' then cast(members as double)
            when 'daily_active_rate' then daily_active_rate
            when 'repurchase_rate' then repurchase_rate
        end as rank_value,
    from scored
),

ranked as (
    select
        period,
        group_id,
        gmv,
        buyers,
        members,
        daily_active_rate,
        repurchase_rate,
        pending,
        rank() over (partition by period order by rank_value desc) as rank,
    from ranking
    where rank_value is not null
),

final as (
    select
        cast(current_board.rank as bigint) as rank,
        current_board.group_id,
        cast(current_board.gmv as decimal(18, 2)) as gmv,
        cast(current_board.buyers as bigint) as buyers,
        cast(current_board.members as bigint) as members,
        cast(current_board.daily_active_rate as double) as daily_active_rate,
        cast(current_board.repurchase_rate as double) as repurchase_rate,
        cast(current_board.pending as bigint) as pending,
        cast(previous_board.rank as bigint) as previous_rank,
        case
            when previous_board.rank is null then 'new'
            when previous_board.rank > current_board.rank
                then '+' || cast(previous_board.rank - current_board.rank as varchar)
            else cast(previous_board.rank - current_board.rank as varchar)
        end as rank_change,
        groups.name,
    from ranked as current_board
    left join ranked as previous_board
        on
            current_board.group_id = previous_board.group_id
            and previous_board.period = 'previous'
    left join groups on current_board.group_id = groups.group_id
    where
        current_board.period = 'current'
        and (cast($top as bigint) is null or current_board.rank <= cast($top as bigint))
    order by rank, current_board.group_id
)

select * from final
