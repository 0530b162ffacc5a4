-- 0001_platform_extensions (down): drops the platform schema and the extensions, in reverse order.
-- Runs last of all downs, when no application schema is left; timescaledb goes last because nothing may depend on it.

drop schema platform;

drop extension if exists pgcrypto;
drop extension if exists vector;
drop extension if exists timescaledb;
