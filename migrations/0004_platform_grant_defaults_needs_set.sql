-- 0004_platform_grant_defaults_needs_set: platform.grant_schema_defaults asks for the right membership.
--
-- Why: 0003 sets default privileges "for role platform_owner" when current_user is a MEMBER of it. Since
-- PostgreSQL 16 a role that creates another with CREATEROLE is a member WITH ADMIN OPTION but without SET, and
-- `alter default privileges for role platform_owner` then fails with 42501 "permission denied to change default
-- privileges": a non-superuser database owner with CREATEROLE (a managed-database deploy) could not run 0100 on a
-- server where it created the platform roles itself. The check now asks for what the statement needs: the SET
-- option on 16+, membership on 15. Numbered before 0100 so a new database gets the fixed procedure before the first
-- schema calls it; on a database where 0100.. are applied it is a pending script that only replaces the procedure.

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
    -- PostgreSQL 16+ requires the SET option of the membership (a CREATEROLE creator only has ADMIN); 15 has no
    -- SET option and needs plain membership.
    if (case when current_setting('server_version_num')::integer >= 160000
             then pg_catalog.pg_has_role(current_user, 'platform_owner', 'SET')
             else pg_catalog.pg_has_role(current_user, 'platform_owner', 'MEMBER') end) then
        execute format('alter default privileges for role platform_owner in schema %I grant select, insert, update, delete on tables to platform_app', p_schema);
        execute format('alter default privileges for role platform_owner in schema %I grant select on tables to platform_readonly', p_schema);
        execute format('alter default privileges for role platform_owner in schema %I grant usage, select on sequences to platform_app', p_schema);
        execute format('alter default privileges for role platform_owner in schema %I grant select on sequences to platform_readonly', p_schema);
    else
        raise notice 'platform.grant_schema_defaults: % cannot act as platform_owner (SET ROLE); default privileges for platform_owner in schema % not set',
            current_user, p_schema;
    end if;
end
$$;

comment on procedure platform.grant_schema_defaults(name) is
    'Grants usage/DML (platform_app) and select (platform_readonly) on a schema''s tables and sequences, now and by default for later ones';
