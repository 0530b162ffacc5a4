-- TimescaleDB compression settings per hypertable: segmentby and orderby columns, from
-- timescaledb_information.compression_settings (run only when that view exists; 2.19 has it and later versions
-- keep it for backwards compatibility). Read through to_jsonb so a renamed column yields NULL, not an error.
with s as (
  select j ->> 'hypertable_schema' as schema_name, j ->> 'hypertable_name' as table_name, j ->> 'attname' as attname,
         (j ->> 'segmentby_column_index')::integer as seg, (j ->> 'orderby_column_index')::integer as ord,
         (j ->> 'orderby_asc')::boolean as asc_, (j ->> 'orderby_nullsfirst')::boolean as nulls_first
  from timescaledb_information.compression_settings x
  cross join lateral pg_catalog.to_jsonb(x) j
)
select s.schema_name, s.table_name,
       pg_catalog.string_agg(pg_catalog.quote_ident(s.attname), ', ' order by s.seg)
         filter (where s.seg is not null) as segmentby,
       pg_catalog.string_agg(pg_catalog.quote_ident(s.attname)
                             || case when s.asc_ then '' else ' desc' end
                             || case when s.asc_ and s.nulls_first then ' nulls first'
                                     when not s.asc_ and not s.nulls_first then ' nulls last' else '' end,
                             ', ' order by s.ord)
         filter (where s.ord is not null) as orderby
from s
group by s.schema_name, s.table_name
