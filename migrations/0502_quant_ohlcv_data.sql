-- 0502_quant_ohlcv_data: daily (and other timeframe) price bars with technical indicators; hypertable on `date`,
-- 1-month chunks (seed 004 §2.2).
--
-- Differences from the seed:
--   * hypertable created with the current API (create_hypertable(..., by_range('date', interval '1 month')));
--   * idx_ohlcv_date (date desc) is not created: create_hypertable already makes the default time index
--     ohlcv_data_date_idx (date desc) — the seed's index would be an exact duplicate;
--   * idx_ohlcv_ticker_region (ticker, region, date desc) is not created: the primary key
--     (ticker, region, date, timeframe) has the same leading columns and is scanned backwards for `order by date
--     desc` (the seed's query 8.1/1);
--   * foreign key (ticker, region) -> tickers, which the seed does not have: a price bar for an unknown ticker is
--     garbage, tickers are loaded first (seed §9.1), and the check costs one primary-key probe per inserted row
--     (~50K rows/day). ON DELETE RESTRICT, not cascade: deleting a ticker must not silently erase years of
--     (compressed) price history — delisting is is_active/delisted_date;
--   * OHLC check constraints (seed §5.2) are declared here. A CHECK passes when its expression is NULL, so a bar with
--     a missing price passes every rule that involves it (bars with partial data exist: indicators-only rows,
--     halted sessions); seed 004's validation query also treats negative prices as invalid, hence
--     chk_ohlcv_prices_nonnegative.

create table quant.ohlcv_data (
    ticker         varchar(20)    not null,
    region         varchar(5)     not null,
    date           date           not null,
    timeframe      varchar(10)    not null default 'daily',
    open           numeric(18, 4),
    high           numeric(18, 4),
    low            numeric(18, 4),
    close          numeric(18, 4),
    volume         bigint,
    adjusted_close numeric(18, 4),

    -- technical indicators
    ma5            numeric(18, 4),
    ma20           numeric(18, 4),
    ma60           numeric(18, 4),
    ma120          numeric(18, 4),
    ma200          numeric(18, 4),
    rsi            numeric(8, 4),
    macd           numeric(18, 4),
    macd_signal    numeric(18, 4),
    bb_upper       numeric(18, 4),
    bb_middle      numeric(18, 4),
    bb_lower       numeric(18, 4),
    atr            numeric(18, 4),

    last_updated   timestamptz    default now(),

    constraint ohlcv_data_pkey primary key (ticker, region, date, timeframe),
    constraint fk_ohlcv_ticker foreign key (ticker, region)
        references quant.tickers (ticker, region) on delete restrict,
    constraint chk_ohlcv_high_low check (high >= low),
    constraint chk_ohlcv_high_open check (high >= open),
    constraint chk_ohlcv_high_close check (high >= close),
    constraint chk_ohlcv_low_open check (low <= open),
    constraint chk_ohlcv_low_close check (low <= close),
    constraint chk_ohlcv_volume check (volume >= 0),
    constraint chk_ohlcv_prices_nonnegative check (open >= 0 and high >= 0 and low >= 0 and close >= 0)
);

select create_hypertable('quant.ohlcv_data', by_range('date', interval '1 month'));

create index idx_ohlcv_region_date on quant.ohlcv_data (region, date desc);

comment on table quant.ohlcv_data is 'Historical OHLCV data with technical indicators (hypertable on date, 1-month chunks)';
comment on column quant.ohlcv_data.timeframe is 'Bar size, e.g. ''daily'' (part of the key: one row per ticker, date and timeframe)';
