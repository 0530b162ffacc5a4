-- measure 5, side A: the project's striped backfill (migration 0113), 8 stripes, commits between them
call market.apply_indicator_updates(60, 'public.bench_staging', array['rsi_14', 'atr_14', 'cvd'])
