-- Tables (plain, partitioned roots, foreign), views, materialized views and sequences: header line, storage
-- parameters (reloptions, sorted; toast.* for the toast table), row level security, comment, view definition and
-- sequence parameters. Partitions are not listed here (partitions.sql summarises them per root); TimescaleDB chunks
-- live in excluded schemas. @include_journal = false leaves out the journal (@journal_schema.@journal_table), its _attempts table and the
-- sequences they own.
with rel as (
  select c.oid, c.relkind, c.relpersistence, c.reloptions, c.reltoastrelid, c.relrowsecurity,
         c.relforcerowsecurity, am.amname,
         pg_catalog.format('%I.%I', n.nspname, c.relname) as object,
         case when c.relkind in ('r', 'p', 'f') then 'tables' when c.relkind = 'v' then 'views'
              when c.relkind = 'm' then 'materialized views' else 'sequences' end as section
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  left join pg_catalog.pg_am am on am.oid = c.relam
  where c.relnamespace = any(@ns)
    and c.relkind in ('r', 'p', 'f', 'v', 'm', 'S')
    and not c.relispartition
    and not exists (select from pg_catalog.pg_depend d
                    where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.objid = c.oid
                      and d.deptype = 'e')
    and (@include_journal
         or not exists (select from pg_catalog.unnest(array[@journal_table::text, @journal_table::text || '_attempts']) t
                        cross join lateral (select pg_catalog.to_regclass(
                                              pg_catalog.format('%I.%I', @journal_schema::text, t)) as oid) j
                        where c.oid = j.oid
                           or exists (select from pg_catalog.pg_depend d
                                      where d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.objid = c.oid
                                        and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                                        and d.refobjid = j.oid and d.deptype in ('a', 'i'))))
)
select rel.section, rel.object, 0 as rank, '' as item,
       case when rel.relpersistence = 'u' then 'unlogged ' else '' end
       || case rel.relkind when 'r' then 'table ' when 'p' then 'partitioned table ' when 'f' then 'foreign table '
                           when 'v' then 'view ' when 'm' then 'materialized view ' else 'sequence ' end
       || rel.object
       || case when rel.relkind in ('r', 'm') and rel.amname <> 'heap' then ' using ' || rel.amname else '' end
       as text
from rel
union all
select rel.section, rel.object, 40, o, 'option ' || o
from rel, pg_catalog.unnest(rel.reloptions) o
union all
select rel.section, rel.object, 40, 'toast.' || o, 'option toast.' || o
from rel
join pg_catalog.pg_class t on t.oid = rel.reltoastrelid, pg_catalog.unnest(t.reloptions) o
union all
select rel.section, rel.object, 60, '',
       'row level security enabled' || case when rel.relforcerowsecurity then ', forced' else '' end
from rel
where rel.relrowsecurity
union all
select rel.section, rel.object, 60, '', 'row level security forced (not enabled)'
from rel
where rel.relforcerowsecurity and not rel.relrowsecurity
union all
select rel.section, rel.object, 80, '', 'comment ' || replace(pg_catalog.quote_literal(d.description), E'\n', '\n')
from rel
join pg_catalog.pg_description d
  on d.objoid = rel.oid and d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.objsubid = 0
union all
select rel.section, rel.object, 95, '', E'as\n' || pg_catalog.pg_get_viewdef(rel.oid, true)
from rel
where rel.relkind in ('v', 'm')
union all
select rel.section, rel.object, 10, '',
       'as ' || pg_catalog.format_type(s.seqtypid, null) || ' start ' || s.seqstart || ' increment ' || s.seqincrement
       || ' minvalue ' || s.seqmin || ' maxvalue ' || s.seqmax || ' cache ' || s.seqcache
       || case when s.seqcycle then ' cycle' else ' no cycle' end
from rel
join pg_catalog.pg_sequence s on s.seqrelid = rel.oid
union all
select rel.section, rel.object, 20, '',
       case d.deptype when 'i' then 'identity of ' else 'owned by ' end
       || pg_catalog.format('%I.%I.%I', tn.nspname, tc.relname, a.attname)
from rel
join pg_catalog.pg_depend d
  on d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.objid = rel.oid
 and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.deptype in ('a', 'i') and d.refobjsubid > 0
join pg_catalog.pg_class tc on tc.oid = d.refobjid
join pg_catalog.pg_namespace tn on tn.oid = tc.relnamespace
join pg_catalog.pg_attribute a on a.attrelid = tc.oid and a.attnum = d.refobjsubid
where rel.relkind = 'S'
