-- measure 6, side B: the same query on one unpartitioned table holding the same rows
select pg_catalog.count(*), pg_catalog.sum(volume), pg_catalog.max(high)
  from public.bench_one_leaf
 where symbol = 'S02' and "timestamp" >= timestamptz '2020-06-01 00:00+00' and "timestamp" < timestamptz '2020-07-01 00:00+00'
