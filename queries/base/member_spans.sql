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
-- A member's serving staff member is their own (members.staff: who added or serves them),
-- else the owner of their main group (groups.owner: the group's staff member).
--
-- Returns one row per member: every canonical column of `members`, plus
--   serving_staff     varchar: members.staff, else the main group's owner (null: neither)
--   tag_list          varchar[]: the member's tags, in the order written (null: no tags)
--   join_day          date: day of joined_at
--   left_day          date: day of left_at (null: still in the domain)
--   in_domain_until   date: first day no longer in the domain (null: still in)

with

-- the tags split in a select of its own (a lambda's argument cannot be qualified)
tagged_members as (
    select
        *,
        list_filter(
            string_split_regex(tags, '\s*[,;，；、|/]\s*|\s+'), lambda tag: tag <> ''
        ) as tag_list,
    from members
),

groups as (
    select
        group_id,
        owner,
    from groups
),

final as (
    select
        members.user_id,
        members.joined_at,
        members.channel,
        members.group_id,
        members.inviter_id,
        members.tier,
        members.left_at,
        members.tags,
        members.nickname,
        members.phone,
        members.staff,
        coalesce(members.staff, groups.owner) as serving_staff,
        members.tag_list,
        cast(members.joined_at as date) as join_day,
        cast(members.left_at as date) as left_day,
        case
            when members.left_at is not null
                then greatest(cast(members.joined_at as date), cast(members.left_at as date))
        end as in_domain_until,
    from tagged_members as members
    left join groups on members.group_id = groups.group_id
)

select * from final
