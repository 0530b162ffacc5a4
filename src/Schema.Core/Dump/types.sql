-- User-defined types: enums (labels in their sort order), domains (base type, not null, default, constraints),
-- range types (subtype) and standalone composite types (attributes in order). Array types, table row types and
-- types that belong to an extension (e.g. pgvector's vector) are left out.
with t as (
  select t.oid, t.typtype, t.typbasetype, t.typtypmod, t.typnotnull, t.typdefault, t.typcollation, t.typrelid,
         pg_catalog.format('%I.%I', n.nspname, t.typname) as object
  from pg_catalog.pg_type t
  join pg_catalog.pg_namespace n on n.oid = t.typnamespace
  left join pg_catalog.pg_class c on c.oid = t.typrelid
  where t.typnamespace = any(@ns)
    and (t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and c.relkind = 'c'))
    and not exists (select from pg_catalog.pg_depend d
                    where d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass and d.objid = t.oid and d.deptype = 'e')
)
select 'types' as section, t.object, 0 as rank, '' as item,
       case t.typtype when 'e' then 'enum ' when 'd' then 'domain ' when 'r' then 'range ' else 'type ' end
       || t.object as text
from t
union all
select 'types', t.object, 10, '',
       'labels ' || (select pg_catalog.string_agg(pg_catalog.quote_literal(e.enumlabel), ', ' order by e.enumsortorder)
                     from pg_catalog.pg_enum e where e.enumtypid = t.oid)
from t where t.typtype = 'e'
union all
select 'types', t.object, 10, '',
       'type ' || pg_catalog.format_type(t.typbasetype, t.typtypmod)
       || case when t.typcollation <> 0 and t.typcollation <> bt.typcollation
               then ' collate ' || pg_catalog.format('%I.%I', cn.nspname, co.collname) else '' end
       || case when t.typnotnull then ' not null' else '' end
       || case when t.typdefault is not null then ' default ' || t.typdefault else '' end
from t
join pg_catalog.pg_type bt on bt.oid = t.typbasetype
left join pg_catalog.pg_collation co on co.oid = t.typcollation
left join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace
where t.typtype = 'd'
union all
select 'types', t.object, 20, con.conname,
       'constraint ' || pg_catalog.quote_ident(con.conname) || ' ' || pg_catalog.pg_get_constraintdef(con.oid)
from t
join pg_catalog.pg_constraint con on con.contypid = t.oid and con.contype <> 'n' -- not null: on the type line
where t.typtype = 'd'
union all
select 'types', t.object, 10, '', 'subtype ' || pg_catalog.format_type(r.rngsubtype, null)
from t
join pg_catalog.pg_range r on r.rngtypid = t.oid
where t.typtype = 'r'
union all
select 'types', t.object, 10, pg_catalog.lpad(a.attnum::text, 5, '0'),
       'attribute ' || pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
from t
join pg_catalog.pg_attribute a on a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped
where t.typtype = 'c'
union all
select 'types', t.object, 80, '', 'comment ' || replace(pg_catalog.quote_literal(d.description), E'\n', '\n')
from t
join pg_catalog.pg_description d
  on d.objoid = t.oid and d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass and d.objsubid = 0
