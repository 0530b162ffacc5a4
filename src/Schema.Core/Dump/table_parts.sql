-- Constraints (pg_get_constraintdef; not-null is on the column line, constraint triggers are in the trigger
-- list), indexes (pg_get_indexdef, schema-qualified because search_path is pg_catalog during the dump; constraint
-- indexes too, since only the index definition shows their storage parameters), triggers (pg_get_triggerdef,
-- not internal ones and not TimescaleDB's own, e.g. ts_insert_blocker, whose function lives in _timescaledb_*),
-- row level security policies, and the comments on all of these. Tables and materialized views only, never
-- partitions (a partition's constraints/indexes/triggers are clones of the root's).
with rel as (
  select c.oid, pg_catalog.format('%I.%I', n.nspname, c.relname) as object,
         case when c.relkind = 'v' then 'views' when c.relkind = 'm' then 'materialized views'
              else 'tables' end as section
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.relnamespace = any(@ns) and c.relkind in ('r', 'p', 'f', 'v', 'm') and not c.relispartition
),
con as (
  select rel.section, rel.object, k.oid, k.conname
  from rel
  join pg_catalog.pg_constraint k on k.conrelid = rel.oid and k.contype in ('c', 'f', 'p', 'u', 'x')
),
idx as (
  select rel.section, rel.object, i.indexrelid as oid, ic.relname, i.indisvalid
  from rel
  join pg_catalog.pg_index i on i.indrelid = rel.oid
  join pg_catalog.pg_class ic on ic.oid = i.indexrelid
),
trg as (
  select rel.section, rel.object, t.oid, t.tgname
  from rel
  join pg_catalog.pg_trigger t on t.tgrelid = rel.oid and not t.tgisinternal
  join pg_catalog.pg_proc p on p.oid = t.tgfoid
  join pg_catalog.pg_namespace pn on pn.oid = p.pronamespace
  where pn.nspname !~ '^_timescaledb_'
)
select con.section, con.object, 20 as rank, con.conname as item,
       'constraint ' || pg_catalog.quote_ident(con.conname) || ' ' || pg_catalog.pg_get_constraintdef(con.oid) as text
from con
union all
select con.section, con.object, 82, 'constraint ' || con.conname,
       'comment on constraint ' || pg_catalog.quote_ident(con.conname) || ' '
       || replace(pg_catalog.quote_literal(d.description), E'\n', '\n')
from con
join pg_catalog.pg_description d
  on d.objoid = con.oid and d.classoid = 'pg_catalog.pg_constraint'::pg_catalog.regclass and d.objsubid = 0
union all
select idx.section, idx.object, 30, idx.relname,
       pg_catalog.pg_get_indexdef(idx.oid) || case when idx.indisvalid then '' else ' -- INVALID' end
from idx
union all
select idx.section, idx.object, 82, 'index ' || idx.relname,
       'comment on index ' || pg_catalog.quote_ident(idx.relname) || ' '
       || replace(pg_catalog.quote_literal(d.description), E'\n', '\n')
from idx
join pg_catalog.pg_description d
  on d.objoid = idx.oid and d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.objsubid = 0
union all
select trg.section, trg.object, 50, trg.tgname, pg_catalog.pg_get_triggerdef(trg.oid)
from trg
union all
select trg.section, trg.object, 82, 'trigger ' || trg.tgname,
       'comment on trigger ' || pg_catalog.quote_ident(trg.tgname) || ' '
       || replace(pg_catalog.quote_literal(d.description), E'\n', '\n')
from trg
join pg_catalog.pg_description d
  on d.objoid = trg.oid and d.classoid = 'pg_catalog.pg_trigger'::pg_catalog.regclass and d.objsubid = 0
union all
select rel.section, rel.object, 61, pol.polname,
       'policy ' || pg_catalog.quote_ident(pol.polname)
       || case when pol.polpermissive then '' else ' as restrictive' end
       || ' for ' || case pol.polcmd when 'r' then 'select' when 'a' then 'insert' when 'w' then 'update'
                                     when 'd' then 'delete' else 'all' end
       || ' to ' || (select pg_catalog.string_agg(x.role, ', ' order by x.role collate "C")
                     from (select case when r = 0 then 'public'
                                       else pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(r)) end as role
                           from pg_catalog.unnest(pol.polroles) r) x)
       || coalesce(' using (' || pg_catalog.pg_get_expr(pol.polqual, pol.polrelid) || ')', '')
       || coalesce(' with check (' || pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid) || ')', '')
from rel
join pg_catalog.pg_policy pol on pol.polrelid = rel.oid
