-- heap bytes of every leaf of market.ohlcv_60m
select pg_catalog.sum(pg_catalog.pg_relation_size(t.relid))::float8
  from pg_catalog.pg_partition_tree('market.ohlcv_60m') t
