-- alter default privileges (pg_default_acl), one block per role and schema (or "all schemas"), one line per object
-- type and grantee. A schema-level entry only adds privileges; a global entry replaces the built-in default, so it
-- is compared with acldefault() like acl.sql does (a "revoke" line is a default taken away). The role itself
-- prints as "owner" (it owns the objects the entry applies to).
with da as (
  select d.defaclrole, d.defaclacl,
         'for role ' || pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(d.defaclrole))
         || coalesce(' in schema ' || pg_catalog.quote_ident(n.nspname), ' in all schemas') as object,
         case d.defaclobjtype when 'r' then 'tables' when 'S' then 'sequences' when 'f' then 'functions'
                              when 'T' then 'types' when 'n' then 'schemas' else d.defaclobjtype::text end as objects,
         case when d.defaclnamespace = 0 and d.defaclobjtype in ('r', 'S', 'f', 'T', 'n')
              then pg_catalog.acldefault(case d.defaclobjtype when 'S' then 's' else d.defaclobjtype end::"char",
                                         d.defaclrole)
              else pg_catalog.acldefault('c', d.defaclrole) end as dflt -- an empty (one-dimensional) acl
  from pg_catalog.pg_default_acl d
  left join pg_catalog.pg_namespace n on n.oid = d.defaclnamespace
  where d.defaclnamespace = 0 or d.defaclnamespace = any(@ns)
),
ent as (
  select da.object, da.objects, da.defaclrole, 'grant' as verb, a.*
  from da
  cross join lateral (select e.grantee, e.privilege_type, e.is_grantable from pg_catalog.aclexplode(da.defaclacl) e
                      except
                      select e.grantee, e.privilege_type, e.is_grantable from pg_catalog.aclexplode(da.dflt) e) a
  union all
  select da.object, da.objects, da.defaclrole, 'revoke', a.*
  from da
  cross join lateral (select e.grantee, e.privilege_type, e.is_grantable from pg_catalog.aclexplode(da.dflt) e
                      except
                      select e.grantee, e.privilege_type, e.is_grantable from pg_catalog.aclexplode(da.defaclacl) e) a
),
lines as (
  select e.object,
         'on ' || e.objects || ': ' || e.verb || ' '
         || pg_catalog.string_agg(e.privilege_type, ', ' order by e.privilege_type collate "C")
         || case e.verb when 'grant' then ' to ' else ' from ' end || e.grantee_name
         || case when e.is_grantable then ' with grant option' else '' end as line
  from (select ent.*,
               case when ent.grantee = 0 then 'PUBLIC' when ent.grantee = ent.defaclrole then 'owner'
                    else pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(ent.grantee)) end as grantee_name
        from ent) e
  group by e.object, e.objects, e.verb, e.grantee_name, e.is_grantable
)
select 'default privileges' as section, da.object, 0 as rank, '' as item, 'default privileges ' || da.object as text
from da
union all
select 'default privileges', l.object, 10, l.line, l.line
from lines l
