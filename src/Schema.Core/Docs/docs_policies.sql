-- TimescaleDB retention and compression policies per hypertable (timescaledb_information.jobs, read through
-- to_jsonb: the Apache 2.19 edition has the view but no policies, so this returns no rows there). drop_after /
-- compress_after come from the job's config; ids and run statistics are not shown.
select j ->> 'hypertable_schema' as schema_name, j ->> 'hypertable_name' as table_name,
       j ->> 'proc_name' as policy,
       coalesce(j -> 'config' ->> 'drop_after', j -> 'config' ->> 'compress_after',
                j -> 'config' ->> 'drop_created_before', j -> 'config' ->> 'compress_created_before') as older_than,
       j ->> 'schedule_interval' as schedule,
       coalesce((j ->> 'scheduled')::boolean, true) as scheduled
from timescaledb_information.jobs x
cross join lateral pg_catalog.to_jsonb(x) j
where j ->> 'proc_name' in ('policy_retention', 'policy_compression')
  and j ->> 'hypertable_name' is not null
