-- monthly leaves under the symbol partitions of every market.ohlcv_{N}m tree
select pg_catalog.count(*)::float8
  from pg_catalog.pg_inherits i
  join pg_catalog.pg_class p on p.oid = i.inhparent
  join pg_catalog.pg_namespace n on n.oid = p.relnamespace
 where n.nspname = 'market' and p.relkind = 'p' and p.relispartition
