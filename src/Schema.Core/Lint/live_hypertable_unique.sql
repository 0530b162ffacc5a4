-- A unique index on a hypertable without one of its dimension columns (TimescaleDB needs them all in every
-- unique key). $1: the tables in scope.
select 'ts-unique-without-time-column', format('%I.%I', n.nspname, ic.relname), h.qualified,
       format('unique index %I on hypertable %s lacks the dimension column %I', ic.relname, h.qualified, d.column_name),
       format('add %I to the key', d.column_name)
from (select format('%I.%I', hypertable_schema, hypertable_name) as qualified,
             to_regclass(format('%I.%I', hypertable_schema, hypertable_name)) as oid
      from timescaledb_information.hypertables) h
join timescaledb_information.dimensions d on to_regclass(format('%I.%I', d.hypertable_schema, d.hypertable_name)) = h.oid
join pg_index i on i.indrelid = h.oid and i.indisunique
join pg_class ic on ic.oid = i.indexrelid
join pg_namespace n on n.oid = ic.relnamespace
join pg_attribute a on a.attrelid = h.oid and a.attname = d.column_name
where h.qualified = any ($1) and not (a.attnum = any (i.indkey::int2[]))
order by 1, 2
