-- What the runner needs to know about the server, readable by any role (a non-superuser database owner included).
-- shared_preload_libraries is only visible to superusers and members of pg_read_all_settings; anyone else gets the
-- libraries whose settings are registered in this session, which happens exactly when they are preloaded
-- (timescaledb's loader registers timescaledb.license, pg_stat_statements registers pg_stat_statements.max).
select current_setting('server_version_num')::int,
       current_setting('server_version'),
       (select coalesce(string_agg(name, ','), '') from pg_available_extensions),
       case
           when (select rolsuper from pg_roles where rolname = current_user)
                or pg_has_role(current_user, 'pg_read_all_settings', 'member')
               then current_setting('shared_preload_libraries')
           else concat_ws(',',
                          case when current_setting('timescaledb.license', true) is not null then 'timescaledb' end,
                          case when current_setting('pg_stat_statements.max', true) is not null
                              then 'pg_stat_statements' end)
       end,
       current_setting('timescaledb.license', true),
       (select default_version from pg_available_extensions where name = 'timescaledb')
