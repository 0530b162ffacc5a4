-- Indexes marked INVALID: what a create index concurrently leaves behind when it fails or is interrupted (and what
-- a rerun with "if not exists" then silently skips: a unique index that enforces nothing).
select i.indexrelid::bigint, format('%I.%I', n.nspname, c.relname), c.relname
from pg_index i
join pg_class c on c.oid = i.indexrelid
join pg_namespace n on n.oid = c.relnamespace
where not i.indisvalid
