-- Builds without blocking writes.
-- schema:no-transaction
create index concurrently golden_symbol_idx on golden (symbol);
