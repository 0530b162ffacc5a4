-- Declarative partitioning, summarised on the root's block (never one line per leaf: there can be thousands):
--   partition by <pg_get_partkeydef>            the root's strategy and key
--   partitions <n>                              number of direct children of the root
--   leaves <n>, first <bound>, last <bound>     the root's direct leaf children, if any (one-level layout)
--   partition <middle> <bound>, partition by <key>: <n> leaves, first <bound>, last <bound>
--                                               one line per partitioned (middle) partition, e.g. LIST symbol ->
--                                               RANGE month: one line per symbol with its month leaves' pattern
--   leaf options <sorted reloptions>: <n> leaves the distinct sets of storage parameters over all leaves
-- First/last bound are the smallest/largest bound text in "C" order (chronological for the ISO timestamps the
-- dump's TimeZone=UTC/DateStyle=ISO settings produce); a DEFAULT partition is reported, not ordered.
-- Leaf grants are summarised in acl.sql.
with tree as (
  select c.oid, c.relkind, c.relname, c.relnamespace, c.reloptions, i.inhparent as parent,
         pg_catalog.pg_partition_root(c.oid) as root,
         pg_catalog.pg_get_expr(c.relpartbound, c.oid) as bound
  from pg_catalog.pg_class c
  join pg_catalog.pg_inherits i on i.inhrelid = c.oid
  where c.relispartition and c.relkind in ('r', 'p', 'f')
),
roots as (
  select c.oid, pg_catalog.format('%I.%I', n.nspname, c.relname) as object
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.relnamespace = any(@ns) and c.relkind = 'p' and not c.relispartition
),
children as (
  select t.parent, pg_catalog.count(*) as n
  from tree t
  group by t.parent
),
leaves as (
  select t.parent, pg_catalog.count(*) as n,
         pg_catalog.min(t.bound collate "C") filter (where t.bound <> 'DEFAULT') as first,
         pg_catalog.max(t.bound collate "C") filter (where t.bound <> 'DEFAULT') as last,
         pg_catalog.bool_or(t.bound = 'DEFAULT') as has_default
  from tree t
  where t.relkind <> 'p'
  group by t.parent
)
select 'tables' as section, r.object, 70 as rank, '' as item,
       'partition by ' || pg_catalog.pg_get_partkeydef(r.oid) as text
from roots r
union all
select 'tables', r.object, 71, '', 'partitions ' || coalesce(ch.n, 0)
from roots r
left join children ch on ch.parent = r.oid
union all
select 'tables', r.object, 72, '',
       'leaves ' || l.n
       || coalesce(', first ' || l.first || ', last ' || l.last, '')
       || case when l.has_default then ', default partition' else '' end
from roots r
join leaves l on l.parent = r.oid
union all
select 'tables', r.object, 72, pg_catalog.format('%I.%I', n.nspname, m.relname),
       'partition ' || pg_catalog.format('%I.%I', n.nspname, m.relname) || ' ' || m.bound
       || ', partition by ' || pg_catalog.pg_get_partkeydef(m.oid) || ': '
       || coalesce(l.n, 0) || ' leaves'
       || coalesce(', first ' || l.first || ', last ' || l.last, '')
       || case when l.has_default then ', default partition' else '' end
       || case when coalesce(ch.n, 0) > coalesce(l.n, 0)
               then ', ' || (ch.n - coalesce(l.n, 0)) || ' partitioned partitions' else '' end
from tree m
join roots r on r.oid = m.root
join pg_catalog.pg_namespace n on n.oid = m.relnamespace
left join leaves l on l.parent = m.oid
left join children ch on ch.parent = m.oid
where m.relkind = 'p'
union all
select 'tables', r.object, 73, x.opts, 'leaf options ' || x.opts || ': ' || pg_catalog.count(*) || ' leaves'
from roots r
join tree t on t.root = r.oid and t.relkind <> 'p'
cross join lateral (select coalesce(pg_catalog.string_agg(o, ', ' order by o collate "C"), '(none)') as opts
                    from pg_catalog.unnest(t.reloptions) o) x
group by r.object, x.opts
