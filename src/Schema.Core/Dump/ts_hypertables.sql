-- TimescaleDB hypertables (run only when the extension is installed in the database). Rows are read through
-- to_jsonb(view row) ->> 'column' so that a column missing in some TimescaleDB version yields NULL instead of an
-- error (2.19 Apache here, 2.29 Community in CI). Chunk names, chunk counts and hypertable ids are not shown.
with h as materialized (
  select j ->> 'hypertable_schema' as s, j ->> 'hypertable_name' as t, j
  from timescaledb_information.hypertables x
  cross join lateral pg_catalog.to_jsonb(x) j
  where (j ->> 'hypertable_schema') in (select n.nspname::text from pg_catalog.pg_namespace n where n.oid = any(@ns))
),
d as materialized (
  select j ->> 'hypertable_schema' as s, j ->> 'hypertable_name' as t, j
  from timescaledb_information.dimensions x
  cross join lateral pg_catalog.to_jsonb(x) j
)
select 'hypertables' as section, pg_catalog.format('%I.%I', h.s, h.t) as object, 0 as rank, '' as item,
       'hypertable ' || pg_catalog.format('%I.%I', h.s, h.t) as text
from h
union all
select 'hypertables', pg_catalog.format('%I.%I', h.s, h.t), 10, '', 'dimensions ' || (h.j ->> 'num_dimensions')
from h
union all
select 'hypertables', pg_catalog.format('%I.%I', h.s, h.t), 12, '', 'compression enabled'
from h
where (h.j ->> 'compression_enabled')::boolean
union all
select 'hypertables', pg_catalog.format('%I.%I', d.s, d.t), 11, pg_catalog.lpad(d.j ->> 'dimension_number', 5, '0'),
       'dimension ' || (d.j ->> 'dimension_number') || ': ' || pg_catalog.quote_ident(d.j ->> 'column_name')
       || ' ' || (d.j ->> 'column_type') || ', ' || pg_catalog.lower(d.j ->> 'dimension_type')
       || coalesce(', chunk interval ' || (d.j ->> 'time_interval'), '')
       || coalesce(', chunk interval ' || (d.j ->> 'integer_interval'), '')
       || coalesce(', integer now ' || (d.j ->> 'integer_now_func'), '')
       || coalesce(', ' || (d.j ->> 'num_partitions') || ' partitions', '')
from d
join h on h.s = d.s and h.t = d.t
