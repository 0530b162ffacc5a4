-- Who holds the runner's advisory lock in this database: a bigint key is stored as classid (high 32 bits),
-- objid (low 32 bits), objsubid 1.
select l.pid, coalesce(a.application_name, ''), a.backend_start, coalesce(a.client_addr::text, 'local')
from pg_locks l
left join pg_stat_activity a on a.pid = l.pid
where l.locktype = 'advisory' and l.granted and l.objsubid = 1
  and l.database = (select oid from pg_database where datname = current_database())
  and l.classid = ((@key >> 32) & 4294967295)::bigint::oid
  and l.objid = (@key & 4294967295)::bigint::oid
limit 1
