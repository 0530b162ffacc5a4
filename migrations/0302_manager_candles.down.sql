-- 0302_manager_candles (down): drops the candles hypertable (its chunks, indexes and sequence go with it).

drop table manager.candles;
