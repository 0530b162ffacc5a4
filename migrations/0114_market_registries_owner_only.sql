-- 0114_market_registries_owner_only: only the owner changes market.timeframes and market.indicator_columns.
--
-- Why: grant_schema_defaults('market') (0100) gave platform_app insert/update/delete on every market table,
-- including the two registries. A row written there by the application is not a table or a column: the registry
-- then says ohlcv_240m exists (or lacks ema_20) when it does not, and every generator that trusts it breaks. They
-- change only through market.add_timeframe / drop_timeframe / add_indicator_column / drop_indicator_column, which
-- run as the migrating role. Reading stays allowed.

revoke insert, update, delete, truncate on market.timeframes, market.indicator_columns from platform_app;
