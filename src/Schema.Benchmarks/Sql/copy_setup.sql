-- measure 4: the monthly leaves of one symbol for 2024 (the loaded range), and two unpartitioned tables with the
-- same columns, constraints and indexes as market.ohlcv_1m: one as `like` makes it, one with the leaves' fillfactor
call market.ensure_partitions(1, 'BENCH', '2024-01-01', '2025-01-01');
create table public.bench_copy_plain (like market.ohlcv_1m including all);
create table public.bench_copy_plain_ff70 (like market.ohlcv_1m including all) with (fillfactor = 70);
