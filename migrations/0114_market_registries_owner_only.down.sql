-- 0114_market_registries_owner_only (down): platform_app gets DML on the registries back (as grant_schema_defaults gave).
grant insert, update, delete on market.timeframes, market.indicator_columns to platform_app;
