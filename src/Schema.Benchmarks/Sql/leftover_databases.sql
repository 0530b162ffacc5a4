-- databases an earlier (interrupted) run of the harness left behind: its prefix and its comment, nothing else
select d.datname
  from pg_catalog.pg_database d
 where pg_catalog.starts_with(d.datname, $1 || '_')
   and pg_catalog.shobj_description(d.oid, 'pg_database') = 'schema-bench scratch'
 order by d.datname
