-- TimescaleDB jobs (policies and user actions), grouped by their hypertable (a continuous aggregate's
-- materialization hypertable is shown as the aggregate's view). job_id, next_start and run statistics are not
-- shown; ids inside config (hypertable_id, mat_hypertable_id) are normalised to N by the dumper. Jobs with
-- job_id < 1000 are TimescaleDB's own (telemetry, job history retention) and are left out.
with ca as materialized (
  select j ->> 'view_schema' as vs, j ->> 'view_name' as vn,
         j ->> 'materialization_hypertable_schema' as ms, j ->> 'materialization_hypertable_name' as mn
  from timescaledb_information.continuous_aggregates x
  cross join lateral pg_catalog.to_jsonb(x) j
),
raw as materialized (
  select pg_catalog.to_jsonb(x) as j from timescaledb_information.jobs x
),
jb as (
  select j, case when ca.vn is not null then pg_catalog.format('%I.%I', ca.vs, ca.vn)
                 when j ->> 'hypertable_name' is not null
                 then pg_catalog.format('%I.%I', j ->> 'hypertable_schema', j ->> 'hypertable_name') end as target,
         coalesce(ca.vs, j ->> 'hypertable_schema') as target_schema
  from raw
  left join ca on ca.ms = j ->> 'hypertable_schema' and ca.mn = j ->> 'hypertable_name'
  where (j ->> 'job_id')::integer >= 1000
),
t as (
  select coalesce(jb.target, '(no hypertable)') as object, jb.j
  from jb
  where jb.target_schema is null
     or jb.target_schema in (select n.nspname::text from pg_catalog.pg_namespace n where n.oid = any(@ns))
)
select 'jobs' as section, t.object, 0 as rank, '' as item, 'jobs on ' || t.object as text
from t
union all
select 'jobs', t.object, 10,
       (t.j ->> 'proc_schema') || '.' || (t.j ->> 'proc_name') || ' ' || coalesce(t.j ->> 'config', ''),
       'job ' || pg_catalog.format('%I.%I', t.j ->> 'proc_schema', t.j ->> 'proc_name')
       || ' every ' || (t.j ->> 'schedule_interval')
       || coalesce(' config ' || (t.j ->> 'config'), '')
       || case when (t.j ->> 'scheduled')::boolean then '' else ' (paused)' end
from t
