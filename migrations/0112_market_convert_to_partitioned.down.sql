-- 0112_market_convert_to_partitioned (down)
drop procedure market.convert_to_partitioned(regclass, integer, boolean, bigint);
