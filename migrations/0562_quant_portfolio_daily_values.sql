-- 0562_quant_portfolio_daily_values: continuous aggregate of the daily portfolio values — the aggregatable half of
-- seed 004 §4.3 (portfolio_daily_metrics); the moving averages are in the plain view 0563.
-- schema:requires timescaledb-license=timescale
-- schema:no-transaction
--
-- Why split: the seed's portfolio_daily_metrics selects ungrouped columns and window functions
-- (avg(...) over (order by snapshot_date rows between 29 preceding ...)) in a continuous aggregate; TimescaleDB
-- rejects window functions there ("Window functions are not supported by continuous aggregates") and requires a
-- GROUP BY with time_bucket. So the daily values are materialized here and
-- quant.portfolio_daily_metrics (0563) computes ma30/volatility_60d over them.
--
-- Aggregate choice: last(col, snapshot_date). snapshot_date is the primary key, so a 1-day bucket holds exactly one
-- snapshot today and last() returns it unchanged; if snapshots ever become more frequent (several per day), the
-- value at the end of the day is the right daily value for levels (total_value, cumulative_return) — an avg would
-- blur them. last() (TimescaleDB) is allowed in finalized continuous aggregates.
-- time_bucket('1 day', date): fixed-width bucket on the time column. Refresh policy as in the seed
-- (7 days / 1 hour / every hour; window 167 hours >= two buckets).

create materialized view if not exists quant.portfolio_daily_values
with (timescaledb.continuous) as
select time_bucket(interval '1 day', s.snapshot_date)   as day,
       last(s.total_value, s.snapshot_date)            as total_value,
       last(s.cash, s.snapshot_date)                   as cash,
       last(s.invested_value, s.snapshot_date)         as invested_value,
       last(s.unrealized_pnl, s.snapshot_date)         as unrealized_pnl,
       last(s.daily_return, s.snapshot_date)           as daily_return,
       last(s.cumulative_return, s.snapshot_date)      as cumulative_return
from quant.portfolio_snapshots s
group by time_bucket(interval '1 day', s.snapshot_date)
with no data;

comment on view quant.portfolio_daily_values is
    'Continuous aggregate: end-of-day portfolio values from quant.portfolio_snapshots (input of portfolio_daily_metrics)';

select add_continuous_aggregate_policy('quant.portfolio_daily_values',
    start_offset      => interval '7 days',
    end_offset        => interval '1 hour',
    schedule_interval => interval '1 hour',
    if_not_exists     => true);
