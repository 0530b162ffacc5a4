-- staging for market.apply_indicator_updates: a temp table that survives its per-stripe commits
create temp table if not exists indicator_staging (
    symbol      varchar(20) not null,
    "timestamp" timestamptz not null,
    rsi_14      double precision,
    atr_14      double precision,
    primary key (symbol, "timestamp")
);
truncate indicator_staging;
