-- Live-schema rules on the linted database after every script ran: the anti-patterns of the sources' design.
-- $1: the tables in scope (format('%I.%I') names: those the linted scripts created or changed).
-- Partitions and chunks are left out (their parent is checked), as are objects extensions own.
with scope as (
    select c.oid, c.relkind, format('%I.%I', n.nspname, c.relname) as qualified
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and not c.relispartition
      and format('%I.%I', n.nspname, c.relname) = any ($1)
      and not exists (select from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
),
cols as (
    select t.oid, t.qualified, a.attnum, a.attname, a.atttypid, a.atttypmod
    from scope t
    join pg_attribute a on a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped
),
idx as (
    select i.indexrelid, i.indrelid, i.indisunique, i.indnkeyatts,
           (select array_agg(k order by o) from unnest(i.indkey::int2[]) with ordinality u (k, o)
            where o <= i.indnkeyatts) as keys,
           i.indexprs is null and i.indpred is null as plain,
           am.amname, t.qualified as table_name,
           format('%I.%I', n.nspname, ic.relname) as index_name,
           exists (select from pg_constraint k where k.conindid = i.indexrelid) as backs_constraint
    from pg_index i
    join scope t on t.oid = i.indrelid
    join pg_class ic on ic.oid = i.indexrelid
    join pg_namespace n on n.oid = ic.relnamespace
    join pg_am am on am.oid = ic.relam
)
select 'table-without-primary-key' as rule, t.qualified as object, t.qualified as table_name,
       format('table %s has no primary key: rows cannot be addressed (logical replication, updates, tooling)', t.qualified),
       'add a primary key (on a hypertable or partitioned table it must include the partitioning column)'
from scope t
where not exists (select from pg_constraint k where k.conrelid = t.oid and k.contype = 'p')
union all
select 'varchar-without-length', c.qualified || '.' || quote_ident(c.attname), c.qualified,
       format('column %s.%I is varchar without a length: text says the same thing honestly', c.qualified, c.attname),
       'use text (with a check on length if one matters) or varchar(n)'
from cols c
where c.atttypid = 'varchar'::regtype and c.atttypmod = -1
union all
select 'foreign-key-without-index', t.qualified || '.' || quote_ident(k.conname), t.qualified,
       format('foreign key %I on %s has no index leading with its columns: deletes and key updates on the referenced ' ||
              'table scan %s under lock', k.conname, t.qualified, t.qualified),
       format('create index concurrently on %s (%s)', t.qualified,
              (select string_agg(quote_ident(a.attname), ', ' order by u.o)
               from unnest(k.conkey) with ordinality u (n, o)
               join pg_attribute a on a.attrelid = t.oid and a.attnum = u.n))
from scope t
join pg_constraint k on k.conrelid = t.oid and k.contype = 'f'
where not exists (
    select from idx i
    where i.indrelid = t.oid and i.keys is not null and cardinality(i.keys) >= cardinality(k.conkey)
      and i.keys[1:cardinality(k.conkey)] @> k.conkey and i.keys[1:cardinality(k.conkey)] <@ k.conkey)
union all
select 'enum-like-text-without-check', c.qualified || '.' || quote_ident(c.attname), c.qualified,
       format('column %s.%I looks like a fixed set of values but any text is accepted', c.qualified, c.attname),
       format('add check (%I in (…)), a foreign key to a lookup table, or an enum type', c.attname)
from cols c
where c.atttypid in ('text'::regtype, 'varchar'::regtype)
  and c.attname ~ '(^|_)(status|side|type|kind|state)$'
  and not exists (select from pg_constraint k where k.conrelid = c.oid and k.contype in ('c', 'f')
                  and c.attnum = any (k.conkey))
union all
select 'table-without-comment', t.qualified, t.qualified,
       format('table %s has no comment: say what a row is', t.qualified),
       format('comment on table %s is ''…''', t.qualified)
from scope t
where obj_description(t.oid, 'pg_class') is null
union all
select 'column-without-comment', c.qualified || '.' || quote_ident(c.attname), c.qualified,
       format('column %s.%I has no comment', c.qualified, c.attname),
       format('comment on column %s.%I is ''…''', c.qualified, c.attname)
from cols c
where col_description(c.oid, c.attnum) is null
union all
select 'redundant-index', a.index_name, a.table_name,
       case when a.keys = b.keys
            then format('index %s duplicates %s (same columns)', a.index_name, b.index_name)
            else format('index %s is redundant: %s leads with the same columns', a.index_name, b.index_name) end,
       format('drop index concurrently %s', a.index_name)
from idx a
join idx b on b.indrelid = a.indrelid and b.indexrelid <> a.indexrelid and b.amname = a.amname and a.plain and b.plain
where a.amname = 'btree'
  and cardinality(a.keys) <= cardinality(b.keys) and b.keys[1:cardinality(a.keys)] = a.keys
  and not (a.keys = b.keys and (a.indexrelid > b.indexrelid or a.backs_constraint and not b.backs_constraint))
  and not (cardinality(a.keys) < cardinality(b.keys) and (a.indisunique or a.backs_constraint))
  and not (a.keys = b.keys and a.indisunique and not b.indisunique)
union all
select 'boolean-index', i.index_name, i.table_name,
       format('index %s is a single-column btree on a boolean: two values, the planner rarely uses it', i.index_name),
       'drop it, or make it a partial index (where the rare value) on a useful column'
from idx i
join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.keys[1]
where i.amname = 'btree' and i.plain and cardinality(i.keys) = 1 and a.atttypid = 'boolean'::regtype
order by 1, 2
