-- Every row of every dump query has the same shape: section, object (the block it belongs to), rank (order of the
-- fact inside the block; 0 = the block's header line), item (sort key among facts of the same rank), text.
select 'schemas' as section, pg_catalog.quote_ident(n.nspname) as object, 0 as rank, '' as item,
       'schema ' || pg_catalog.quote_ident(n.nspname) as text
from pg_catalog.pg_namespace n
where n.oid = any(@ns)
union all
select 'schemas', pg_catalog.quote_ident(n.nspname), 80, '',
       'comment ' || replace(pg_catalog.quote_literal(d.description), E'\n', '\n')
from pg_catalog.pg_namespace n
join pg_catalog.pg_description d
  on d.objoid = n.oid and d.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass and d.objsubid = 0
where n.oid = any(@ns)
