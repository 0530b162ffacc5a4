-- measure 5: the computed indicator values, one row per market row (what `schema indicators` stages)
create table public.bench_staging (
    "timestamp" timestamptz,
    symbol      varchar(20),
    rsi_14      double precision,
    atr_14      double precision,
    cvd         double precision,
    primary key (symbol, "timestamp")
);
insert into public.bench_staging
select m."timestamp", m.symbol, pg_catalog.random() * 100, pg_catalog.random(), pg_catalog.random()
  from market.ohlcv_60m m;
analyze public.bench_staging;
