-- The query that reads one timeframe's series for the indicators, built server-side so that the table name is
-- quoted by format('%I'): every row of the symbol, ordered by phase (minute_index) then time, with the stored values.
-- $1 timeframe (must be registered).
select pg_catalog.format(
           'select "timestamp", minute_index, high, low, close, rsi_14, atr_14 from market.%I '
           'where symbol = $1 order by minute_index, "timestamp"',
           pg_catalog.format('ohlcv_%sm', t.minutes))
  from market.timeframes t
 where t.minutes = $1
