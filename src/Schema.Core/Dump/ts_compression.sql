-- TimescaleDB compression settings per hypertable (timescaledb_information.compression_settings; run only when
-- that view exists — it is kept for backwards compatibility in newer versions). A continuous aggregate's
-- materialization hypertable is shown as the aggregate's view.
with ca as materialized (
  select j ->> 'view_schema' as vs, j ->> 'view_name' as vn,
         j ->> 'materialization_hypertable_schema' as ms, j ->> 'materialization_hypertable_name' as mn
  from timescaledb_information.continuous_aggregates x
  cross join lateral pg_catalog.to_jsonb(x) j
),
raw as materialized (
  select pg_catalog.to_jsonb(x) as j from timescaledb_information.compression_settings x
),
cs as (
  select case when ca.vn is not null then pg_catalog.format('%I.%I', ca.vs, ca.vn)
              else pg_catalog.format('%I.%I', j ->> 'hypertable_schema', j ->> 'hypertable_name') end as object,
         coalesce(ca.vs, j ->> 'hypertable_schema') as target_schema,
         j ->> 'attname' as attname,
         (j ->> 'segmentby_column_index')::integer as seg,
         (j ->> 'orderby_column_index')::integer as ord,
         (j ->> 'orderby_asc')::boolean as asc_,
         (j ->> 'orderby_nullsfirst')::boolean as nulls_first
  from raw
  left join ca on ca.ms = j ->> 'hypertable_schema' and ca.mn = j ->> 'hypertable_name'
),
s as (
  select * from cs
  where cs.target_schema in (select n.nspname::text from pg_catalog.pg_namespace n where n.oid = any(@ns))
)
select 'compression' as section, s.object, 0 as rank, '' as item, 'compression on ' || s.object as text
from s
group by s.object
union all
select 'compression', s.object, 10, '',
       'segmentby ' || pg_catalog.string_agg(pg_catalog.quote_ident(s.attname), ', ' order by s.seg)
from s
where s.seg is not null
group by s.object
union all
select 'compression', s.object, 20, '',
       'orderby ' || pg_catalog.string_agg(pg_catalog.quote_ident(s.attname)
                                           || case when s.asc_ then ' asc' else ' desc' end
                                           || case when s.nulls_first then ' nulls first' else ' nulls last' end,
                                           ', ' order by s.ord)
from s
where s.ord is not null
group by s.object
