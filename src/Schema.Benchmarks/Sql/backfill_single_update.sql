-- measure 5, side B: the source design's single statement
update market.ohlcv_60m m
   set rsi_14 = s.rsi_14, atr_14 = s.atr_14, cvd = s.cvd
  from public.bench_staging s
 where m.symbol = s.symbol and m."timestamp" = s."timestamp"
