-- RFM as of a day: every buyer's recency, frequency, monetary, flags and segment, or the
-- eight segments with their totals and the split values (one definition for both).
--
-- Parameters:
--   $as_of         date: the analysis day; only paid orders on days before it count
--   $whole_data    boolean: every paid order lies before $as_of (the caller checks it with
--                  queries/members_coverage.sql); the buyers then come from person_facts,
--                  else from the person_days before $as_of
--   $rfm_split     text: 'mean' or 'median', the value over all buyers each measure is
--                  split against
--   $rfm_output    text: 'buyers' (one row per buyer) or 'segments' (eight rows)
--   $rfm_segment   text: buyers only: a segment key to keep only its buyers, or '' for all
--   $tag           text: buyers only: keep only members carrying this tag (members.tags split
--                  as member_spans does; the splits stay those of all buyers); null: all
--   $personal      boolean: buyers only: also look up nickname and phone for display
--
-- A buyer: anyone (member or not) with >= 1 paid order (base model paid_orders) before
-- $as_of. R = days from the last paid order's day to $as_of (>= 1), F = paid orders,
-- M = paid amount. F and M are high when strictly above the split value; R is high when
-- strictly below it (bought recently). Means are compared exactly (x * buyers > sum of x);
-- the median of M is taken in cents, so the comparison is exact too.
-- Segments (R F M): important_value 高高高, important_develop 高低高, important_keep 低高高,
-- important_retain 低低高, general_value 高高低, general_develop 高低低, general_keep 低高低,
-- general_retain 低低低.
--
-- Returns, with $rfm_output = 'buyers', one row per buyer by user_id (the segment columns
-- null):
--   user_id          varchar
--   recency          bigint: days
--   frequency        bigint: paid orders
--   monetary         decimal(18,2): paid amount
--   r_high, f_high, m_high   boolean
--   segment          enum of the eight segment keys (below, in their order)
--   last_order_day   date: day of the last paid order
--   nickname, phone  varchar: from the members table, else the buyer's latest order that
--                    carries them; null unless $personal (phones are stored masked)
-- and with $rfm_output = 'segments' eight rows, one per segment key (the buyer columns null
-- but segment):
--   segment            enum: important_value, important_develop, important_keep,
--                      important_retain, general_value, general_develop, general_keep,
--                      general_retain
--   customers          bigint: buyers in the segment
--   gmv                decimal(18,2): their paid amount (M summed)
--   mean_recency, mean_frequency, mean_monetary   double: null for an empty segment
--   buyers             bigint: all buyers
--   total_gmv          decimal(18,2): paid amount of all buyers
--   split_recency, split_frequency, split_monetary   double: the values split against
--                      (mean or median over all buyers; null without buyers)
--   segment_order      integer: 1 ... 8, the segments' order

with

person_facts as (
    select
        user_id,
        last_day,
        paid_orders,
        paid_amount,
    from person_facts
),

person_days as (
    select
        user_id,
        day,
        paid_orders,
        paid_amount,
    from person_days
),

orders as (
    select
        user_id,
        ordered_at,
        nickname,
        phone,
    from orders
),

members as (
    select
        user_id,
        nickname,
        phone,
    from members
),

-- every paid order lies before $as_of: the whole-data facts answer; else sum the days
buyer_totals as (
    select
        user_id,
        last_day as last_order_day,
        paid_orders as frequency,
        paid_amount as monetary,
    from person_facts
    where $whole_data
    union all
    select
        user_id,
        max(day) as last_order_day,
        cast(sum(paid_orders) as bigint) as frequency,
        sum(paid_amount) as monetary,
    from person_days
    where not $whole_data and paid_orders > 0 and day < cast($as_of as date)
    group by user_id
),

buyers as (
    select
        user_id,
        last_order_day,
        cast($as_of as date) - last_order_day as recency,
        frequency,
        monetary,
        cast(monetary * 100 as bigint) as monetary_cents,
    from buyer_totals
),

splits as (
    select
        count(*) as buyers,
        sum(recency) as sum_recency,
        sum(frequency) as sum_frequency,
        sum(monetary) as sum_monetary,
        median(recency) as median_recency,
        median(frequency) as median_frequency,
        median(monetary_cents) as median_monetary_cents,
    from buyers
),

flags as (
    select
        buyers.user_id,
        buyers.recency,
        buyers.frequency,
        buyers.monetary,
        buyers.last_order_day,
        case
            when $rfm_split = 'median' then buyers.recency < splits.median_recency
            else buyers.recency * splits.buyers < splits.sum_recency
        end as r_high,
        case
            when $rfm_split = 'median' then buyers.frequency > splits.median_frequency
            else buyers.frequency * splits.buyers > splits.sum_frequency
        end as f_high,
        case
            when $rfm_split = 'median' then buyers.monetary_cents > splits.median_monetary_cents
            else buyers.monetary * splits.buyers > splits.sum_monetary
        end as m_high,
    from buyers
    cross join splits
),

-- the segment keys as an enum in display order (cheap to hand over for a million buyers)
segments as (
    select
        *,
        cast(
            case
                when m_high and r_high and f_high then 'important_value'
                when m_high and r_high then 'important_develop'
                when m_high and f_high then 'important_keep'
                when m_high then 'important_retain'
                when r_high and f_high then 'general_value'
                when r_high then 'general_develop'
                when f_high then 'general_keep'
                else 'general_retain'
            end as enum(
                'important_value',
                'important_develop',
                'important_keep',
                'important_retain',
                'general_value',
                'general_develop',
                'general_keep',
                'general_retain'
            )
        ) as segment,
    from flags
),

-- $rfm_output = 'buyers' ------------------------------------------------------------------

-- members carrying $tag (members.tags split by the base model member_spans)
tagged_members as (
    select user_id,
    from member_spans
    where list_contains(tag_list, cast($tag as varchar))
),

kept as (
    select * from segments
    where
        $rfm_output = 'buyers'
        and ($rfm_segment = '' or segment = $rfm_segment)
        and (
            cast($tag as varchar) is null
            or user_id in (select tagged_members.user_id from tagged_members)
        )
),

order_contacts as (
    select
        user_id,
        arg_max(nickname, ordered_at) filter (where nickname is not null) as nickname,
        arg_max(phone, ordered_at) filter (where phone is not null) as phone,
    from orders
    where $personal and user_id in (select kept.user_id from kept)
    group by user_id
),

member_contacts as (
    select
        user_id,
        nickname,
        phone,
    from members
    where $personal and user_id in (select kept.user_id from kept)
),

buyer_rows as (
    select
        kept.user_id,
        cast(kept.recency as bigint) as recency,
        cast(kept.frequency as bigint) as frequency,
        cast(kept.monetary as decimal(18, 2)) as monetary,
        kept.r_high,
        kept.f_high,
        kept.m_high,
        kept.segment,
        kept.last_order_day,
        coalesce(member_contacts.nickname, order_contacts.nickname) as nickname,
        coalesce(member_contacts.phone, order_contacts.phone) as phone,
    from kept
    left join member_contacts on kept.user_id = member_contacts.user_id
    left join order_contacts on kept.user_id = order_contacts.user_id
),

-- $rfm_output = 'segments' ----------------------------------------------------------------

segment_totals as (
    select
        segment,
        count(*) as customers,
        sum(monetary) as gmv,
        avg(recency) as mean_recency,
        avg(frequency) as mean_frequency,
        avg(monetary) as mean_monetary,
    from segments
    where $rfm_output = 'segments'
    group by segment
),

segment_keys as (
    select
        key_list.segment,
        key_list.segment_order,
    from
        (
            values
            ('important_value', 1),
            ('important_develop', 2),
            ('important_keep', 3),
            ('important_retain', 4),
            ('general_value', 5),
            ('general_develop', 6),
            ('general_keep', 7),
            ('general_retain', 8)
        ) as key_list (segment, segment_order)
),

split_values as (
    select
        buyers,
        coalesce(sum_monetary, 0) as total_gmv,
        case
            when $rfm_split = 'median' then median_recency
            else sum_recency / buyers
        end as split_recency,
        case
            when $rfm_split = 'median' then median_frequency
            else sum_frequency / buyers
        end as split_frequency,
        case
            when $rfm_split = 'median' then median_monetary_cents / 100
            else cast(sum_monetary as double) / buyers
        end as split_monetary,
    from splits
    where $rfm_output = 'segments'
),

segment_rows as (
    select
        cast(
            segment_keys.segment as enum(
                'important_value',
                'important_develop',
                'important_keep',
                'important_retain',
                'general_value',
                'general_develop',
                'general_keep',
                'general_retain'
            )
        ) as segment,
        cast(coalesce(segment_totals.customers, 0) as bigint) as customers,
        cast(coalesce(segment_totals.gmv, 0) as decimal(18, 2)) as gmv,
        cast(segment_totals.mean_recency as double) as mean_recency,
        cast(segment_totals.mean_frequency as double) as mean_frequency,
        cast(segment_totals.mean_monetary as double) as mean_monetary,
        cast(split_values.buyers as bigint) as buyers,
        cast(split_values.total_gmv as decimal(18, 2)) as total_gmv,
        cast(split_values.split_recency as double) as split_recency,
        cast(split_values.split_frequency as double) as split_frequency,
        cast(split_values.split_monetary as double) as split_monetary,
        segment_keys.segment_order,
    from segment_keys
    left join segment_totals on segment_keys.segment = segment_totals.segment
    cross join split_values
),

final as (
    select
        user_id,
        recency,
        frequency,
        monetary,
        r_high,
        f_high,
        m_high,
        segment,
        last_order_day,
        nickname,
        phone,
        cast(null as bigint) as customers,
        cast(null as decimal(18, 2)) as gmv,
        cast(null as double) as mean_recency,
        cast(null as double) as mean_frequency,
        cast(null as double) as mean_monetary,
        cast(null as bigint) as buyers,
        cast(null as decimal(18, 2)) as total_gmv,
        cast(null as double) as split_recency,
        cast(null as double) as split_frequency,
        cast(null as double) as split_monetary,
        cast(null as integer) as segment_order,
    from buyer_rows
    union all
    select
        cast(null as varchar) as user_id,
        cast(null as bigint) as recency,
        cast(null as bigint) as frequency,
        cast(null as decimal(18, 2)) as monetary,
        cast(null as boolean) as r_high,
        cast(null as boolean) as f_high,
        cast(null as boolean) as m_high,
        segment,
        cast(null as date) as last_order_day,
        cast(null as varchar) as nickname,
        cast(null as varchar) as phone,
        customers,
        gmv,
        mean_recency,
        mean_frequency,
        mean_monetary,
        buyers,
        total_gmv,
        split_recency,
        split_frequency,
        split_monetary,
        segment_order,
    from segment_rows
    order by user_id
)

select * from final
