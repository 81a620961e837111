-- Lost customers per week and staff member: members who left (left_at) on the days of each
-- week inside the period, counted by their staff member (member_spans.serving_staff:
-- members.staff, else the owner of their main group).
--
-- Parameters:
--   $start  date: first day of the period (inclusive)
--   $end    date: last day of the period (inclusive)
--   $tag    text: only members with this tag (see member_spans); null: every member
--
-- Weeks start on Monday; the first and last week count only their days inside the period.
--
-- Returns one row per week and staff member with a member who left, by week, then staff
-- (members without a staff member last):
--   week    date: the Monday of the week
--   staff   text: the staff member (null: members without one)
--   lost    bigint: members who left

with

member_spans as (
    select
        serving_staff as staff,
        left_day,
    from member_spans
    where
        left_day between $start and $end
        and (cast($tag as varchar) is null or list_contains(tag_list, cast($tag as varchar)))
),

final as (
    select
        cast(date_trunc('week', left_day) as date) as week,
        staff,
        cast(count(*) as bigint) as lost,
    from member_spans
    group by cast(date_trunc('week', left_day) as date), staff
    order by week, staff nulls last
)

select * from final
