-- A file replaces the one-minute rows of its symbol in its own time range (first .. last bar): re-loading a
-- corrected file leaves exactly the file's bars, with empty indicator columns; market.refresh_windows then fills
-- the session columns. $1 symbol, $2 first bar, $3 last bar. (Two statements: run as one batch, in order.)
delete from market.ohlcv_1m where symbol = $1 and "timestamp" >= $2 and "timestamp" <= $3;
insert into market.ohlcv_1m ("timestamp", symbol, minute_index, open, high, low, close, volume, trade_count, vwap)
select s."timestamp", $1, 0, s.open, s.high, s.low, s.close, s.volume, s.trade_count, s.vwap
  from ohlcv_load_staging s;
