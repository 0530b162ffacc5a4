-- 0900_platform_retention_jobs (down): removes the trigger and every retention job created from
-- platform.retention_policies. The rows themselves stay (they belong to the schemas' migrations).

drop trigger retention_policies_sync_job on platform.retention_policies;
drop function platform.sync_retention_job();

do $$
declare
    p   record;
    rel regclass;
begin
    for p in select schema_name, table_name from platform.retention_policies loop
        rel := to_regclass(format('%I.%I', p.schema_name, p.table_name));
        if rel is not null then
            perform remove_retention_policy(rel, if_exists => true);
        end if;
    end loop;
end
$$;
