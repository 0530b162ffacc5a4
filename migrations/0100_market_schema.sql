-- 0100_market_schema: the `market` schema (seed 000: rolling-window OHLCV data, symbols, trading calendar).
--
-- Why: seed 000 puts every table in `public` (Prisma's default `?schema=public`). Here the market data has its own
-- schema so that privileges, dumps and ownership can be handled per area. platform.grant_schema_defaults (0003)
-- grants usage/DML to platform_app and select to platform_readonly on the schema, and sets default privileges so
-- that the tables and partitions created later (market.ensure_partitions, market.add_timeframe) are covered too.

create schema market;

comment on schema market is
    'Market data (seed 000): rolling-window OHLCV tables per timeframe (list by symbol -> range by month), symbols, trading calendar, session gaps.';

call platform.grant_schema_defaults('market');
