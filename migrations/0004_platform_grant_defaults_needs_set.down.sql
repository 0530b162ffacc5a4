-- 0004_platform_grant_defaults_needs_set (down): back to 0003's version of platform.grant_schema_defaults
-- (membership check only).

create or replace procedure platform.grant_schema_defaults(p_schema name)
language plpgsql
as $$
begin
    if not exists (select from pg_catalog.pg_namespace where nspname = p_schema) then
        raise exception 'platform.grant_schema_defaults: schema % does not exist', p_schema
            using errcode = 'invalid_schema_name';
    end if;

    -- the schema, and the shared platform schema (its functions are used by triggers and callers)
    execute format('grant usage on schema %I to platform_app, platform_readonly', p_schema);
    grant usage on schema platform to platform_app, platform_readonly;

    -- what exists now
    execute format('grant select, insert, update, delete on all tables in schema %I to platform_app', p_schema);
    execute format('grant select on all tables in schema %I to platform_readonly', p_schema);
    execute format('grant usage, select on all sequences in schema %I to platform_app', p_schema);
    execute format('grant select on all sequences in schema %I to platform_readonly', p_schema);

    -- what is created later by the current role (the migration runner)
    execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to platform_app', p_schema);
    execute format('alter default privileges in schema %I grant select on tables to platform_readonly', p_schema);
    execute format('alter default privileges in schema %I grant usage, select on sequences to platform_app', p_schema);
    execute format('alter default privileges in schema %I grant select on sequences to platform_readonly', p_schema);

    -- ... and by platform_owner, when the current role may act for it (superuser or member)
    if pg_catalog.pg_has_role(current_user, 'platform_owner', 'MEMBER') then
        execute format('alter default privileges for role platform_owner in schema %I grant select, insert, update, delete on tables to platform_app', p_schema);
        execute format('alter default privileges for role platform_owner in schema %I grant select on tables to platform_readonly', p_schema);
        execute format('alter default privileges for role platform_owner in schema %I grant usage, select on sequences to platform_app', p_schema);
        execute format('alter default privileges for role platform_owner in schema %I grant select on sequences to platform_readonly', p_schema);
    else
        raise notice 'platform.grant_schema_defaults: % is not a member of platform_owner; default privileges for platform_owner in schema % not set',
            current_user, p_schema;
    end if;
end
$$;

