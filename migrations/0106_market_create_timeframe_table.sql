-- 0106_market_create_timeframe_table: ONE generator for every market.ohlcv_{N}m table.
--
-- market.indicator_type(p_type) resolves a type name (to_regtype/to_regtypemod) and returns its canonical, quoted
-- spelling (format_type), or raises. market.create_timeframe_table(p_minutes) creates market.ohlcv_{N}m for a
-- registered timeframe from the base column list below plus the rows of market.indicator_columns.
--
-- Layout (seed 000 meant "composite partitioning LIST by symbol -> RANGE by month"):
--   market.ohlcv_60m                 partitioned by list (symbol)        -- created here, holds no rows itself
--     market.ohlcv_60m_es            partition for 'ES', partitioned by range ("timestamp")
--       market.ohlcv_60m_es_2024_03  leaf, one UTC calendar month        -- market.ensure_partitions (0108)
--
-- Where this departs from seed 000 and why:
--   * One generator instead of five copy-pasted Prisma models + a convert-to-partitioned script per table.
--   * No `with (fillfactor = 70)` and no autovacuum_* settings on the partitioned parent: PostgreSQL rejects
--     storage parameters on partitioned tables (the seed's CREATE TABLE ... PARTITION BY LIST ... WITH (fillfactor =
--     70) fails). They belong on each leaf; market.ensure_partitions sets them on every leaf it creates.
--   * No index (symbol, timestamp): the seed's idx_ohlcv_{N}m_symbol_time duplicates the primary key
--     (symbol, timestamp), which already is a unique btree index on exactly those columns. A second copy only costs
--     write time and space.
--   * Only the lookup index (symbol, minute_index, timestamp) besides the primary key, and NEVER an index containing
--     an indicator column: indicator backfills must stay HOT updates (see 0113).
--   * Indicator columns come after the base columns, in market.indicator_columns.position order (the seed has them
--     in the middle): a column added later with market.add_indicator_column is appended to existing tables, so a
--     table generated later has the same column order as the older ones.
--   * NOT NULL where Prisma says the field is not optional (window_minutes, the booleans); the seed's SQL script
--     forgot it. window_minutes defaults to N as in the seed.
--   * check (minute_index between 0 and N-1): the seed defines minute_index as the phase of the rolling window,
--     "cycles 0 to N-1".
--   * DDL is built with format('%I') for identifiers; the seed interpolated names into SQL strings. The only
--     values put in with %s are integers (the timeframe) and type names returned by format_type, which quotes them.

create function market.indicator_type(p_type text)
returns text
language plpgsql
stable
as $$
declare
    v_type   oid;
    v_typmod integer;
begin
    begin
        v_type := pg_catalog.to_regtype(p_type);
        if pg_catalog.current_setting('server_version_num')::integer >= 170000 then
            -- to_regtypemod exists from PostgreSQL 17 on (called dynamically so the body also compiles on 15/16)
            execute 'select pg_catalog.to_regtypemod($1)' into v_typmod using p_type;
        elsif p_type ~ '\(' then
            raise exception 'invalid indicator type %: type modifiers need PostgreSQL 17 (to_regtypemod)', pg_catalog.quote_nullable(p_type)
                using errcode = 'feature_not_supported';
        else
            v_typmod := -1;
        end if;
    exception when syntax_error or invalid_text_representation or invalid_parameter_value then
        v_type := null;  -- e.g. 'double precision); drop table x; --' is not a type name: reject it below
    end;
    if v_type is null then
        raise exception 'invalid indicator type %: not a known type name', pg_catalog.quote_nullable(p_type)
            using errcode = 'invalid_parameter_value';
    end if;
    return pg_catalog.format_type(v_type, v_typmod);
end
$$;

comment on function market.indicator_type(text) is
    'Canonical quoted spelling of a type name for an indicator column (format_type of to_regtype/to_regtypemod); raises for an unknown type.';

create procedure market.create_timeframe_table(p_minutes integer)
language plpgsql
as $$
declare
    v_table      name := pg_catalog.format('ohlcv_%sm', p_minutes);
    v_indicators text;
begin
    if not exists (select from market.timeframes where minutes = p_minutes) then
        raise exception 'market.create_timeframe_table: timeframe % is not registered in market.timeframes (use market.add_timeframe)', p_minutes
            using errcode = 'invalid_parameter_value';
    end if;
    if pg_catalog.to_regclass(pg_catalog.format('market.%I', v_table)) is not null then
        raise exception 'market.create_timeframe_table: market.% already exists', v_table
            using errcode = 'duplicate_table';
    end if;

    select pg_catalog.string_agg(
               pg_catalog.format(E',\n    %I %s', c.column_name, market.indicator_type(c.data_type)), '' order by c.position)
      into v_indicators
      from market.indicator_columns c;

    execute pg_catalog.format($ddl$
create table market.%1$I (
    "timestamp"                timestamptz not null,
    symbol                     varchar(20) not null,
    minute_index               smallint not null,
    open                       double precision not null,
    high                       double precision not null,
    low                        double precision not null,
    close                      double precision not null,
    volume                     double precision not null,
    trade_count                integer,
    vwap                       double precision,
    minutes_into_session       smallint,
    window_minutes             smallint not null default %2$s,
    window_spans_sessions      boolean not null default false,
    is_regular_session         boolean not null default true,
    has_gap_from_prior_session boolean not null default false%3$s,
    constraint %4$I primary key (symbol, "timestamp"),
    constraint %5$I check (minute_index >= 0 and minute_index < %2$s)
) partition by list (symbol)$ddl$,
        v_table, p_minutes, coalesce(v_indicators, ''),
        pg_catalog.format('%s_pkey', v_table), pg_catalog.format('%s_minute_index_range', v_table));

    -- the (symbol, minute_index, timestamp) lookup of the rolling-window sampling queries; nothing else
    execute pg_catalog.format('create index %I on market.%I (symbol, minute_index, "timestamp")',
        pg_catalog.format('idx_ohlcv_%sm_lookup', p_minutes), v_table);

    execute pg_catalog.format('comment on table market.%I is %L', v_table, pg_catalog.format(
        'Rolling-window OHLCV, %s-minute window, one row per symbol and minute (seed 000). Partitioned by list (symbol), then by range (timestamp) per UTC month; partitions via market.ensure_partitions. Indicator columns are never indexed (HOT backfills via market.apply_indicator_updates).',
        p_minutes));
    execute pg_catalog.format('comment on column market.%I.minute_index is %L', v_table, pg_catalog.format(
        'Phase of the rolling window: cycles 0 .. %s', p_minutes - 1));
    execute pg_catalog.format('comment on column market.%I.%I is %L', v_table, 'timestamp',
        'End of the rolling window');
end
$$;

comment on procedure market.create_timeframe_table(integer) is
    'Creates market.ohlcv_{N}m for a timeframe registered in market.timeframes: base columns + market.indicator_columns, primary key (symbol, timestamp), partition by list (symbol), lookup index (symbol, minute_index, timestamp).';
