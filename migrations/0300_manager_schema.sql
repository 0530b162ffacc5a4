-- 0300_manager_schema: the `manager` schema (seed 002: the Trading Manager — users, assets, watchlists, candles,
-- indicators and signals) and its default grants.
--
-- Why a schema of its own: seed 002 creates its tables in `public` of a dedicated database (trading_manager) and
-- grants ALL on public to one login user. Here the application lives in schema `manager` of the shared platform
-- database, and privileges come from the platform roles through platform.grant_schema_defaults (0003).

create schema manager;

call platform.grant_schema_defaults('manager');

comment on schema manager is
    'Trading Manager (seed 002): users, assets, watchlists, OHLCV candles (hypertable), indicators, signals';
