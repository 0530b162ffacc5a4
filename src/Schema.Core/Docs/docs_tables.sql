-- The tables `schema docs` describes: plain, partitioned (roots only: partitions are summarised on their root)
-- and foreign tables in the schemas the dump covers (not PostgreSQL's, not TimescaleDB's, not an extension's),
-- without extension members and without the runner's journal (@journal_schema.@journal_table and its _attempts
-- table: runner bookkeeping, not the application's schema).
select c.oid, n.nspname::text as schema_name, c.relname::text as table_name, c.relkind::text as kind,
       pg_catalog.obj_description(c.oid, 'pg_class') as comment,
       pg_catalog.obj_description(n.oid, 'pg_namespace') as schema_comment
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where n.nspname not in ('pg_catalog', 'information_schema', 'toolkit_experimental')
  and n.nspname !~ '^(pg_toast|pg_temp|_timescaledb_|timescaledb_)'
  and not exists (select from pg_catalog.pg_depend d
                  where d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
                    and d.objid = n.oid and d.deptype = 'e')
  and c.relkind in ('r', 'p', 'f')
  and not c.relispartition
  and not exists (select from pg_catalog.pg_depend d
                  where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.objid = c.oid
                    and d.deptype = 'e')
  and c.oid is distinct from pg_catalog.to_regclass(pg_catalog.format('%I.%I', @journal_schema::text,
                                                                      @journal_table::text))
  and c.oid is distinct from pg_catalog.to_regclass(pg_catalog.format('%I.%I', @journal_schema::text,
                                                                      @journal_table::text || '_attempts'))
