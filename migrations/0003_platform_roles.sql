-- 0003_platform_roles: the three group roles of the platform and platform.grant_schema_defaults(schema).
--
-- Why: seed 004 grants `all privileges` on everything to one login user (`quant_user`, with a password in the
-- script) — DDL included, in schema public. Here the privileges are split by what a caller needs:
--   platform_owner     nologin; owns schemas/tables (migrations run as it or as a superuser member of it);
--   platform_app       nologin; DML only (select/insert/update/delete, sequences usage/select); no DDL;
--   platform_readonly  nologin; select only.
-- Login users (with passwords) are created outside the migrations and granted one of these roles.
--
-- Roles are cluster-wide and shared by every database on the server: they are created idempotently (a concurrent
-- migration of another database may create them at the same moment, hence the exception handler) and the down
-- script never drops them.
--
-- platform.grant_schema_defaults(p_schema): every application schema's first migration runs
--   create schema X; call platform.grant_schema_defaults('X');
-- It grants usage on the schema, privileges on the tables and sequences that exist now, and default privileges
-- (for the current role and for platform_owner) so that tables, hypertable chunks, partitions and sequences created
-- LATER get the same grants without another call.

do $$
declare
    r record;
begin
    for r in
        select * from (values
            ('platform_owner', 'Owns the platform schemas and tables; nologin (schema-as-code)'),
            ('platform_app', 'Application role: DML on application schemas, no DDL; nologin (schema-as-code)'),
            ('platform_readonly', 'Read-only role: select on application schemas; nologin (schema-as-code)')
        ) v(name, description)
    loop
        if not exists (select from pg_catalog.pg_roles where rolname = r.name) then
            begin
                execute format('create role %I nologin', r.name);
                -- commented only by the database that creates it: concurrent COMMENTs on a shared object can fail
                -- with "tuple concurrently updated"
                execute format('comment on role %I is %L', r.name, r.description);
            exception
                -- another database on the cluster created it between the check and the create
                when duplicate_object or unique_violation then
                    raise notice 'role % already exists', r.name;
            end;
        end if;
    end loop;
end
$$;

grant usage on schema platform to platform_app, platform_readonly;

create procedure platform.grant_schema_defaults(p_schema name)
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

comment on procedure platform.grant_schema_defaults(name) is
    'Grants usage/DML (platform_app) and select (platform_readonly) on a schema''s tables and sequences, now and by default for later ones';

revoke execute on procedure platform.grant_schema_defaults(name) from public;
