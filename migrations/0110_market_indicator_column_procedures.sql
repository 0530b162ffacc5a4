-- 0110_market_indicator_column_procedures: add or drop an indicator column on EVERY timeframe table at once.
--
-- Why: seed 000's workflow for a new indicator is "edit the Prisma schema — IMPORTANT: repeat for ALL timeframe
-- tables". Here `call market.add_indicator_column('ema_20', 'double precision');` records the column in
-- market.indicator_columns (so timeframe tables generated later have it too) and adds it to every
-- market.ohlcv_{N}m; ALTER TABLE on a partitioned table reaches every partition and leaf. The column is nullable
-- with no default, so adding it only changes the catalog (no table rewrite) even on large tables.
-- market.drop_indicator_column is the inverse (down scripts); it destroys the column's data.
-- Names go through format('%I'); the type is resolved by market.indicator_type (to_regtype) and written in the
-- canonical spelling format_type returns, never as the caller's text.

create procedure market.add_indicator_column(p_name text, p_type text default 'double precision')
language plpgsql
as $$
declare
    v_type    text := market.indicator_type(p_type);
    v_minutes integer;
begin
    if p_name is null or p_name !~ '^[a-z_][a-z0-9_]{0,62}$' then
        raise exception 'market.add_indicator_column: invalid column name %: expected a lower-case identifier', pg_catalog.quote_nullable(p_name)
            using errcode = 'invalid_parameter_value';
    end if;
    if exists (select from market.indicator_columns where column_name = p_name) then
        raise exception 'market.add_indicator_column: indicator column % is already registered', p_name
            using errcode = 'duplicate_column';
    end if;

    insert into market.indicator_columns (column_name, data_type) values (p_name, v_type);

    for v_minutes in select minutes from market.timeframes order by minutes loop
        execute pg_catalog.format('alter table market.%I add column %I %s',
            pg_catalog.format('ohlcv_%sm', v_minutes), p_name, v_type);
    end loop;
end
$$;

comment on procedure market.add_indicator_column(text, text) is
    'Registers an indicator column in market.indicator_columns and adds it (nullable, no default, no index) to every market.ohlcv_{N}m table and all their partitions.';

create procedure market.drop_indicator_column(p_name text)
language plpgsql
as $$
declare
    v_minutes integer;
begin
    delete from market.indicator_columns where column_name = p_name;
    if not found then
        raise exception 'market.drop_indicator_column: indicator column % is not registered', pg_catalog.quote_nullable(p_name)
            using errcode = 'undefined_column';
    end if;

    for v_minutes in select minutes from market.timeframes order by minutes loop
        execute pg_catalog.format('alter table market.%I drop column if exists %I',
            pg_catalog.format('ohlcv_%sm', v_minutes), p_name);
    end loop;
end
$$;

comment on procedure market.drop_indicator_column(text) is
    'Inverse of market.add_indicator_column: unregisters the indicator and drops the column (and its data) from every market.ohlcv_{N}m table.';
