-- 0900_platform_retention_jobs: on the TimescaleDB Community edition, schedules a retention job
-- (add_retention_policy) for every row of platform.retention_policies, and keeps the jobs in step with the table.
-- schema:requires timescaledb-license=timescale
--
-- Why: platform.retention_policies (0020) is the single source of truth for retention. On the Apache edition
-- retention runs through `call platform.apply_retention()` (drop_chunks) from an external scheduler; on the
-- Community edition TimescaleDB's own job scheduler does it. This script runs after every schema's migrations
-- (09xx), so all rows registered by 01xx–05xx exist. A trigger turns later inserts/updates/deletes on the table
-- into add_retention_policy/remove_retention_policy calls, so a schema that registers a hypertable after this
-- script has run needs nothing else.
--
-- add_retention_policy(relation regclass, drop_after "any", if_not_exists bool) exists unchanged in 2.19 and 2.29;
-- for date and timestamptz time columns drop_after is an interval. if_not_exists => true makes re-runs a no-op
-- (an existing policy with a different drop_after is kept, with a warning — the trigger replaces it on update).

create function platform.sync_retention_job()
returns trigger
language plpgsql
as $$
declare
    rel regclass;
begin
    if tg_op in ('UPDATE', 'DELETE') then
        -- the table may already be gone (a down script dropped it); then its jobs went with it
        rel := to_regclass(format('%I.%I', old.schema_name, old.table_name));
        if rel is not null then
            perform remove_retention_policy(rel, if_exists => true);
        end if;
    end if;

    if tg_op in ('INSERT', 'UPDATE') then
        perform add_retention_policy(format('%I.%I', new.schema_name, new.table_name)::regclass,
                                     drop_after => new.drop_after, if_not_exists => true);
    end if;

    return null;
end
$$;

comment on function platform.sync_retention_job() is
    'Trigger: keeps TimescaleDB retention jobs (Community edition) in step with platform.retention_policies';

create trigger retention_policies_sync_job
    after insert or update or delete on platform.retention_policies
    for each row execute function platform.sync_retention_job();

do $$
declare
    p   record;
    job integer;
begin
    for p in
        select schema_name, table_name, drop_after
        from platform.retention_policies
        order by schema_name, table_name
    loop
        job := add_retention_policy(format('%I.%I', p.schema_name, p.table_name)::regclass,
                                    drop_after => p.drop_after, if_not_exists => true);
        raise notice 'retention job % for %.%: drop chunks older than %', job, p.schema_name, p.table_name, p.drop_after;
    end loop;
end
$$;
