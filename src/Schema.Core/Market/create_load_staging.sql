-- one file's bars, validated by the parser; dropped with the load's transaction
create temp table ohlcv_load_staging (
    "timestamp" timestamptz not null primary key,
    open        double precision not null,
    high        double precision not null,
    low         double precision not null,
    close       double precision not null,
    volume      double precision not null,
    trade_count integer,
    vwap        double precision
) on commit drop
