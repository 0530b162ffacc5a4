-- 0001_platform_extensions: the extensions every schema builds on, and the `platform` schema for shared objects.
--
-- Why: every later script uses TimescaleDB (hypertables, drop_chunks), pgvector (trading embeddings) or pgcrypto
-- (gen_random_uuid/credential encryption). They are created once, here, so no schema script has to own them.
-- `if not exists`: a database cloned from a template that already has them must still migrate.
-- The `platform` schema holds what is shared across application schemas: roles helper, updated_at trigger function,
-- the retention table and procedure.
--
-- Seed 004 differences: the seed uses `create extension timescaledb cascade` and also creates pg_stat_statements
-- unconditionally; pg_stat_statements needs shared_preload_libraries, so it lives in the gated 0002 script.
-- The seed's `alter system` tuning and `set timezone` are server/session configuration, not schema, and are not
-- part of any migration.

create extension if not exists timescaledb;
create extension if not exists vector;
create extension if not exists pgcrypto;

create schema platform;

comment on schema platform is
    'Objects shared by every application schema: role helpers, trigger functions, retention policies (schema-as-code).';
