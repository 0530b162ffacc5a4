-- Whether $1 (a relation name as written in the statement) is a hypertable with compression enabled.
select exists (
    select from timescaledb_information.hypertables h
    where to_regclass(format('%I.%I', h.hypertable_schema, h.hypertable_name)) = to_regclass($1)
      and h.compression_enabled)
