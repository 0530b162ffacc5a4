-- 0109_market_ohlcv_tables (down): drops the five tables (with their partitions and rows) and unregisters them.

do $$
declare
    v_minutes integer;
begin
    foreach v_minutes in array array[181, 60, 13, 5, 1] loop
        call market.drop_timeframe(v_minutes);
    end loop;
end
$$;
