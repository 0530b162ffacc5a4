-- The relation locks this backend holds (its own transaction), strongest mode per relation.
select l.relation::bigint, l.mode
from pg_locks l
where l.pid = pg_backend_pid() and l.locktype = 'relation' and l.granted
  and l.database = (select oid from pg_database where datname = current_database())
