-- Base model (staging): each member's time in the private domain.
--
-- materialized: view
--
-- A member is in the private domain on day d when they joined on or before d and had not
-- left on or before d (SPEC §4): on the days join_day <= d < left_day. A member who left on
-- or before the day they joined is in it on no day (in_domain_until = join_day).
--
-- Tags (members.tags, free text) are split on , ; ， ； 、 | / and white space: a member has
-- tag t when t is one of the parts (the tag filter of the boards and lists).
--
-- Returns one row per member: every canonical column of `members`, plus
--   tag_list          varchar[]: the member's tags, in the order written (null: no tags)
--   join_day          date: day of joined_at
--   left_day          date: day of left_at (null: still in the domain)
--   in_domain_until   date: first day no longer in the domain (null: still in)

with

members as (
    select * from members
),

final as (
    select
        user_id,
        joined_at,
        channel,
        group_id,
        inviter_id,
        tier,
        left_at,
        tags,
        nickname,
        phone,
        staff,
        list_filter(
            string_split_regex(tags, '\s*[,;，；、|/]\s*|\s+'), lambda tag: tag <> ''
        ) as tag_list,
        cast(joined_at as date) as join_day,
        cast(left_at as date) as left_day,
        case
            when left_at is not null
                then greatest(cast(joined_at as date), cast(left_at as date))
        end as in_domain_until,
    from members
)

select * from final
