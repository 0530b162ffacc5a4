-- Primary key, foreign key, unique, check and exclusion constraints of the documented tables (@tables); not-null
-- is on the column. Constraints a partition inherits and the per-partition copies PostgreSQL adds for a foreign
-- key that references a partitioned table (conparentid <> 0) are left out. For a foreign key: the referenced
-- table, whether any referencing column may be null, and whether the referencing columns are exactly a primary
-- key or unique constraint of their table (then one row references at most one: a 1:1 relationship).
select k.conrelid as table_oid, k.conname::text as constraint_name, k.contype::text as kind,
       pg_catalog.pg_get_constraintdef(k.oid) as definition,
       fn.nspname::text as referenced_schema, f.relname::text as referenced_table,
       coalesce(k.contype = 'f'
                and exists (select from pg_catalog.unnest(k.conkey) u(attnum)
                            join pg_catalog.pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
                            where not a.attnotnull), false) as nullable_reference,
       coalesce(k.contype = 'f'
                and exists (select from pg_catalog.pg_constraint uk
                            where uk.conrelid = k.conrelid and uk.contype in ('p', 'u')
                              and uk.conkey @> k.conkey and uk.conkey <@ k.conkey), false) as unique_reference,
       pg_catalog.obj_description(k.oid, 'pg_constraint') as comment
from pg_catalog.pg_constraint k
left join pg_catalog.pg_class f on f.oid = k.confrelid
left join pg_catalog.pg_namespace fn on fn.oid = f.relnamespace
where k.conrelid = any(@tables) and k.contype in ('p', 'f', 'u', 'c', 'x') and k.conparentid = 0
