-- ClickHouse form of queries/base/person_facts.sql, written by hand: the same rows and
-- columns (see that file for what they mean).
--
-- Why by hand: the DuckDB model keeps the two earliest orders with `min(x, 2)`, an
-- aggregate ClickHouse has not, and reads the first order's fields from a struct by
-- position (`first_order[1]`), which sqlglot would translate as an array index (it cannot
-- tell a struct from a list without types). Used only where the model runs inline (sources
-- without built base files); a published version reads the Parquet file DuckDB built.

with

paid_orders as (
    select * from paid_orders
),

ranked as (
    select
        user_id,
        argMin(
            tuple(order_id, ordered_at, amount, group_id, campaign, product),
            tuple(ordered_at, order_id)
        ) as first_order,
        arraySlice(arraySort(groupArray(tuple(ordered_at, order_id))), 1, 2) as first_two,
        max(ordered_at) as last_at,
        count(*) as paid_orders,
        sum(amount) as paid_amount,
        count(distinct order_day) as paid_days
    from paid_orders
    group by user_id
),

final as (
    select
        user_id,
        tupleElement(first_order, 1) as first_order_id,
        tupleElement(first_order, 2) as first_at,
        toDate(tupleElement(first_order, 2)) as first_day,
        tupleElement(first_order, 3) as first_amount,
        tupleElement(first_order, 4) as first_group_id,
        tupleElement(first_order, 5) as first_campaign,
        tupleElement(first_order, 6) as first_product,
        if(length(first_two) >= 2, tupleElement(first_two[2], 1), null) as second_at,
        if(length(first_two) >= 2, toDate(tupleElement(first_two[2], 1)), null) as second_day,
        last_at,
        toDate(last_at) as last_day,
        toInt64(paid_orders) as paid_orders,
        toDecimal128(paid_amount, 2) as paid_amount,
        toInt64(paid_days) as paid_days
    from ranked
)

select * from final
