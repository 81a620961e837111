-- Staff and channel leaderboards (SPEC §4 "Staff and channels"): members grouped by their
-- staff member (members.staff) or their channel (members.channel), ranked, with the rank in
-- the previous period of equal length.
--
-- Parameters:
--   $by          text: 'staff' or 'channel': the member column a row stands for
--   $start       date: first day of the period (inclusive)
--   $end         date: last day of the period (inclusive)
--   $prev_start  date: first day of the previous period (inclusive)
--   $prev_end    date: last day of the previous period (inclusive)
--   $x_days      integer: first order on day 0 ... $x_days after the join day (default 3)
--   $y_days      integer: second paid order on or before day $y_days after the first
--                order's day (default 7)
--   $last_day    date: last day of data; a member whose window ends after it is pending
--                (null: none pending)
--   $prev_last_day  date: the previous period's orders are read up to this day (null: all
--                data). Ranking by a rate, the caller passes $last_day minus the shift between
--                the periods, so the previous rank compares members observed as long as the
--                current ones (SPEC §4 "Windows and comparisons")
--   $tag         text: only members with this tag (members.tags, see member_spans); null:
--                every member
--   $rank_by     text: column to rank by: 'members', 'first_order_rate', 'repurchase_rate',
--                'orders', 'gmv', 'lost' or 'reply_share' (higher ranks first)
--   $top         integer: keep rows ranked $top or better (ties at the cut all kept);
--                null keeps every row
--
-- A member's first order is their first paid order over all data (person_facts), the
-- repurchase their second; a first order before the join day does not convert (the member
-- funnel's two steps, funnels_member.sql). A member's staff member is member_spans'
-- serving_staff (members.staff, else the owner of their main group); members without a
-- value of $by are on no row.
--   members            members who joined in the period with that value
--   first_order_rate   of them, the share with the first order on day 0 ... $x_days after
--                      joining (null when members is 0)
--   repurchase_rate    of those first buyers, the share with the second paid order on or
--                      before day $y_days after the first order's day (null when none)
--   orders, gmv        paid orders in the period of every member with that value (whenever
--                      they joined): count and sum of amount
--   lost               members with that value who left in the period (left_at: deleted the
--                      staff member or left the group)
--   reply_share        $by = 'staff' only, from staff_daily: the share of the period's chats
--                      replied to (the days' 已回复聊天占比 weighted by their chats; without chat
--                      counts, the plain mean of the days); null without statistics
--   first_reply_minutes  likewise the chats-weighted mean first reply time (not a rank column)
--   chats, new_contacts  staff_daily sums over the period
-- A value is on a period's board when it has a member who joined, a paid order or a member
-- who left in the period (or, for staff without a tag filter, a staff_daily row); a row
-- whose ranking value is undefined is not ranked (not listed). Ranks: rank() over the ranking
-- column, descending (ties share a rank: 1, 2, 2, 4); rows listed by rank, then the value.
--
-- Returns one row per value ranked $top or better:
--   rank                 bigint
--   key                  text: the staff member or the channel, as stored
--   members              bigint
--   first_order          bigint: members with a first order in the window
--   repurchase           bigint: of them, with the second order in the window
--   first_order_rate     double
--   repurchase_rate      double
--   orders               bigint
--   gmv                  decimal(18,2)
--   lost                 bigint
--   chats                bigint (null without staff_daily)
--   new_contacts         bigint (null without staff_daily)
--   reply_share          double
--   first_reply_minutes  double
--   first_order_pending  bigint: members whose day $x_days after joining lies after $last_day
--   repurchase_pending   bigint: first buyers of the step whose day $y_days after the first
--                        order lies after $last_day
--   previous_rank        bigint: rank by the same column in the previous period (null: not on
--                        it)
--   rank_change          text: previous_rank - rank with a sign ('+3', '-1', '0'), 'new' when
--                        previous_rank is null

with

member_spans as (
    select
        user_id,
        join_day,
        left_day,
        case $by
            when 'staff' then serving_staff
            when 'channel' then channel
        end as key,
    from member_spans
    where
        cast($tag as varchar) is null
        or list_contains(tag_list, cast($tag as varchar))
),

person_facts as (
    select
        user_id,
        first_day,
        second_day,
    from person_facts
),

paid_orders as (
    select
        user_id,
        order_day,
        amount,
    from paid_orders
    -- a range on the raw timestamp lets DuckDB skip row groups outside both periods
    where
        ordered_at >= cast(least(cast($start as date), cast($prev_start as date)) as timestamp)
        and ordered_at < cast(
            greatest(cast($end as date), cast($prev_end as date)) as timestamp
        ) + interval 1 day
),

staff_daily as (
    select
        stat_date,
        staff,
        chats,
        reply_share,
        first_reply_minutes,
        new_contacts,
    from staff_daily
    where $by = 'staff'
),

-- read_day: the day up to which a period's orders are read (null: all data)
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

keyed_members as (
    select
        user_id,
        join_day,
        left_day,
        key,
    from member_spans
    where key is not null
),

-- each member who joined in a period, with their first and second order as read then
joined as (
    select
        periods.period,
        keyed_members.key,
        keyed_members.join_day,
        case
            when periods.read_day is null or person_facts.first_day <= periods.read_day
                then person_facts.first_day
        end as first_day,
        case
            when periods.read_day is null or person_facts.second_day <= periods.read_day
                then person_facts.second_day
        end as second_day,
    from keyed_members
    inner join periods
        on
            keyed_members.join_day between periods.first_day
            and least(periods.last_day, coalesce(periods.read_day, periods.last_day))
    left join person_facts on keyed_members.user_id = person_facts.user_id
),

member_steps as (
    select
        period,
        key,
        join_day,
        first_day,
        coalesce(
            first_day between join_day and join_day + cast($x_days as integer), false
        ) as converted,
        coalesce(second_day <= first_day + cast($y_days as integer), false) as second_in_time,
    from joined
),

cohorts as (
    select
        period,
        key,
        count(*) as members,
        count(*) filter (where converted) as first_order,
        count(*) filter (where converted and second_in_time) as repurchase,
        count(*) filter (
            where join_day + cast($x_days as integer) > cast($last_day as date)
        ) as first_order_pending,
        count(*) filter (
            where converted and first_day + cast($y_days as integer) > cast($last_day as date)
        ) as repurchase_pending,
    from member_steps
    group by period, key
),

sales as (
    select
        periods.period,
        keyed_members.key,
        count(*) as orders,
        sum(paid_orders.amount) as gmv,
    from paid_orders
    inner join keyed_members on paid_orders.user_id = keyed_members.user_id
    inner join periods on paid_orders.order_day between periods.first_day and periods.last_day
    group by periods.period, keyed_members.key
),

losses as (
    select
        periods.period,
        keyed_members.key,
        count(*) as lost,
    from keyed_members
    inner join periods
        on keyed_members.left_day between periods.first_day and periods.last_day
    group by periods.period, keyed_members.key
),

service as (
    select
        periods.period,
        staff_daily.staff as key,
        sum(staff_daily.chats) as chats,
        sum(staff_daily.new_contacts) as new_contacts,
        coalesce(
            sum(staff_daily.reply_share * staff_daily.chats)
            / nullif(sum(staff_daily.chats) filter (where staff_daily.reply_share is not null), 0),
            avg(staff_daily.reply_share)
        ) as reply_share,
        coalesce(
            sum(staff_daily.first_reply_minutes * staff_daily.chats)
            / nullif(
                sum(staff_daily.chats) filter (where staff_daily.first_reply_minutes is not null),
                0
            ),
            avg(staff_daily.first_reply_minutes)
        ) as first_reply_minutes,
    from staff_daily
    inner join periods on staff_daily.stat_date between periods.first_day and periods.last_day
    where staff_daily.staff is not null
    group by periods.period, staff_daily.staff
),

board_keys as (
    select
        period,
        key,
    from cohorts
    union
    select
        period,
        key,
    from sales
    union
    select
        period,
        key,
    from losses
    union
    select
        period,
        key,
    from service
    where cast($tag as varchar) is null
),

scored as (
    select
        board_keys.period,
        board_keys.key,
        coalesce(cohorts.members, 0) as members,
        coalesce(cohorts.first_order, 0) as first_order,
        coalesce(cohorts.repurchase, 0) as repurchase,
        cohorts.first_order / nullif(cohorts.members, 0) as first_order_rate,
        cohorts.repurchase / nullif(cohorts.first_order, 0) as repurchase_rate,
        coalesce(sales.orders, 0) as orders,
        coalesce(sales.gmv, 0) as gmv,
        coalesce(losses.lost, 0) as lost,
        service.chats,
        service.new_contacts,
        service.reply_share,
        service.first_reply_minutes,
        coalesce(cohorts.first_order_pending, 0) as first_order_pending,
        coalesce(cohorts.repurchase_pending, 0) as repurchase_pending,
    from board_keys
    left join cohorts on board_keys.period = cohorts.period and board_keys.key = cohorts.key
    left join sales on board_keys.period = sales.period and board_keys.key = sales.key
    left join losses on board_keys.period = losses.period and board_keys.key = losses.key
    left join service on board_keys.period = service.period and board_keys.key = service.key
),

ranking as (
    select
        *,
        case $rank_by
            when 'members' then cast(members as double)
            when 'first_order_rate' then first_order_rate
            when 'repurchase_rate' then repurchase_rate
            when 'orders' then cast(orders as double)
            when 'gmv' then cast(gmv as double)
            when 'lost' then cast(lost as double)
            when 'reply_share' then reply_share
        end as rank_value,
    from scored
),

ranked as (
    select
        *,
        rank() over (partition by period order by rank_value desc) as rank,
    from ranking
    where rank_value is not null
),

final as (
    select
        cast(current_board.rank as bigint) as rank,
        current_board.key,
        cast(current_board.members as bigint) as members,
        cast(current_board.first_order as bigint) as first_order,
        cast(current_board.repurchase as bigint) as repurchase,
        cast(current_board.first_order_rate as double) as first_order_rate,
        cast(current_board.repurchase_rate as double) as repurchase_rate,
        cast(current_board.orders as bigint) as orders,
        cast(current_board.gmv as decimal(18, 2)) as gmv,
        cast(current_board.lost as bigint) as lost,
        cast(current_board.chats as bigint) as chats,
        cast(current_board.new_contacts as bigint) as new_contacts,
        cast(current_board.reply_share as double) as reply_share,
        cast(current_board.first_reply_minutes as double) as first_reply_minutes,
        cast(current_board.first_order_pending as bigint) as first_order_pending,
        cast(current_board.repurchase_pending as bigint) as repurchase_pending,
        cast(previous_board.rank as bigint) as previous_rank,
        case
            when previous_board.rank is null then 'new'
            when previous_board.rank > current_board.rank
                then '+' || cast(previous_board.rank - current_board.rank as varchar)
            else cast(previous_board.rank - current_board.rank as varchar)
        end as rank_change,
    from ranked as current_board
    left join ranked as previous_board
        on
            current_board.key = previous_board.key
            and previous_board.period = 'previous'
    where
        current_board.period = 'current'
        and (cast($top as bigint) is null or current_board.rank <= cast($top as bigint))
    order by current_board.rank, current_board.key
)

select * from final
