-- 0123_market_create_timeframe_table_as (down): market.create_timeframe_table gets 0106's body back.

create or replace procedure market.create_timeframe_table(p_minutes integer)
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

drop procedure market.create_timeframe_table_as(integer, name);
