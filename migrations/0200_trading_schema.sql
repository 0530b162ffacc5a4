-- 0200_trading_schema: the `trading` schema (seed 001: the trading bot's orders, positions, market data cache,
-- analyses and pgvector decision memory) and its default grants.
--
-- Why a schema of its own: seed 001 is a Prisma schema that puts its models ("Order", "Position", …) in `public`.
-- Here every application has its own schema, so that trading.orders, market.* (seed 000) and manager.* (seed 002)
-- can coexist in one database and be granted separately.
-- platform.grant_schema_defaults (0003) grants usage/DML to platform_app and select to platform_readonly, now and by
-- default for the tables created by the following trading scripts.

create schema trading;

call platform.grant_schema_defaults('trading');

comment on schema trading is
    'Trading bot (seed 001): orders, positions, managed positions, market data cache, analyses, decisions with embeddings';
