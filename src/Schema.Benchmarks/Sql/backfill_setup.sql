-- measure 5 (base database, cloned for every run): the 2024 leaves of market.ohlcv_60m for one symbol
call market.ensure_partitions(60, 'ES', '2024-01-01', '2025-01-01');
