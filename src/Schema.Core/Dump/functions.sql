-- Functions, procedures and aggregates, keyed and sorted by their signature (regprocedure, schema-qualified).
-- The definition is pg_get_functiondef (aggregates have none: their header line is the whole fact).
-- Functions that belong to an extension (pgvector's, pgcrypto's, TimescaleDB's) are left out.
with f as (
  select p.oid, p.prokind, p.oid::pg_catalog.regprocedure::text as object
  from pg_catalog.pg_proc p
  where p.pronamespace = any(@ns)
    and not exists (select from pg_catalog.pg_depend d
                    where d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass and d.objid = p.oid
                      and d.deptype = 'e')
)
select 'functions' as section, f.object, 0 as rank, '' as item,
       case f.prokind when 'p' then 'procedure ' when 'a' then 'aggregate ' when 'w' then 'window function '
                      else 'function ' end
       || f.object
       || case when f.prokind <> 'p' then ' returns ' || pg_catalog.pg_get_function_result(f.oid) else '' end as text
from f
union all
select 'functions', f.object, 80, '', 'comment ' || replace(pg_catalog.quote_literal(d.description), E'\n', '\n')
from f
join pg_catalog.pg_description d
  on d.objoid = f.oid and d.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass and d.objsubid = 0
union all
select 'functions', f.object, 95, '', pg_catalog.pg_get_functiondef(f.oid)
from f
where f.prokind <> 'a'
