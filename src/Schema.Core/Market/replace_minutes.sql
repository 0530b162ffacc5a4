-- A file replaces the one-minute rows of its symbol in its own time range (first .. last bar), writing only what
-- differs: rows of the range absent from the file are deleted, the file's rows upserted; a row whose
-- open/high/low/close/volume changes loses its indicator values (schema indicators recomputes them), an identical row
-- is not rewritten (reloading a file writes nothing). This query RETURNS the two statements, built server-side
-- because the indicator columns are data (market.indicator_columns, quoted by format('%I')).
-- In the returned statements: $1 symbol, $2 first bar, $3 last bar.
select 'delete from market.ohlcv_1m m where m.symbol = $1 and m."timestamp" >= $2 and m."timestamp" <= $3 '
       'and not exists (select from ohlcv_load_staging s where s."timestamp" = m."timestamp")',
       pg_catalog.format($q$
insert into market.ohlcv_1m as t ("timestamp", symbol, minute_index, open, high, low, close, volume, trade_count, vwap)
select s."timestamp", $1, 0, s.open, s.high, s.low, s.close, s.volume, s.trade_count, s.vwap
  from ohlcv_load_staging s
on conflict (symbol, "timestamp") do update
   set open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
       volume = excluded.volume, trade_count = excluded.trade_count, vwap = excluded.vwap%s
 where (t.open, t.high, t.low, t.close, t.volume, t.trade_count, t.vwap)
       is distinct from (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume,
                         excluded.trade_count, excluded.vwap)$q$,
           coalesce(pg_catalog.string_agg(pg_catalog.format(
               ', %1$I = case when (t.open, t.high, t.low, t.close, t.volume) is distinct from (excluded.open, '
               'excluded.high, excluded.low, excluded.close, excluded.volume) then null else t.%1$I end',
               c.column_name), '' order by c.position), ''))
  from market.indicator_columns c
