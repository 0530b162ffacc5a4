-- 0510_quant_retention: registers the quant retention limits of seed 004 §3.2 in platform.retention_policies.
--
-- Why: the seed calls add_retention_policy directly (Community edition only, and on plain tables for the logs).
-- The rows here are applied by platform.apply_retention() on every edition and scheduled as TimescaleDB jobs by
-- 0900_platform_retention_jobs on the Community edition. OHLCV data, factor scores and portfolio snapshots are
-- kept forever (seed), so they have no row.

insert into platform.retention_policies (schema_name, table_name, drop_after, source)
values ('quant', 'backtest_results', interval '5 years', 'seed 004'),
       ('quant', 'api_logs', interval '1 year', 'seed 004'),
       ('quant', 'system_logs', interval '1 year', 'seed 004');
