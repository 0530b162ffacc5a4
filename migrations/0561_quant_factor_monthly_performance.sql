-- 0561_quant_factor_monthly_performance: continuous aggregate of monthly factor statistics per region and signal
-- (seed 004 §4.2), with its refresh policy.
-- schema:requires timescaledb-license=timescale
-- schema:no-transaction
--
-- Why no-transaction: see 0560 (continuous aggregates cannot be created in a transaction block).
--
-- Checked against the continuous-aggregate rules (TimescaleDB 2.19 and 2.29):
--   * time_bucket('1 month', calculation_date) on a date column: a variable-width bucket (months). time_bucket with
--     month intervals (and date arguments) exists since 2.8; continuous aggregates accept variable-width buckets
--     with plain time_bucket (not only the removed experimental time_bucket_ng) in 2.19 and later — the interval
--     must not mix months with days/hours, which '1 month' does not;
--   * count(*)/avg: parallel-safe built-ins;
--   * refresh window 3 months - 1 day: a month counts as 30 days in the policy check, so the window (89 days)
--     covers the required two buckets (60 days). The seed's values are kept.
-- The seed calls it "rolling" performance; it is a per-month aggregate (rolling windows would need window
-- functions, which continuous aggregates reject).

create materialized view if not exists quant.factor_monthly_performance
with (timescaledb.continuous) as
select time_bucket(interval '1 month', f.calculation_date) as month,
       f.region,
       f.signal,
       count(*)                 as n_stocks,
       avg(f.total_score)       as avg_score,
       avg(f.pe_ratio)          as avg_pe,
       avg(f.momentum_12m)      as avg_momentum,
       avg(f.roe)               as avg_roe,
       avg(f.volatility_factor) as avg_volatility
from quant.factor_scores f
group by time_bucket(interval '1 month', f.calculation_date), f.region, f.signal
with no data;

comment on view quant.factor_monthly_performance is
    'Continuous aggregate: monthly factor statistics per region and signal from quant.factor_scores';

select add_continuous_aggregate_policy('quant.factor_monthly_performance',
    start_offset      => interval '3 months',
    end_offset        => interval '1 day',
    schedule_interval => interval '1 day',
    if_not_exists     => true);
