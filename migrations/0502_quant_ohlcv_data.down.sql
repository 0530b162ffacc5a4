-- 0502_quant_ohlcv_data (down): dropping the hypertable drops its chunks too.

drop table quant.ohlcv_data;
