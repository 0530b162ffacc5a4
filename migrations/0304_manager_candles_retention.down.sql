-- 0304_manager_candles_retention (down): unregisters the candles retention limit.

delete from platform.retention_policies
where schema_name = 'manager' and table_name = 'candles';
