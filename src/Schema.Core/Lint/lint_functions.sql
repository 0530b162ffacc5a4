-- Functions and procedures of the linted database with a fingerprint of their definition (which ones the linted
-- scripts created or changed), language, and for a trigger function a table one of its triggers is on.
select p.oid::bigint,
       format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as signature,
       format('%I.%I', n.nspname, p.proname) as name,
       md5(pg_get_functiondef(p.oid)) as fingerprint,
       l.lanname::text,
       p.prorettype = 'trigger'::regtype as is_trigger,
       p.prorettype = 'event_trigger'::regtype as is_event_trigger,
       (select t.tgrelid::bigint from pg_trigger t where t.tgfoid = p.oid order by t.oid limit 1) as trigger_table
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_language l on l.oid = p.prolang
where n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\_%' and n.nspname not like '\_timescaledb%' and n.nspname not like 'timescaledb\_%'
  and p.prokind in ('f', 'p')
  and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
