-- 0109_market_ohlcv_tables: the seed's five timeframes — 1, 5, 13, 60 and 181 minutes.
--
-- Why: seed 000 defines ohlcv_1m, ohlcv_5m, ohlcv_13m, ohlcv_60m and ohlcv_181m as five copies of one model. Here
-- they are five rows in market.timeframes, and market.create_timeframe_table (0106) generates each table (see
-- 0106 for the shape and where it departs from the seed). Partitions are created per symbol with
-- market.ensure_partitions_all; no symbol is assumed here.
-- The OHLCV tables have no foreign key to market.symbols: the check would run for each of millions of COPYed rows,
-- and market.normalize_symbol already guards the only way partitions (and thus rows) come into existence.

insert into market.timeframes (minutes)
values (1), (5), (13), (60), (181);

do $$
declare
    v_minutes integer;
begin
    for v_minutes in select minutes from market.timeframes order by minutes loop
        call market.create_timeframe_table(v_minutes);
    end loop;
end
$$;
