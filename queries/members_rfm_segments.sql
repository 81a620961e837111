-- RFM segments as of a day: buyers, paid amount and mean R/F/M per segment, and the splits.
--
-- Parameters:
--   $as_of       date: the analysis day; only paid orders on days before it count
--   $rfm_split   text: 'mean' or 'median', the value over all buyers each measure is
--                split against
--
-- The per-buyer R, F, M, flags and segments are those of queries/members_rfm.sql (same
-- definitions, kept in step by tests): a buyer has >= 1 paid order (status null or 'paid',
-- amount > 0) before $as_of; R = days from the last paid order's day to $as_of, F = paid
-- orders, M = paid amount; F and M high when strictly above the split, R when strictly below.
--
-- Returns eight rows (any order), one per segment key; segment_order sorts them as
-- important_value, important_develop, important_keep, important_retain, general_value,
-- general_develop, general_keep, general_retain:
--   segment            varchar
--   customers          bigint: buyers in the segment
--   gmv                decimal(18,2): their paid amount (M summed)
--   mean_recency, mean_frequency, mean_monetary   double: null for an empty segment
--   buyers             bigint: all buyers
--   total_gmv          decimal(18,2): paid amount of all buyers
--   split_recency, split_frequency, split_monetary   double: the values split against
--                      (mean or median over all buyers; null without buyers)
--   segment_order      integer: 1 ... 8

with

orders as (
    select
        user_id,
        ordered_at,
        amount,
        status,
    from orders
),

buyers as (
    select
        user_id,
        cast($as_of as date) - max(cast(ordered_at as date)) as recency,
        count(*) as frequency,
        sum(amount) as monetary,
        cast(sum(amount) * 100 as bigint) as monetary_cents,
    from orders
    where
        (status is null or status = 'paid')
        and amount > 0
        and cast(ordered_at as date) < cast($as_of as date)
    group by user_id
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
        buyers.recency,
        buyers.frequency,
        buyers.monetary,
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

segments as (
    select
        recency,
        frequency,
        monetary,
        case
            when m_high and r_high and f_high then 'important_value'
            when m_high and r_high then 'important_develop'
            when m_high and f_high then 'important_keep'
            when m_high then 'important_retain'
            when r_high and f_high then 'general_value'
            when r_high then 'general_develop'
            when f_high then 'general_keep'
            else 'general_retain'
        end as segment,
    from flags
),

segment_totals as (
    select
        segment,
        count(*) as customers,
        sum(monetary) as gmv,
        avg(recency) as mean_recency,
        avg(frequency) as mean_frequency,
        avg(monetary) as mean_monetary,
    from segments
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
),

final as (
    select
        segment_keys.segment,
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
)

select * from final
