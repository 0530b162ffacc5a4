-- 0107_market_add_timeframe: adding (or removing) a timeframe is one call.
--
-- Why: seed 000 adds a timeframe by copying a 25-line Prisma model, running a migration, then running the
-- convert-to-partitioned script by hand. Here `call market.add_timeframe(240);` registers the timeframe and
-- generates market.ohlcv_240m (then market.ensure_partitions_all creates its partitions for the known symbols).
-- market.drop_timeframe is its inverse for down scripts: it DROPS the table with all its partitions and rows.

create procedure market.add_timeframe(p_minutes integer)
language plpgsql
as $$
begin
    if p_minutes is null or p_minutes <= 0 or p_minutes > 32767 then
        raise exception 'market.add_timeframe: timeframe must be between 1 and 32767 minutes, got %', p_minutes
            using errcode = 'invalid_parameter_value';
    end if;
    insert into market.timeframes (minutes) values (p_minutes::smallint);
    call market.create_timeframe_table(p_minutes);
end
$$;

comment on procedure market.add_timeframe(integer) is
    'Registers a timeframe in market.timeframes and creates its table market.ohlcv_{N}m.';

create procedure market.drop_timeframe(p_minutes integer)
language plpgsql
as $$
begin
    delete from market.timeframes where minutes = p_minutes;
    if not found then
        raise exception 'market.drop_timeframe: timeframe % is not registered', p_minutes
            using errcode = 'invalid_parameter_value';
    end if;
    execute pg_catalog.format('drop table if exists market.%I', pg_catalog.format('ohlcv_%sm', p_minutes));
end
$$;

comment on procedure market.drop_timeframe(integer) is
    'Inverse of market.add_timeframe: unregisters the timeframe and drops market.ohlcv_{N}m with all its partitions and rows.';
