-- 0560_quant_ohlcv_daily_summary (down): dropping the continuous aggregate drops its refresh policy and
-- materialization hypertable too.
-- schema:no-transaction

drop materialized view if exists quant.ohlcv_daily_summary;
