-- Check and foreign-key constraints with whether they are validated: a new validated constraint on an existing
-- table read all its rows under its lock.
select c.oid::bigint, c.conrelid::bigint, c.contype::text, c.convalidated, c.conname::text
from pg_constraint c
where c.contype in ('c', 'f') and c.conrelid <> 0
