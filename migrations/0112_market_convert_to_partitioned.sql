-- 0112_market_convert_to_partitioned: move a plain (unpartitioned) OHLCV table into the partitioned layout.
--
-- call market.convert_to_partitioned('market.ohlcv_240m', 240);
--   p_table        a plain table holding OHLCV rows (e.g. created by Prisma, or an import table);
--   p_minutes      its timeframe; registered and its table generated (market.create_timeframe_table) if missing;
--   p_drop_source  drop the plain table once its rows are moved (default true);
--   p_moved        INOUT, returns the number of rows moved.
-- Steps, all inside the caller's transaction (no commit here, so a failure anywhere leaves everything as it was):
--   1. if the plain table occupies the name market.ohlcv_{N}m it is renamed to market.ohlcv_{N}m_unpartitioned, and
--      its indexes (in schema market) to unpartitioned_{oid}_idx, so the generated names are free;
--   2. the timeframe is registered and market.ohlcv_{N}m generated if needed;
--   3. symbol partitions and UTC-month leaves are created for every (symbol, month) present in the rows
--      (market.ensure_partitions: validated symbols, fillfactor 70 + autovacuum settings on each leaf);
--   4. every row is copied by column name (columns missing in the source get their defaults), the count is checked;
--   5. the plain table is dropped (unless p_drop_source is false).
-- The source must not have columns the target lacks (an unregistered indicator: add it with
-- market.add_indicator_column first), null or non-upper-case symbols, or null timestamps: the procedure raises
-- instead of losing data.
--
-- Where this departs from seed 000 (convertToPartitioned in scripts/db-advanced-setup.ts) and why:
--   * The seed only renames the table to *_old and creates an empty partitioned table, leaving partition creation and
--     the data copy as manual "next steps"; here the whole conversion is one transaction.
--   * The seed's partitioned CREATE TABLE carries WITH (fillfactor = 70) and an ALTER ... SET (autovacuum_...) on the
--     parent: both fail on a partitioned table. Storage parameters go on the leaves (market.ensure_partitions).
--   * The seed creates the redundant (symbol, timestamp) index and builds every statement by string interpolation;
--     here identifiers go through format('%I') / regclass output, which is quoted.

create procedure market.convert_to_partitioned(
    p_table regclass,
    p_minutes integer,
    p_drop_source boolean default true,
    inout p_moved bigint default null)
language plpgsql
as $$
declare
    v_target     name := pg_catalog.format('ohlcv_%sm', p_minutes);
    v_target_oid oid;
    v_rel        record;
    v_missing    text;
    v_columns    text;
    v_count      bigint;
    v_bad        text;
    v_created    integer;
    r            record;
begin
    select c.relkind, c.relispartition, n.nspname, c.relname
      into v_rel
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where c.oid = p_table;
    if v_rel.relkind is distinct from 'r' or v_rel.relispartition then
        raise exception 'market.convert_to_partitioned: % is not a plain table', p_table
            using errcode = 'wrong_object_type';
    end if;

    -- 1. free the target name
    if v_rel.nspname = 'market' and v_rel.relname = v_target then
        if pg_catalog.to_regclass(pg_catalog.format('market.%I', pg_catalog.format('%s_unpartitioned', v_target))) is not null then
            raise exception 'market.convert_to_partitioned: market.%_unpartitioned already exists', v_target
                using errcode = 'duplicate_table';
        end if;
        execute pg_catalog.format('alter table market.%I rename to %I', v_target, pg_catalog.format('%s_unpartitioned', v_target));
    end if;

    -- ... and the names of its indexes (index names are unique per schema: the plain table's ohlcv_{N}m_pkey or
    -- idx_ohlcv_{N}m_lookup would block the generated ones); renaming an index renames its constraint too
    if v_rel.nspname = 'market' then
        for r in select i.indexrelid::regclass as index, i.indexrelid as oid
                   from pg_catalog.pg_index i where i.indrelid = p_table loop
            execute pg_catalog.format('alter index %s rename to %I', r.index, pg_catalog.format('unpartitioned_%s_idx', r.oid));
        end loop;
    end if;

    -- 2. the partitioned table
    v_target_oid := pg_catalog.to_regclass(pg_catalog.format('market.%I', v_target));
    if v_target_oid is null then
        if not exists (select from market.timeframes where minutes = p_minutes) then
            call market.add_timeframe(p_minutes);
        else
            call market.create_timeframe_table(p_minutes);
        end if;
        v_target_oid := pg_catalog.to_regclass(pg_catalog.format('market.%I', v_target));
    elsif (select relkind from pg_catalog.pg_class where oid = v_target_oid) <> 'p' then
        raise exception 'market.convert_to_partitioned: market.% exists and is not partitioned', v_target
            using errcode = 'wrong_object_type';
    end if;

    -- source columns must all exist in the target (else their data would be lost)
    select pg_catalog.string_agg(pg_catalog.quote_ident(s.attname), ', ' order by s.attnum)
      into v_missing
      from pg_catalog.pg_attribute s
     where s.attrelid = p_table and s.attnum > 0 and not s.attisdropped
       and not exists (select from pg_catalog.pg_attribute t
                        where t.attrelid = v_target_oid and t.attname = s.attname and t.attnum > 0 and not t.attisdropped);
    if v_missing is not null then
        raise exception 'market.convert_to_partitioned: market.% has no column(s) % of %', v_target, v_missing, p_table
            using errcode = 'undefined_column',
                  hint = 'Register indicator columns with market.add_indicator_column first.';
    end if;
    select pg_catalog.string_agg(pg_catalog.quote_ident(s.attname), ', ' order by s.attnum)
      into v_columns
      from pg_catalog.pg_attribute s
     where s.attrelid = p_table and s.attnum > 0 and not s.attisdropped;

    execute pg_catalog.format(
        'select symbol from %s where symbol is null or symbol is distinct from pg_catalog.upper(symbol) or "timestamp" is null limit 1',
        p_table) into v_bad;
    get diagnostics v_count = row_count;
    if v_count > 0 then
        raise exception 'market.convert_to_partitioned: % has a row with symbol % (symbols must be upper case, symbol and timestamp not null)',
            p_table, pg_catalog.quote_nullable(v_bad)
            using errcode = 'invalid_parameter_value';
    end if;

    -- 3. partitions for every (symbol, UTC month) present
    for r in execute pg_catalog.format(
        $q$select symbol::text as symbol, pg_catalog.date_trunc('month', "timestamp" at time zone 'UTC')::date as month
             from %s group by 1, 2 order by 1, 2
        $q$, p_table) loop
        v_created := null;
        call market.ensure_partitions(p_minutes, r.symbol, r.month, (r.month + interval '1 month')::date, v_created);
    end loop;

    -- 4. move the rows
    execute pg_catalog.format('insert into market.%I (%s) select %s from %s', v_target, v_columns, v_columns, p_table);
    get diagnostics p_moved = row_count;
    execute pg_catalog.format('select count(*) from %s', p_table) into v_count;
    if v_count <> p_moved then
        raise exception 'market.convert_to_partitioned: copied % rows but % has % rows', p_moved, p_table, v_count;
    end if;

    -- 5.
    if p_drop_source then
        execute pg_catalog.format('drop table %s', p_table);
    end if;
end
$$;

comment on procedure market.convert_to_partitioned(regclass, integer, boolean, bigint) is
    'Moves the rows of a plain OHLCV table into market.ohlcv_{N}m (generated if needed) with partitions for every symbol/month present, in the caller''s transaction; drops the plain table unless p_drop_source is false.';
