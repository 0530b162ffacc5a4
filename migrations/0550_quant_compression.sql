-- 0550_quant_compression: native compression (columnstore) settings and compression policies for the four quant
-- hypertables of seed 004 §3.1.
-- schema:requires timescaledb-license=timescale
--
-- Why gated: compression and add_compression_policy are Timescale-License (Community) features; the Apache edition
-- answers "not supported under the current apache license". On that edition the tables stay uncompressed.
--
--   table                segmentby              orderby                      compress after
--   ohlcv_data           ticker, region         date desc, timeframe         90 days
--   factor_scores        ticker, region         calculation_date desc        90 days
--   backtest_results     strategy_name, region  simulation_date desc         180 days
--   portfolio_snapshots  (none)                 snapshot_date desc           180 days
--
-- Differences from the seed: ohlcv_data's orderby adds `timeframe` after `date desc` — with segmentby
-- (ticker, region) it completes the primary key (ticker, region, date, timeframe), so rows of one segment have a
-- total order and the unique check on insert into a compressed chunk can use the orderby min/max metadata;
-- portfolio_snapshots gets an explicit empty segmentby (the seed gives none; since 2.10 TimescaleDB would otherwise
-- pick a default segmentby itself, which can differ between versions).
-- Checked against 2.19 and current sources: `timescaledb.compress`, `timescaledb.compress_segmentby` and
-- `timescaledb.compress_orderby` are still accepted (aliases of enable_columnstore/segmentby/orderby since 2.18);
-- add_compression_policy(hypertable, compress_after => interval) exists in both; for date time columns the
-- interval is subtracted from now() and cast to date.

alter table quant.ohlcv_data set (
    timescaledb.compress,
    timescaledb.compress_segmentby = 'ticker, region',
    timescaledb.compress_orderby = 'date desc, timeframe'
);
select add_compression_policy('quant.ohlcv_data', compress_after => interval '90 days', if_not_exists => true);

alter table quant.factor_scores set (
    timescaledb.compress,
    timescaledb.compress_segmentby = 'ticker, region',
    timescaledb.compress_orderby = 'calculation_date desc'
);
select add_compression_policy('quant.factor_scores', compress_after => interval '90 days', if_not_exists => true);

alter table quant.backtest_results set (
    timescaledb.compress,
    timescaledb.compress_segmentby = 'strategy_name, region',
    timescaledb.compress_orderby = 'simulation_date desc'
);
select add_compression_policy('quant.backtest_results', compress_after => interval '180 days', if_not_exists => true);

alter table quant.portfolio_snapshots set (
    timescaledb.compress,
    timescaledb.compress_segmentby = '',
    timescaledb.compress_orderby = 'snapshot_date desc'
);
select add_compression_policy('quant.portfolio_snapshots', compress_after => interval '180 days', if_not_exists => true);
