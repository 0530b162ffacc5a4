-- TimescaleDB continuous aggregates: source hypertable, materialized_only, and the view definition as the user
-- wrote it (view_definition of timescaledb_information.continuous_aggregates, i.e. the direct view, not the
-- user view with its watermark union). Ids inside (_materialized_hypertable_<n>, cagg_watermark(<n>)) are
-- normalised to N by the dumper. Comments and grants on the cagg's view are moved here from the views section.
with c as materialized (
  select j ->> 'view_schema' as s, j ->> 'view_name' as v, j
  from timescaledb_information.continuous_aggregates x
  cross join lateral pg_catalog.to_jsonb(x) j
  where (j ->> 'view_schema') in (select n.nspname::text from pg_catalog.pg_namespace n where n.oid = any(@ns))
)
select 'continuous aggregates' as section, pg_catalog.format('%I.%I', c.s, c.v) as object, 0 as rank, '' as item,
       'continuous aggregate ' || pg_catalog.format('%I.%I', c.s, c.v) as text
from c
union all
select 'continuous aggregates', pg_catalog.format('%I.%I', c.s, c.v), 10, '',
       'on ' || pg_catalog.format('%I.%I', c.j ->> 'hypertable_schema', c.j ->> 'hypertable_name')
from c
union all
select 'continuous aggregates', pg_catalog.format('%I.%I', c.s, c.v), 11, '',
       'materialized only ' || (c.j ->> 'materialized_only')
from c
union all
select 'continuous aggregates', pg_catalog.format('%I.%I', c.s, c.v), 12, '', 'compression enabled'
from c
where (c.j ->> 'compression_enabled')::boolean
union all
select 'continuous aggregates', pg_catalog.format('%I.%I', c.s, c.v), 95, '', E'as\n' || (c.j ->> 'view_definition')
from c
