-- 0500_quant_schema: the `quant` schema (seed 004: quant investment platform — tickers, OHLCV, factor scores,
-- backtests, portfolio, trades, logs).
--
-- Why a schema: seed 004 creates everything in `public` and grants `all privileges` there to one login user. Here
-- the tables live in their own schema and get the platform role grants (platform_app: DML, platform_readonly:
-- select), including default privileges for tables, chunks and sequences created later.

create schema quant;

comment on schema quant is 'Quant investment platform (seed 004): tickers, OHLCV, factor scores, backtests, portfolio, trades, logs';

call platform.grant_schema_defaults('quant');
