-- Relations of the linted database the lock analysis follows (tables, partitioned tables, materialized views,
-- indexes) with their storage: a changed relfilenode after a statement means it rewrote the relation.
select c.oid::bigint,
       c.relfilenode::bigint,
       c.relkind::text,
       format('%I.%I', n.nspname, c.relname) as qualified,
       c.relispartition or n.nspname like '\_timescaledb%' as is_partition, -- hypertable chunks count as partitions
       coalesce(i.indrelid, 0)::bigint as index_table
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
left join pg_index i on i.indexrelid = c.oid
where c.relkind in ('r', 'p', 'm', 'i', 'I')
  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
  and n.nspname not like 'pg\_temp%'
  -- TimescaleDB's own catalog is its business; its chunks (_timescaledb_internal) are followed like partitions
  and (n.nspname not like '\_timescaledb\_%' or n.nspname = '_timescaledb_internal')
