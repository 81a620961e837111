-- The tags of the members (members.tags split as member_spans does), for the tag filter.
--
-- Parameters: none
--
-- Returns one row per tag, the most used first (then by tag):
--   tag      text
--   members  bigint: members with the tag

with

member_spans as (
    select tag_list from member_spans
),

tags as (
    select unnest(list_distinct(tag_list)) as tag from member_spans
),

final as (
    select
        tag,
        cast(count(*) as bigint) as members,
    from tags
    group by tag
    order by members desc, tag asc
)

select * from final
