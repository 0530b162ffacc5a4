-- 0203_trading_decisions_embedding_hnsw (down): drops the HNSW index.

drop index trading.decisions_embedding_hnsw_idx;
