-- measure 6: one symbol's monthly leaves of market.ohlcv_1m ($1 symbol, $2 first month, $3 end), one transaction
call market.ensure_partitions(1, $1, $2, $3)
