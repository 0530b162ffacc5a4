-- Grants. Each object's ACL (NULL means the built-in default) is compared with acldefault() for its owner:
-- privileges beyond the default print as "grant P, Q to role", missing default ones as "revoke P from role".
-- So an untouched object prints nothing, and grant+revoke back to the default is no difference. The owner is
-- printed as "owner" (who owns objects depends on who ran the migrations); grantors are not shown.
-- Column privileges print as "column c grant ...". Partition leaves are grouped on the root's block by their
-- distinct grant sets ("leaf grants <set>: <n> leaves"), since default privileges must cover partitions created
-- later.
with tree as (
  select c.oid, c.relacl, c.relowner, pg_catalog.pg_partition_root(c.oid) as root
  from pg_catalog.pg_class c
  where c.relispartition and c.relkind in ('r', 'f')
),
obj as (
  select case when c.relkind in ('r', 'p', 'f') then 'tables' when c.relkind = 'v' then 'views'
              when c.relkind = 'm' then 'materialized views' else 'sequences' end as section,
         pg_catalog.format('%I.%I', n.nspname, c.relname) as object, null::oid as leaf, '' as prefix,
         c.relacl as acl,
         pg_catalog.acldefault(case when c.relkind = 'S' then 's' else 'r' end::"char", c.relowner) as dflt,
         c.relowner as owner
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.relnamespace = any(@ns) and c.relkind in ('r', 'p', 'f', 'v', 'm', 'S') and not c.relispartition
  union all
  select case when c.relkind = 'v' then 'views' when c.relkind = 'm' then 'materialized views' else 'tables' end,
         pg_catalog.format('%I.%I', n.nspname, c.relname), null, 'column ' || pg_catalog.quote_ident(a.attname) || ' ',
         a.attacl, pg_catalog.acldefault('c', c.relowner), c.relowner
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  where c.relnamespace = any(@ns) and c.relkind in ('r', 'p', 'f', 'v', 'm') and not c.relispartition
    and a.attacl is not null
  union all
  select 'tables', pg_catalog.format('%I.%I', n.nspname, c.relname), t.oid, '',
         t.relacl, pg_catalog.acldefault('r', t.relowner), t.relowner
  from tree t
  join pg_catalog.pg_class c on c.oid = t.root
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.relnamespace = any(@ns)
  union all
  select 'schemas', pg_catalog.quote_ident(s.nspname), null, '', s.nspacl, pg_catalog.acldefault('n', s.nspowner),
         s.nspowner
  from pg_catalog.pg_namespace s
  where s.oid = any(@ns)
  union all
  select 'functions', p.oid::pg_catalog.regprocedure::text, null, '', p.proacl,
         pg_catalog.acldefault('f', p.proowner), p.proowner
  from pg_catalog.pg_proc p
  where p.pronamespace = any(@ns)
  union all
  select 'types', pg_catalog.format('%I.%I', n.nspname, t.typname), null, '', t.typacl,
         pg_catalog.acldefault('T', t.typowner), t.typowner
  from pg_catalog.pg_type t
  join pg_catalog.pg_namespace n on n.oid = t.typnamespace
  where t.typnamespace = any(@ns) and t.typtype in ('e', 'd', 'r', 'c')
),
ent as (
  select o.section, o.object, o.leaf, o.prefix, o.owner, 'grant' as verb, a.grantee, a.privilege_type, a.is_grantable
  from obj o
  cross join lateral (select e.grantee, e.privilege_type, e.is_grantable
                      from pg_catalog.aclexplode(coalesce(o.acl, o.dflt)) e
                      except
                      select e.grantee, e.privilege_type, e.is_grantable
                      from pg_catalog.aclexplode(o.dflt) e) a
  union all
  select o.section, o.object, o.leaf, o.prefix, o.owner, 'revoke', a.grantee, a.privilege_type, a.is_grantable
  from obj o
  cross join lateral (select e.grantee, e.privilege_type, e.is_grantable
                      from pg_catalog.aclexplode(o.dflt) e
                      except
                      select e.grantee, e.privilege_type, e.is_grantable
                      from pg_catalog.aclexplode(coalesce(o.acl, o.dflt)) e) a
),
lines as (
  select e.section, e.object, e.leaf, e.prefix,
         e.prefix || e.verb || ' ' || pg_catalog.string_agg(e.privilege_type, ', ' order by e.privilege_type collate "C")
         || case e.verb when 'grant' then ' to ' else ' from ' end || e.grantee_name
         || case when e.is_grantable then ' with grant option' else '' end as line
  from (select ent.*,
               case when ent.grantee = 0 then 'PUBLIC' when ent.grantee = ent.owner then 'owner'
                    else pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(ent.grantee)) end as grantee_name
        from ent) e
  group by e.section, e.object, e.leaf, e.prefix, e.verb, e.grantee_name, e.is_grantable
)
select l.section, l.object, case when l.prefix = '' then 90 else 91 end as rank, l.line as item, l.line as text
from lines l
where l.leaf is null
union all
select 'tables', x.object, 74, x.acl, 'leaf grants ' || x.acl || ': ' || pg_catalog.count(*) || ' leaves'
from (select o.object, o.leaf,
             coalesce(pg_catalog.string_agg(l.line, '; ' order by l.line collate "C"), '(default)') as acl
      from obj o
      left join lines l on l.leaf = o.leaf
      where o.leaf is not null
      group by o.object, o.leaf) x
group by x.object, x.acl
