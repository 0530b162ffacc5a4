-- 0020_platform_retention: platform.retention_policies (one row per hypertable with a retention limit) and
-- platform.apply_retention(), which drops the chunks older than each limit.
--
-- Why: seed 004 schedules retention with add_retention_policy, which exists only in the TimescaleDB Community
-- edition (the Apache edition answers "not supported under the current apache license"). The table is the single
-- source of truth on both editions:
--   * Apache edition: an external scheduler (cron, the CLI) runs `call platform.apply_retention();`
--     drop_chunks itself is Apache-licensed;
--   * Community edition: 0900_platform_retention_jobs.sql turns every row into an add_retention_policy job.
-- Schemas register their hypertables by inserting a row in their own migration (and deleting it in the down script).
--
-- Seed 004 also sets retention on api_logs/system_logs, which it creates as plain tables; add_retention_policy
-- rejects plain tables (TS001) — the quant migrations make them hypertables before registering them here.

create table platform.retention_policies (
    schema_name name     not null,
    table_name  name     not null,
    drop_after  interval not null,
    source      text     not null,
    constraint retention_policies_pkey primary key (schema_name, table_name),
    constraint retention_policies_drop_after_positive check (drop_after > interval '0')
);

comment on table platform.retention_policies is
    'Retention limit per hypertable: chunks entirely older than now() - drop_after are dropped (apply_retention / 0900 jobs)';
comment on column platform.retention_policies.drop_after is 'Age after which a chunk is dropped (whole chunks only)';
comment on column platform.retention_policies.source is 'Where the limit comes from, e.g. ''seed 004''';

grant select on platform.retention_policies to platform_app, platform_readonly;

create procedure platform.apply_retention()
language plpgsql
as $$
declare
    p       record;
    tbl     regclass;
    dropped integer;
begin
    for p in
        select schema_name, table_name, drop_after
        from platform.retention_policies
        order by schema_name, table_name
    loop
        tbl := format('%I.%I', p.schema_name, p.table_name)::regclass;

        if not exists (select from timescaledb_information.hypertables h
                       where h.hypertable_schema = p.schema_name and h.hypertable_name = p.table_name) then
            raise exception 'platform.apply_retention: % is not a hypertable (platform.retention_policies row)', tbl
                using errcode = 'wrong_object_type';
        end if;

        -- older_than as an interval means "now() - drop_after" and works for every time column type; a
        -- timestamptz (now() - drop_after) is rejected for date columns ("invalid time argument type").
        select count(*) into dropped
        from drop_chunks(tbl, older_than => p.drop_after);

        raise notice 'platform.apply_retention: % — dropped % chunk(s) older than %', tbl, dropped, p.drop_after;
    end loop;
end
$$;

comment on procedure platform.apply_retention() is
    'Drops the chunks older than platform.retention_policies.drop_after for every registered hypertable (both editions)';

revoke execute on procedure platform.apply_retention() from public;
