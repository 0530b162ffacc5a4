-- measure 9 (base database): symbol S01 and its 2024 leaves in every timeframe (partition creation is measure 8)
call market.ensure_partitions_all('S01', '2024-01-01', '2025-02-01');
