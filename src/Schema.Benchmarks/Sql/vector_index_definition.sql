-- measure 7: the migration's HNSW index definition, recreated as it is after the bulk load
select pg_catalog.pg_get_indexdef('trading.decisions_embedding_hnsw_idx'::regclass)
