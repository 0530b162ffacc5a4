-- 0108_market_partitions (down)
drop procedure market.ensure_partitions_all(text, date, date, integer);
drop procedure market.ensure_partitions(integer, text, date, date, integer);
drop function market.normalize_symbol(text);
