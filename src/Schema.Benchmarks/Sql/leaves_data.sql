-- measure 6: one month (June 2020) of one symbol, every minute, in the partitioned table and in a one-leaf copy
insert into market.ohlcv_1m ("timestamp", symbol, minute_index, open, high, low, close, volume)
select g, 'S02', 0, 1 + pg_catalog.random(), 2, 0.5, 1.5, 100
  from pg_catalog.generate_series(timestamptz '2020-06-01 00:01+00', timestamptz '2020-06-30 23:59+00', interval '1 minute') g;
create table public.bench_one_leaf (like market.ohlcv_1m including all);
insert into public.bench_one_leaf select * from market.ohlcv_1m where symbol = 'S02';
