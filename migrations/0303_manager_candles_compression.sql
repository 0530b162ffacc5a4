-- schema:requires timescaledb-license=timescale
--
-- 0303_manager_candles_compression: native compression of manager.candles, segmented by asset and ordered by time,
-- and a policy compressing chunks once their data is older than 30 days (seed 002 "Compression Policy").
--
-- Gated on the Community edition: compression and add_compression_policy are not available under the Apache
-- license (this script is deferred there; the candles stay uncompressed).
-- Departures from seed 002:
--  * compress_orderby = 'ts desc' is set explicitly (the seed left it to the default, which TimescaleDB derives from
--    the indexes); the seed's queries read the latest candles of one asset first.
--  * The compression API is the one that exists unchanged in 2.19 and 2.29 (ALTER TABLE … timescaledb.compress,
--    add_compression_policy). Since 2.18 it is documented as superseded by the columnstore names
--    (timescaledb.enable_columnstore / add_columnstore_policy) but is still supported; it creates the same
--    settings and the same policy_compression job.
-- Expected notices: TimescaleDB warns that the unique keys' other columns (id; "interval") "should be used for
-- segmenting or ordering". That is advice, not an error: uniqueness is still enforced on compressed chunks (an
-- insert into one decompresses the affected batch to check). Adding "interval" to segmentby would silence one of
-- them and keep each interval's candles in their own batch; the seed asks for asset_id alone.
-- Retention is not here: it is registered in platform.retention_policies (0304) for both editions.

alter table manager.candles set (
    timescaledb.compress,
    timescaledb.compress_segmentby = 'asset_id',
    timescaledb.compress_orderby = 'ts desc'
);

select add_compression_policy('manager.candles', compress_after => interval '30 days');
