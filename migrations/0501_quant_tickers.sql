-- 0501_quant_tickers: the ticker universe; (ticker, region) is the key every other quant table refers to.
--
-- Seed 004 §2.1 and §5.3, with these differences:
--   * is_active is `not null` (default true): the seed's partial indexes test `is_active = true`, and a NULL would
--     be neither active nor inactive;
--   * idx_tickers_is_active (is_active) where is_active is not created: an index whose key is constant under its
--     predicate; idx_tickers_active_by_sector (same predicate, seed §5.3) answers the same queries;
--   * check delisted_date >= listed_date and market_cap >= 0 (NULL passes, as in every check constraint).

create table quant.tickers (
    ticker        varchar(20)  not null,
    region        varchar(5)   not null,
    market        varchar(20),
    sector        varchar(50),
    industry      varchar(100),
    market_cap    bigint,
    listed_date   date,
    delisted_date date,
    is_active     boolean      not null default true,
    last_updated  timestamptz  default now(),
    metadata      jsonb,
    constraint tickers_pkey primary key (ticker, region),
    constraint chk_tickers_market_cap check (market_cap >= 0),
    constraint chk_tickers_listing_dates check (delisted_date >= listed_date)
);

create index idx_tickers_region on quant.tickers (region);
create index idx_tickers_sector on quant.tickers (sector);
create index idx_tickers_market_cap on quant.tickers (market_cap desc);
create index idx_tickers_metadata on quant.tickers using gin (metadata);
create index idx_tickers_active_by_sector on quant.tickers (sector, market_cap desc) where is_active = true;

comment on table quant.tickers is 'Ticker universe across all supported regions';
comment on column quant.tickers.metadata is 'Additional metadata as JSON (e.g., exchange, currency)';
comment on column quant.tickers.last_updated is 'Set by the writer (upserts set it to now()); no trigger';
