-- 0560_quant_ohlcv_daily_summary: continuous aggregate of daily market statistics per region (seed 004 §4.1), with
-- its refresh policy.
-- schema:requires timescaledb-license=timescale
-- schema:no-transaction
--
-- Why no-transaction: `create materialized view … with (timescaledb.continuous)` cannot run inside a transaction
-- block. Each statement commits on its own, so every statement is re-runnable (if not exists / if_not_exists).
--
-- Checked against the continuous-aggregate rules (TimescaleDB 2.19 and 2.29, finalized form — the default since
-- 2.7; sources tsl/src/continuous_aggs/common.c):
--   * time_bucket('1 day', date) on the hypertable's time column `date` (type date): a fixed-width bucket, allowed;
--   * count(distinct ticker): aggregates with DISTINCT/ORDER BY/FILTER are rejected only for the old partial form;
--     accepted for finalized caggs (verified on 2.29.2);
--   * avg/sum: parallel-safe built-ins; WHERE timeframe = 'daily' is an ordinary filter on the raw hypertable;
--   * refresh window 3 days - 1 hour = 71 hours covers at least two 1-day buckets, as add_continuous_aggregate_policy
--     requires; offsets are intervals, subtracted from now() and cast to date for a date time column.
-- Same columns and policy as the seed; only the schema and `if not exists` differ. The view is materialized-only
-- (default since 2.13): rows appear after a refresh.

create materialized view if not exists quant.ohlcv_daily_summary
with (timescaledb.continuous) as
select time_bucket(interval '1 day', o.date) as day,
       o.region,
       count(distinct o.ticker) as n_tickers,
       avg(o.close)             as avg_close,
       avg(o.volume)            as avg_volume,
       sum(o.volume)            as total_volume,
       avg(o.rsi)               as avg_rsi,
       avg(o.atr)               as avg_atr
from quant.ohlcv_data o
where o.timeframe = 'daily'
group by time_bucket(interval '1 day', o.date), o.region
with no data;

comment on view quant.ohlcv_daily_summary is
    'Continuous aggregate: daily market statistics per region from quant.ohlcv_data (timeframe daily)';

select add_continuous_aggregate_policy('quant.ohlcv_daily_summary',
    start_offset      => interval '3 days',
    end_offset        => interval '1 hour',
    schedule_interval => interval '1 hour',
    if_not_exists     => true);
