-- 0002_platform_pg_stat_statements: query statistics (pg_stat_statements), used by seed 004's monitoring queries.
-- schema:requires extension=pg_stat_statements
--
-- Why gated: the extension's SQL objects can be created anywhere, but it only collects data when the library is in
-- shared_preload_libraries, and some servers (managed services, minimal images) do not ship it at all. The script is
-- deferred until the server offers it instead of failing the whole migration.

create extension if not exists pg_stat_statements;
