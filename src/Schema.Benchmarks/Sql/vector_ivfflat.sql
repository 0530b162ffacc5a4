-- measure 7: the source design's index (seed 001), built after loading as its centroids need the rows
create index bench_decisions_embedding_ivfflat on trading.decisions
    using ivfflat (embedding vector_cosine_ops) with (lists = 100)
