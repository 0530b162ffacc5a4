-- 0203_trading_decisions_embedding_hnsw: the approximate nearest-neighbour index on trading.decisions.embedding
-- (cosine distance, `order by embedding <=> $1 limit k`).
--
-- Why HNSW and not the seed's `ivfflat (embedding vector_cosine_ops) with (lists = 100)`: ivfflat learns its
-- `lists` centroids by k-means over the rows present when the index is built. Built in a migration, the table is
-- empty, so the centroids are arbitrary and every row inserted later lands in badly chosen lists: recall stays poor
-- until someone remembers to REINDEX after loading data (and again whenever the distribution drifts). HNSW needs no
-- training: it is correct on an empty table and stays good as rows arrive, at the cost of a slower build and
-- slower inserts — acceptable for a table written once per bot decision.
-- m = 16, ef_construction = 64 are pgvector's defaults, written out so that a change is a visible migration.
-- At query time hnsw.ef_search (default 40) bounds the candidate list: raise it per session/transaction
-- (`set local hnsw.ef_search = 100`) for better recall, and, for filtered searches such as the seed's
-- `where action = 'BUY' order by embedding <=> $1 limit 5`, set `hnsw.iterative_scan = relaxed_order`
-- (pgvector >= 0.8) so the filter does not leave fewer than `limit` rows.
-- No `schema:requires extension=vector`: pgvector is required platform-wide and created by 0001.

create index decisions_embedding_hnsw_idx on trading.decisions
    using hnsw (embedding vector_cosine_ops)
    with (m = 16, ef_construction = 64);

comment on index trading.decisions_embedding_hnsw_idx is
    'HNSW (cosine) index for similar-decision search: order by embedding <=> $1 limit k';
