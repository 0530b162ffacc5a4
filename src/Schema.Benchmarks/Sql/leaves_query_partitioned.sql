-- measure 6, side A: one symbol, one month, through the partition tree (pruned to one leaf at plan time)
select pg_catalog.count(*), pg_catalog.sum(volume), pg_catalog.max(high)
  from market.ohlcv_1m
 where symbol = 'S02' and "timestamp" >= timestamptz '2020-06-01 00:00+00' and "timestamp" < timestamptz '2020-07-01 00:00+00'
