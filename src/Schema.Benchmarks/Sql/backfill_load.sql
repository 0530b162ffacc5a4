-- measure 5: $1 one-minute rows of 60-minute windows, indicator columns null (what the loader leaves behind)
insert into market.ohlcv_60m ("timestamp", symbol, minute_index, open, high, low, close, volume)
select timestamptz '2024-01-01' + g * interval '1 minute', 'ES', (g % 60)::smallint, 1, 2, 0.5, 1.5, 100
  from pg_catalog.generate_series(0, $1 - 1) g
