-- 0901_platform_retention_hypertables_only: a platform.retention_policies row must name a hypertable, checked when
-- the row is written, with the same error on both TimescaleDB editions.
--
-- Why (issue #6): on the Apache edition a row for a plain table was accepted and only platform.apply_retention
-- failed later (42809 wrong_object_type); on the Community edition (>= 2.20, the CI image) 0900's trigger calls
-- add_retention_policy on insert, which fails at once with TimescaleDB's own TS001. This BEFORE trigger runs ahead
-- of 0900's AFTER trigger on both editions and rejects the row with 42809 and one plain message, so an application
-- migration learns about the mistake when it registers the table, whatever the edition. Native partitioned tables
-- (market.ohlcv_{N}m) keep their retention in market.timeframes.drop_leaves_after (0116), not here.
-- It came with market.maintain (0117), which reads this table; numbered in the platform block after 0900.

create function platform.check_retention_policy_target()
returns trigger
language plpgsql
as $$
begin
    if not exists (select from timescaledb_information.hypertables h
                    where h.hypertable_schema = new.schema_name and h.hypertable_name = new.table_name) then
        raise exception 'platform.retention_policies: %.% is not a hypertable (drop_chunks and retention jobs only handle hypertables)',
            pg_catalog.quote_ident(new.schema_name), pg_catalog.quote_ident(new.table_name)
            using errcode = 'wrong_object_type';
    end if;
    return new;
end
$$;

comment on function platform.check_retention_policy_target() is
    'Trigger: a platform.retention_policies row must name a hypertable (42809 otherwise, on both TimescaleDB editions).';

create trigger retention_policies_target_is_hypertable
    before insert or update of schema_name, table_name on platform.retention_policies
    for each row execute function platform.check_retention_policy_target();
