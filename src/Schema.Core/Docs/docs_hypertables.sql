-- TimescaleDB hypertables and their dimensions (run only when the extension is installed). Rows are read through
-- to_jsonb(view row) ->> 'column' so that a column missing in some TimescaleDB version yields NULL instead of an
-- error: the timescaledb_information views of 2.19 (Apache) and of 2.20 and later both work. One row per
-- dimension; chunk counts and hypertable ids are not shown (they vary between databases with the same schema).
with h as materialized (
  select pg_catalog.to_jsonb(x) as j from timescaledb_information.hypertables x
),
d as materialized (
  select pg_catalog.to_jsonb(x) as j from timescaledb_information.dimensions x
)
select h.j ->> 'hypertable_schema' as schema_name, h.j ->> 'hypertable_name' as table_name,
       coalesce((h.j ->> 'compression_enabled')::boolean, false) as compression_enabled,
       (d.j ->> 'dimension_number')::integer as dimension_number,
       d.j ->> 'column_name' as column_name,
       pg_catalog.lower(d.j ->> 'dimension_type') as dimension_type,
       coalesce(d.j ->> 'time_interval', d.j ->> 'integer_interval') as chunk_interval,
       (d.j ->> 'num_partitions')::integer as partitions
from h
left join d on d.j ->> 'hypertable_schema' = h.j ->> 'hypertable_schema'
           and d.j ->> 'hypertable_name' = h.j ->> 'hypertable_name'
