-- 0304_manager_candles_retention: keep one year of candles (seed 002 "Retention Policy").
--
-- Why a row and not add_retention_policy: the seed's add_retention_policy exists only in the TimescaleDB Community
-- edition. platform.retention_policies (0020) is the single source of truth on both editions: on Apache,
-- `call platform.apply_retention()` drops the chunks; on Community, 0900_platform_retention_jobs schedules an
-- add_retention_policy job per row.

insert into platform.retention_policies (schema_name, table_name, drop_after, source)
values ('manager', 'candles', interval '1 year', 'seed 002');
