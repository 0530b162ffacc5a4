-- 0002_platform_pg_stat_statements (down): removes the pg_stat_statements views and functions from this database.

drop extension if exists pg_stat_statements;
