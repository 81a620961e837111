-- Lost customers (SPEC §4 "Staff and channels"): members who left in the period (left_at:
-- deleted the staff member, left the group), with their time in the private domain and what
-- they bought.
--
-- Parameters:
--   $start    date: first day of the period (inclusive): left_at falls in it
--   $end      date: last day of the period (inclusive)
--   $tag      text: only members with this tag (see member_spans); null: every member
--   $staff    text: only members of this staff member (serving_staff); null: every member
--   $channel  text: only members of this channel; null: every member
--
-- Returns one row per member who left in the period, the latest to leave first (then by
-- user_id):
--   user_id           text
--   staff             text: the member's staff member (members.staff, else the owner of
--                     their main group: member_spans.serving_staff)
--   channel           text: members.channel
--   group_id          text: the main group
--   tags              text: members.tags as imported
--   joined_at         timestamp
--   left_at           timestamp
--   days_in_domain    bigint: days from the join day to the day they left (0: the same day)
--   paid_orders       bigint: paid orders over all data (0: none)
--   paid_amount       decimal(18,2): their amount (0: none)
--   last_order_at     timestamp: the latest paid order (null: none)
--   last_active_at    timestamp: the latest activity or paid order, whichever is later
--                     (null: neither)
--   nickname          text: as stored (personal data: mask before display)

with

member_spans as (
    select
        user_id,
        serving_staff as staff,
        channel,
        group_id,
        tags,
        tag_list,
        nickname,
        joined_at,
        left_at,
        join_day,
        left_day,
    from member_spans
    where
        left_day between $start and $end
        and (cast($tag as varchar) is null or list_contains(tag_list, cast($tag as varchar)))
        and (cast($staff as varchar) is null or serving_staff = cast($staff as varchar))
        and (cast($channel as varchar) is null or channel = cast($channel as varchar))
),

person_facts as (
    select
        user_id,
        paid_orders,
        paid_amount,
        last_at,
    from person_facts
),

person_activity as (
    select
        user_id,
        last_at,
    from person_activity
),

final as (
    select
        member_spans.user_id,
        member_spans.staff,
        member_spans.channel,
        member_spans.group_id,
        member_spans.tags,
        member_spans.joined_at,
        member_spans.left_at,
        cast(member_spans.left_day - member_spans.join_day as bigint) as days_in_domain,
        cast(coalesce(person_facts.paid_orders, 0) as bigint) as paid_orders,
        cast(coalesce(person_facts.paid_amount, 0) as decimal(18, 2)) as paid_amount,
        person_facts.last_at as last_order_at,
        greatest(person_facts.last_at, person_activity.last_at) as last_active_at,
        member_spans.nickname,
    from member_spans
    left join person_facts on member_spans.user_id = person_facts.user_id
    left join person_activity on member_spans.user_id = person_activity.user_id
    order by member_spans.left_at desc, member_spans.user_id asc
)

select * from final
