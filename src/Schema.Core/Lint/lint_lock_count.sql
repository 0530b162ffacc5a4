-- How many lock-table slots this backend's transaction uses (every relation lock counts, catalogs included),
-- against max_locks_per_transaction.
select (select count(*) from pg_locks where pid = pg_backend_pid() and locktype = 'relation')::int,
       current_setting('max_locks_per_transaction')::int
