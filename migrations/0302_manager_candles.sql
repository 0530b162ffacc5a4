-- 0302_manager_candles: manager.candles, the OHLCV hypertable of seed 002 (7-day chunks on ts).
--
-- Departures from seed 002, and why:
--  * Primary key (id, ts) instead of the seed's bigserial-only key: every unique index of a hypertable must contain
--    the partitioning column (create_hypertable fails with TS103 otherwise). id stays a bigserial, so it is still
--    unique in practice; (id, ts) is what the database can enforce.
--  * The seed's index (asset_id, ts, interval) is created UNIQUE: one candle per asset, time and interval. It
--    contains ts, so a hypertable allows it, and it lets loaders re-send a batch with
--    `on conflict (asset_id, ts, "interval") do nothing/update` instead of duplicating candles.
--  * create_default_indexes => false: TimescaleDB would add candles_ts_idx on (ts desc); the seed's (ts, asset_id)
--    index already serves every ts-leading scan (btrees are read in both directions), so the default one would only
--    cost inserts.
--  * OHLCV columns are double precision (see 0301); `interval` is quoted in DDL (it is also a type name).
-- Compression (community edition) is 0303; retention (1 year) is registered in platform.retention_policies by 0304.

create table manager.candles (
    id         bigserial               not null,
    asset_id   uuid                    not null,
    ts         timestamptz             not null,
    "interval" manager.candle_interval not null,
    open       double precision        not null,
    high       double precision        not null,
    low        double precision        not null,
    close      double precision        not null,
    volume     double precision        not null default 0,
    trades     integer,
    vwap       double precision,
    created_at timestamptz             not null default now(),
    constraint candles_pkey primary key (id, ts),
    constraint candles_asset_id_fkey foreign key (asset_id) references manager.assets (id)
);

select create_hypertable('manager.candles', by_range('ts', interval '7 days'), create_default_indexes => false);

create unique index candles_asset_id_ts_interval_key on manager.candles (asset_id, ts, "interval");
create index candles_ts_asset_id_idx on manager.candles (ts, asset_id);

comment on table manager.candles is
    'OHLCV candles per asset and interval; hypertable on ts, 7-day chunks; compressed after 30 days (community), dropped after 1 year (seed 002)';
comment on column manager.candles."interval" is 'Candle length: 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 1M (month)';
comment on column manager.candles.trades is 'Number of trades in the candle, when the source provides it';
comment on column manager.candles.vwap is 'Volume-weighted average price over the candle, when the source provides it';
