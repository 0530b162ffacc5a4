-- Columns with NOT NULL set (set not null on an existing table scans it under ACCESS EXCLUSIVE).
select a.attrelid::bigint, a.attname::text
from pg_attribute a
join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
where a.attnum > 0 and not a.attisdropped and a.attnotnull and c.relkind in ('r', 'p')
  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
