-- The leaves of market.ohlcv_{N}m holding the staged rows (to analyze after the backfill), as quoted names.
select pg_catalog.format(
           'select distinct t.tableoid::regclass::text from market.%I t join indicator_staging s '
           'on s.symbol = t.symbol and s."timestamp" = t."timestamp"',
           pg_catalog.format('ohlcv_%sm', t.minutes))
  from market.timeframes t
 where t.minutes = $1
