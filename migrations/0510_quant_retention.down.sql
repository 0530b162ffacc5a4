-- 0510_quant_retention (down)

delete from platform.retention_policies
where schema_name = 'quant' and table_name in ('backtest_results', 'api_logs', 'system_logs');
