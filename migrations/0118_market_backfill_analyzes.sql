-- 0118_market_backfill_analyzes: market.apply_indicator_updates ANALYZEs the leaves it updated.
--
-- Why (issue #7 item 2): a backfill rewrites every row of the leaves it touches, and until now nothing refreshed
-- their statistics: 0108's autovacuum thresholds (500,000 rows) were out of reach of a monthly leaf, and even with
-- PostgreSQL's defaults (0115) autovacuum comes round only after its nap. The body is 0113's with one step added
-- at the end: `analyze` of every leaf holding a row of the staging table (ANALYZE takes SHARE UPDATE EXCLUSIVE on
-- that leaf only: readers and writers go on). Signature and behaviour are otherwise unchanged.

create or replace procedure market.apply_indicator_updates(
    p_minutes integer,
    p_staging regclass,
    p_columns text[],
    p_stripes integer default 8,
    p_max_wait interval default interval '10 seconds',
    inout p_updated bigint default null)
language plpgsql
as $$
declare
    v_table   name := pg_catalog.format('ohlcv_%sm', p_minutes);
    v_oid     oid := pg_catalog.to_regclass(pg_catalog.format('market.%I', v_table));
    v_bad     text;
    v_indexes text;
    v_sql     text;
    v_rows    bigint;
    v_stripe  integer;
    v_prev    xid8;
    v_ready   boolean;
    v_until   timestamptz;
    v_leaf    text;
begin
    p_updated := 0;
    if v_oid is null then
        raise exception 'market.apply_indicator_updates: market.% does not exist', v_table
            using errcode = 'undefined_table';
    end if;
    if p_max_wait is null or p_max_wait < interval '0' then
        raise exception 'market.apply_indicator_updates: p_max_wait must be a non-negative interval, got %', p_max_wait
            using errcode = 'invalid_parameter_value';
    end if;
    if p_stripes is null or p_stripes < 1 or p_stripes > 1000 then
        raise exception 'market.apply_indicator_updates: p_stripes must be between 1 and 1000, got %', p_stripes
            using errcode = 'invalid_parameter_value';
    end if;
    if p_columns is null or pg_catalog.cardinality(p_columns) = 0 then
        raise exception 'market.apply_indicator_updates: no columns given'
            using errcode = 'invalid_parameter_value';
    end if;

    -- only registered indicator columns (never indexed by design) ...
    select pg_catalog.string_agg(pg_catalog.quote_nullable(c), ', ')
      into v_bad
      from pg_catalog.unnest(p_columns) c
     where not exists (select from market.indicator_columns i where i.column_name = c);
    if v_bad is not null then
        raise exception 'market.apply_indicator_updates: % not registered in market.indicator_columns', v_bad
            using errcode = 'undefined_column';
    end if;
    -- ... present in the staging table, next to symbol and "timestamp"
    select pg_catalog.string_agg(pg_catalog.quote_ident(c), ', ')
      into v_bad
      from pg_catalog.unnest(p_columns || array['symbol', 'timestamp']) c
     where not exists (select from pg_catalog.pg_attribute a
                        where a.attrelid = p_staging and a.attname = c and a.attnum > 0 and not a.attisdropped);
    if v_bad is not null then
        raise exception 'market.apply_indicator_updates: staging table % has no column(s) %', p_staging, v_bad
            using errcode = 'undefined_column';
    end if;

    -- an index on an indicator column makes every update of it non-HOT: say so
    select pg_catalog.string_agg(distinct pg_catalog.format('%s(%s)', x.indexrelid::regclass, a.attname), ', ')
      into v_indexes
      from pg_catalog.pg_partition_tree(v_oid) p
      join pg_catalog.pg_index x on x.indrelid = p.relid
      join pg_catalog.pg_attribute a on a.attrelid = x.indrelid and a.attnum = any (x.indkey::smallint[])
     where a.attname = any (p_columns);
    if v_indexes is not null then
        raise warning 'market.apply_indicator_updates: indexed indicator column(s) %: these updates cannot be HOT', v_indexes;
    end if;

    execute pg_catalog.format('analyze %s', p_staging);

    select pg_catalog.format(
               'update market.%I as t set %s from %s as s '
               'where t.symbol = s.symbol and t."timestamp" = s."timestamp" '
               'and pg_catalog.mod(pg_catalog.mod(pg_catalog.floor(pg_catalog.date_part(''epoch'', s."timestamp") / 60)::bigint, $1) + $1, $1) = $2 '
               'and (%s) is distinct from (%s)',
               v_table,
               pg_catalog.string_agg(pg_catalog.format('%I = s.%I', c, c), ', '),
               p_staging,
               pg_catalog.string_agg(pg_catalog.format('t.%I', c), ', '),
               pg_catalog.string_agg(pg_catalog.format('s.%I', c), ', '))
      into v_sql
      from pg_catalog.unnest(p_columns) c;

    commit;  -- fails early (before any update) when called inside a transaction block
    for v_stripe in 0 .. p_stripes - 1 loop
        -- the old row versions left by the previous stripe can be pruned only once no transaction that was running
        -- when it committed is still running (anywhere on the server), and no other session of this database holds
        -- an older snapshot: wait for that, at most p_max_wait per stripe
        if v_prev is not null then
            v_until := pg_catalog.clock_timestamp() + p_max_wait;
            loop
                perform pg_catalog.pg_stat_clear_snapshot();
                select pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot()) > v_prev
                       and not exists (
                           select from pg_catalog.pg_stat_activity a
                            where a.datname = pg_catalog.current_database()
                              and a.pid <> pg_catalog.pg_backend_pid()
                              and a.backend_type <> 'autovacuum worker'  -- vacuum does not hold back pruning
                              and a.backend_xmin is not null
                              and pg_catalog.age(a.backend_xmin) >= pg_catalog.age(pg_catalog.xid(v_prev)))
                  into v_ready;
                exit when v_ready;
                if pg_catalog.clock_timestamp() >= v_until then
                    raise notice 'market.apply_indicator_updates: stripe % starts while older transactions are still running (waited %); its updates may not be HOT',
                        v_stripe, p_max_wait;
                    exit;
                end if;
                perform pg_catalog.pg_sleep(0.01);
            end loop;
        end if;

        execute v_sql using p_stripes::bigint, v_stripe::bigint;
        get diagnostics v_rows = row_count;
        p_updated := p_updated + v_rows;
        v_prev := coalesce(pg_catalog.pg_current_xact_id_if_assigned(), v_prev);  -- a stripe with no rows has no xid
        commit;
    end loop;

    -- the leaves just rewritten: fresh statistics now, not when autovacuum gets round to them
    for v_leaf in execute pg_catalog.format(
        'select distinct t.tableoid::regclass::text from market.%I as t join %s as s '
        'on t.symbol = s.symbol and t."timestamp" = s."timestamp"', v_table, p_staging) loop
        execute pg_catalog.format('analyze %s', v_leaf);
    end loop;
    commit;
end
$$;

comment on procedure market.apply_indicator_updates(integer, regclass, text[], integer, interval, bigint) is
    'Copies indicator columns from a staging table into market.ohlcv_{N}m in p_stripes transactions by minute stripe (CALL outside a transaction block) so the updates stay HOT (see 0113), then ANALYZEs the leaves it touched.';
