-- 0116_market_timeframes_leaf_retention: how long the monthly leaves of a timeframe are kept (optional).
--
-- Why: platform.retention_policies (0020) drives drop_chunks on hypertables; the OHLCV tables are native partitions,
-- which drop_chunks and the Community edition's retention jobs do not handle (and the 0900 trigger would reject
-- such a row). market.maintain (0117) detaches and drops every leaf whose whole month ended more than
-- drop_leaves_after ago. NULL (the default) keeps everything: market data is not dropped unless somebody says so.
-- It lives on the registry row so that only the owner can change it (0114).

alter table market.timeframes
    add column drop_leaves_after interval,
    add constraint timeframes_drop_leaves_after_positive check (drop_leaves_after > interval '0');

comment on column market.timeframes.drop_leaves_after is
    'Optional retention: market.maintain drops the monthly leaves of market.ohlcv_{N}m whose month ended more than this long ago; NULL keeps them all.';
