-- Lifetime value: each buyer's purchase summary at the end of calibration (SPEC §4).
--
-- Parameters:
--   $calibration_end  date: the last day of calibration; paid orders on or before it count
--   $holdout_end      date: the last day of the holdout period after it ($calibration_end
--                     itself: no holdout)
--   $unit_days        double: days per unit of recency and T (1 for days, 7 for weeks)
--   $t1               double: the 银卡 threshold in yuan (as queries/members_tiers.sql)
--   $t2               double: the 金卡 threshold in yuan
--   $t3               double: the 钻石卡 threshold in yuan
--   $use_exported     boolean: use a member's exported tier where present
--   $with_members     boolean: the dataset has a members table
--
-- Purchase days are the days of person_days with a paid order (paid orders: the base model
-- paid_orders, summed per day). Summaries as BG/NBD reads them (Fader, Hardie & Lee 2005),
-- from the purchase days on or before $calibration_end: frequency = purchase days after the
-- first, recency = last purchase day - first, T = $calibration_end - first, both divided by
-- $unit_days (10 days are 1.4286 weeks). The tier is the member's exported tier, else the
-- rule of queries/members_tiers.sql on the paid amount of the 365 days before the day after
-- $calibration_end.
--
-- Returns one row per buyer with a paid order on or before $calibration_end, by user_id:
--   user_id         varchar
--   first_day       date: the first purchase day
--   frequency       bigint: repeat purchase days up to $calibration_end
--   recency         double: (last purchase day - first_day) / $unit_days
--   age             double: ($calibration_end - first_day) / $unit_days (the model's T)
--   mean_spend      double: paid amount of the repeat purchase days / frequency (null for 0)
--   paid_amount     decimal(18,2): paid amount up to $calibration_end
--   holdout_days    bigint: purchase days after $calibration_end, up to $holdout_end
--   holdout_amount  decimal(18,2): their paid amount
--   tier            varchar: 普通会员 / 银卡 / 金卡 / 钻石卡, or an exported name

with

person_days as (
    select
        user_id,
        day,
        paid_amount,
    from person_days
    where paid_orders > 0 and day <= cast($holdout_end as date)
),

member_spans as (
    select
        user_id,
        join_day,
        tier,
    from member_spans
    where $with_members and $use_exported
),

calibration as (
    select
        user_id,
        min(day) as first_day,
        max(day) as last_day,
        count(*) as purchase_days,
        sum(paid_amount) as paid_amount,
        arg_min(paid_amount, day) as first_amount,
        coalesce(
            sum(paid_amount) filter (where day > cast($calibration_end as date) - 365),
            0
        ) as window_amount,
    from person_days
    where day <= cast($calibration_end as date)
    group by user_id
),

holdout as (
    select
        user_id,
        count(*) as holdout_days,
        sum(paid_amount) as holdout_amount,
    from person_days
    where day > cast($calibration_end as date)
    group by user_id
),

exported as (
    select
        user_id,
        nullif(trim(tier), '') as exported_tier,
    from member_spans
    where join_day <= cast($calibration_end as date)
),

final as (
    select
        calibration.user_id,
        calibration.first_day,
        cast(calibration.purchase_days - 1 as bigint) as frequency,
        (calibration.last_day - calibration.first_day) / $unit_days as recency,
        (cast($calibration_end as date) - calibration.first_day) / $unit_days as age,
        case
            when calibration.purchase_days > 1
                then
                    cast(calibration.paid_amount - calibration.first_amount as double)
                    / (calibration.purchase_days - 1)
        end as mean_spend,
        cast(calibration.paid_amount as decimal(18, 2)) as paid_amount,
        cast(coalesce(holdout.holdout_days, 0) as bigint) as holdout_days,
        cast(coalesce(holdout.holdout_amount, 0) as decimal(18, 2)) as holdout_amount,
        case
            when exported.exported_tier is not null then exported.exported_tier
            when calibration.window_amount >= cast($t3 as decimal(18, 2)) then '钻石卡'
            when calibration.window_amount >= cast($t2 as decimal(18, 2)) then '金卡'
            when calibration.window_amount >= cast($t1 as decimal(18, 2)) then '银卡'
            else '普通会员'
        end as tier,
    from calibration
    left join holdout on calibration.user_id = holdout.user_id
    left join exported on calibration.user_id = exported.user_id
    order by calibration.user_id
)

select * from final
