-- Declarative partitioning of the documented partitioned tables (@tables): strategy and key (pg_get_partkeydef),
-- the keys of partitioned partitions one level down (a LIST-then-RANGE layout), the number of direct partitions,
-- of leaves and of levels. Never one row per leaf: a table can have thousands.
select c.oid as table_oid, pg_catalog.pg_get_partkeydef(c.oid) as partition_key,
       (select pg_catalog.string_agg(distinct pg_catalog.pg_get_partkeydef(t.relid), ', ')
        from pg_catalog.pg_partition_tree(c.oid) t
        where t.level = 1 and not t.isleaf) as subpartition_keys,
       (select pg_catalog.count(*) from pg_catalog.pg_inherits i where i.inhparent = c.oid) as partitions,
       (select pg_catalog.count(*) from pg_catalog.pg_partition_tree(c.oid) t
        where t.isleaf and t.relid <> c.oid) as leaves,
       (select pg_catalog.max(t.level) from pg_catalog.pg_partition_tree(c.oid) t)::integer as levels
from pg_catalog.pg_class c
where c.oid = any(@tables) and c.relkind = 'p'
