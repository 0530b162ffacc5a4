-- share of the updates on the leaves of market.ohlcv_60m that were HOT (read after pg_stat_force_next_flush)
select coalesce(pg_catalog.sum(s.n_tup_hot_upd)::float8 / nullif(pg_catalog.sum(s.n_tup_upd), 0), 0),
       coalesce(pg_catalog.sum(s.n_tup_upd), 0)::float8
  from pg_catalog.pg_stat_user_tables s
  join pg_catalog.pg_partition_tree('market.ohlcv_60m') t on t.relid = s.relid
 where t.isleaf
