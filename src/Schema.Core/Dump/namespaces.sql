-- The schemas the dump covers: every schema except PostgreSQL's own, TimescaleDB's internal and information
-- schemas, toolkit_experimental, and schemas that belong to an extension (pg_depend deptype 'e').
-- Returns the oids, passed as @ns (oid[]) to every other query.
select n.oid
from pg_catalog.pg_namespace n
where n.nspname not in ('pg_catalog', 'information_schema', 'toolkit_experimental')
  and n.nspname !~ '^(pg_toast|pg_temp|_timescaledb_|timescaledb_)'
  and not exists (select from pg_catalog.pg_depend d
                  where d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
                    and d.objid = n.oid and d.deptype = 'e')
