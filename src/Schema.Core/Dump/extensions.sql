-- Extensions: name and schema on their own lines; the version is reduced to major.minor (2.19.3 -> 2.19) so that a
-- patch upgrade of the server's packages is not reported as schema drift, while a minor upgrade (which can change
-- an extension's SQL API) is.
select 'extensions' as section, pg_catalog.quote_ident(e.extname) as object, 0 as rank, '' as item,
       'extension ' || pg_catalog.quote_ident(e.extname) as text
from pg_catalog.pg_extension e
union all
select 'extensions', pg_catalog.quote_ident(e.extname), 10, '', 'schema ' || pg_catalog.quote_ident(n.nspname)
from pg_catalog.pg_extension e
join pg_catalog.pg_namespace n on n.oid = e.extnamespace
union all
select 'extensions', pg_catalog.quote_ident(e.extname), 20, '',
       'version ' || coalesce(substring(e.extversion from '^[0-9]+\.[0-9]+'), e.extversion)
from pg_catalog.pg_extension e
