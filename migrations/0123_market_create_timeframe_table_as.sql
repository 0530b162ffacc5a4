-- 0123_market_create_timeframe_table_as: the timeframe table generator can build the table under another name.
--
-- Why: the batched conversion (0124) builds the partitioned copy of a plain market.ohlcv_{N}m next to it while the
-- plain table keeps its name (and its readers and writers), then swaps the names. The generator of 0106 only builds
-- under the final name; market.create_timeframe_table_as(p_minutes, p_table) is the same generator (moved here, so
-- the table shape is still defined once) with the table name as a parameter. Constraint and index names stay the
-- timeframe's (ohlcv_{N}m_pkey, idx_ohlcv_{N}m_lookup, ohlcv_{N}m_minute_index_range), so nothing needs renaming
-- after the swap except the table itself; the caller frees those index names first. It does not check the registry:
-- the conversion registers the timeframe at the swap. market.create_timeframe_table keeps its checks and calls it.

create procedure market.create_timeframe_table_as(p_minutes integer, p_table name)
language plpgsql
as $$
declare
    v_table      name := p_table;
    -- constraint and index names are the timeframe's, whatever the table is called (it is renamed to it later)
    v_name       name := pg_catalog.format('ohlcv_%sm', p_minutes);
    v_indicators text;
begin
    if p_minutes is null or p_minutes <= 0 or p_minutes > 32767 then
        raise exception 'market.create_timeframe_table_as: timeframe must be between 1 and 32767 minutes, got %', p_minutes
            using errcode = 'invalid_parameter_value';
    end if;
    if pg_catalog.to_regclass(pg_catalog.format('market.%I', v_table)) is not null then
        raise exception 'market.create_timeframe_table_as: market.% already exists', v_table
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
        pg_catalog.format('%s_pkey', v_name), pg_catalog.format('%s_minute_index_range', v_name));

    -- the (symbol, minute_index, timestamp) lookup of the rolling-window sampling queries; nothing else
    execute pg_catalog.format('create index %I on market.%I (symbol, minute_index, "timestamp")',
        pg_catalog.format('idx_%s_lookup', v_name), v_table);

    execute pg_catalog.format('comment on table market.%I is %L', v_table, pg_catalog.format(
        'Rolling-window OHLCV, %s-minute window, one row per symbol and minute (seed 000). Partitioned by list (symbol), then by range (timestamp) per UTC month; partitions via market.ensure_partitions. Indicator columns are never indexed (HOT backfills via market.apply_indicator_updates).',
        p_minutes));
    execute pg_catalog.format('comment on column market.%I.minute_index is %L', v_table, pg_catalog.format(
        'Phase of the rolling window: cycles 0 .. %s', p_minutes - 1));
    execute pg_catalog.format('comment on column market.%I.%I is %L', v_table, 'timestamp',
        'End of the rolling window');
end
$$;

comment on procedure market.create_timeframe_table_as(integer, name) is
    'The generator of market.ohlcv_{N}m (base columns + market.indicator_columns, primary key, list partitioning, lookup index) under the table name p_table; constraint and index names are the timeframe''s.';

create or replace procedure market.create_timeframe_table(p_minutes integer)
language plpgsql
as $$
declare
    v_table name := pg_catalog.format('ohlcv_%sm', p_minutes);
begin
    if not exists (select from market.timeframes where minutes = p_minutes) then
        raise exception 'market.create_timeframe_table: timeframe % is not registered in market.timeframes (use market.add_timeframe)', p_minutes
            using errcode = 'invalid_parameter_value';
    end if;
    if pg_catalog.to_regclass(pg_catalog.format('market.%I', v_table)) is not null then
        raise exception 'market.create_timeframe_table: market.% already exists', v_table
            using errcode = 'duplicate_table';
    end if;
    call market.create_timeframe_table_as(p_minutes, v_table);
end
$$;

revoke execute on procedure market.create_timeframe_table_as(integer, name) from public;
