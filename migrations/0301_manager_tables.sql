-- 0301_manager_tables: seed 002's enum types and its plain tables — users, assets, watchlists, watchlist_items
-- (uuid keys) and indicators, signals (bigserial keys) — with the seed's indexes, foreign keys, updated_at triggers
-- and comments. The candles hypertable is 0302.
--
-- Seed 002 is an Alembic project described in prose (no DDL), so the column types are chosen here:
--  * uuid primary keys default gen_random_uuid() (core since PostgreSQL 13), bigserial for the time-series rows,
--    as the seed says.
--  * Timestamps are timestamptz (the seed stores everything "UTC": timestamptz stores the instant whatever the
--    session TimeZone); created_at/updated_at `not null default now()`; updated_at is kept by trigger
--    platform.set_updated_at (0010) — SQLAlchemy's onupdate= only fires for ORM updates.
--  * Prices, indicator values and volumes are double precision (market data for analytics; exact decimal money is
--    not needed and floats compress far better on the candles hypertable).
--  * is_active / is_admin / is_default are boolean. The seed's queries compare `s.is_active = 'true'` — a string
--    comparison that suggests a text column; with a boolean column the literal 'true' is read as boolean true, so
--    those queries still work, and spellings such as 'True', 'yes' or 't' can no longer split the data.
--  * The seed's vocabularies become enum types: asset_type (stock/etf/crypto/forex/commodity), candle_interval
--    (1m … 1M; '1m' minute and '1M' month are distinct labels), indicator_type, signal_type. The indicators' and
--    signals' `timeframe` uses candle_interval, the same vocabulary as candles."interval".
--  * Foreign keys: watchlists → users and watchlist_items → watchlists/assets cascade on delete (a watchlist or
--    membership means nothing without its owner/asset); indicators/signals → assets do not cascade (deleting an
--    asset with history is refused). Every foreign key column leads an index (seed 003's rule), so cascades and
--    joins do not scan.
--  * Unique (watchlist_id, asset_id) on watchlist_items, as the seed says; unique username, email, asset symbol.

-- ---------------------------------------------------------------------------------------------------------------
-- enum types
-- ---------------------------------------------------------------------------------------------------------------

create type manager.asset_type as enum ('stock', 'etf', 'crypto', 'forex', 'commodity');

create type manager.candle_interval as enum ('1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w', '1M');

create type manager.indicator_type as enum ('sma', 'ema', 'rsi', 'macd', 'bbands', 'atr', 'obv', 'stoch', 'adx', 'cci');

create type manager.signal_type as enum ('buy', 'sell', 'hold', 'strong_buy', 'strong_sell');

comment on type manager.asset_type is 'Kind of tradeable security (seed 002)';
comment on type manager.candle_interval is 'Candle / timeframe length: minutes (m), hours (h), day, week, month (M) (seed 002)';
comment on type manager.indicator_type is 'Technical indicator family (seed 002)';
comment on type manager.signal_type is 'Trading signal direction and strength (seed 002)';

-- ---------------------------------------------------------------------------------------------------------------
-- user-facing tables (uuid keys)
-- ---------------------------------------------------------------------------------------------------------------

create table manager.users (
    id            uuid        not null default gen_random_uuid(),
    username      text        not null,
    email         text        not null,
    password_hash text        not null,
    is_active     boolean     not null default true,
    is_admin      boolean     not null default false,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    last_login    timestamptz,
    constraint users_pkey primary key (id),
    constraint users_username_key unique (username),
    constraint users_email_key unique (email)
);

create trigger users_set_updated_at before update on manager.users
    for each row execute function platform.set_updated_at();

comment on table manager.users is 'Trading Manager user accounts (seed 002 users)';
comment on column manager.users.password_hash is 'Password hash (e.g. bcrypt/argon2 string); never the password';
comment on column manager.users.updated_at is 'Last change; maintained by trigger users_set_updated_at';

create table manager.assets (
    id         uuid               not null default gen_random_uuid(),
    symbol     text               not null,
    name       text               not null,
    asset_type manager.asset_type not null,
    exchange   text,
    sector     text,
    industry   text,
    created_at timestamptz        not null default now(),
    updated_at timestamptz        not null default now(),
    constraint assets_pkey primary key (id),
    constraint assets_symbol_key unique (symbol)
);

create trigger assets_set_updated_at before update on manager.assets
    for each row execute function platform.set_updated_at();

comment on table manager.assets is 'Tradeable securities (stocks, ETFs, crypto, forex, commodities) (seed 002 assets)';
comment on column manager.assets.updated_at is 'Last change; maintained by trigger assets_set_updated_at';

create table manager.watchlists (
    id          uuid        not null default gen_random_uuid(),
    user_id     uuid        not null,
    name        text        not null,
    description text,
    color       text,
    icon        text,
    is_default  boolean     not null default false,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint watchlists_pkey primary key (id),
    constraint watchlists_user_id_fkey foreign key (user_id) references manager.users (id) on delete cascade
);

create index watchlists_user_id_idx on manager.watchlists (user_id);

create trigger watchlists_set_updated_at before update on manager.watchlists
    for each row execute function platform.set_updated_at();

comment on table manager.watchlists is 'A user''s curated collections of assets (seed 002 watchlists)';
comment on column manager.watchlists.updated_at is 'Last change; maintained by trigger watchlists_set_updated_at';

create table manager.watchlist_items (
    id               uuid             not null default gen_random_uuid(),
    watchlist_id     uuid             not null,
    asset_id         uuid             not null,
    position         integer          not null default 0,
    notes            text,
    price_alert_high double precision,
    price_alert_low  double precision,
    created_at       timestamptz      not null default now(),
    updated_at       timestamptz      not null default now(),
    constraint watchlist_items_pkey primary key (id),
    constraint watchlist_items_watchlist_id_asset_id_key unique (watchlist_id, asset_id),
    constraint watchlist_items_watchlist_id_fkey foreign key (watchlist_id)
        references manager.watchlists (id) on delete cascade,
    constraint watchlist_items_asset_id_fkey foreign key (asset_id)
        references manager.assets (id) on delete cascade
);

-- (watchlist_id, asset_id) is led by watchlist_id: the unique constraint's index serves that foreign key
create index watchlist_items_asset_id_idx on manager.watchlist_items (asset_id);

create trigger watchlist_items_set_updated_at before update on manager.watchlist_items
    for each row execute function platform.set_updated_at();

comment on table manager.watchlist_items is 'Membership of an asset in a watchlist, with order and price alerts (seed 002 watchlist_items)';
comment on column manager.watchlist_items.position is 'Display order within the watchlist';
comment on column manager.watchlist_items.updated_at is 'Last change; maintained by trigger watchlist_items_set_updated_at';

-- ---------------------------------------------------------------------------------------------------------------
-- time-series tables (bigserial keys); candles is a hypertable, see 0302
-- ---------------------------------------------------------------------------------------------------------------

create table manager.indicators (
    id             bigserial              not null,
    asset_id       uuid                   not null,
    ts             timestamptz            not null,
    indicator_type manager.indicator_type not null,
    name           text                   not null,
    value          double precision       not null,
    value2         double precision,
    value3         double precision,
    parameters     jsonb,
    timeframe      manager.candle_interval not null,
    computed_at    timestamptz            not null default now(),
    constraint indicators_pkey primary key (id),
    constraint indicators_asset_id_fkey foreign key (asset_id) references manager.assets (id)
);

create index indicators_asset_id_indicator_type_ts_idx on manager.indicators (asset_id, indicator_type, ts);
create index indicators_asset_id_name_ts_idx on manager.indicators (asset_id, name, ts);

comment on table manager.indicators is
    'Computed technical indicator values per asset and time; value2/value3 hold the extra lines (e.g. MACD signal/histogram, Bollinger bands) (seed 002 indicators)';
comment on column manager.indicators.name is 'Indicator instance name, e.g. sma_20, rsi_14';
comment on column manager.indicators.parameters is 'Parameters the value was computed with, e.g. {"period": 20}';

create table manager.signals (
    id              bigserial               not null,
    asset_id        uuid                    not null,
    ts              timestamptz             not null,
    signal_type     manager.signal_type     not null,
    strength        double precision,
    confidence      double precision,
    price           double precision,
    target_price    double precision,
    stop_loss       double precision,
    strategy        text,
    rationale       text,
    indicators_used jsonb,
    timeframe       manager.candle_interval,
    is_active       boolean                 not null default true,
    generated_at    timestamptz             not null default now(),
    expires_at      timestamptz,
    constraint signals_pkey primary key (id),
    constraint signals_asset_id_fkey foreign key (asset_id) references manager.assets (id)
);

create index signals_asset_id_ts_idx on manager.signals (asset_id, ts);
create index signals_asset_id_signal_type_ts_idx on manager.signals (asset_id, signal_type, ts);
create index signals_is_active_ts_idx on manager.signals (is_active, ts);

comment on table manager.signals is 'Trading signals per asset, with targets, rationale and activity window (seed 002 signals)';
comment on column manager.signals.is_active is 'Whether the signal is still actionable (boolean; the seed compared it with the string ''true'')';
