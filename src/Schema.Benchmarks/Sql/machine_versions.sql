-- what the report says about the server
select pg_catalog.current_setting('server_version'),
       (select e.default_version from pg_catalog.pg_available_extensions e where e.name = 'timescaledb'),
       pg_catalog.current_setting('timescaledb.license', true),
       (select e.default_version from pg_catalog.pg_available_extensions e where e.name = 'vector'),
       (select e.default_version from pg_catalog.pg_available_extensions e where e.name = 'pg_partman'),
       pg_catalog.current_setting('shared_buffers'),
       pg_catalog.current_setting('max_locks_per_transaction')
