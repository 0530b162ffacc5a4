-- Indexes of the documented tables (@tables), constraint indexes included: the method and key of
-- pg_get_indexdef (the part after USING: "btree (symbol, ts) WHERE …"), unique, whether a constraint owns it,
-- valid, and the index comment.
select i.indrelid as table_oid, ic.relname::text as index_name,
       pg_catalog.regexp_replace(pg_catalog.pg_get_indexdef(i.indexrelid), '^.*? USING ', '') as definition,
       i.indisunique as is_unique,
       exists (select from pg_catalog.pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid)
         as owned_by_constraint,
       i.indisvalid as is_valid,
       pg_catalog.obj_description(i.indexrelid, 'pg_class') as comment
from pg_catalog.pg_index i
join pg_catalog.pg_class ic on ic.oid = i.indexrelid
where i.indrelid = any(@tables)
