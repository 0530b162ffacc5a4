-- plpgsql_check's findings for one function ($1) (for a trigger function: on a table $2 one of its triggers is on).
-- Errors and warnings; its 'warning extra' and 'performance' levels are advice, not findings.
select level, message, coalesce(hint, ''), coalesce(lineno, 0)
from plpgsql_check_function_tb($1::oid::regprocedure, coalesce($2, 0)::oid::regclass)
where level in ('error', 'warning')
