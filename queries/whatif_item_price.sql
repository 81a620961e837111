-- What-if flash-sale list price: the paid amount per unit over the lines of the period's paid
-- orders, what one item of a flash sale is worth at its usual price.
--
-- Parameters:
--   $start   date: first day of the period (inclusive)
--   $end     date: last day of the period (inclusive)
--
-- Reads paid_order_items (order_items when the import kept the lines of a line-level export;
-- an order without lines counts as one line of its own quantity and amount). Lines without
-- an amount, or with a quantity of 0 or less, are left out; a line without a quantity counts
-- as 1 unit. The caller uses it only when the dataset has order_items (otherwise the flash
-- sale's list price stays the AOV).
--
-- Returns one row:
--   lines       bigint: lines counted
--   units       bigint: their units (sum of quantity)
--   amount      decimal(18,2): their paid amount (0 without any)
--   item_price  double: amount / units (null without units)

with

paid_lines as (
    select
        amount,
        coalesce(quantity, 1) as units,
    from paid_order_items
    where
        ordered_at >= cast($start as timestamp)
        and ordered_at < cast($end as timestamp) + interval 1 day
        and order_day between $start and $end
        and amount is not null
        and coalesce(quantity, 1) > 0
),

final as (
    select
        count(*) as lines,
        cast(coalesce(sum(units), 0) as bigint) as units,
        cast(coalesce(sum(amount), 0) as decimal(18, 2)) as amount,
        cast(sum(amount) as double) / nullif(sum(units), 0) as item_price,
    from paid_lines
)

select * from final
