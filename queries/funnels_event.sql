-- Custom event funnel (SPEC §4 "Funnels") with the semantics of PostHog's ordered funnels.
--
-- Parameters:
--   $start           date: first day on which a step-1 event starts an attempt
--   $end             date: last such day (inclusive)
--   $steps           text: the step events, comma separated, step 1 first (up to 10)
--   $window_seconds  integer: window W; each step is at most W after step 1 (inclusive)
--   $funnel_mode     text: 'ordered', 'strict' or 'unordered' (any order)
--   $exclude_events  text: exclusion events, comma separated ('' for none), with the
--   $exclude_from    text: steps after which (comma separated, same positions) ...
--   $exclude_to      text: ... and before which they count (steps numbered from 1)
--   $count_by        text: 'people' or 'conversions' (every clean attempt is a unit)
--   $grain           text: 'all', or 'week': a funnel per Monday-week of step 1
--   $funnel_output   text: 'steps' (counts and times) or 'people' (a row per person)
--
-- Events: `join` (members.joined_at), `order` (`paid_orders`) and each activity row under
-- its kind, in time order; at one instant in the order of the first step they fill (others
-- last). `event_key` encodes that order, so "later" is a larger key and one event at one
-- instant cannot fill two steps.
--
-- Every step-1 event on a day of the period starts an attempt (any step's event when
-- 'unordered'). 'ordered': step k is the first event of its kind after step k-1; 'strict':
-- it must be the person's very next event of any kind; 'unordered': from its first event the
-- attempt takes the earliest occurrences of each step's kind (as many as steps of that kind)
-- and its k-th step is the k-th of them in time. All within W of step 1. An exclusion event
-- after the attempt's step `from` and before its step `to` (or, without one, within W)
-- excludes the attempt.
--
-- People: a person reaches the furthest step of their clean attempts; the attempt that
-- reached it first gives the times (of several reaching it with one event, the one that
-- started last, as PostHog does). A person whose excluded attempts went further than every
-- clean one is dropped from the funnel.
--
-- Returns, for 'steps', one row per (week, step) reached by a unit:
--   week            date: Monday of step 1 (null for 'all')
--   step            integer: 1 ... len($steps)
--   units           bigint: units that reached the step
--   mean_seconds    double: mean time from the step before (null on step 1)
--   median_seconds  double: median of the same (interpolated)
-- for 'people', one row per person counted, by reach, started_at and user_id: user_id, reach
-- (furthest step), reached_at, started_at (step 1), nickname, phone (members first, else
-- latest order; caller masks)

with recursive

-- the events that can fill a step or exclude an attempt, from the period's first day to W
-- after its end (not materialized: a reader's filter on `event` reaches the scans)
events as not materialized (
    select
        user_id,
        event_at,
        event,
        source,
        row_key,
        epoch_us(event_at) * 32
        + coalesce(list_position(string_split($steps, ','), event), 31) as event_key,
    from (
        select
            user_id,
            joined_at as event_at,
            'join' as event,
            0 as source,
            user_id as row_key,
        from members
        union all
        select
            user_id,
            ordered_at as event_at,
            'order' as event,
            2 as source,
            order_id as row_key,
        from paid_orders
        union all
        select
            user_id,
            "at" as event_at,
            coalesce(kind, '') as event,
            1 as source,
            coalesce(kind, '') as row_key,
        from activity
    ) as event_log
    where
        event_at >= cast($start as timestamp)
        and event_at <= cast($end as timestamp) + interval 1 day
        + to_seconds(cast($window_seconds as bigint))
        and (
            $funnel_mode = 'strict'
            or list_contains(string_split($steps || ',' || $exclude_events, ','), event)
        )
),

anchors as (
    select distinct
        user_id,
        event_key as attempt_id,
        event_at as start_at,
        event_at + to_seconds(cast($window_seconds as bigint)) as deadline,
    from events
    where
        cast(event_at as date) between $start and $end
        and (
            ($funnel_mode = 'ordered' and event = string_split($steps, ',')[1])
            or ($funnel_mode = 'unordered' and list_contains(string_split($steps, ','), event))
        )
),

-- ordered: step k is the first event of its kind after step k-1, within W. Step 2 reads
-- its kind's events; steps 3 ... n follow recursively over the events of those steps' kinds
-- of the people at step 2, found by an as-of join (step 2) or the least later key in key
-- order (steps 3 ... n). When step 1 is `join` (once per member: one attempt per person), a
-- hash join and a minimum per attempt find the same events faster.
ordered_step_1 as (
    select
        user_id,
        attempt_id,
        start_at,
        deadline,
        1 as step,
        attempt_id as event_key,
        start_at as event_at,
        cast(null as timestamp) as previous_at,
    from anchors
    where $funnel_mode = 'ordered'
),

ordered_step_2 as (
    select
        prev.user_id,
        prev.attempt_id,
        any_value(prev.start_at) as start_at,
        any_value(prev.deadline) as deadline,
        2 as step,
        min(nxt.event_key) as event_key,
        arg_min(nxt.event_at, nxt.event_key) as event_at,
        any_value(prev.event_at) as previous_at,
    from ordered_step_1 as prev
    inner join events as nxt
        on
            prev.user_id = nxt.user_id
            and nxt.event = string_split($steps, ',')[2]
            and prev.event_key < nxt.event_key
            and prev.deadline >= nxt.event_at
    where string_split($steps, ',')[1] = 'join'
    group by prev.user_id, prev.attempt_id
    union all
    select
        prev.user_id,
        prev.attempt_id,
        prev.start_at,
        prev.deadline,
        2 as step,
        nxt.event_key,
        nxt.event_at,
        prev.event_at as previous_at,
    from ordered_step_1 as prev
    asof inner join events as nxt
        on
            prev.user_id = nxt.user_id
            and nxt.event = string_split($steps, ',')[2]
            and prev.event_key < nxt.event_key
    where string_split($steps, ',')[1] <> 'join' and nxt.event_at <= prev.deadline
),

ordered_events as materialized (
    select
        user_id,
        event,
        event_key,
        event_at,
    from events
    where
        list_contains(string_split($steps, ',')[3:], event)
        and user_id in (select ordered_step_2.user_id from ordered_step_2)
),

ordered_later_steps (
    user_id, attempt_id, start_at, deadline, step, event_key, event_at, previous_at
) as (
    select * from ordered_step_2
    union all
    (
        select
            prev.user_id,
            prev.attempt_id,
            any_value(prev.start_at) as start_at,
            any_value(prev.deadline) as deadline,
            prev.step + 1 as step,
            min(nxt.event_key) as event_key,
            arg_min(nxt.event_at, nxt.event_key) as event_at,
            any_value(prev.event_at) as previous_at,
        from ordered_later_steps as prev
        inner join ordered_events as nxt
            on
                prev.user_id = nxt.user_id
                and nxt.event = string_split($steps, ',')[prev.step + 1]
                and prev.event_key < nxt.event_key
                and prev.deadline >= nxt.event_at
        where string_split($steps, ',')[1] = 'join'
        group by prev.user_id, prev.attempt_id, prev.step
        union all
        select
            user_id,
            attempt_id,
            start_at,
            deadline,
            step + 1 as step,
            next_event.event_key,
            next_event.event_at,
            event_at as previous_at,
        from (
            -- attempts and, first at one key, the next step's events (attempt_id null)
            select
                *,
                min(
                    case
                        when attempt_id is null
                            then struct_pack(event_key, event_at)
                    end
                ) over (
                    partition by user_id
                    order by event_key asc, attempt_id asc nulls first
                    rows between 1 following and unbounded following
                ) as next_event,
            from (
                select
                    user_id,
                    attempt_id,
                    start_at,
                    deadline,
                    step,
                    event_key,
                    event_at,
                from ordered_later_steps
                where string_split($steps, ',')[1] <> 'join'
                union all
                select
                    nxt.user_id,
                    null as attempt_id,
                    null as start_at,
                    null as deadline,
                    null as step,
                    nxt.event_key,
                    nxt.event_at,
                from ordered_events as nxt
                semi join (
                    select distinct
                        ordered_later_steps.user_id,
                        ordered_later_steps.step,
                    from ordered_later_steps
                ) as prev
                    on
                        nxt.user_id = prev.user_id
                        and nxt.event = string_split($steps, ',')[prev.step + 1]
                where string_split($steps, ',')[1] <> 'join'
            ) as merged
        ) as followed
        where attempt_id is not null and next_event.event_at <= deadline
    )
),

ordered_steps as (
    select * from ordered_step_1
    union all
    select * from ordered_later_steps
),

-- strict: step k of an attempt is the person's (k-1)-th event after its step 1
strict_events as (
    select
        user_id,
        event_at,
        event,
        event_key,
        row_number() over (
            partition by user_id order by event_key, source, row_key
        ) as position,
    from events
    where $funnel_mode = 'strict'
),

strict_offsets as (
    select
        user_id,
        position as attempt_id,
        event_at as start_at,
        event_at + to_seconds(cast($window_seconds as bigint)) as deadline,
        position + unnest(range(len(string_split($steps, ',')))) as position,
    from strict_events
    where event = string_split($steps, ',')[1] and cast(event_at as date) between $start and $end
),

strict_candidates as (
    select
        strict_offsets.user_id,
        strict_offsets.attempt_id,
        strict_offsets.start_at,
        strict_offsets.position - strict_offsets.attempt_id + 1 as step,
        strict_events.event_key,
        strict_events.event_at,
        strict_events.event_at <= strict_offsets.deadline
        and strict_events.event = string_split($steps, ',')[
            strict_offsets.position - strict_offsets.attempt_id + 1
        ] as matched,
    from strict_offsets
    inner join strict_events
        on
            strict_offsets.user_id = strict_events.user_id
            and strict_offsets.position = strict_events.position
),

strict_steps as (
    select
        user_id,
        attempt_id,
        start_at,
        step,
        event_key,
        event_at,
        lag(event_at) over (
            partition by user_id, attempt_id order by step
        ) as previous_at,
    from strict_candidates
    qualify
        step < coalesce(
            min(step) filter (where not matched) over (
                partition by user_id, attempt_id
            ),
            len(string_split($steps, ',')) + 1
        )
),

-- any order: from its first event, an attempt takes the earliest occurrences of each
-- step's kind (as many as there are steps of that kind) and ranks them in time
step_kinds as (
    select
        event,
        count(*) as copies,
    from (select unnest(string_split($steps, ',')) as event) as listed
    group by event
),

occurrences as (
    select
        user_id,
        event,
        event_key,
        event_at,
        row_number() over (
            partition by user_id, event order by event_key
        ) as occurrence,
    from events
    where $funnel_mode = 'unordered' and list_contains(string_split($steps, ','), event)
),

unordered_wanted as (
    select
        anchors.user_id,
        anchors.attempt_id,
        anchors.start_at,
        anchors.deadline,
        step_kinds.event,
        step_kinds.copies,
    from anchors
    cross join step_kinds
    where $funnel_mode = 'unordered'
),

unordered_firsts as (
    select
        wanted.user_id,
        wanted.attempt_id,
        wanted.start_at,
        wanted.deadline,
        wanted.event,
        first_one.occurrence + unnest(range(wanted.copies)) as occurrence,
    from unordered_wanted as wanted
    asof inner join occurrences as first_one
        on
            wanted.user_id = first_one.user_id
            and wanted.event = first_one.event
            and wanted.attempt_id <= first_one.event_key
),

unordered_steps as (
    select
        firsts.user_id,
        firsts.attempt_id,
        firsts.start_at,
        row_number() over (
            partition by firsts.user_id, firsts.attempt_id
            order by occurrences.event_key
        ) as step,
        occurrences.event_key,
        occurrences.event_at,
        lag(occurrences.event_at) over (
            partition by firsts.user_id, firsts.attempt_id
            order by occurrences.event_key
        ) as previous_at,
    from unordered_firsts as firsts
    inner join occurrences
        on
            firsts.user_id = occurrences.user_id
            and firsts.event = occurrences.event
            and firsts.occurrence = occurrences.occurrence
    where occurrences.event_at <= firsts.deadline
),

attempt_steps as (
    select
        user_id,
        attempt_id,
        start_at,
        step,
        event_key,
        event_at,
        previous_at,
    from ordered_steps
    union all
    select * from strict_steps
    union all
    select * from unordered_steps
),

exclusions as (
    select
        unnest(string_split($exclude_events, ',')) as event,
        try_cast(unnest(string_split($exclude_from, ',')) as integer) as from_step,
        try_cast(unnest(string_split($exclude_to, ',')) as integer) as to_step,
),

exclusion_events as (
    select
        user_id,
        event,
        event_key,
        event_at,
    from events
    where list_contains(string_split($exclude_events, ','), event)
),

exclusion_starts as (
    select
        attempt_steps.user_id,
        attempt_steps.attempt_id,
        attempt_steps.start_at,
        attempt_steps.event_key as from_key,
        exclusions.event,
        exclusions.to_step,
    from attempt_steps
    inner join exclusions on attempt_steps.step = exclusions.from_step
),

excluded_attempts as (
    select distinct
        exclusion_starts.user_id,
        exclusion_starts.attempt_id,
    from exclusion_starts
    asof inner join exclusion_events as excluded_event
        on
            exclusion_starts.user_id = excluded_event.user_id
            and exclusion_starts.event = excluded_event.event
            and exclusion_starts.from_key < excluded_event.event_key
    left join attempt_steps as to_step
        on
            exclusion_starts.user_id = to_step.user_id
            and exclusion_starts.attempt_id = to_step.attempt_id
            and exclusion_starts.to_step = to_step.step
    where
        excluded_event.event_at
        <= exclusion_starts.start_at + to_seconds(cast($window_seconds as bigint))
        and (to_step.step is null or excluded_event.event_key < to_step.event_key)
),

attempts as (
    select
        attempt_steps.user_id,
        attempt_steps.attempt_id,
        min(attempt_steps.start_at) as start_at,
        max(attempt_steps.step) as reach,
        arg_max(attempt_steps.event_at, attempt_steps.step) as reached_at,
        bool_or(excluded_attempts.attempt_id is not null) as excluded,
        case
            when $grain = 'week'
                then cast(date_trunc('week', min(attempt_steps.start_at)) as date)
        end as week,
    from attempt_steps
    left join excluded_attempts
        on
            attempt_steps.user_id = excluded_attempts.user_id
            and attempt_steps.attempt_id = excluded_attempts.attempt_id
    group by attempt_steps.user_id, attempt_steps.attempt_id
),

people as (
    select
        user_id,
        week,
        max(reach) filter (where not excluded) as reach,
        coalesce(max(reach) filter (where excluded), 0) as excluded_reach,
        arg_min(attempt_id, (-reach, reached_at, -attempt_id)) filter (
            where not excluded
        ) as attempt_id,
    from attempts
    group by user_id, week
),

units as (
    select
        user_id,
        week,
        attempt_id,
        reach,
    from people
    where
        ($count_by = 'people' or $funnel_output = 'people')
        and reach is not null
        and reach >= excluded_reach
    union all
    select
        user_id,
        week,
        attempt_id,
        reach,
    from attempts
    where $count_by = 'conversions' and $funnel_output = 'steps' and not excluded
),

unit_steps as (
    select
        units.week,
        units.user_id,
        units.reach,
        attempt_steps.step,
        attempt_steps.start_at,
        attempt_steps.event_at,
        epoch(attempt_steps.event_at) - epoch(attempt_steps.previous_at) as seconds,
    from units
    inner join attempt_steps
        on
            units.user_id = attempt_steps.user_id
            and units.attempt_id = attempt_steps.attempt_id
),

step_rows as (
    select
        week,
        step,
        count(*) as units,
        avg(seconds) as mean_seconds,
        median(seconds) as median_seconds,
    from unit_steps
    where $funnel_output = 'steps'
    group by week, step
),

reached as (
    select
        user_id,
        reach,
        event_at as reached_at,
        start_at as started_at,
    from unit_steps
    where $funnel_output = 'people' and step = reach
),

-- contacts: the member's; where the member has none (or the person is no member), those of
-- the person's latest order (of any status)
member_contacts as (
    select
        reached.user_id,
        reached.reach,
        reached.reached_at,
        reached.started_at,
        members.nickname,
        members.phone,
    from reached
    left join members on reached.user_id = members.user_id
),

missing_contacts as (
    select distinct user_id,
    from member_contacts
    where nickname is null or phone is null
),

order_contacts as (
    select
        orders.user_id,
        arg_max(orders.nickname, orders.ordered_at) as nickname,
        arg_max(orders.phone, orders.ordered_at) as phone,
    from orders
    inner join missing_contacts on orders.user_id = missing_contacts.user_id
    group by orders.user_id
),

people_rows as (
    select
        member_contacts.user_id,
        member_contacts.reach,
        member_contacts.reached_at,
        member_contacts.started_at,
        coalesce(member_contacts.nickname, order_contacts.nickname) as nickname,
        coalesce(member_contacts.phone, order_contacts.phone) as phone,
    from member_contacts
    left join order_contacts on member_contacts.user_id = order_contacts.user_id
),

final as (
    select * from step_rows
    union all by name
    select * from people_rows
    order by reach asc, started_at asc, user_id asc
)

select * from final
