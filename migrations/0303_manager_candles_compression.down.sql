-- schema:requires timescaledb-license=timescale
--
-- 0303_manager_candles_compression (down): removes the compression policy, decompresses every compressed chunk
-- (compression cannot be turned off while compressed chunks exist) and turns compression off.

select remove_compression_policy('manager.candles', if_exists => true);

select decompress_chunk(c, if_compressed => true)
from show_chunks('manager.candles') as c;

alter table manager.candles set (timescaledb.compress = false);
